import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween } from './calendar';
import {
  daysRemaining,
  goalPercentage,
  MILESTONES,
  milestoneName,
  milestonesCrossed,
  nextRecurrence,
  onTrack,
} from './goals';

describe('goalPercentage', () => {
  it.each([
    [30, 120, 25],
    [1, 3, 33.33],
    [2, 3, 66.67],
    [1, 800, 0.13], // exactly 0.125 rounds half up
    [99.5, 100, 99.5],
    [150, 100, 100], // capped
    [0, 100, 0],
    [-5, 100, 0],
  ])('%d of %d is %d %', (current, target, percentage) => {
    expect(goalPercentage(current, target)).toBe(percentage);
  });

  it('rejects a target that is not positive', () => {
    expect(() => goalPercentage(5, 0)).toThrow(RangeError);
    expect(() => goalPercentage(5, -1)).toThrow(RangeError);
    expect(() => goalPercentage(Number.NaN, 10)).toThrow(RangeError);
  });
});

describe('milestones', () => {
  it('are 25, 50, 75 and 100 %', () => {
    expect(MILESTONES).toEqual([25, 50, 75, 100]);
  });

  it('reports every milestone passed and not yet reached, ascending', () => {
    expect(milestonesCrossed([], 0)).toEqual([]);
    expect(milestonesCrossed([], 24.99)).toEqual([]);
    expect(milestonesCrossed([], 25)).toEqual([25]);
    expect(milestonesCrossed([], 75)).toEqual([25, 50, 75]);
    expect(milestonesCrossed([], 100)).toEqual([25, 50, 75, 100]);
    expect(milestonesCrossed([25], 100)).toEqual([50, 75, 100]);
  });

  it('reports nothing again once reached', () => {
    expect(milestonesCrossed([25, 50, 75], 75)).toEqual([]);
    expect(milestonesCrossed([25, 50, 75, 100], 100)).toEqual([]);
  });

  it('reports each milestone exactly once as progress is recorded day by day', () => {
    const reached: number[] = [];
    const reportedPerDay = [10, 30, 60, 60, 55, 80, 100, 100].map((percentage) => {
      const crossed = milestonesCrossed(reached, percentage);
      reached.push(...crossed);
      return crossed;
    });
    expect(reportedPerDay).toEqual([[], [25], [50], [], [], [75], [100], []]);
  });

  it('reports the same milestones whether progress comes in steps or at once', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true })), (steps) => {
        const reached: number[] = [];
        for (const p of steps) reached.push(...milestonesCrossed(reached, p));
        expect([...reached].sort((a, b) => a - b)).toEqual(milestonesCrossed([], Math.max(0, ...steps)));
      }),
    );
  });

  it('names each milestone', () => {
    expect(MILESTONES.map(milestoneName)).toEqual(['25% reached', '50% reached', '75% reached', 'Goal complete']);
    expect(() => milestoneName(30)).toThrow(RangeError);
  });
});

describe('daysRemaining', () => {
  it('is 0 on the target date and negative after it', () => {
    expect(daysRemaining('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysRemaining('2026-03-10', '2026-03-31')).toBe(21);
    expect(daysRemaining('2026-12-20', '2027-01-05')).toBe(16);
    expect(daysRemaining('2026-03-10', '2026-03-01')).toBe(-9);
  });
});

describe('onTrack', () => {
  // 600 minutes over 30 days (03-01..03-30 inclusive): 20 minutes a day.
  const goal = { startDate: '2026-03-01', targetDate: '2026-03-30', target: 600 };

  it('expects the share of the target for the days elapsed, today included', () => {
    expect(onTrack({ ...goal, today: '2026-03-10', current: 200 })).toBe(true);
    expect(onTrack({ ...goal, today: '2026-03-10', current: 199 })).toBe(false);
    expect(onTrack({ ...goal, today: '2026-03-01', current: 20 })).toBe(true);
    expect(onTrack({ ...goal, today: '2026-03-01', current: 0 })).toBe(false);
  });

  it('is on track before the start date', () => {
    expect(onTrack({ ...goal, today: '2026-02-25', current: 0 })).toBe(true);
  });

  it('expects the whole target on and after the target date', () => {
    expect(onTrack({ ...goal, today: '2026-03-30', current: 599 })).toBe(false);
    expect(onTrack({ ...goal, today: '2026-04-05', current: 599 })).toBe(false);
    expect(onTrack({ ...goal, today: '2026-04-05', current: 600 })).toBe(true);
  });

  it('is on track once the target is met, whatever the date', () => {
    expect(onTrack({ ...goal, today: '2026-03-02', current: 650 })).toBe(true);
  });

  it('compares fractional paces exactly', () => {
    // 10 over 3 days: 3⅓ expected after day 1.
    const short = { startDate: '2026-03-01', targetDate: '2026-03-03', target: 10, today: '2026-03-01' };
    expect(onTrack({ ...short, current: 3.33 })).toBe(false);
    expect(onTrack({ ...short, current: 3.34 })).toBe(true);
  });

  it('handles a one-day goal', () => {
    const oneDay = { startDate: '2026-03-10', targetDate: '2026-03-10', target: 30, today: '2026-03-10' };
    expect(onTrack({ ...oneDay, current: 29 })).toBe(false);
    expect(onTrack({ ...oneDay, current: 30 })).toBe(true);
  });

  it('rejects a start after the target date', () => {
    expect(() => onTrack({ ...goal, startDate: '2026-04-01', today: '2026-03-10', current: 0 })).toThrow(RangeError);
  });
});

describe('nextRecurrence', () => {
  it.each([
    ['daily', '2026-03-10', '2026-03-10', '2026-03-11', '2026-03-11'],
    ['daily', '2026-12-31', '2026-12-31', '2027-01-01', '2027-01-01'],
    ['weekly', '2026-03-09', '2026-03-15', '2026-03-16', '2026-03-22'],
    ['weekly', '2026-12-28', '2027-01-03', '2027-01-04', '2027-01-10'],
    ['weekly', '2026-03-11', '2026-03-15', '2026-03-16', '2026-03-22'], // a short first week
    ['monthly', '2026-01-01', '2026-01-31', '2026-02-01', '2026-02-28'],
    ['monthly', '2026-02-01', '2026-02-28', '2026-03-01', '2026-03-31'],
    ['monthly', '2024-01-01', '2024-01-31', '2024-02-01', '2024-02-29'],
    ['monthly', '2026-04-01', '2026-04-30', '2026-05-01', '2026-05-31'],
    ['monthly', '2026-12-01', '2026-12-31', '2027-01-01', '2027-01-31'],
    ['monthly', '2026-01-15', '2026-02-14', '2026-02-15', '2026-03-14'],
    ['monthly', '2026-01-10', '2026-01-31', '2026-02-10', '2026-02-28'],
    ['monthly', '2026-01-31', '2026-01-31', '2026-02-28', '2026-02-28'],
    ['monthly', '2026-03-31', '2026-04-30', '2026-05-01', '2026-05-31'], // 04-31 clamps onto the old end
  ] as const)('%s %s..%s → %s..%s', (pattern, start, target, nextStart, nextTarget) => {
    expect(nextRecurrence(pattern, start, target)).toEqual({ startDate: nextStart, targetDate: nextTarget });
  });

  it('rejects a start after the target date', () => {
    expect(() => nextRecurrence('weekly', '2026-03-16', '2026-03-15')).toThrow(RangeError);
  });

  it('always opens a non-empty period after the current one', () => {
    const day = fc
      .integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2050, 0, 1) / 86_400_000 })
      .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom('daily', 'weekly', 'monthly' as const), day, fc.integer({ min: 0, max: 40 }), (pattern, start, length) => {
        const target = new Date(Date.parse(start) + length * 86_400_000).toISOString().slice(0, 10);
        const next = nextRecurrence(pattern, start, target);
        expect(daysBetween(target, next.startDate)).toBeGreaterThanOrEqual(1);
        expect(daysBetween(next.startDate, next.targetDate)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
