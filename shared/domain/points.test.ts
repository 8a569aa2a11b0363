import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracyPercentage,
  activeMinutes,
  activeSeconds,
  activityPoints,
  LEVEL_THRESHOLDS,
  levelFor,
  nextLevelAt,
  sessionPoints,
} from './points';

describe('activeSeconds', () => {
  it('is the elapsed time minus pauses', () => {
    expect(activeSeconds('2026-03-10T09:00:00Z', '2026-03-10T10:30:00Z', 0)).toBe(5400);
    expect(activeSeconds('2026-03-10T09:00:00Z', '2026-03-10T10:30:00Z', 600)).toBe(4800);
  });

  it('never goes below zero', () => {
    expect(activeSeconds('2026-03-10T09:00:00Z', '2026-03-10T09:10:00Z', 900)).toBe(0);
    expect(activeSeconds('2026-03-10T10:00:00Z', '2026-03-10T09:00:00Z', 0)).toBe(0);
  });

  it('drops partial seconds', () => {
    expect(activeSeconds('2026-03-10T09:00:00.000Z', '2026-03-10T10:00:00.999Z', 0)).toBe(3600);
    expect(activeSeconds('2026-03-10T09:00:00Z', '2026-03-10T09:01:00Z', 0.5)).toBe(59);
  });

  it('measures true elapsed time across the DST change and mixed offsets', () => {
    // 01:00 EST → 04:00 EDT reads 3 h on the clock, lasts 2 h.
    expect(activeSeconds('2026-03-08T01:00:00-05:00', '2026-03-08T04:00:00-04:00', 0)).toBe(7200);
    expect(activeSeconds('2026-06-15T10:00:00+05:30', '2026-06-15T05:00:00Z', 0)).toBe(1800);
  });

  it('rejects negative pauses and instants without an offset', () => {
    expect(() => activeSeconds('2026-03-10T09:00:00Z', '2026-03-10T10:00:00Z', -1)).toThrow(RangeError);
    expect(() => activeSeconds('2026-03-10T09:00:00', '2026-03-10T10:00:00Z', 0)).toThrow(RangeError);
  });
});

describe('activeMinutes', () => {
  it('rounds down to whole minutes', () => {
    expect(activeMinutes('2026-03-10T09:00:00Z', '2026-03-10T10:30:00Z', 0)).toBe(90);
    expect(activeMinutes('2026-03-10T09:00:00Z', '2026-03-10T10:29:59Z', 0)).toBe(89);
    expect(activeMinutes('2026-03-10T09:00:00Z', '2026-03-10T09:00:59Z', 0)).toBe(0);
  });
});

describe('sessionPoints', () => {
  it.each([
    [90, 45],
    [89, 44],
    [2, 1],
    [1, 0],
    [0, 0],
  ])('%i active minutes earn %i points', (minutes, points) => {
    expect(sessionPoints(minutes)).toBe(points);
  });

  it('rejects negative minutes', () => {
    expect(() => sessionPoints(-1)).toThrow(RangeError);
  });
});

describe('activityPoints', () => {
  it('earns one point per correct item, none when unknown', () => {
    expect(activityPoints(18)).toBe(18);
    expect(activityPoints(0)).toBe(0);
    expect(activityPoints(null)).toBe(0);
    expect(activityPoints(undefined)).toBe(0);
  });
});

describe('accuracyPercentage', () => {
  it.each([
    [20, 18, 90],
    [3, 1, 33.33],
    [3, 2, 66.67],
    [8, 1, 12.5],
    [7, 7, 100],
    [800, 3, 0.38], // exactly 0.375 rounds half up (naive float math gives 0.37)
    [1600, 1, 0.06], // 0.0625
  ])('%i completed, %i correct → %d %', (completed, correct, percentage) => {
    expect(accuracyPercentage(completed, correct)).toBe(percentage);
  });

  it('is null when nothing was completed', () => {
    expect(accuracyPercentage(null, 5)).toBeNull();
    expect(accuracyPercentage(undefined, undefined)).toBeNull();
    expect(accuracyPercentage(0, 0)).toBeNull();
  });

  it('counts unknown correct items as none', () => {
    expect(accuracyPercentage(10, null)).toBe(0);
  });
});

describe('levels', () => {
  it('uses the platform thresholds', () => {
    expect(LEVEL_THRESHOLDS).toEqual([20, 50, 100, 250, 500, 1000, 2500, 5000, 10000]);
  });

  it.each([
    [0, 1, 20],
    [19, 1, 20],
    [20, 2, 50],
    [49, 2, 50],
    [50, 3, 100],
    [63, 3, 100],
    [100, 4, 250],
    [250, 5, 500],
    [500, 6, 1000],
    [1000, 7, 2500],
    [2500, 8, 5000],
    [5000, 9, 10000],
    [9999, 9, 10000],
    [10000, 10, null],
    [1_000_000, 10, null],
  ])('%i points is level %i, next level at %s', (points, level, next) => {
    expect(levelFor(points)).toBe(level);
    expect(nextLevelAt(points)).toBe(next);
  });

  it('reaching nextLevelAt always raises the level by exactly one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (points) => {
        const next = nextLevelAt(points);
        if (next === null) {
          expect(levelFor(points)).toBe(10);
          return;
        }
        expect(next).toBeGreaterThan(points);
        expect(levelFor(next - 1)).toBe(levelFor(points));
        expect(levelFor(next)).toBe(levelFor(points) + 1);
      }),
    );
  });
});
