import type { AchievementEvent, MilestoneEvent } from './sessions';
import type { SyncStatus } from './sync';
import type { TimerView } from './timer';

export const DATA_ENTITIES = ['sessions', 'activities', 'goals', 'classes', 'assignments', 'points', 'achievements', 'settings'] as const;
export type DataEntity = (typeof DATA_ENTITIES)[number];

/** Long operations that report how far they are (`task.progress`). */
export const TASKS = ['seed_demo'] as const;
export type Task = (typeof TASKS)[number];

/** How far a long operation is: `done` of `total` steps, and what it is doing now. */
export interface TaskProgress {
  task: Task;
  done: number;
  total: number;
  label: string;
}

/** Events the core pushes to every host; the payloads are the same on every transport. */
export interface CoreEvents {
  'data.changed': { entities: DataEntity[]; ids: string[] };
  'goal.milestone': MilestoneEvent;
  'achievement.earned': AchievementEvent;
  'sync.changed': SyncStatus;
  'timer.changed': TimerView;
  'task.progress': TaskProgress;
}
export type CoreEventName = keyof CoreEvents;
/** Every event name (the record makes a new event a type error here until listed), for hosts that forward them all. */
const EVENT_NAMES: Record<CoreEventName, true> = { 'data.changed': true, 'goal.milestone': true, 'achievement.earned': true, 'sync.changed': true, 'timer.changed': true, 'task.progress': true };
export const CORE_EVENT_NAMES = Object.keys(EVENT_NAMES) as CoreEventName[];
