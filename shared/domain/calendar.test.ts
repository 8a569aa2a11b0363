import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  eachDay,
  isoWeekOf,
  isoWeekRange,
  isValidDay,
  isValidIsoWeek,
  isValidMonth,
  monthOf,
  monthRange,
} from './calendar';

// Days drawn from 1900..2100 and written out by Date, independently of the code under test.
const anyDay = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

describe('isValidDay', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '0099-01-01'])('accepts %s', (day) => {
    expect(isValidDay(day)).toBe(true);
  });

  it.each([
    '2026-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-05',
    '26-01-05',
    '2026-01-05T00:00',
    ' 2026-01-05',
    '2026/01/05',
    '',
  ])('rejects %j', (day) => {
    expect(isValidDay(day)).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, leap-day and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-10', -10)).toBe('2026-02-28');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('is unaffected by DST, since days are plain dates', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
  });

  it('returns the same day for 0', () => {
    expect(addDays('2026-05-17', 0)).toBe('2026-05-17');
  });

  it('throws on an invalid day or a fractional count', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-10', 1.5)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts to − from', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-06-01', '2026-06-01')).toBe(0);
  });

  it('inverts addDays', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -5000, max: 5000 }), (day, n) => {
        expect(daysBetween(day, addDays(day, n))).toBe(n);
      }),
    );
  });
});

describe('eachDay', () => {
  it('lists both ends inclusive', () => {
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(eachDay('2026-06-01', '2026-06-01')).toEqual(['2026-06-01']);
  });

  it('is empty when end is before start', () => {
    expect(eachDay('2026-06-02', '2026-06-01')).toEqual([]);
  });

  it('has daysBetween + 1 consecutive days', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 400 }), (start, n) => {
        const days = eachDay(start, addDays(start, n));
        expect(days).toHaveLength(n + 1);
        days.slice(1).forEach((day, i) => expect(daysBetween(days[i] ?? '', day)).toBe(1));
      }),
    );
  });
});

describe('isoWeekOf', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of its own year
    ['2025-12-29', '2026-W01'], // Monday of the week holding 2026-01-01
    ['2026-03-09', '2026-W11'], // 70 days after 2025-12-29
    ['2026-03-15', '2026-W11'], // Sunday ends the week
    ['2026-12-31', '2026-W53'], // 2026 starts on a Thursday, so it has 53 weeks
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // a Monday in December, in next year's week 1
    ['2021-01-03', '2020-W53'], // 2020: leap year starting on a Wednesday
    ['2021-01-04', '2021-W01'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it('always names a valid week whose range holds the day, Monday to Sunday', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const week = isoWeekOf(day);
        expect(isValidIsoWeek(week)).toBe(true);
        const { start, end } = isoWeekRange(week);
        expect(start <= day && day <= end).toBe(true);
        expect(weekdayOf(start)).toBe(1);
        expect(daysBetween(start, end)).toBe(6);
      }),
    );
  });
});

describe('isoWeekRange', () => {
  it.each([
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2026-W11', '2026-03-09', '2026-03-15'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
    ['2025-W01', '2024-12-30', '2025-01-05'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
  ])('%s runs %s..%s', (week, start, end) => {
    expect(isoWeekRange(week)).toEqual({ start, end });
  });

  it('throws on an invalid week', () => {
    expect(() => isoWeekRange('2025-W53')).toThrow(RangeError);
  });
});

describe('isValidIsoWeek', () => {
  it.each(['2026-W01', '2026-W53', '2020-W53', '2025-W52'])('accepts %s', (week) => {
    expect(isValidIsoWeek(week)).toBe(true);
  });

  it.each([
    '2025-W53', // 2025 has 52 weeks
    '2027-W53',
    '2026-W00',
    '2026-W54',
    '2026-W5',
    '2026W05',
    '2026-w05',
    '2026-W05-1',
    '',
  ])('rejects %j', (week) => {
    expect(isValidIsoWeek(week)).toBe(false);
  });
});

describe('months', () => {
  it('monthOf takes the YYYY-MM of a valid day', () => {
    expect(monthOf('2026-02-14')).toBe('2026-02');
    expect(() => monthOf('2026-02-30')).toThrow(RangeError);
  });

  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2026-04', '2026-04-01', '2026-04-30'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('%s runs %s..%s', (month, start, end) => {
    expect(monthRange(month)).toEqual({ start, end });
  });

  it('validates months strictly', () => {
    expect(isValidMonth('2026-01')).toBe(true);
    expect(isValidMonth('2026-12')).toBe(true);
    for (const month of ['2026-00', '2026-13', '2026-1', '26-01', '2026-01-01', '']) {
      expect(isValidMonth(month)).toBe(false);
    }
    expect(() => monthRange('2026-13')).toThrow(RangeError);
  });

  it('every day lies in its month range', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const { start, end } = monthRange(monthOf(day));
        expect(start <= day && day <= end).toBe(true);
        expect(addDays(end, 1).slice(8)).toBe('01');
      }),
    );
  });
});
