import { describe, expect, it } from 'vitest';
import { highlights, type PeriodFacts, spokenDay } from './highlights';

const facts: PeriodFacts = {
  label: 'this week', minutes: 694, sessions: 12, daysStudied: 2, daysElapsed: 2, testsTaken: 0, avgTestScore: null,
  flashcardsReviewed: 0, flashcardAccuracy: null, streakDays: 1, bestDay: { date: '2026-11-23', minutes: 372 }, topClass: null,
  previousMinutes: null,
};

describe('highlights', () => {
  it('names the best day as people say it, not as an ISO date', () => {
    expect(highlights(facts)).toContain('Best day: Monday 23 November with 372 minutes.');
  });

  it.each([
    ['2024-02-29', 'Thursday 29 February'],
    ['2026-01-01', 'Thursday 1 January'],
    ['2027-12-31', 'Friday 31 December'],
  ])('spokenDay(%s) = %s', (day, spoken) => {
    expect(spokenDay(day)).toBe(spoken);
  });
});
