import type { AchievementEvent, MilestoneEvent } from './sessions';
import type { SyncStatus } from './sync';
import type { TimerView } from './timer';

export const DATA_ENTITIES = ['sessions', 'activities', 'goals', 'classes', 'assignments', 'points', 'achievements', 'settings'] as const;
export type DataEntity = (typeof DATA_ENTITIES)[number];

/** Events the core pushes to every host; the payloads are the same on every transport. */
export interface CoreEvents {
  'data.changed': { entities: DataEntity[]; ids: string[] };
  'goal.milestone': MilestoneEvent;
  'achievement.earned': AchievementEvent;
  'sync.changed': SyncStatus;
  'timer.changed': TimerView;
}
export type CoreEventName = keyof CoreEvents;
/** Every event name (the record makes a new event a type error here until listed), for hosts that forward them all. */
const EVENT_NAMES: Record<CoreEventName, true> = { 'data.changed': true, 'goal.milestone': true, 'achievement.earned': true, 'sync.changed': true, 'timer.changed': true };
export const CORE_EVENT_NAMES = Object.keys(EVENT_NAMES) as CoreEventName[];
