import { describe, expect, it } from 'vitest';
import * as domain from './index';

describe('shared/domain index', () => {
  it('re-exports every domain rule', () => {
    const names = [
      'isValidTimeZone', 'studyDay', 'studyDayBounds', 'splitByStudyDay',
      'addDays', 'daysBetween', 'isValidDay', 'isoWeekOf', 'isoWeekRange', 'isValidIsoWeek',
      'monthOf', 'monthRange', 'isValidMonth', 'eachDay',
      'activeSeconds', 'activeMinutes', 'sessionPoints', 'activityPoints', 'accuracyPercentage',
      'LEVEL_THRESHOLDS', 'levelFor', 'nextLevelAt',
      'currentStreak', 'longestStreak',
      'ACHIEVEMENTS', 'earnedAchievements', 'isPerfectTest',
      'MILESTONES', 'goalPercentage', 'milestonesCrossed', 'milestoneName', 'daysRemaining', 'onTrack', 'nextRecurrence',
      'linearTrend',
    ];
    for (const name of names) expect(domain, name).toHaveProperty(name);
  });
});
