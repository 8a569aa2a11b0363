import { ACTIVITY_TYPES } from '../../contract/common';
import { addDays } from '../../domain/calendar';
import {
  addFacts,
  avgTestScore,
  completionRate,
  type DatedFacts,
  EMPTY_FACTS,
  type Facts,
  flashcardAccuracy,
  type Grain,
  hasFacts,
  type MetricType,
  metricTrend,
  PERIOD_OF,
  pickFacts,
  shiftPeriod,
  subtractFacts,
  TREND_WINDOW,
} from '../../domain/performance';
import { type Ctx, today } from '../context';
import { periodEnd, periodStart } from './periods';

/**
 * The facts behind the performance channels, per period of a grain and per scope (in total, per
 * class, no class). Closed periods (ended before today) are kept in performance_metrics; the
 * current one is its closed days from the same cache plus today computed live. The database drops
 * cached periods from a changed study day on (0005), so only the affected periods are recomputed,
 * and since facts are sums, a cached period, a roll-up of days and a computation from scratch
 * give the same numbers (performance.property.test.ts).
 */

export type Scope = 'total' | 'class' | 'no_class';

export interface PeriodFacts extends DatedFacts {
  scope: Scope;
  class_id: string | null;
}

/** Every fact of a scope summed over a span of periods. */
export interface ScopeFacts extends Facts {
  scope: Scope;
  class_id: string | null;
}

export interface ActivityFacts {
  activity_type: string;
  activities: number;
  minutes: number;
  items_completed: number;
  items_correct: number;
}

const METRIC_TYPES: readonly MetricType[] = ['study_time', 'test_average', 'flashcard_mastery', 'assignment_completion'];

const FACT_COLUMNS = `
  coalesce(sum(value_sum) FILTER (WHERE metric_type = 'study_time'), 0)::integer AS minutes,
  coalesce(sum(sample_size) FILTER (WHERE metric_type = 'study_time'), 0)::integer AS sessions,
  coalesce(sum(sample_size) FILTER (WHERE metric_type = 'test_average'), 0)::integer AS tests,
  coalesce(sum(value_sum) FILTER (WHERE metric_type = 'test_average'), 0) AS test_score_sum,
  coalesce(sum(sample_size) FILTER (WHERE metric_type = 'flashcard_mastery'), 0)::integer AS cards_completed,
  coalesce(sum(value_sum) FILTER (WHERE metric_type = 'flashcard_mastery'), 0)::integer AS cards_correct,
  coalesce(sum(sample_size) FILTER (WHERE metric_type = 'assignment_completion'), 0)::integer AS assignments_due,
  coalesce(sum(value_sum) FILTER (WHERE metric_type = 'assignment_completion'), 0)::integer AS assignments_completed`;

const CACHED_PERIODS = `
  SELECT period_start, period_end, CASE WHEN class_id IS NULL THEN 'total' ELSE 'class' END AS scope, class_id, ${FACT_COLUMNS}
    FROM performance_metrics
   WHERE user_id = $1 AND metric_period = $2 AND period_start BETWEEN $3 AND $4
   GROUP BY period_start, period_end, class_id
   ORDER BY period_start, class_id NULLS FIRST`;

// periods: how many periods the total row found cached (complete when it is every period of the span).
const CACHED_SPAN = `
  SELECT CASE WHEN class_id IS NULL THEN 'total' ELSE 'class' END AS scope, class_id, ${FACT_COLUMNS},
         count(*) FILTER (WHERE metric_type = 'study_time')::integer AS periods
    FROM performance_metrics
   WHERE user_id = $1 AND metric_period = $2 AND period_start BETWEEN $3 AND $4
   GROUP BY class_id`;

// periods: how many periods hold a row for the type (the breakdown stores every type, zeros too).
const CACHED_ACTIVITIES = `
  SELECT a.activity_type, sum(a.activities)::integer AS activities, sum(a.minutes)::integer AS minutes,
         sum(a.items_completed)::integer AS items_completed, sum(a.items_correct)::integer AS items_correct,
         count(*)::integer AS periods
    FROM performance_metrics m JOIN performance_activity_metrics a ON a.metric_id = m.id
   WHERE m.user_id = $1 AND m.metric_period = $2 AND m.metric_type = 'study_time' AND m.class_id IS NULL
     AND m.period_start BETWEEN $3 AND $4
   GROUP BY a.activity_type`;

const STORE_METRICS = `
  INSERT INTO performance_metrics (user_id, class_id, metric_type, metric_period, period_start, period_end,
                                   metric_value, sample_size, value_sum, trend, calculated_at)
  SELECT $1, x.class_id, x.metric_type, $2, x.period_start, x.period_end, x.metric_value, x.sample_size, x.value_sum,
         x.trend, $4
    FROM jsonb_to_recordset($3::jsonb) AS x(class_id uuid, metric_type text, period_start date, period_end date,
                                            metric_value numeric, sample_size integer, value_sum numeric, trend text)
  ON CONFLICT ON CONSTRAINT performance_metrics_unique DO NOTHING`;

// One row per cached period and activity type, zeros included, so a complete breakdown is countable.
const STORE_ACTIVITIES = `
  INSERT INTO performance_activity_metrics (metric_id, user_id, activity_type, activities, minutes, items_completed, items_correct)
  SELECT m.id, $1, t.activity_type, coalesce(r.activities, 0), coalesce(r.minutes, 0), coalesce(r.items_completed, 0),
         coalesce(r.items_correct, 0)
    FROM performance_metrics m
   CROSS JOIN unnest($6::text[]) AS t(activity_type)
    LEFT JOIN activity_type_rows($1, $3, $4, $5) r ON r.period_start = m.period_start AND r.activity_type = t.activity_type
   WHERE m.user_id = $1 AND m.metric_period = $2 AND m.metric_type = 'study_time' AND m.class_id IS NULL
     AND m.period_start BETWEEN $4 AND $5
  ON CONFLICT DO NOTHING`;

/** The first study day of the student's history, or null before any session. */
export async function firstStudyDay(ctx: Ctx): Promise<string | null> {
  const { rows } = await ctx.tx.query<{ day: string | null }>('SELECT first_study_day($1) AS day', [ctx.userId]);
  return rows[0]?.day ?? null;
}

/** Starts of the periods from the one starting at `from` to the one starting at `to`. */
export function periodStarts(grain: Grain, from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to; p = shiftPeriod(grain, p, 1)) out.push(p);
  return out;
}

/**
 * Facts of every scope for the periods starting at `from`..`to` (period starts, `to` at most the
 * current period): closed periods from the cache, computing and storing the missing ones first;
 * the current period as its closed days from the cache plus today and the rest of it live (only
 * assignments can be due on days still to come).
 */
export async function periodFacts(ctx: Ctx, grain: Grain, from: string, to: string): Promise<PeriodFacts[]> {
  const current = periodStart(grain, today(ctx));
  const lastClosed = shiftPeriod(grain, current, -1);
  const out: PeriodFacts[] = [];
  if (from <= lastClosed) out.push(...(await cachedPeriods(ctx, grain, from, to < lastClosed ? to : lastClosed)));
  if (to >= current) {
    const dates = { period_start: current, period_end: periodEnd(grain, current) };
    out.push(...(await currentFacts(ctx, grain, dates.period_end)).map((f) => ({ ...f, ...dates })));
  }
  return out;
}

/** Facts of every scope summed over the closed periods `from`..`to` (starts). */
export async function spanFacts(ctx: Ctx, grain: Grain, from: string, to: string): Promise<ScopeFacts[]> {
  const read = () => ctx.tx.query<ScopeFacts & { periods: number }>(CACHED_SPAN, [ctx.userId, PERIOD_OF[grain], from, to]);
  let { rows } = await read();
  if ((rows.find((r) => r.scope === 'total')?.periods ?? 0) < periodStarts(grain, from, to).length) {
    await ensureCached(ctx, grain, from, to);
    ({ rows } = await read());
  }
  return withNoClass(rows.map(({ periods: _n, ...facts }) => facts));
}

/**
 * all_time runs from the first study day to today: the closed months from the cache, then the
 * current month so far. Also returns the last TREND_WINDOW months for the trend.
 */
export async function allTimeFacts(ctx: Ctx, firstDay: string | null): Promise<{ span: ScopeFacts[]; months: PeriodFacts[] }> {
  const now = today(ctx);
  const thisMonth = periodStart('month', now);
  const lastClosed = shiftPeriod('month', thisMonth, -1);
  const windowFrom = shiftPeriod('month', thisMonth, -(TREND_WINDOW - 1));
  const first = periodStart('month', firstDay !== null && firstDay < now ? firstDay : now);
  const window = await cachedPeriods(ctx, 'month', windowFrom, lastClosed);
  const closed = first <= lastClosed ? await spanFacts(ctx, 'month', first, lastClosed) : [];
  const dates = { period_start: thisMonth, period_end: periodEnd('month', thisMonth) };
  const soFar = (await currentFacts(ctx, 'month', now)).map((f) => ({ ...f, ...dates }));
  return { span: sumScopes([...closed, ...soFar]), months: [...window, ...soFar] };
}

/** Activities per type over the periods `from`..`to` (starts; `to` may be the current period). */
export async function activityFacts(ctx: Ctx, grain: Grain, from: string, to: string): Promise<ActivityFacts[]> {
  const now = today(ctx);
  const current = periodStart(grain, now);
  const lastClosed = shiftPeriod(grain, current, -1);
  const parts: ActivityFacts[] = [];
  const cached = async (g: Grain, a: string, b: string) => {
    const read = () => ctx.tx.query<ActivityFacts & { periods: number }>(CACHED_ACTIVITIES, [ctx.userId, PERIOD_OF[g], a, b]);
    let { rows } = await read();
    const periods = periodStarts(g, a, b).length;
    if (rows.length < ACTIVITY_TYPES.length || rows.some((r) => r.periods < periods)) {
      await ensureCached(ctx, g, a, b);
      await ctx.tx.query(STORE_ACTIVITIES, [ctx.userId, PERIOD_OF[g], g, a, b, ACTIVITY_TYPES]);
      ({ rows } = await read());
    }
    parts.push(...rows.map(({ periods: _n, ...facts }) => facts));
  };
  if (from <= lastClosed) await cached(grain, from, to < lastClosed ? to : lastClosed);
  if (to >= current) {
    if (current < now) await cached('day', current, addDays(now, -1));
    const { rows } = await ctx.tx.query<ActivityFacts>(
      'SELECT activity_type, activities, minutes, items_completed, items_correct FROM activity_type_rows($1, $2, $3, $3)',
      [ctx.userId, 'day', now],
    );
    parts.push(...rows);
  }
  const byType = new Map<string, ActivityFacts>();
  for (const r of parts) {
    const seen = byType.get(r.activity_type);
    byType.set(r.activity_type, seen
      ? {
          activity_type: r.activity_type,
          activities: seen.activities + r.activities,
          minutes: seen.minutes + r.minutes,
          items_completed: seen.items_completed + r.items_completed,
          items_correct: seen.items_correct + r.items_correct,
        }
      : r);
  }
  return [...byType.values()];
}

/** The facts of one scope per period, zeros where the scope had none. */
export function scopeSeries(periods: readonly PeriodFacts[], classId: string | null): DatedFacts[] {
  const ends = new Map(periods.map((p) => [p.period_start, p.period_end]));
  const mine = new Map(
    periods.filter((p) => (classId === null ? p.scope === 'total' : p.class_id === classId)).map((p) => [p.period_start, p]),
  );
  return [...ends].map(([start, end]) => {
    const match = mine.get(start);
    return { period_start: start, period_end: end, ...(match ? pickFacts(match) : EMPTY_FACTS) };
  });
}

// ---------------------------------------------------------------- the cache

/**
 * The current period of `grain` up to `until` (today, or the period's last day): its days before
 * today from the daily cache, today onwards live. Facts add up over days, so this is the period.
 */
async function currentFacts(ctx: Ctx, grain: Grain, until: string): Promise<ScopeFacts[]> {
  const now = today(ctx);
  const start = periodStart(grain, now);
  const parts: ScopeFacts[] = start < now ? await spanFacts(ctx, 'day', start, addDays(now, -1)) : [];
  parts.push(...(await livePeriods(ctx, 'day', now, until)));
  return sumScopes(parts);
}

async function livePeriods(ctx: Ctx, grain: Grain, from: string, to: string): Promise<PeriodFacts[]> {
  const { rows } = await ctx.tx.query<PeriodFacts>('SELECT * FROM performance_rows($1, $2, $3, $4)', [ctx.userId, grain, from, to]);
  return rows;
}

async function cachedPeriods(ctx: Ctx, grain: Grain, from: string, to: string): Promise<PeriodFacts[]> {
  const read = () => ctx.tx.query<PeriodFacts>(CACHED_PERIODS, [ctx.userId, PERIOD_OF[grain], from, to]);
  let { rows } = await read();
  const expected = periodStarts(grain, from, to);
  const cached = new Set(rows.filter((r) => r.scope === 'total').map((r) => r.period_start));
  const missing = expected.find((p) => !cached.has(p));
  if (missing !== undefined) {
    await storePeriods(ctx, grain, missing, to, cached);
    ({ rows } = await read());
  }
  return withNoClass(rows);
}

/** Makes sure every closed period `from`..`to` (starts) is cached. */
async function ensureCached(ctx: Ctx, grain: Grain, from: string, to: string): Promise<void> {
  const { rows } = await ctx.tx.query<{ period_start: string }>(
    `SELECT period_start FROM performance_metrics
      WHERE user_id = $1 AND metric_period = $2 AND metric_type = 'study_time' AND class_id IS NULL
        AND period_start BETWEEN $3 AND $4`,
    [ctx.userId, PERIOD_OF[grain], from, to],
  );
  const cached = new Set(rows.map((r) => r.period_start));
  const missing = periodStarts(grain, from, to).find((p) => !cached.has(p));
  if (missing !== undefined) await storePeriods(ctx, grain, missing, to, cached);
}

/**
 * Computes the closed periods `from`..`to` set-based and stores the ones not cached yet: four
 * metric rows per period in total (also for an empty period, so the cache knows it) and four per
 * class with any facts. Each row carries its trend over the TREND_WINDOW periods ending with it,
 * so the lead-in periods are computed too.
 */
async function storePeriods(ctx: Ctx, grain: Grain, from: string, to: string, cached: ReadonlySet<string>): Promise<void> {
  const leadIn = shiftPeriod(grain, from, -(TREND_WINDOW - 1));
  const [computed, firstDay] = await Promise.all([livePeriods(ctx, grain, leadIn, to), firstStudyDay(ctx)]);
  const classes = [...new Set(computed.filter((r) => r.scope === 'class').map((r) => r.class_id!))];
  const rows: object[] = [];
  for (const classId of [null, ...classes]) {
    const series = scopeSeries(computed, classId);
    series.forEach((p, i) => {
      if (p.period_start < from || cached.has(p.period_start) || (classId !== null && !hasFacts(p))) return;
      const window = series.slice(Math.max(0, i - TREND_WINDOW + 1), i + 1);
      for (const metric of METRIC_TYPES) {
        const { trend } = metricTrend(metric, window, firstDay, today(ctx));
        rows.push({ class_id: classId, metric_type: metric, period_start: p.period_start, period_end: p.period_end, trend, ...metricColumns(metric, p) });
      }
    });
  }
  await ctx.tx.query(STORE_METRICS, [ctx.userId, PERIOD_OF[grain], JSON.stringify(rows), ctx.now]);
}

/** How a metric is stored: its value, the sample it rests on, and the sum the value came from. */
function metricColumns(metric: MetricType, f: Facts): { metric_value: number; sample_size: number; value_sum: number } {
  switch (metric) {
    case 'study_time':
      return { metric_value: f.minutes, sample_size: f.sessions, value_sum: f.minutes };
    case 'test_average':
      return { metric_value: avgTestScore(f) ?? 0, sample_size: f.tests, value_sum: f.test_score_sum };
    case 'flashcard_mastery':
      return { metric_value: flashcardAccuracy(f) ?? 0, sample_size: f.cards_completed, value_sum: f.cards_correct };
    case 'assignment_completion':
      return { metric_value: completionRate(f) ?? 0, sample_size: f.assignments_due, value_sum: f.assignments_completed };
  }
}

/** Adds the "no class" scope (total minus every class, when not zero) to cached rows, which store only those two. */
function withNoClass<T extends ScopeFacts & { period_start?: string }>(rows: T[]): T[] {
  const out: T[] = [];
  for (const total of rows.filter((r) => r.scope === 'total')) {
    const classes = rows.filter((r) => r.scope === 'class' && r.period_start === total.period_start);
    const rest = classes.reduce<Facts>((left, c) => subtractFacts(left, c), pickFacts(total));
    out.push(total, ...classes);
    if (hasFacts(rest)) out.push({ ...total, ...rest, scope: 'no_class', class_id: null });
  }
  return out;
}

export function sumScopes(parts: readonly ScopeFacts[]): ScopeFacts[] {
  const byKey = new Map<string, ScopeFacts>();
  for (const p of parts) {
    const key = p.scope === 'class' ? p.class_id! : p.scope;
    const seen = byKey.get(key);
    byKey.set(key, { scope: p.scope, class_id: p.class_id, ...(seen ? addFacts(seen, p) : pickFacts(p)) });
  }
  return [...byKey.values()];
}
