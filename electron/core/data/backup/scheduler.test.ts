import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../core';
import type { MaintenanceTimers } from '../../db/maintenance';
import { TestClock } from '../../test-support/test-core';
import { readManifests } from './manifest';
import { DailyBackupScheduler } from './scheduler';

const HOUR = 3_600_000;

describe('the daily backup', () => {
  it('runs on an idle moment at most once a day, and again once a day has passed', async () => {
    let now = Date.parse('2026-03-01T09:00:00Z');
    const taken: number[] = [];
    let busy = false;
    const scheduler = new DailyBackupScheduler({
      now: () => now,
      lastDaily: async () => now - 30 * HOUR,
      backUp: async () => {
        if (busy) return false;
        taken.push(now);
        return true;
      },
    });
    await scheduler.onIdle();
    expect(taken).toHaveLength(1); // the last one is 30 h old
    now += 23 * HOUR;
    await scheduler.onIdle();
    expect(taken).toHaveLength(1);
    now += 2 * HOUR;
    busy = true; // a call arrived: not idle after all, so try again next time
    await scheduler.onIdle();
    expect(taken).toHaveLength(1);
    busy = false;
    await scheduler.onIdle();
    await scheduler.onIdle();
    expect(taken).toHaveLength(2);
  });

  it('is taken by a running core through its maintenance idle path', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'study-desk-daily-'));
    let tick: () => void = () => undefined;
    const timers: MaintenanceTimers & { t: number } = {
      t: 0,
      setInterval: (fn) => ((tick = fn), {}),
      clearInterval: () => undefined,
      now: () => timers.t,
    };
    const clock = new TestClock('2026-03-01T09:00:00Z');
    const core = await Core.open({ dataDir: path.join(root, 'pgdata'), clock: clock.now, maintenance: { timers, idleAfterMs: 1000 } });
    // Read the folder directly: a call through the core would make it busy, and idle work waits for quiet.
    const backups = () => readManifests(core.backupFolder!);
    const until = async (n: number) => {
      for (let i = 0; i < 200 && (await backups()).length < n; i++) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await core.call('classes.create', { name: 'Biology' });
      timers.t += 500;
      tick(); // busy: nothing
      await new Promise((r) => setTimeout(r, 200));
      expect(await backups()).toEqual([]);
      timers.t += 1000;
      tick(); // idle: the first daily backup
      await until(1);
      expect((await backups()).map((b) => b.kind)).toEqual(['daily']);
      clock.advanceMinutes(12 * 60);
      timers.t += 60_000;
      tick(); // idle again, but the day is not over
      await new Promise((r) => setTimeout(r, 300));
      expect(await backups()).toHaveLength(1);
      clock.advanceMinutes(12 * 60 + 1);
      timers.t += 60_000;
      tick();
      await until(2);
      expect((await backups()).map((b) => b.kind)).toEqual(['daily', 'daily']);
    } finally {
      await core.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
