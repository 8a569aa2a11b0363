import { addDays, isoWeekOf, isoWeekRange, monthOf, monthRange } from '../../domain/calendar';
import { type Ctx, today } from '../context';

export type Grain = 'day' | 'week' | 'month';

const SNAPSHOT_TYPE = { day: 'daily', week: 'weekly', month: 'monthly' } as const;

/** The analytics_snapshots columns for one period, whether cached or computed live. */
export interface PeriodAggregate {
  snapshot_date: string;
  period_end: string;
  total_study_minutes: number;
  total_sessions: number;
  avg_session_duration: number;
  total_points_earned: number;
  tests_taken: number;
  avg_test_score: number | null;
  flashcards_reviewed: number;
  flashcard_accuracy: number | null;
  assignments_completed: number;
  notes_created: number;
  most_studied_class_id: string | null;
  most_studied_class_minutes: number;
  streak_days: number;
  productivity_score: number;
  days_studied: number;
}

const COLUMNS = `snapshot_date, total_study_minutes, total_sessions, avg_session_duration, total_points_earned,
  tests_taken, avg_test_score, flashcards_reviewed, flashcard_accuracy, assignments_completed, notes_created,
  most_studied_class_id, most_studied_class_minutes, streak_days, productivity_score, days_studied`;

/** The first day of the period of `grain` holding `day`. */
export function periodStart(grain: Grain, day: string): string {
  if (grain === 'day') return day;
  if (grain === 'week') return isoWeekRange(isoWeekOf(day)).start;
  return monthRange(monthOf(day)).start;
}

export function periodEnd(grain: Grain, start: string): string {
  if (grain === 'day') return start;
  if (grain === 'week') return addDays(start, 6);
  return monthRange(monthOf(start)).end;
}

/**
 * Computes periods from the base rows; nothing is stored. With `fromScratch` not even the cached
 * snapshot before the range seeds the streak (the check that the cache is right).
 */
export async function computeAggregates(ctx: Ctx, grain: Grain, from: string, to: string, fromScratch = false): Promise<PeriodAggregate[]> {
  const { rows } = await ctx.tx.query<PeriodAggregate>(
    `SELECT * FROM snapshot_rows($1, $2, $3, $4, $5, $6)`,
    [ctx.userId, grain, periodStart(grain, from), to, today(ctx), !fromScratch],
  );
  return rows;
}

/** One aggregate over an arbitrary range of study days, computed live. */
export async function rangeAggregate(ctx: Ctx, from: string, to: string): Promise<PeriodAggregate> {
  const { rows } = await ctx.tx.query<PeriodAggregate>(
    `SELECT * FROM snapshot_rows($1, 'range', $2, $3, $4)`,
    [ctx.userId, from, to, today(ctx)],
  );
  return rows[0]!;
}

/**
 * The aggregates of every period of `grain` from the one holding `from` to the one holding `to`.
 * Periods that ended before today come from analytics_snapshots, computing and storing the ones
 * missing (the database drops cached periods when rows under them change); the current period is
 * always computed live, since its streak and pace move with the clock.
 */
export async function periodAggregates(ctx: Ctx, grain: Grain, from: string, to: string): Promise<PeriodAggregate[]> {
  const first = periodStart(grain, from);
  const last = periodStart(grain, to);
  const currentStart = periodStart(grain, today(ctx));
  // The last day covered by periods that are over.
  const closedEnd = [periodEnd(grain, last), addDays(currentStart, -1)].sort()[0]!;
  const result: PeriodAggregate[] = [];

  if (first <= closedEnd) {
    const type = SNAPSHOT_TYPE[grain];
    const cached = await ctx.tx.query<PeriodAggregate>(
      `SELECT ${COLUMNS} FROM analytics_snapshots
        WHERE user_id = $1 AND snapshot_type = $2 AND snapshot_date BETWEEN $3 AND $4 ORDER BY snapshot_date`,
      [ctx.userId, type, first, closedEnd],
    );
    const expected = countPeriods(grain, first, periodStart(grain, closedEnd));
    if (cached.rows.length === expected) {
      result.push(...cached.rows.map((r) => ({ ...r, period_end: periodEnd(grain, r.snapshot_date) })));
    } else {
      // Writes drop cached periods from the changed day on, so what is missing is mostly a tail:
      // compute from the first gap (its day-before snapshot then seeds the streak).
      const have = new Set(cached.rows.map((r) => r.snapshot_date));
      let firstGap = first;
      while (have.has(firstGap)) firstGap = addDays(periodEnd(grain, firstGap), 1);
      const computed = await computeAggregates(ctx, grain, firstGap, closedEnd);
      const toStore = computed.filter((r) => !have.has(r.snapshot_date));
      if (toStore.length > 0) {
        await ctx.tx.query(
          `INSERT INTO analytics_snapshots (user_id, snapshot_type, ${COLUMNS})
           SELECT $1, $2, ${COLUMNS} FROM jsonb_populate_recordset(NULL::analytics_snapshots, $3::jsonb)
           ON CONFLICT (user_id, snapshot_type, snapshot_date) DO NOTHING`,
          [ctx.userId, type, JSON.stringify(toStore)],
        );
      }
      const fresh = new Map(computed.map((r) => [r.snapshot_date, r]));
      result.push(
        ...cached.rows
          .filter((r) => r.snapshot_date < firstGap)
          .map((r) => ({ ...r, period_end: periodEnd(grain, r.snapshot_date) })),
        ...[...fresh.values()],
      );
    }
  }
  const liveFrom = first > closedEnd ? first : addDays(closedEnd, 1);
  if (liveFrom <= last) result.push(...(await computeAggregates(ctx, grain, liveFrom, last)));
  return result;
}

function countPeriods(grain: Grain, first: string, lastStart: string): number {
  let n = 0;
  for (let d = first; d <= lastStart; d = addDays(periodEnd(grain, d), 1)) n++;
  return n;
}

/** How far back idle refreshes keep snapshots ready: what reports are opened for. */
const RECENT_DAYS = 400;

/** Stores every closed period of the recent past that is missing from the cache. */
export async function fillRecentPeriods(ctx: Ctx): Promise<void> {
  const yesterday = addDays(today(ctx), -1);
  const from = addDays(yesterday, -RECENT_DAYS);
  for (const grain of ['day', 'week', 'month'] as const) {
    const first = periodStart(grain, from);
    const lastClosed = addDays(periodStart(grain, today(ctx)), -1);
    if (lastClosed < first) continue;
    await periodAggregates(ctx, grain, first, lastClosed);
  }
}
