import type { AchievementEvent, MilestoneEvent } from './sessions';

export const DATA_ENTITIES = ['sessions', 'activities', 'goals', 'classes', 'assignments', 'points', 'achievements', 'settings'] as const;
export type DataEntity = (typeof DATA_ENTITIES)[number];

/** Events the core pushes to every host; the payloads are the same on every transport. */
export interface CoreEvents {
  'data.changed': { entities: DataEntity[]; ids: string[] };
  'goal.milestone': MilestoneEvent;
  'achievement.earned': AchievementEvent;
}
export type CoreEventName = keyof CoreEvents;
