import type { AchievementEvent, MilestoneEvent } from '../../../../shared/contract/sessions';
import { api } from '../../api';

export interface Reward {
  kind: 'milestone' | 'achievement';
  text: string;
}

export const milestoneReward = (m: MilestoneEvent): Reward => ({ kind: 'milestone', text: `${m.goal_name}: ${m.milestone_name}` });
export const achievementReward = (a: AchievementEvent): Reward => ({
  kind: 'achievement',
  text: a.bonus_points > 0 ? `${a.name} (+${a.bonus_points} points)` : a.name,
});

/**
 * Listens for the milestones and achievements the core announces. timer.stop answers only the
 * session's minutes and points (unlike sessions.end), so what the stop earned comes from the events
 * published with its transaction. Returns the unsubscribe.
 */
export function listenForRewards(onReward: (reward: Reward) => void): () => void {
  const offMilestone = api.onEvent('goal.milestone', (m) => onReward(milestoneReward(m)));
  const offAchievement = api.onEvent('achievement.earned', (a) => onReward(achievementReward(a)));
  return () => {
    offMilestone();
    offAchievement();
  };
}
