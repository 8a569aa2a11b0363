import type { ParsedInput, PerformanceOverview, PerformancePeriod } from '../../contract';
import { invalid, notFound } from '../../contract/errors';
import { insights } from '../../domain/insights';
import {
  avgTestScore,
  completionRate,
  daysElapsed,
  type DatedFacts,
  EMPTY_FACTS,
  type Facts,
  flashcardAccuracy,
  GRAIN_OF,
  metricTrend,
  pickFacts,
  shiftPeriod,
  TREND_WINDOW,
  trendPoint,
} from '../../domain/performance';
import { roundTo } from '../../domain/rounding';
import { type Ctx, today } from '../context';
import { allTimeFacts, firstStudyDay, periodFacts, type ScopeFacts, scopeSeries } from './metrics';
import { periodEnd, periodStart } from './periods';

/**
 * Periods (all in the student's study-day calendar):
 *   daily    one study day          weekly   an ISO week, Monday to Sunday
 *   monthly  a calendar month       all_time the first study day to today
 * `date` (default today, as a study day in the settings zone) picks the period; a period still
 * running counts its days up to today (days_elapsed), so avg_per_day is minutes per day so far.
 */
export interface PeriodWindow {
  type: PerformancePeriod;
  start_date: string;
  end_date: string;
  days_elapsed: number;
}

export interface ClassRow {
  id: string;
  name: string;
  archived: boolean;
  deleted: boolean;
}

/** Every class the student ever had, deleted ones too (their sessions still count). */
export async function loadClasses(ctx: Ctx): Promise<ClassRow[]> {
  const { rows } = await ctx.tx.query<ClassRow>(
    `SELECT id, name, archived_at IS NOT NULL AS archived, deleted_at IS NOT NULL AS deleted
       FROM classes WHERE user_id = $1 ORDER BY lower(name), id`,
    [ctx.userId],
  );
  return rows;
}

/** The requested day, never after today: a period that has not started has nothing to analyse. */
export function requestedDate(ctx: Ctx, date: string | undefined): string {
  const now = today(ctx);
  if (date !== undefined && date > now) throw invalid('date', `date ${date} is after today (${now})`);
  return date ?? now;
}

/** Bounds of the period of `type` holding `date` (all_time: first study day to today). */
export function periodWindow(ctx: Ctx, type: PerformancePeriod, date: string, firstDay: string | null): PeriodWindow {
  const now = today(ctx);
  if (type === 'all_time') {
    const start = firstDay !== null && firstDay < now ? firstDay : now;
    return { type, start_date: start, end_date: now, days_elapsed: daysElapsed(start, now, now) };
  }
  const grain = GRAIN_OF[type];
  const start = periodStart(grain, date);
  const end = periodEnd(grain, start);
  return { type, start_date: start, end_date: end, days_elapsed: daysElapsed(start, end, now) };
}

/** Flashcard decks whose latest review in the period (all_time: ever) scored at least 90 %. */
async function masteredDecks(ctx: Ctx, window: PeriodWindow, classId: string | null): Promise<number> {
  const span = window.type === 'all_time' ? [null, null] : [window.start_date, window.end_date];
  const { rows } = await ctx.tx.query<{ n: number }>('SELECT mastered_decks($1, $2, $3, $4) AS n', [ctx.userId, ...span, classId]);
  return rows[0]!.n;
}

const scopeOf = (rows: readonly ScopeFacts[], classId: string | null): Facts => {
  const match = rows.find((r) => (classId === null ? r.scope === 'total' : r.class_id === classId));
  return match ? pickFacts(match) : { ...EMPTY_FACTS };
};

/** performance.overview: the period's metrics, their trends over the last 6 periods, and insights. */
export async function performanceOverview(ctx: Ctx, input: ParsedInput<'performance.overview'>): Promise<PerformanceOverview> {
  const now = today(ctx);
  const date = requestedDate(ctx, input.date);
  const classId = input.class_id ?? null;
  const classes = await loadClasses(ctx);
  if (classId !== null && !classes.some((c) => c.id === classId && !c.deleted)) throw notFound('class', classId);
  const firstDay = await firstStudyDay(ctx);
  const window = periodWindow(ctx, input.period, date, firstDay);

  // The period's facts per scope, and the trend window of its scope (all_time: the last 6 months).
  let scopes: ScopeFacts[];
  let series: DatedFacts[];
  if (window.type === 'all_time') {
    const { span, months } = await allTimeFacts(ctx, firstDay);
    scopes = span;
    series = scopeSeries(months, classId);
  } else {
    const grain = GRAIN_OF[window.type];
    const periods = await periodFacts(ctx, grain, shiftPeriod(grain, window.start_date, -(TREND_WINDOW - 1)), window.start_date);
    scopes = periods.filter((p) => p.period_start === window.start_date);
    series = scopeSeries(periods, classId);
  }
  const facts = scopeOf(scopes, classId);
  const mastered = await masteredDecks(ctx, window, classId);

  const studyTrend = metricTrend('study_time', series, firstDay, now);
  const testTrend = metricTrend('test_average', series, firstDay, now);
  const cardTrend = metricTrend('flashcard_mastery', series, firstDay, now);
  const avgPerDay = window.days_elapsed > 0 ? roundTo(facts.minutes / window.days_elapsed, 1) : 0;
  const rates = series.map((p) => trendPoint('study_time', p, firstDay, now)).filter((v) => v !== null);
  const metrics: PerformanceOverview['metrics'] = {
    study_time: {
      total_minutes: facts.minutes,
      avg_per_day: avgPerDay,
      sessions: facts.sessions,
      trend: studyTrend.trend,
      trend_percentage: studyTrend.trend_percentage,
    },
    test_performance: {
      tests_taken: facts.tests,
      avg_score: avgTestScore(facts),
      trend: testTrend.trend,
      trend_percentage: testTrend.trend_percentage,
    },
    flashcard_mastery: {
      cards_reviewed: facts.cards_completed,
      accuracy: flashcardAccuracy(facts),
      mastered_count: mastered,
      trend: cardTrend.trend,
      trend_percentage: cardTrend.trend_percentage,
    },
    assignment_completion: {
      total_assignments: facts.assignments_due,
      completed: facts.assignments_completed,
      completion_rate: completionRate(facts),
    },
  };

  const named = new Map(classes.map((c) => [c.id, c]));
  const compared = classId !== null ? [] : scopes
    .filter((s) => s.scope === 'class' && named.has(s.class_id!))
    .map((s) => ({ name: named.get(s.class_id!)!.name, minutes: s.minutes, tests: s.tests, avgTestScore: avgTestScore(s) }))
    .concat(classes
      .filter((c) => !c.archived && !c.deleted && !scopes.some((s) => s.class_id === c.id))
      .map((c) => ({ name: c.name, minutes: 0, tests: 0, avgTestScore: null })));
  const said = insights({
    period: window.type,
    study: {
      minutes: facts.minutes,
      avgPerDay,
      windowAvgPerDay: rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
      ...studyTrend,
    },
    tests: { taken: facts.tests, avgScore: metrics.test_performance.avg_score, ...testTrend },
    flashcards: { reviewed: facts.cards_completed, accuracy: metrics.flashcard_mastery.accuracy, mastered, ...cardTrend },
    assignments: {
      due: facts.assignments_due,
      completed: facts.assignments_completed,
      rate: metrics.assignment_completion.completion_rate,
      periodOver: window.end_date < now,
    },
    classes: compared,
    focusMinutes: ctx.settings.focus_minutes,
  });

  return { period: window, class_id: classId, metrics, ...said };
}
