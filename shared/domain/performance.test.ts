import { describe, expect, it } from 'vitest';
import {
  addFacts,
  avgTestScore,
  completionRate,
  daysElapsed,
  type DatedFacts,
  EMPTY_FACTS,
  type Facts,
  flashcardAccuracy,
  hasFacts,
  metricTrend,
  metricValue,
  shiftPeriod,
  subtractFacts,
  trendPoint,
} from './performance';

const facts = (f: Partial<Facts>): Facts => ({ ...EMPTY_FACTS, ...f });
const dated = (start: string, end: string, f: Partial<Facts>): DatedFacts => ({ period_start: start, period_end: end, ...facts(f) });

describe('means and rates', () => {
  it('rounds a mean half up exactly, as PostgreSQL does', () => {
    expect(avgTestScore(facts({ tests: 2, test_score_sum: 163.33 }))).toBe(81.67); // 81.665
    expect(avgTestScore(facts({ tests: 3, test_score_sum: 200 }))).toBe(66.67);
    expect(avgTestScore(facts({ tests: 3, test_score_sum: 0.1 + 0.2 + 80 }))).toBe(26.77); // float noise in the sum
    expect(avgTestScore(facts({ tests: 0 }))).toBeNull();
  });

  it('gives accuracy and completion as percentages with two decimals, null without a sample', () => {
    expect(flashcardAccuracy(facts({ cards_completed: 8, cards_correct: 1 }))).toBe(12.5);
    expect(flashcardAccuracy(facts({ cards_completed: 3, cards_correct: 2 }))).toBe(66.67);
    expect(flashcardAccuracy(facts({}))).toBeNull();
    expect(completionRate(facts({ assignments_due: 3, assignments_completed: 2 }))).toBe(66.67);
    expect(completionRate(facts({}))).toBeNull();
  });

  it('adds and subtracts facts field by field', () => {
    const a = facts({ minutes: 60, sessions: 1, tests: 1, test_score_sum: 80, cards_completed: 20, cards_correct: 15 });
    const b = facts({ minutes: 50, sessions: 1, assignments_due: 2, assignments_completed: 1 });
    const sum = addFacts(a, b);
    expect(sum).toEqual({ ...a, minutes: 110, sessions: 2, assignments_due: 2, assignments_completed: 1 });
    expect(subtractFacts(sum, b)).toEqual(a);
    expect(hasFacts(EMPTY_FACTS)).toBe(false);
    // 0.1 + 0.2 − 0.3 is not 0 in binary floating point; in hundredths it is.
    const scores = addFacts(facts({ test_score_sum: 0.1 }), facts({ test_score_sum: 0.2 }));
    expect(hasFacts(subtractFacts(scores, facts({ test_score_sum: 0.3 })))).toBe(false);
    expect(hasFacts(b)).toBe(true);
  });
});

describe('periods', () => {
  it('steps days, ISO weeks and months, across year ends', () => {
    expect(shiftPeriod('day', '2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftPeriod('week', '2026-12-28', 1)).toBe('2027-01-04');
    expect(shiftPeriod('month', '2026-01-01', -1)).toBe('2025-12-01');
    expect(shiftPeriod('month', '2026-01-01', 13)).toBe('2027-02-01');
    expect(shiftPeriod('month', '2026-03-01', -5)).toBe('2025-10-01');
  });

  it('counts the days of a period up to today', () => {
    expect(daysElapsed('2026-03-02', '2026-03-08', '2026-04-06')).toBe(7);
    expect(daysElapsed('2026-04-06', '2026-04-12', '2026-04-08')).toBe(3);
    expect(daysElapsed('2026-04-13', '2026-04-19', '2026-04-08')).toBe(0);
  });
});

describe('trend points', () => {
  const FIRST = '2026-03-02';
  const TODAY = '2026-04-08';

  it('fits study time as minutes per day, so a short month is not a decline', () => {
    // February 560 minutes in 28 days and March 620 in 31 are both 20 a day.
    expect(trendPoint('study_time', dated('2026-02-01', '2026-02-28', { minutes: 560 }), '2026-01-05', TODAY)).toBe(20);
    expect(trendPoint('study_time', dated('2026-03-01', '2026-03-31', { minutes: 620 }), '2026-01-05', TODAY)).toBe(20);
  });

  it('leaves out study time before the first study day and of the period still running', () => {
    expect(trendPoint('study_time', dated('2026-02-23', '2026-03-01', {}), FIRST, TODAY)).toBeNull();
    expect(trendPoint('study_time', dated('2026-03-02', '2026-03-08', {}), FIRST, TODAY)).toBe(0);
    expect(trendPoint('study_time', dated('2026-04-06', '2026-04-12', { minutes: 75 }), FIRST, TODAY)).toBeNull();
    expect(trendPoint('study_time', dated('2026-03-02', '2026-03-08', { minutes: 70 }), null, TODAY)).toBeNull();
  });

  it('takes a mean or rate only where there is a sample, the running period included', () => {
    const running = dated('2026-04-06', '2026-04-12', { tests: 1, test_score_sum: 60 });
    expect(trendPoint('test_average', running, FIRST, TODAY)).toBe(60);
    expect(trendPoint('flashcard_mastery', running, FIRST, TODAY)).toBeNull();
    expect(trendPoint('assignment_completion', dated('2026-03-02', '2026-03-08', { assignments_due: 2, assignments_completed: 1 }), FIRST, TODAY)).toBe(50);
  });

  it('fits the points left, skipping periods without a sample', () => {
    const weeks = [
      dated('2026-03-02', '2026-03-08', { tests: 1, test_score_sum: 80 }),
      dated('2026-03-09', '2026-03-15', {}),
      dated('2026-03-23', '2026-03-29', { tests: 1, test_score_sum: 90 }),
      dated('2026-03-30', '2026-04-05', { tests: 1, test_score_sum: 60 }),
    ];
    // 80, 90, 60: slope −10, change −20 over a mean of 76.67 → −26.1 %.
    expect(metricTrend('test_average', weeks, FIRST, TODAY)).toMatchObject({ trend: 'declining', trend_percentage: -26.1 });
    expect(metricTrend('flashcard_mastery', weeks, FIRST, TODAY)).toMatchObject({ trend: 'insufficient_data', trend_percentage: 0 });
  });

  it('shows totals with their sample', () => {
    const f = facts({ minutes: 410, sessions: 4, tests: 1, test_score_sum: 80, cards_completed: 20, cards_correct: 15 });
    expect(metricValue('study_time', f)).toEqual({ value: 410, sample_size: 4 });
    expect(metricValue('test_average', f)).toEqual({ value: 80, sample_size: 1 });
    expect(metricValue('flashcard_mastery', f)).toEqual({ value: 75, sample_size: 20 });
    expect(metricValue('assignment_completion', f)).toEqual({ value: null, sample_size: 0 });
  });
});
