import type { AchievementEvent, MilestoneEvent } from '../../../../shared/contract/sessions';

export interface Reward {
  kind: 'milestone' | 'achievement';
  text: string;
}

export const milestoneReward = (m: MilestoneEvent): Reward => ({ kind: 'milestone', text: `${m.goal_name}: ${m.milestone_name}` });
export const achievementReward = (a: AchievementEvent): Reward => ({
  kind: 'achievement',
  text: a.bonus_points > 0 ? `${a.name} (+${a.bonus_points} points)` : a.name,
});
