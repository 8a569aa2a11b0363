import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../shared/services/context';
import { computeAggregates, type Grain, periodAggregates } from '../../shared/services/analytics/periods';
import type { Core } from './core';
import { openTestCore } from './test-support/test-core';

const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'] as const;
const DAY0 = Date.parse('2026-02-20T00:00:00Z');

const op = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    dayOffset: fc.integer({ min: 0, max: 60 }),
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
);

async function aggregates(core: Core, cached: boolean, grain: Grain) {
  const run = cached ? periodAggregates : computeAggregates;
  const { result } = await inTransaction(core.db, { userId: core.userId, now: core.now(), settings: core.settings }, (ctx) =>
    run(ctx, grain, '2026-02-16', '2026-04-26'),
  );
  return result;
}

describe('cached period snapshots', () => {
  it('equal a computation from scratch after any sequence of edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const { core } = await openTestCore('2026-04-28T12:00:00Z', 'Europe/Berlin');
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
