import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../shared/services/context';
import { computeAggregates, type Grain, periodAggregates } from '../../shared/services/analytics/periods';
import type { Core } from './core';
import { openTestCore } from './test-support/test-core';

const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'] as const;
const DAY0 = Date.parse('2026-01-22T00:00:00Z');

const op = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    dayOffset: fc.integer({ min: 0, max: 16 }),
    minuteOfDay: fc.integer({ min: 0, max: 1439 }),
    minutes: fc.integer({ min: 5, max: 300 }),
    pausedPct: fc.integer({ min: 0, max: 50 }),
    withClass: fc.boolean(),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('activity' as const), pick: fc.nat(), type: fc.constantFrom('testing', 'flashcards', 'notes' as const), done: fc.integer({ min: 1, max: 40 }), correctPct: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), shiftMinutes: fc.integer({ min: -600, max: 600 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('zone' as const), zone: fc.constantFrom(...ZONES) }),
  fc.record({ kind: fc.constant('report' as const), grain: fc.constantFrom<Grain>('day', 'week', 'month') }),
  fc.record({ kind: fc.constant('rollover' as const), hour: fc.constantFrom(0, 3, 4, 6) }),
  // The next day: yesterday's snapshots of the periods under way must not be read as today's.
  fc.record({ kind: fc.constant('tomorrow' as const) }),
);

async function aggregates(core: Core, cached: boolean, grain: Grain) {
  const { result } = await inTransaction(core.db, { userId: core.userId, now: core.now(), settings: core.settings }, (ctx) =>
    cached ? periodAggregates(ctx, grain, '2026-01-05', '2026-02-28') : computeAggregates(ctx, grain, '2026-01-05', '2026-02-28', true),
  );
  return result;
}

describe('cached period snapshots', () => {
  it('equal a computation from scratch after any sequence of edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        // Today falls inside the data, so days, weeks and the month under way are cached for the day.
        const { core, clock } = await openTestCore('2026-02-02T12:00:00Z', 'Europe/Berlin');
        try {
          const classId = (await core.call('classes.create', { name: 'Physics' })).class.id;
          const ids: string[] = [];
          const pick = (n: number) => ids[n % ids.length];
          for (const o of ops) {
            if (o.kind === 'add') {
              const start = DAY0 + o.dayOffset * 86_400_000 + o.minuteOfDay * 60_000;
              const r = await core.invoke('sessions.createManual', {
                start_time: new Date(start).toISOString(),
                end_time: new Date(start + o.minutes * 60_000).toISOString(),
                paused_seconds: Math.floor((o.minutes * 60 * o.pausedPct) / 100),
                class_id: o.withClass ? classId : null,
                productivity_rating: o.rating ?? null,
              });
              if (r.ok) ids.push((r.data as { session: { id: string } }).session.id);
            } else if (ids.length === 0) {
              continue;
            } else if (o.kind === 'activity') {
              await core.invoke('sessions.logActivity', {
                session_id: pick(o.pick), activity_type: o.type, items_completed: o.done,
                items_correct: Math.floor((o.done * o.correctPct) / 100), duration_minutes: 3,
              });
            } else if (o.kind === 'edit') {
              const s = await core.call('sessions.get', { session_id: pick(o.pick)! }).catch(() => null);
              if (s?.end_time) {
                await core.invoke('sessions.update', {
                  session_id: s.id,
                  start_time: new Date(Date.parse(s.start_time) + o.shiftMinutes * 60_000).toISOString(),
                  end_time: new Date(Date.parse(s.end_time) + o.shiftMinutes * 60_000).toISOString(),
                });
              }
            } else if (o.kind === 'delete') {
              await core.invoke('sessions.delete', { session_id: pick(o.pick) });
            } else if (o.kind === 'restore') {
              await core.invoke('sessions.restore', { session_id: pick(o.pick) });
            } else if (o.kind === 'zone') {
              await core.call('settings.update', { time_zone: o.zone });
            } else if (o.kind === 'rollover') {
              await core.call('settings.update', { day_rollover_hour: o.hour });
            } else if (o.kind === 'tomorrow') {
              clock.advanceMinutes(24 * 60);
            } else {
              await aggregates(core, true, o.grain); // fills the cache between edits
            }
          }
          for (const grain of ['day', 'week', 'month'] as const) {
            expect(await aggregates(core, true, grain)).toEqual(await aggregates(core, false, grain));
          }
        } finally {
          await core.close();
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('a streak that crosses the edge of the cache', () => {
  it('continues from the cached day before the recomputed range', async () => {
    const { core } = await openTestCore('2026-04-28T12:00:00Z', 'UTC');
    try {
      // 25 Jan - 5 Feb: twelve days in a row, 30 minutes each at noon.
      const ids: string[] = [];
      for (let d = 0; d < 12; d++) {
        const start = Date.parse('2026-01-25T12:00:00Z') + d * 86_400_000;
        const r = await core.call('sessions.createManual', { start_time: new Date(start).toISOString(), end_time: new Date(start + 30 * 60_000).toISOString() });
        ids.push(r.session.id);
      }
      await aggregates(core, true, 'day'); // caches every closed day
      // An edit on 3 Feb drops the cache from 1 Feb on; 31 Jan stays and seeds the streak.
      await core.call('sessions.update', { session_id: ids[9]!, end_time: '2026-02-03T12:45:00Z' });
      const cached = await aggregates(core, true, 'day');
      const byDay = new Map(cached.map((d) => [d.snapshot_date, d.streak_days]));
      expect([byDay.get('2026-01-31'), byDay.get('2026-02-01'), byDay.get('2026-02-05'), byDay.get('2026-02-06'), byDay.get('2026-02-07')])
        .toEqual([7, 8, 12, 12, 0]);
      expect(cached).toEqual(await aggregates(core, false, 'day'));
    } finally {
      await core.close();
    }
  });
});

describe('a streak longer than the 30 days read before a range', () => {
  it('is counted whole, and a gap inside those days keeps the read short without changing the numbers', async () => {
    const { core } = await openTestCore('2026-09-01T12:00:00Z', 'UTC');
    try {
      // 150 days in a row from 1 Jan (30 minutes at noon), except 10 Feb in the second half.
      const ids = new Map<string, string>();
      for (let d = 0; d < 150; d++) {
        const start = Date.parse('2026-01-01T12:00:00Z') + d * 86_400_000;
        const r = await core.call('sessions.createManual', { start_time: new Date(start).toISOString(), end_time: new Date(start + 30 * 60_000).toISOString() });
        ids.set(new Date(start).toISOString().slice(0, 10), r.session.id);
      }
      const streakOn = async (day: string) => {
        const { result } = await inTransaction(core.db, { userId: core.userId, now: core.now(), settings: core.settings }, (ctx) =>
          computeAggregates(ctx, 'day', day, day, true));
        return result[0]!.streak_days;
      };
      // 30 May is day 150: the range's 30 days before it are all studied, so older history is read.
      expect(await streakOn('2026-05-30')).toBe(150);
      await core.call('sessions.delete', { session_id: ids.get('2026-02-10')! });
      // Now the run starts on 11 Feb: 109 days by 30 May.
      expect(await streakOn('2026-05-30')).toBe(109);
      expect(await streakOn('2026-02-09')).toBe(40);
      // A gap among the 30 days before the range: they alone settle it (21-30 May), and the day
      // before the gap still sees its whole run (11 Feb - 19 May: 18 + 31 + 30 + 19).
      await core.call('sessions.delete', { session_id: ids.get('2026-05-20')! });
      expect(await streakOn('2026-05-30')).toBe(10);
      expect(await streakOn('2026-05-19')).toBe(98);
    } finally {
      await core.close();
    }
  });
});
