import { describe, expect, it } from 'vitest';
import { daysLeftText, goalFigures, goalsByUrgency, levelProgress } from './dashboard-math';

describe('levelProgress', () => {
  it('measures from the threshold of the current level to the next', () => {
    expect(levelProgress(75, 3, 100)).toEqual({ from: 50, to: 100, percent: 50 });
    expect(levelProgress(0, 1, 20)).toEqual({ from: 0, to: 20, percent: 0 });
  });

  it('is full at the top level', () => {
    expect(levelProgress(222_457, 10, null)).toEqual({ from: 10_000, to: null, percent: 100 });
  });
});

describe('goalFigures', () => {
  it('speaks each unit', () => {
    expect(goalFigures({ current_value: 9801, target_value: 13680, unit: 'minutes' })).toBe('163 h 21 min of 228 h');
    expect(goalFigures({ current_value: 82.5, target_value: 90, unit: 'percent' })).toBe('82.5 % of 90 %');
    expect(goalFigures({ current_value: 21, target_value: 85, unit: 'days' })).toBe('21 of 85 days');
    expect(goalFigures({ current_value: 2, target_value: 5, unit: null })).toBe('2 of 5');
  });
});

describe('daysLeftText', () => {
  it('says today and singular days plainly', () => {
    expect(daysLeftText(0)).toBe('Due today');
    expect(daysLeftText(1)).toBe('1 day left');
    expect(daysLeftText(12)).toBe('12 days left');
  });
});

describe('goalsByUrgency', () => {
  it('puts goals behind schedule first, then the nearest date, then priority', () => {
    const goals = [
      { goal_name: 'A', on_track: true, days_remaining: 2, priority: 'low' as const },
      { goal_name: 'B', on_track: false, days_remaining: 30, priority: 'low' as const },
      { goal_name: 'C', on_track: true, days_remaining: 2, priority: 'high' as const },
      { goal_name: 'D', on_track: true, days_remaining: 1, priority: 'low' as const },
    ];
    expect(goalsByUrgency(goals).map((g) => g.goal_name)).toEqual(['B', 'D', 'C', 'A']);
  });
});
