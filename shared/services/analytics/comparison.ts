import type { ParsedInput, PerformanceComparison } from '../../contract';
import { ACTIVITY_TYPES } from '../../contract/common';
import {
  avgTestScore,
  EMPTY_FACTS,
  type Facts,
  flashcardAccuracy,
  GRAIN_OF,
  pickFacts,
  shiftPeriod,
} from '../../domain/performance';
import { percentOf, roundTo } from '../../domain/rounding';
import type { Ctx } from '../context';
import { activityFacts, allTimeFacts, firstStudyDay, periodFacts, type ScopeFacts } from './metrics';
import { loadClasses, type PeriodWindow, periodWindow, requestedDate } from './performance';
import { periodStart } from './periods';

type Input = ParsedInput<'performance.comparison'>;
type Comparisons<K extends PerformanceComparison['compare_by']> = Extract<PerformanceComparison, { compare_by: K }>['comparisons'];

const byName = (a: string, b: string) => a.localeCompare(b, 'en');

/** Facts of every scope in the window: one period of its type, or all_time. */
async function windowScopes(ctx: Ctx, window: PeriodWindow, firstDay: string | null): Promise<ScopeFacts[]> {
  if (window.type === 'all_time') return (await allTimeFacts(ctx, firstDay)).span;
  return periodFacts(ctx, GRAIN_OF[window.type], window.start_date, window.start_date);
}

/**
 * By class: every class with study in the window (archived or deleted ones too: the minutes were
 * theirs), every active class even at zero, and "No class" when it holds anything; ranked by
 * study minutes, ties by name.
 */
async function byClass(ctx: Ctx, window: PeriodWindow, firstDay: string | null): Promise<Comparisons<'class'>> {
  const [scopes, classes] = await Promise.all([windowScopes(ctx, window, firstDay), loadClasses(ctx)]);
  const facts = (classId: string | null): Facts => {
    const match = scopes.find((s) => (classId === null ? s.scope === 'no_class' : s.class_id === classId));
    return match ? pickFacts(match) : { ...EMPTY_FACTS };
  };
  const rows = classes
    .filter((c) => (!c.archived && !c.deleted) || scopes.some((s) => s.class_id === c.id))
    .map((c) => ({ class_id: c.id as string | null, class_name: c.name, facts: facts(c.id) }));
  const unassigned = facts(null);
  if (unassigned.minutes > 0 || unassigned.tests > 0 || unassigned.cards_completed > 0) {
    rows.push({ class_id: null, class_name: 'No class', facts: unassigned });
  }
  return rows
    .sort((a, b) => b.facts.minutes - a.facts.minutes || byName(a.class_name, b.class_name) || byName(a.class_id ?? '', b.class_id ?? ''))
    .map(({ class_id, class_name, facts: f }, i) => ({
      class_id,
      class_name,
      study_minutes: f.minutes,
      sessions: f.sessions,
      tests_taken: f.tests,
      avg_test_score: avgTestScore(f),
      cards_reviewed: f.cards_completed,
      accuracy: flashcardAccuracy(f),
      rank: i + 1,
    }));
}

/** By period: this period against the one before it, with absolute and relative changes. */
async function byPeriod(ctx: Ctx, window: PeriodWindow, previous: PeriodWindow): Promise<Comparisons<'period'>> {
  const grain = GRAIN_OF[window.type as Exclude<PeriodWindow['type'], 'all_time'>];
  const periods = await periodFacts(ctx, grain, previous.start_date, window.start_date);
  const total = (start: string) => pickFacts(periods.find((p) => p.period_start === start && p.scope === 'total')!);
  const [now, before] = [total(window.start_date), total(previous.start_date)];
  const change = (metric: Comparisons<'period'>[number]['metric'], current: number | null, prior: number | null) => ({
    metric,
    current,
    previous: prior,
    change: current === null || prior === null ? null : roundTo(current - prior, 2),
    change_percentage: current === null || prior === null || prior === 0 ? null : percentOf(current - prior, prior, 1),
  });
  return [
    change('study_minutes', now.minutes, before.minutes),
    change('sessions', now.sessions, before.sessions),
    change('avg_test_score', avgTestScore(now), avgTestScore(before)),
    change('flashcard_accuracy', flashcardAccuracy(now), flashcardAccuracy(before)),
  ];
}

/** By activity type: every type, its minutes (duration_minutes) and item accuracy, ranked by minutes. */
async function byActivityType(ctx: Ctx, window: PeriodWindow, firstDay: string | null): Promise<Comparisons<'activity_type'>> {
  const grain = window.type === 'all_time' ? 'month' : GRAIN_OF[window.type];
  const from = window.type === 'all_time' ? periodStart('month', firstDay ?? window.start_date) : window.start_date;
  const facts = await activityFacts(ctx, grain, from, periodStart(grain, window.end_date));
  return ACTIVITY_TYPES.map((type) => {
    const f = facts.find((r) => r.activity_type === type);
    return {
      activity_type: type,
      activities: f?.activities ?? 0,
      minutes: f?.minutes ?? 0,
      items_completed: f?.items_completed ?? 0,
      accuracy: f && f.items_completed > 0 ? percentOf(f.items_correct, f.items_completed, 2) : null,
      rank: 0,
    };
  })
    .sort((a, b) => b.minutes - a.minutes || byName(a.activity_type, b.activity_type))
    .map((row, i) => ({ ...row, rank: i + 1 }));
}

/** performance.comparison: ranked classes, this period against the last, or activity types. */
export async function performanceComparison(ctx: Ctx, input: Input): Promise<PerformanceComparison> {
  const date = requestedDate(ctx, input.date);
  const firstDay = await firstStudyDay(ctx);
  const window = periodWindow(ctx, input.period, date, firstDay);
  switch (input.compare_by) {
    case 'class':
      return { compare_by: 'class', period: window, comparisons: await byClass(ctx, window, firstDay) };
    case 'activity_type':
      return { compare_by: 'activity_type', period: window, comparisons: await byActivityType(ctx, window, firstDay) };
    case 'period': {
      const grain = GRAIN_OF[input.period as Exclude<Input['period'], 'all_time'>];
      const previous = periodWindow(ctx, input.period, shiftPeriod(grain, window.start_date, -1), firstDay);
      return { compare_by: 'period', period: window, previous_period: previous, comparisons: await byPeriod(ctx, window, previous) };
    }
  }
}
