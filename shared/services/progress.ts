import type { ActivityType } from '../contract';
import type { Ctx } from './context';
import { checkAchievements } from './gamification';
import { ALL_AUTO_GOALS, type AutoGoalType } from './goal-types';
import { refreshAutoGoals } from './goals';

/** The goal types a change can move: a session's minutes, or one kind of activity's accuracy. */
export const SESSION_GOALS: readonly AutoGoalType[] = ['study_time', 'streak'];
export const EVERY_GOAL = ALL_AUTO_GOALS;
export const goalsFedBy = (activity: ActivityType): readonly AutoGoalType[] =>
  activity === 'testing' ? ['test_score'] : activity === 'flashcards' ? ['flashcard_mastery'] : [];

/**
 * Everything that follows from a change to sessions or activities, in the same transaction:
 * the automatic goals of `types` whose window holds one of `days`, then achievements. With
 * `scope.classes` (the classes of the sessions changed; null for no class), only goals of those
 * classes or of none, and streak goals; `scope.additive` says the change only added study time.
 */
export async function afterStudyChange(
  ctx: Ctx, days: string[], types: readonly AutoGoalType[],
  scope: { classes?: ReadonlyArray<string | null>; additive?: boolean } = {},
): Promise<void> {
  const earned = await refreshAutoGoals(ctx, [...new Set(days)], { types, earned: true, ...scope });
  await checkAchievements(ctx, earned);
}
