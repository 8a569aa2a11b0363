export type AchievementKey =
  | 'first_session'
  | 'streak_3'
  | 'streak_7'
  | 'streak_30'
  | 'hours_10'
  | 'hours_50'
  | 'hours_100'
  | 'first_goal_completed'
  | 'perfect_test';

export interface Achievement {
  readonly key: AchievementKey;
  readonly name: string;
  readonly description: string;
  readonly bonus_points: number;
}

export interface AchievementStats {
  completedSessions: number;
  streakDays: number;
  totalActiveMinutes: number;
  completedGoals: number;
  /** Testing activities with 100 % on ≥ 10 items. */
  perfectTests: number;
}

export const PERFECT_TEST_MIN_ITEMS = 10;

// first_session carries no bonus: the platform's reference flow (one 90-minute session with an
// 18/20 test) must total exactly 63 points.
export const ACHIEVEMENTS: Readonly<Record<AchievementKey, Achievement>> = {
  first_session: {
    key: 'first_session',
    name: 'First Session',
    description: 'Completed your first study session',
    bonus_points: 0,
  },
  streak_3: { key: 'streak_3', name: '3-Day Streak', description: 'Studied 3 days in a row', bonus_points: 10 },
  streak_7: { key: 'streak_7', name: '7-Day Streak', description: 'Studied 7 days in a row', bonus_points: 25 },
  streak_30: { key: 'streak_30', name: '30-Day Streak', description: 'Studied 30 days in a row', bonus_points: 100 },
  hours_10: { key: 'hours_10', name: '10 Hours', description: 'Studied 10 hours in total', bonus_points: 20 },
  hours_50: { key: 'hours_50', name: '50 Hours', description: 'Studied 50 hours in total', bonus_points: 50 },
  hours_100: { key: 'hours_100', name: '100 Hours', description: 'Studied 100 hours in total', bonus_points: 100 },
  first_goal_completed: {
    key: 'first_goal_completed',
    name: 'Goal Getter',
    description: 'Completed your first goal',
    bonus_points: 15,
  },
  perfect_test: {
    key: 'perfect_test',
    name: 'Perfect Test',
    description: `Scored 100% on a test of at least ${PERFECT_TEST_MIN_ITEMS} items`,
    bonus_points: 10,
  },
};

const CONDITIONS: Readonly<Record<AchievementKey, (s: AchievementStats) => boolean>> = {
  first_session: (s) => s.completedSessions >= 1,
  streak_3: (s) => s.streakDays >= 3,
  streak_7: (s) => s.streakDays >= 7,
  streak_30: (s) => s.streakDays >= 30,
  hours_10: (s) => s.totalActiveMinutes >= 10 * 60,
  hours_50: (s) => s.totalActiveMinutes >= 50 * 60,
  hours_100: (s) => s.totalActiveMinutes >= 100 * 60,
  first_goal_completed: (s) => s.completedGoals >= 1,
  perfect_test: (s) => s.perfectTests >= 1,
};

/** In declaration order. */
export const ACHIEVEMENT_KEYS = Object.keys(ACHIEVEMENTS) as readonly AchievementKey[];

/** Every achievement whose condition holds; the caller removes those already earned. */
export function earnedAchievements(stats: AchievementStats): AchievementKey[] {
  return ACHIEVEMENT_KEYS.filter((key) => CONDITIONS[key](stats));
}

export function isPerfectTest(activityType: string, itemsCompleted: number | null, itemsCorrect: number | null): boolean {
  return (
    activityType === 'testing' &&
    itemsCompleted !== null &&
    itemsCompleted >= PERFECT_TEST_MIN_ITEMS &&
    itemsCorrect === itemsCompleted
  );
}
