import { roundTo } from './rounding';
import type { Trend } from './trends';

/**
 * The strengths, areas for improvement and recommendations of a performance overview: fixed rules
 * over the period's metrics, each sentence citing the numbers it rests on (DESIGN §6). Pure and
 * deterministic: the same metrics always give the same sentences in the same order.
 */

export type InsightPeriod = 'daily' | 'weekly' | 'monthly' | 'all_time';

export interface TrendFact {
  trend: Trend;
  trend_percentage: number;
}

export interface InsightInput {
  period: InsightPeriod;
  study: TrendFact & {
    minutes: number;
    avgPerDay: number;
    /** Mean minutes per day over the trend window; null without data points. */
    windowAvgPerDay: number | null;
  };
  tests: TrendFact & { taken: number; avgScore: number | null };
  flashcards: TrendFact & { reviewed: number; accuracy: number | null; mastered: number };
  assignments: { due: number; completed: number; rate: number | null; periodOver: boolean };
  /** Classes to compare (empty when the overview is for one class). */
  classes: ReadonlyArray<{ name: string; minutes: number; tests: number; avgTestScore: number | null }>;
  focusMinutes: number;
}

export interface Insights {
  strengths: string[];
  areas_for_improvement: string[];
  recommendations: string[];
}

/** At or above: a strength. */
export const STRONG_PERCENT = 85;
/** Below: an area for improvement. */
export const WEAK_PERCENT = 70;
/** Flashcard and test accuracy further apart than this point at how one is practised. */
export const ACCURACY_GAP = 10;
/** A class with less than this share of the most-studied class's minutes is falling behind. */
export const NEGLECTED_SHARE = 0.25;

const LABEL: Record<InsightPeriod, string> = { daily: 'this day', weekly: 'this week', monthly: 'this month', all_time: 'overall' };
const WINDOW: Record<InsightPeriod, string> = {
  daily: 'the last 6 days', weekly: 'the last 6 weeks', monthly: 'the last 6 months', all_time: 'the last 6 months',
};

const num = (n: number) => String(roundTo(n, 1));
const pct = (n: number) => `${num(n)}%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function insights(f: InsightInput): Insights {
  const label = LABEL[f.period];
  const window = WINDOW[f.period];
  const strengths: string[] = [];
  const areas: string[] = [];
  const recommendations: string[] = [];
  const perDay = `${num(f.study.avgPerDay)} minutes a day ${label}`;

  const test = f.tests.taken > 0 ? f.tests.avgScore : null;
  const cards = f.flashcards.reviewed > 0 ? f.flashcards.accuracy : null;
  const cardsBehind = test !== null && cards !== null && cards < test - ACCURACY_GAP;
  const testsBehind = test !== null && cards !== null && test < cards - ACCURACY_GAP;
  const ranked = [...f.classes].sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));
  const top = ranked[0];
  const least = ranked.at(-1);
  const neglected = ranked.length >= 2 && top && least && top.minutes > 0 && least.minutes < top.minutes * NEGLECTED_SHARE ? least : null;
  const tested = f.classes.filter((c) => c.tests > 0 && c.avgTestScore !== null);
  const best = tested.length >= 2
    ? [...tested].sort((a, b) => b.avgTestScore! - a.avgTestScore! || a.name.localeCompare(b.name))[0]!
    : null;

  // Strengths
  if (f.study.trend === 'improving') strengths.push(`Study time is up ${pct(f.study.trend_percentage)} over ${window}: ${perDay}.`);
  if (test !== null && test >= STRONG_PERCENT) strengths.push(`Test average ${pct(test)} across ${plural(f.tests.taken, 'test')}.`);
  if (f.tests.trend === 'improving') strengths.push(`Test scores are up ${pct(f.tests.trend_percentage)} over ${window}.`);
  if (cards !== null && cards >= STRONG_PERCENT) {
    strengths.push(`Flashcard accuracy ${pct(cards)} over ${plural(f.flashcards.reviewed, 'card')}.`);
  }
  if (f.flashcards.mastered > 0) {
    strengths.push(`${plural(f.flashcards.mastered, 'flashcard deck')} mastered (90% or better on the latest review).`);
  }
  if (f.assignments.rate !== null && f.assignments.rate >= 90) {
    strengths.push(`Completed ${f.assignments.completed} of ${f.assignments.due} assignments due ${label} (${pct(f.assignments.rate)}).`);
  }
  if (best && best.avgTestScore! >= STRONG_PERCENT) {
    strengths.push(`Strongest class: ${best.name} with a ${pct(best.avgTestScore!)} test average.`);
  }

  // Areas for improvement
  if (f.study.minutes === 0) areas.push(`No study time recorded ${f.period === 'all_time' ? 'yet' : label}.`);
  if (f.study.trend === 'declining') areas.push(`Study time is down ${pct(-f.study.trend_percentage)} over ${window}: ${perDay}.`);
  if (test !== null && test < WEAK_PERCENT) {
    areas.push(`Test average ${pct(test)} across ${plural(f.tests.taken, 'test')} is below ${WEAK_PERCENT}%.`);
  }
  if (f.tests.trend === 'declining') areas.push(`Test scores are down ${pct(-f.tests.trend_percentage)} over ${window}.`);
  if (cardsBehind) areas.push(`Flashcard accuracy ${pct(cards)} is below your test accuracy ${pct(test)}.`);
  if (testsBehind) areas.push(`Test average ${pct(test)} is below your flashcard accuracy ${pct(cards)}.`);
  if (cards !== null && cards < WEAK_PERCENT && !cardsBehind) {
    areas.push(`Flashcard accuracy ${pct(cards)} over ${plural(f.flashcards.reviewed, 'card')} is below ${WEAK_PERCENT}%.`);
  }
  if (f.flashcards.trend === 'declining') areas.push(`Flashcard accuracy is down ${pct(-f.flashcards.trend_percentage)} over ${window}.`);
  // While the period runs, assignments not due yet are not behind: the recommendation names them.
  if (f.assignments.periodOver && f.assignments.rate !== null && f.assignments.rate < WEAK_PERCENT) {
    areas.push(`Completed ${f.assignments.completed} of ${f.assignments.due} assignments due ${label} (${pct(f.assignments.rate)}).`);
  }
  if (neglected && top) {
    areas.push(`${neglected.name} got ${plural(neglected.minutes, 'minute')} ${label}, ${top.name} ${plural(top.minutes, 'minute')}.`);
  }

  // Recommendations
  if (f.study.minutes === 0) recommendations.push(`Start with one ${f.focusMinutes}-minute focus session.`);
  if (f.study.trend === 'declining' && f.study.windowAvgPerDay !== null && f.study.avgPerDay < f.study.windowAvgPerDay) {
    recommendations.push(
      `Plan ${Math.ceil(f.study.windowAvgPerDay)} minutes a day to get back to your average over ${window} (${num(f.study.avgPerDay)} now).`,
    );
  }
  if (cardsBehind) recommendations.push(`Review the flashcards you miss before moving on: ${pct(cards)} on cards against ${pct(test)} on tests.`);
  if (testsBehind) recommendations.push(`Practise with timed tests: ${pct(test)} on tests against ${pct(cards)} on flashcards.`);
  if (test !== null && test < WEAK_PERCENT) recommendations.push(`Go over the questions you missed: tests averaged ${pct(test)} ${label}.`);
  if (f.study.minutes > 0 && f.tests.taken === 0 && f.flashcards.reviewed === 0) {
    recommendations.push(`Add a short self-test: ${plural(f.study.minutes, 'minute')} of study ${label} without tests or flashcards.`);
  }
  const open = f.assignments.due - f.assignments.completed;
  if (!f.assignments.periodOver && open > 0) {
    recommendations.push(`${open} of ${f.assignments.due} assignments due ${label} ${open === 1 ? 'is' : 'are'} not completed yet.`);
  }
  if (neglected && top) {
    recommendations.push(
      `Schedule a session for ${neglected.name}: ${plural(neglected.minutes, 'minute')} ${label} against ${top.minutes} for ${top.name}.`,
    );
  }
  if (recommendations.length === 0 && f.study.minutes > 0) recommendations.push(`Keep your pace of ${perDay}.`);

  return { strengths, areas_for_improvement: areas, recommendations };
}
