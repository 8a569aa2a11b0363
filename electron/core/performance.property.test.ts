import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inTransaction, today } from '../../shared/services/context';
import { type PeriodFacts, periodFacts, spanFacts, sumScopes } from '../../shared/services/analytics/metrics';
import { periodStart } from '../../shared/services/analytics/periods';
import { shiftPeriod } from '../../shared/domain/performance';
import type { Core } from './core';
import { openTestCore, type TestClock } from './test-support/test-core';

// performance_metrics is a cache: whatever happened to the rows under it (edits, deletes, zone and
// rollover changes, assignments, days passing), the channels answer exactly as from an empty
// cache, and the rows they store are the rows a fresh computation stores.

const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'] as const;
const DAY0 = Date.parse('2026-01-22T00:00:00Z');

const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    kind: fc.constant('add' as const),
    dayOffset: fc.integer({ min: 0, max: 30 }),
    minuteOfDay: fc.integer({ min: 0, max: 1439 }),
    minutes: fc.integer({ min: 5, max: 300 }),
    classPick: fc.integer({ min: 0, max: 2 }),
  }) },
  { weight: 4, arbitrary: fc.record({
    kind: fc.constant('activity' as const),
    pick: fc.nat(),
    type: fc.constantFrom('testing', 'flashcards', 'reading' as const),
    deck: fc.constantFrom('a', 'b'),
    done: fc.integer({ min: 1, max: 40 }),
    correctPct: fc.integer({ min: 0, max: 100 }),
  }) },
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), shiftMinutes: fc.integer({ min: -900, max: 900 }), classPick: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('assignment' as const), dayOffset: fc.integer({ min: 0, max: 40 }), classPick: fc.integer({ min: 0, max: 2 }), done: fc.boolean() }),
  fc.record({ kind: fc.constant('zone' as const), zone: fc.constantFrom(...ZONES) }),
  fc.record({ kind: fc.constant('rollover' as const), hour: fc.constantFrom(0, 3, 4, 6) }),
  fc.record({ kind: fc.constant('tick' as const), hours: fc.integer({ min: 1, max: 72 }) }),
  fc.record({ kind: fc.constant('view' as const), which: fc.nat() }),
);

/** Facts per period from the cache (closed periods, the current one rolled up from days) and from scratch. */
async function factsBothWays(core: Core) {
  const { result } = await inTransaction(core.db, { userId: core.userId, now: core.now(), settings: core.settings }, async (ctx) => {
    const out: Record<string, { cached: unknown; scratch: unknown }> = {};
    const scratch = async (grain: string, from: string, to: string) =>
      (await ctx.tx.query<PeriodFacts>('SELECT * FROM performance_rows($1, $2, $3, $4)', [ctx.userId, grain, from, to])).rows;
    const key = (r: { period_start?: string; scope: string; class_id: string | null }) => `${r.period_start ?? ''} ${r.scope} ${r.class_id ?? ''}`;
    const sorted = <T extends { period_start?: string; scope: string; class_id: string | null; test_score_sum: number }>(rows: T[]) =>
      [...rows].sort((a, b) => key(a).localeCompare(key(b))).map((r) => ({ ...r, test_score_sum: Math.round(r.test_score_sum * 100) }));
    for (const grain of ['day', 'week', 'month'] as const) {
      const current = periodStart(grain, today(ctx));
      const first = periodStart(grain, '2026-01-05');
      out[grain] = { cached: sorted(await periodFacts(ctx, grain, first, current)), scratch: sorted(await scratch(grain, first, current)) };
    }
    const thisMonth = periodStart('month', today(ctx));
    const last = shiftPeriod('month', thisMonth, -1);
    out.span = { cached: sorted(await spanFacts(ctx, 'month', '2026-01-01', last)), scratch: sorted(sumScopes(await scratch('month', '2026-01-01', last))) };
    return out;
  });
  return result;
}

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function views(classId: string): Array<[string, unknown]> {
  return [
    ['performance.overview', { period: 'daily', date: '2026-02-02' }],
    ['performance.overview', { period: 'weekly', date: '2026-02-04', class_id: classId }],
    ['performance.overview', { period: 'monthly', date: '2026-02-01' }],
    ['performance.overview', { period: 'weekly' }],
    ['performance.overview', { period: 'all_time' }],
    ['performance.trends', { metric_type: 'study_time', period: 'weekly', count: 10, date: '2026-03-01' }],
    ['performance.trends', { metric_type: 'test_average', period: 'monthly', count: 4, class_id: classId }],
    ['performance.trends', { metric_type: 'assignment_completion', period: 'weekly', count: 8, date: '2026-02-20' }],
    ['performance.comparison', { compare_by: 'class', period: 'all_time' }],
    ['performance.comparison', { compare_by: 'activity_type', period: 'monthly', date: '2026-02-10' }],
    ['performance.comparison', { compare_by: 'activity_type', period: 'all_time' }],
    ['performance.comparison', { compare_by: 'period', period: 'weekly', date: '2026-02-10' }],
  ];
}

async function answers(core: Core, calls: Array<[string, unknown]>) {
  const out: unknown[] = [];
  for (const [channel, input] of calls) out.push(await core.invoke(channel, input));
  return out;
}

/** The cache's content without what differs between two computations of the same numbers. */
async function cacheRows(core: Core) {
  const { rows } = await core.db.query(
    `SELECT m.metric_period, m.period_start::text, m.period_end::text, m.class_id, m.metric_type, m.metric_value,
            m.sample_size, m.value_sum, m.trend,
            (SELECT jsonb_agg(a ORDER BY a.activity_type) FROM (
               SELECT activity_type, activities, minutes, items_completed, items_correct
                 FROM performance_activity_metrics WHERE metric_id = m.id) a) AS activities
       FROM performance_metrics m ORDER BY 1, 2, 4 NULLS FIRST, 5`,
  );
  return rows;
}

async function apply(core: Core, clock: TestClock, classes: Array<string | null>, ids: string[], o: Op) {
  const pick = (n: number) => ids[n % ids.length]!;
  switch (o.kind) {
    case 'add': {
      const start = DAY0 + o.dayOffset * 86_400_000 + o.minuteOfDay * 60_000;
      const r = await core.invoke('sessions.createManual', {
        start_time: new Date(start).toISOString(),
        end_time: new Date(start + o.minutes * 60_000).toISOString(),
        class_id: classes[o.classPick],
      });
      if (r.ok) ids.push((r.data as { session: { id: string } }).session.id);
      return;
    }
    case 'assignment': {
      const r = await core.call('assignments.create', {
        title: 'Homework', class_id: classes[o.classPick], due_at: new Date(DAY0 + o.dayOffset * 86_400_000 + 17 * 3_600_000).toISOString(),
      });
      if (o.done) await core.call('assignments.setStatus', { assignment_id: r.assignment.id, status: 'completed' });
      return;
    }
    case 'zone':
      await core.call('settings.update', { time_zone: o.zone });
      return;
    case 'rollover':
      await core.call('settings.update', { day_rollover_hour: o.hour });
      return;
    case 'tick':
      clock.advanceMinutes(o.hours * 60);
      return;
    case 'view': {
      const list = views(classes[0]!);
      const [channel, input] = list[o.which % list.length]!;
      await core.invoke(channel, input); // fills the cache between edits
      return;
    }
  }
  if (ids.length === 0) return;
  if (o.kind === 'activity') {
    await core.invoke('sessions.logActivity', {
      session_id: pick(o.pick), activity_type: o.type, content_id: `deck-${o.deck}`, duration_minutes: 3,
      ...(o.type === 'reading' ? {} : { items_completed: o.done, items_correct: Math.floor((o.done * o.correctPct) / 100) }),
    });
  } else if (o.kind === 'edit') {
    const s = await core.call('sessions.get', { session_id: pick(o.pick) }).catch(() => null);
    if (s?.end_time) {
      await core.invoke('sessions.update', {
        session_id: s.id,
        class_id: classes[o.classPick],
        start_time: new Date(Date.parse(s.start_time) + o.shiftMinutes * 60_000).toISOString(),
        end_time: new Date(Date.parse(s.end_time) + o.shiftMinutes * 60_000).toISOString(),
      });
    }
  } else if (o.kind === 'delete') {
    await core.invoke('sessions.delete', { session_id: pick(o.pick) });
  } else if (o.kind === 'restore') {
    await core.invoke('sessions.restore', { session_id: pick(o.pick) });
  }
}

describe('cached performance metrics', () => {
  it('equal a computation from scratch after any sequence of edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40, size: 'medium' }), async (ops) => {
        const { core, clock } = await openTestCore('2026-03-02T12:00:00Z', 'Europe/Berlin');
        try {
          const physics = (await core.call('classes.create', { name: 'Physics' })).class.id;
          const history = (await core.call('classes.create', { name: 'History' })).class.id;
          const classes = [physics, history, null];
          const ids: string[] = [];
          for (const o of ops) await apply(core, clock, classes, ids, o);

          for (const [what, { cached, scratch }] of Object.entries(await factsBothWays(core))) {
            expect({ what, facts: cached }).toEqual({ what, facts: scratch });
          }

          const calls = views(physics);
          const cached = await answers(core, calls);
          const stored = await cacheRows(core);
          await core.db.exec('DELETE FROM performance_metrics');
          expect(await answers(core, calls)).toEqual(cached);
          // Earlier views may have cached more periods; each one a fresh computation stores is the same.
          const fresh = await cacheRows(core);
          expect(stored).toEqual(expect.arrayContaining(fresh));
        } finally {
          await core.close();
        }
      }),
      { numRuns: 10 },
    );
  });
});
