import type { Ctx } from './context';
import { checkAchievements } from './gamification';
import { refreshAutoGoals } from './goals';

/**
 * Everything that follows from a change to sessions or activities, in the same transaction:
 * automatic goals whose window holds one of `days`, then achievements.
 */
export async function afterStudyChange(ctx: Ctx, days: string[]): Promise<void> {
  await refreshAutoGoals(ctx, [...new Set(days)]);
  await checkAchievements(ctx);
}
