import { describe, expect, it } from 'vitest';
import { ACHIEVEMENT_KEYS, ACHIEVEMENTS, earnedAchievements, isPerfectTest, type AchievementStats } from './achievements';
import { accuracyPercentage, activeMinutes, activityPoints, levelFor, sessionPoints } from './points';

const none: AchievementStats = {
  completedSessions: 0,
  streakDays: 0,
  totalActiveMinutes: 0,
  completedGoals: 0,
  perfectTests: 0,
};

describe('ACHIEVEMENTS', () => {
  it('declares nine achievements in order, each under its own key', () => {
    expect(ACHIEVEMENT_KEYS).toEqual([
      'first_session',
      'streak_3',
      'streak_7',
      'streak_30',
      'hours_10',
      'hours_50',
      'hours_100',
      'first_goal_completed',
      'perfect_test',
    ]);
    for (const key of ACHIEVEMENT_KEYS) {
      expect(ACHIEVEMENTS[key].key).toBe(key);
      expect(ACHIEVEMENTS[key].name).not.toBe('');
      expect(ACHIEVEMENTS[key].description).not.toBe('');
    }
  });

  it('awards the agreed bonus points', () => {
    const bonuses = Object.fromEntries(ACHIEVEMENT_KEYS.map((key) => [key, ACHIEVEMENTS[key].bonus_points]));
    expect(bonuses).toEqual({
      first_session: 0,
      streak_3: 10,
      streak_7: 25,
      streak_30: 100,
      hours_10: 20,
      hours_50: 50,
      hours_100: 100,
      first_goal_completed: 15,
      perfect_test: 10,
    });
  });
});

describe('earnedAchievements', () => {
  it('earns nothing before any study', () => {
    expect(earnedAchievements(none)).toEqual([]);
  });

  it('earns first_session with the first completed session', () => {
    expect(earnedAchievements({ ...none, completedSessions: 1 })).toEqual(['first_session']);
  });

  it('earns every streak badge the streak has reached', () => {
    expect(earnedAchievements({ ...none, streakDays: 2 })).toEqual([]);
    expect(earnedAchievements({ ...none, streakDays: 3 })).toEqual(['streak_3']);
    expect(earnedAchievements({ ...none, streakDays: 7 })).toEqual(['streak_3', 'streak_7']);
    expect(earnedAchievements({ ...none, streakDays: 29 })).toEqual(['streak_3', 'streak_7']);
    expect(earnedAchievements({ ...none, streakDays: 30 })).toEqual(['streak_3', 'streak_7', 'streak_30']);
  });

  it('earns hour badges at 600, 3000 and 6000 active minutes', () => {
    expect(earnedAchievements({ ...none, totalActiveMinutes: 599 })).toEqual([]);
    expect(earnedAchievements({ ...none, totalActiveMinutes: 600 })).toEqual(['hours_10']);
    expect(earnedAchievements({ ...none, totalActiveMinutes: 2999 })).toEqual(['hours_10']);
    expect(earnedAchievements({ ...none, totalActiveMinutes: 3000 })).toEqual(['hours_10', 'hours_50']);
    expect(earnedAchievements({ ...none, totalActiveMinutes: 6000 })).toEqual(['hours_10', 'hours_50', 'hours_100']);
  });

  it('earns the goal and perfect-test badges', () => {
    expect(earnedAchievements({ ...none, completedGoals: 1 })).toEqual(['first_goal_completed']);
    expect(earnedAchievements({ ...none, perfectTests: 1 })).toEqual(['perfect_test']);
  });

  it('lists everything in declaration order when all conditions hold', () => {
    const all = { completedSessions: 500, streakDays: 45, totalActiveMinutes: 9000, completedGoals: 3, perfectTests: 2 };
    expect(earnedAchievements(all)).toEqual(ACHIEVEMENT_KEYS);
  });
});

describe('isPerfectTest', () => {
  it('needs a testing activity with every one of at least 10 items correct', () => {
    expect(isPerfectTest('testing', 10, 10)).toBe(true);
    expect(isPerfectTest('testing', 40, 40)).toBe(true);
    expect(isPerfectTest('testing', 9, 9)).toBe(false);
    expect(isPerfectTest('testing', 20, 19)).toBe(false);
    expect(isPerfectTest('flashcards', 20, 20)).toBe(false);
    expect(isPerfectTest('testing', null, null)).toBe(false);
    expect(isPerfectTest('testing', 10, null)).toBe(false);
  });
});

describe('the platform reference flow', () => {
  it('one 90-minute session with an 18/20 test totals exactly 63 points, level 3', () => {
    const minutes = activeMinutes('2026-03-10T09:00:00Z', '2026-03-10T10:30:00Z', 0);
    const earned = earnedAchievements({ ...none, completedSessions: 1, totalActiveMinutes: minutes });
    const bonus = earned.reduce((sum, key) => sum + ACHIEVEMENTS[key].bonus_points, 0);
    const total = sessionPoints(minutes) + activityPoints(18) + bonus;

    expect(earned).toEqual(['first_session']);
    expect(accuracyPercentage(20, 18)).toBe(90);
    expect(isPerfectTest('testing', 20, 18)).toBe(false);
    expect(total).toBe(45 + 18 + 0);
    expect(total).toBe(63);
    expect(levelFor(total)).toBe(3);
  });
});
