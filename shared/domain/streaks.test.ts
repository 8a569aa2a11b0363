import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentStreak, longestStreak } from './streaks';

const studied = (...days: string[]) => days.map((day) => ({ day, minutes: 30 }));
const MIN = 10;
const TODAY = '2026-03-10';

describe('currentStreak', () => {
  it('is 0 with no study at all', () => {
    expect(currentStreak([], MIN, TODAY)).toBe(0);
  });

  it('counts consecutive days ending today', () => {
    expect(currentStreak(studied('2026-03-08', '2026-03-09', '2026-03-10'), MIN, TODAY)).toBe(3);
  });

  it('is not broken by a today not yet studied: it ends yesterday', () => {
    expect(currentStreak(studied('2026-03-07', '2026-03-08', '2026-03-09'), MIN, TODAY)).toBe(3);
  });

  it('is not broken by a today still below the minimum', () => {
    const days = [...studied('2026-03-08', '2026-03-09'), { day: TODAY, minutes: 5 }];
    expect(currentStreak(days, MIN, TODAY)).toBe(2);
  });

  it('is 0 when the last study day was before yesterday', () => {
    expect(currentStreak(studied('2026-03-07', '2026-03-08'), MIN, TODAY)).toBe(0);
  });

  it('stops at a missing day', () => {
    expect(currentStreak(studied('2026-03-05', '2026-03-06', '2026-03-08', '2026-03-09', '2026-03-10'), MIN, TODAY)).toBe(3);
  });

  it('stops at a day below the minimum, and counts a day exactly at it', () => {
    const days = [
      { day: '2026-03-08', minutes: 20 },
      { day: '2026-03-09', minutes: 9 },
      { day: '2026-03-10', minutes: 10 },
    ];
    expect(currentStreak(days, MIN, TODAY)).toBe(1);
  });

  it('sums duplicate days before applying the minimum', () => {
    const days = [
      { day: '2026-03-09', minutes: 6 },
      { day: '2026-03-10', minutes: 10 },
      { day: '2026-03-09', minutes: 5 },
    ];
    expect(currentStreak(days, MIN, TODAY)).toBe(2);
  });

  it('ignores days after today', () => {
    expect(currentStreak(studied('2026-03-11', '2026-03-09', '2026-03-12', '2026-03-10'), MIN, TODAY)).toBe(2);
    expect(currentStreak(studied('2026-03-11'), MIN, TODAY)).toBe(0);
  });

  it('accepts unsorted input', () => {
    expect(currentStreak(studied('2026-03-09', '2026-03-10', '2026-03-08'), MIN, TODAY)).toBe(3);
  });

  it('runs across month and year ends', () => {
    expect(currentStreak(studied('2025-12-30', '2025-12-31', '2026-01-01'), MIN, '2026-01-01')).toBe(3);
    expect(currentStreak(studied('2024-02-28', '2024-02-29', '2024-03-01'), MIN, '2024-03-01')).toBe(3);
  });

  it('never counts a day without study, even with a minimum of 0', () => {
    expect(currentStreak([{ day: TODAY, minutes: 0 }], 0, TODAY)).toBe(0);
    expect(currentStreak([{ day: TODAY, minutes: 1 }], 0, TODAY)).toBe(1);
  });

  it('rejects an invalid day', () => {
    expect(() => currentStreak(studied('2026-02-30'), MIN, TODAY)).toThrow(RangeError);
    expect(() => currentStreak([], MIN, '2026-13-01')).toThrow(RangeError);
  });
});

describe('longestStreak', () => {
  it('is 0 with no study and 1 for a single day', () => {
    expect(longestStreak([], MIN)).toBe(0);
    expect(longestStreak(studied('2026-03-10'), MIN)).toBe(1);
  });

  it('finds the longest run anywhere, in any order', () => {
    const days = studied(
      '2026-03-12', '2026-03-01', '2026-03-02', '2026-03-03', // run of 3
      '2026-03-10', '2026-03-11', '2026-03-13', '2026-03-14', // run of 5 with 03-12
    );
    expect(longestStreak(days, MIN)).toBe(5);
  });

  it('breaks runs at days below the minimum and sums duplicates', () => {
    const days = [
      { day: '2026-03-01', minutes: 30 },
      { day: '2026-03-02', minutes: 9 },
      { day: '2026-03-03', minutes: 30 },
      { day: '2026-03-04', minutes: 4 },
      { day: '2026-03-04', minutes: 6 },
    ];
    expect(longestStreak(days, MIN)).toBe(2);
  });

  it('knows leap days', () => {
    expect(longestStreak(studied('2024-02-28', '2024-02-29', '2024-03-01'), MIN)).toBe(3);
    expect(longestStreak(studied('2026-02-28', '2026-03-01'), MIN)).toBe(2);
    expect(longestStreak(studied('2024-02-28', '2024-03-01'), MIN)).toBe(1);
  });
});

describe('streak properties', () => {
  const entries = fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2026, 1, 15 + n)).toISOString().slice(0, 10)),
      minutes: fc.integer({ min: 0, max: 30 }),
    }),
    { maxLength: 60 },
  );

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(entries, (days) => {
        const reversed = [...days].reverse();
        expect(currentStreak(reversed, MIN, TODAY)).toBe(currentStreak(days, MIN, TODAY));
        expect(longestStreak(reversed, MIN)).toBe(longestStreak(days, MIN));
      }),
    );
  });

  it('the current streak is never longer than the longest', () => {
    fc.assert(
      fc.property(entries, (days) => {
        expect(currentStreak(days, MIN, TODAY)).toBeLessThanOrEqual(longestStreak(days, MIN));
      }),
    );
  });

  it('n studied days ending today make a current streak of n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (n) => {
        const days = Array.from({ length: n }, (_, i) => ({
          day: new Date(Date.UTC(2026, 2, 10 - i)).toISOString().slice(0, 10),
          minutes: MIN,
        }));
        expect(currentStreak(days, MIN, TODAY)).toBe(n);
        expect(longestStreak(days, MIN)).toBe(n);
      }),
    );
  });
});
