import { addDays, daysBetween, monthRange } from './calendar';
import { percentOf } from './rounding';
import { linearTrend, type LinearTrend } from './trends';

/**
 * What the performance metrics are made of, per period and scope (in total, one class, or no
 * class). Every field adds up across periods and scopes, so cached periods sum to exactly what a
 * longer span computed from scratch gives, and "no class" is the total minus the classes.
 *   minutes              active minutes on the period's study days (sessions split at day boundaries)
 *   sessions             ended sessions that started on one of its study days
 *   tests                testing activities with items; test_score_sum adds their accuracy %
 *   cards_completed      flashcards reviewed; cards_correct of those, correct
 *   assignments_due      assignments due on one of its study days; assignments_completed of those, done
 */
export interface Facts {
  minutes: number;
  sessions: number;
  tests: number;
  test_score_sum: number;
  cards_completed: number;
  cards_correct: number;
  assignments_due: number;
  assignments_completed: number;
}

export const EMPTY_FACTS: Readonly<Facts> = {
  minutes: 0,
  sessions: 0,
  tests: 0,
  test_score_sum: 0,
  cards_completed: 0,
  cards_correct: 0,
  assignments_due: 0,
  assignments_completed: 0,
};

export type MetricType = 'study_time' | 'test_average' | 'flashcard_mastery' | 'assignment_completion';

const FACT_KEYS = Object.keys(EMPTY_FACTS) as (keyof Facts)[];

// Scores have two decimals: sums are kept in whole hundredths so that adding and subtracting
// them never leaves binary noise (a "no class" remainder of 1e-14 is not a test score).
const combine = (a: Facts, b: Facts, sign: 1 | -1): Facts =>
  Object.fromEntries(
    FACT_KEYS.map((k) => [k, k === 'test_score_sum' ? Math.round((a[k] + sign * b[k]) * 100) / 100 : a[k] + sign * b[k]]),
  ) as unknown as Facts;

export const addFacts = (a: Facts, b: Facts): Facts => combine(a, b, 1);
export const subtractFacts = (a: Facts, b: Facts): Facts => combine(a, b, -1);

export function pickFacts(f: Facts): Facts {
  return Object.fromEntries(FACT_KEYS.map((k) => [k, f[k]])) as unknown as Facts;
}

export const hasFacts = (f: Facts): boolean => FACT_KEYS.some((k) => f[k] !== 0);

/**
 * Mean test score, 2 decimals, half up (as PostgreSQL's round(numeric, 2)). Scores have two
 * decimals, so the sum is taken in whole hundredths first: the division is then exact enough
 * that a true half is never mistaken for a value just below it.
 */
export function avgTestScore(f: Facts): number | null {
  if (f.tests === 0) return null;
  return Math.round(Math.round(f.test_score_sum * 100) / f.tests) / 100;
}

export const flashcardAccuracy = (f: Facts): number | null =>
  f.cards_completed > 0 ? percentOf(f.cards_correct, f.cards_completed, 2) : null;

export const completionRate = (f: Facts): number | null =>
  f.assignments_due > 0 ? percentOf(f.assignments_completed, f.assignments_due, 2) : null;

// ---------------------------------------------------------------- periods

/** Study-day periods: daily = one study day, weekly = an ISO week (Mon–Sun), monthly = a calendar month. */
export type Grain = 'day' | 'week' | 'month';

export const GRAIN_OF = { daily: 'day', weekly: 'week', monthly: 'month' } as const;
export const PERIOD_OF = { day: 'daily', week: 'weekly', month: 'monthly' } as const;

/** The start of the period `n` periods after (or before, n < 0) the one starting at `start`. */
export function shiftPeriod(grain: Grain, start: string, n: number): string {
  if (grain === 'day') return addDays(start, n);
  if (grain === 'week') return addDays(start, 7 * n);
  const months = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + n;
  const month = `${String(Math.floor(months / 12)).padStart(4, '0')}-${String((months % 12) + 1).padStart(2, '0')}`;
  return monthRange(month).start;
}

/** Days of [start, end] up to and including `today`: the divisor of minutes per day. */
export function daysElapsed(start: string, end: string, today: string): number {
  if (today < start) return 0;
  return daysBetween(start, today < end ? today : end) + 1;
}

// ---------------------------------------------------------------- trends

/** Trends are fitted over this many periods, ending with the one they describe (DESIGN §6). */
export const TREND_WINDOW = 6;

export interface DatedFacts extends Facts {
  period_start: string;
  period_end: string;
}

/**
 * The value a period contributes to a trend fit, or null when it holds no data point:
 * - study_time: minutes per day, so months of different lengths compare fairly. A period still in
 *   progress is left out (its total is still growing: every Monday would read as a decline), and
 *   so are periods that ended before the first study day; empty periods after it are real zeros.
 * - test_average, flashcard_mastery, assignment_completion: the period's mean or rate, when it
 *   has any tests, cards or assignments due (a period in progress included: a mean is not biased
 *   by the days still to come).
 */
export function trendPoint(metric: MetricType, p: DatedFacts, firstStudyDay: string | null, today: string): number | null {
  switch (metric) {
    case 'study_time':
      if (firstStudyDay === null || p.period_end < firstStudyDay || p.period_end >= today) return null;
      return p.minutes / (daysBetween(p.period_start, p.period_end) + 1);
    case 'test_average':
      return avgTestScore(p);
    case 'flashcard_mastery':
      return flashcardAccuracy(p);
    case 'assignment_completion':
      return completionRate(p);
  }
}

/** Least-squares trend over the periods' data points (periods without one are left out). */
export function metricTrend(metric: MetricType, periods: readonly DatedFacts[], firstStudyDay: string | null, today: string): LinearTrend {
  const values = periods.map((p) => trendPoint(metric, p, firstStudyDay, today)).filter((v): v is number => v !== null);
  return linearTrend(values);
}

/** What a trend chart shows for a period: its total or rate, and how many items it rests on. */
export function metricValue(metric: MetricType, f: Facts): { value: number | null; sample_size: number } {
  switch (metric) {
    case 'study_time':
      return { value: f.minutes, sample_size: f.sessions };
    case 'test_average':
      return { value: avgTestScore(f), sample_size: f.tests };
    case 'flashcard_mastery':
      return { value: flashcardAccuracy(f), sample_size: f.cards_completed };
    case 'assignment_completion':
      return { value: completionRate(f), sample_size: f.assignments_due };
  }
}
