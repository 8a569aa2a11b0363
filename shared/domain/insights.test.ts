import { describe, expect, it } from 'vitest';
import { type InsightInput, insights } from './insights';

const none = { trend: 'insufficient_data', trend_percentage: 0 } as const;

/** A week with study and nothing remarkable: no rule but the fallback fires. */
function week(over: Partial<{ [K in keyof InsightInput]: Partial<InsightInput[K]> }> = {}): InsightInput {
  return {
    period: over.period as InsightInput['period'] ?? 'weekly',
    study: { minutes: 300, avgPerDay: 42.9, windowAvgPerDay: 40, ...none, ...over.study },
    tests: { taken: 2, avgScore: 78, ...none, ...over.tests },
    flashcards: { reviewed: 40, accuracy: 80, mastered: 0, ...none, ...over.flashcards },
    assignments: { due: 2, completed: 2, rate: 80, periodOver: true, ...over.assignments },
    classes: (over.classes as InsightInput['classes']) ?? [],
    focusMinutes: 25,
  };
}

describe('insights', () => {
  it('keeps the pace when nothing stands out', () => {
    expect(insights(week())).toEqual({
      strengths: [],
      areas_for_improvement: [],
      recommendations: ['Keep your pace of 42.9 minutes a day this week.'],
    });
  });

  it('cites the numbers of every strength', () => {
    const out = insights(week({
      study: { trend: 'improving', trend_percentage: 18.54 },
      tests: { taken: 5, avgScore: 85, trend: 'improving', trend_percentage: 7.2 },
      flashcards: { reviewed: 240, accuracy: 91.25, mastered: 3 },
      assignments: { due: 4, completed: 4, rate: 100 },
      classes: [
        { name: 'Biology', minutes: 120, tests: 2, avgTestScore: 92 },
        { name: 'Calculus', minutes: 180, tests: 3, avgTestScore: 80.67 },
      ],
    }));
    expect(out.strengths).toEqual([
      'Study time is up 18.5% over the last 6 weeks: 42.9 minutes a day this week.',
      'Test average 85% across 5 tests.', // 85 is strong: the threshold is inclusive
      'Test scores are up 7.2% over the last 6 weeks.',
      'Flashcard accuracy 91.3% over 240 cards.',
      '3 flashcard decks mastered (90% or better on the latest review).',
      'Completed 4 of 4 assignments due this week (100%).',
      'Strongest class: Biology with a 92% test average.',
    ]);
  });

  it('names flashcards that lag behind tests, and tests that lag behind flashcards', () => {
    const cards = insights(week({ tests: { avgScore: 82 }, flashcards: { accuracy: 64 } }));
    expect(cards.areas_for_improvement).toEqual(['Flashcard accuracy 64% is below your test accuracy 82%.']);
    expect(cards.recommendations).toEqual(['Review the flashcards you miss before moving on: 64% on cards against 82% on tests.']);
    const tests = insights(week({ tests: { avgScore: 65.5 }, flashcards: { accuracy: 88 } }));
    expect(tests.areas_for_improvement).toEqual([
      'Test average 65.5% across 2 tests is below 70%.',
      'Test average 65.5% is below your flashcard accuracy 88%.',
    ]);
    expect(tests.recommendations).toEqual([
      'Practise with timed tests: 65.5% on tests against 88% on flashcards.',
      'Go over the questions you missed: tests averaged 65.5% this week.',
    ]);
    // A gap of exactly 10 points is not a gap.
    expect(insights(week({ tests: { avgScore: 80 }, flashcards: { accuracy: 70 } })).areas_for_improvement).toEqual([]);
  });

  it('asks to get back to the average only when below it', () => {
    const below = insights(week({ study: { trend: 'declining', trend_percentage: -22, avgPerDay: 30.2, windowAvgPerDay: 44.1 } }));
    expect(below.areas_for_improvement).toEqual(['Study time is down 22% over the last 6 weeks: 30.2 minutes a day this week.']);
    expect(below.recommendations).toEqual(['Plan 45 minutes a day to get back to your average over the last 6 weeks (30.2 now).']);
    const above = insights(week({ study: { trend: 'declining', trend_percentage: -22, avgPerDay: 50, windowAvgPerDay: 44.1 } }));
    expect(above.recommendations).toEqual(['Keep your pace of 50 minutes a day this week.']);
  });

  it('holds assignments against a period only once it is over', () => {
    const over = insights(week({ assignments: { due: 5, completed: 2, rate: 40, periodOver: true } }));
    expect(over.areas_for_improvement).toEqual(['Completed 2 of 5 assignments due this week (40%).']);
    const running = insights(week({ assignments: { due: 5, completed: 2, rate: 40, periodOver: false } }));
    expect(running.areas_for_improvement).toEqual([]);
    expect(running.recommendations).toEqual(['3 of 5 assignments due this week are not completed yet.']);
  });

  it('points at a class far behind the most studied one', () => {
    const out = insights(week({
      classes: [
        { name: 'Calculus', minutes: 200, tests: 0, avgTestScore: null },
        { name: 'Art', minutes: 49, tests: 0, avgTestScore: null },
        { name: 'Biology', minutes: 120, tests: 0, avgTestScore: null },
      ],
    }));
    expect(out.areas_for_improvement).toEqual(['Art got 49 minutes this week, Calculus 200 minutes.']);
    expect(out.recommendations).toEqual(['Schedule a session for Art: 49 minutes this week against 200 for Calculus.']);
    // 50 of 200 is a quarter: not behind.
    const quarter = insights(week({ classes: [{ name: 'Calculus', minutes: 200, tests: 0, avgTestScore: null }, { name: 'Art', minutes: 50, tests: 0, avgTestScore: null }] }));
    expect(quarter.areas_for_improvement).toEqual([]);
  });

  it('suggests a self-test when study had no tests or flashcards', () => {
    const out = insights(week({ tests: { taken: 0, avgScore: null }, flashcards: { reviewed: 0, accuracy: null } }));
    expect(out.recommendations).toEqual(['Add a short self-test: 300 minutes of study this week without tests or flashcards.']);
  });

  it('starts an empty period with one focus session, and says "yet" for all of history', () => {
    const empty: InsightInput = {
      period: 'all_time',
      study: { minutes: 0, avgPerDay: 0, windowAvgPerDay: null, ...none },
      tests: { taken: 0, avgScore: null, ...none },
      flashcards: { reviewed: 0, accuracy: null, mastered: 0, ...none },
      assignments: { due: 0, completed: 0, rate: null, periodOver: false },
      classes: [{ name: 'Art', minutes: 0, tests: 0, avgTestScore: null }, { name: 'Biology', minutes: 0, tests: 0, avgTestScore: null }],
      focusMinutes: 50,
    };
    expect(insights(empty)).toEqual({
      strengths: [],
      areas_for_improvement: ['No study time recorded yet.'],
      recommendations: ['Start with one 50-minute focus session.'],
    });
    expect(insights({ ...empty, period: 'daily' }).areas_for_improvement).toEqual(['No study time recorded this day.']);
  });

  it('gives the same sentences for the same metrics', () => {
    const input = week({ tests: { avgScore: 61 }, classes: [{ name: 'B', minutes: 10, tests: 0, avgTestScore: null }, { name: 'A', minutes: 100, tests: 0, avgTestScore: null }] });
    expect(insights(input)).toEqual(insights(structuredClone(input)));
  });
});
