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

type Cached = PeriodAggregate & { as_of: string | null };

const COLUMN_LIST = COLUMNS.split(',').map((c) => c.trim());

async function readCached(ctx: Ctx, grain: Grain, first: string, last: string): Promise<Cached[]> {
  const { rows } = await ctx.tx.query<Cached>(
    `SELECT ${COLUMNS}, as_of FROM analytics_snapshots
      WHERE user_id = $1 AND snapshot_type = $2 AND snapshot_date BETWEEN $3 AND $4 ORDER BY snapshot_date`,
    [ctx.userId, SNAPSHOT_TYPE[grain], first, last],
  );
  return rows;
}

/**
 * Stores computed periods: closed ones with as_of NULL, the ones still under way with today's
 * date. A row computed before its period ended is replaced; a closed period's row is kept (a
 * concurrent reader may have stored the same numbers first).
 */
async function storeCached(ctx: Ctx, grain: Grain, rows: PeriodAggregate[], asOf: string | null): Promise<void> {
  if (rows.length === 0) return;
  await ctx.tx.query(
    `INSERT INTO analytics_snapshots (user_id, snapshot_type, ${COLUMNS}, as_of)
     SELECT $1, $2, ${COLUMNS}, $4 FROM jsonb_populate_recordset(NULL::analytics_snapshots, $3::jsonb)
     ON CONFLICT (user_id, snapshot_type, snapshot_date) DO UPDATE
        SET (${COLUMNS}, as_of) = (${COLUMN_LIST.map((c) => `EXCLUDED.${c}`).join(', ')}, EXCLUDED.as_of)
      WHERE analytics_snapshots.as_of IS NOT NULL`,
    [ctx.userId, SNAPSHOT_TYPE[grain], JSON.stringify(rows), asOf],
  );
}

/**
 * Whether a cached row still holds on `day`: a period over before today's began counts if it was
 * computed once it had ended; the current one (or a later one) only if computed today.
 */
function stillHolds(grain: Grain, row: Cached, day: string): boolean {
  const end = periodEnd(grain, row.snapshot_date);
  return end < periodStart(grain, day) ? row.as_of === null || row.as_of >= end : row.as_of === day;
}

const withEnd = (grain: Grain, { as_of: _asOf, ...row }: Cached): PeriodAggregate => ({ ...row, period_end: periodEnd(grain, row.snapshot_date) });

/**
 * The aggregates of every period of `grain` from the one holding `from` to the one holding `to`,
 * from analytics_snapshots where it holds them, computing and storing the ones missing (the
 * database drops cached periods when rows under them change). Periods that ended before today are
 * cached for good; the current one (and any later) only for today, since its streak and pace move
 * with the calendar.
 */
export async function periodAggregates(ctx: Ctx, grain: Grain, from: string, to: string): Promise<PeriodAggregate[]> {
  const first = periodStart(grain, from);
  const last = periodStart(grain, to);
  const day = today(ctx);
  const currentStart = periodStart(grain, day);
  // The last day covered by periods that are over.
  const closedEnd = [periodEnd(grain, last), addDays(currentStart, -1)].sort()[0]!;
  const cached = await readCached(ctx, grain, first, last);
  const result: PeriodAggregate[] = [];

  if (first <= closedEnd) {
    // A closed period's row counts only if it was computed once the period was over.
    const closed = cached.filter((r) => r.snapshot_date <= closedEnd && stillHolds(grain, r, day));
    const expected = countPeriods(grain, first, periodStart(grain, closedEnd));
    if (closed.length === expected) {
      result.push(...closed.map((r) => withEnd(grain, r)));
    } else {
      // Writes drop cached periods from the changed day on, so what is missing is mostly a tail:
      // compute from the first gap (its day-before snapshot then seeds the streak).
      const have = new Set(closed.map((r) => r.snapshot_date));
      let firstGap = first;
      while (have.has(firstGap)) firstGap = addDays(periodEnd(grain, firstGap), 1);
      const computed = await computeAggregates(ctx, grain, firstGap, closedEnd);
      await storeCached(ctx, grain, computed.filter((r) => !have.has(r.snapshot_date)), null);
      result.push(...closed.filter((r) => r.snapshot_date < firstGap).map((r) => withEnd(grain, r)), ...computed);
    }
  }
  const liveFrom = first > closedEnd ? first : addDays(closedEnd, 1);
  if (liveFrom <= last) {
    const live = cached.filter((r) => r.snapshot_date >= liveFrom && stillHolds(grain, r, day));
    if (live.length === countPeriods(grain, liveFrom, last)) {
      result.push(...live.map((r) => withEnd(grain, r)));
    } else {
      const computed = await computeAggregates(ctx, grain, liveFrom, last);
      await storeCached(ctx, grain, computed, day);
      result.push(...computed);
    }
  }
  return result;
}

/**
 * The study minutes of the period of `grain` starting on `start`: its cached snapshot's when that
 * still holds, else summed from the sessions' day-split minutes (what total_study_minutes counts)
 * without computing the rest of the period's aggregates.
 */
export async function periodMinutes(ctx: Ctx, grain: Grain, start: string): Promise<number> {
  const [cached] = await readCached(ctx, grain, start, start);
  if (cached && stillHolds(grain, cached, today(ctx))) return cached.total_study_minutes;
  const { rows } = await ctx.tx.query<{ minutes: number }>(
    'SELECT coalesce(sum(minutes), 0)::integer AS minutes FROM session_day_minutes($1, $2, $3, $4)',
    [ctx.userId, ctx.settings.day_rollover_hour, start, periodEnd(grain, start)],
  );
  return rows[0]!.minutes;
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
