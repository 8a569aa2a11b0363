import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { Core } from './core';
import { ledgerMismatches, outboxMismatches } from './test-support/invariants';

const root = mkdtempSync(join(tmpdir(), 'study-desk-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Acks {
  sessions: string[];
  activities: string[];
  deleted: string[];
}

/** Runs the writer until it acknowledged `after` writes plus a random few ms, then kills it with SIGKILL. */
function writeThenKill(dataDir: string, offset: number, after: number): Promise<Acks> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'test-support/write-stream.ts'), dataDir, String(offset)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acks: Acks = { sessions: [], activities: [], deleted: [] };
  let count = 0;
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, kind, id] = line.split(' ');
      if (word !== 'ack' || !id) return;
      if (kind === 'session') acks.sessions.push(id);
      if (kind === 'activity') acks.activities.push(id);
      if (kind === 'deleted') acks.deleted.push(id);
      if (++count === after) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`writer exited without being killed (${signal})`))));
  });
}

describe('kill -9 in the middle of a stream of writes', () => {
  it('reopens every time with every acknowledged write and a consistent outbox and ledger', async () => {
    const dataDir = join(root, 'pgdata');
    const all: Acks = { sessions: [], activities: [], deleted: [] };
    for (let round = 0; round < 5; round++) {
      const acks = await writeThenKill(dataDir, round * 1000, 15 + Math.floor(Math.random() * 30));
      all.sessions.push(...acks.sessions);
      all.activities.push(...acks.activities);
      all.deleted.push(...acks.deleted);

      const core = await Core.open({ dataDir, maintenance: false }); // takes over the dead writer's lock
      try {
        const present = async (table: string, ids: string[]) =>
          (await core.db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])).rows[0]!.n;
        expect(await present('study_sessions', all.sessions)).toBe(all.sessions.length);
        expect(await present('session_activities', all.activities)).toBe(all.activities.length);
        const deleted = await core.db.query<{ n: number }>(
          'SELECT count(*)::integer AS n FROM study_sessions WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL',
          [all.deleted],
        );
        expect(deleted.rows[0]!.n).toBe(all.deleted.length);
        expect(await outboxMismatches(core.db)).toEqual([]);
        expect(await ledgerMismatches(core.db)).toEqual([]);
      } finally {
        await core.close();
      }
    }
    expect(all.sessions.length).toBeGreaterThan(25);
  });
});

describe('kill -9 during the first open', () => {
  it('leaves a data dir the next open completes', async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = join(root, `first-run-${round}`);
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'test-support/write-stream.ts'), dataDir, '0'], {
        stdio: 'ignore',
      });
      await new Promise((r) => setTimeout(r, 300 + round * 400));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const core = await Core.open({ dataDir, maintenance: false });
      try {
        expect(await outboxMismatches(core.db)).toEqual([]);
        expect((await core.call('settings.get', {})).day_rollover_hour).toBe(4);
      } finally {
        await core.close();
      }
    }
  });
});
