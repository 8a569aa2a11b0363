import type { ChannelOutput } from '../../../../shared/contract/channels';
import type { Activity } from '../../../../shared/contract/sessions';
import { call } from '../../lib/call';
import { toast } from '../../stores/toasts';
import { achievementReward, milestoneReward } from '../focus/rewards';

type Rewarding = Pick<ChannelOutput<'sessions.logActivity'>, 'milestones' | 'achievements'>;

/** A goal milestone or an achievement that a change to an activity earned, celebrated as on the Focus page. */
export function announceRewards(result: Rewarding): void {
  for (const m of result.milestones) toast.success(`Milestone: ${milestoneReward(m).text}`);
  for (const a of result.achievements) toast.success(`Achievement unlocked: ${achievementReward(a).text}`);
}

async function restoreActivity(id: string): Promise<void> {
  try {
    const result = await call('sessions.restoreActivity', { activity_id: id });
    toast.success(result.message);
    announceRewards(result);
  } catch (err) {
    toast.error(err);
  }
}

/** Deletes at once, no confirmation: the toast's Undo brings it back with its points. */
export async function deleteActivity(activity: Pick<Activity, 'id'>): Promise<void> {
  try {
    const result = await call('sessions.deleteActivity', { activity_id: activity.id });
    toast.success(result.message, { label: 'Undo', run: () => void restoreActivity(activity.id) });
    announceRewards(result);
  } catch (err) {
    toast.error(err);
  }
}
