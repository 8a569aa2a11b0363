import { z } from 'zod';
import { ACTIVITY_TYPES, Day, FOCUS_MODES, Id, Instant, Message, Rating, SESSION_SOURCES, SESSION_TYPES, storableJson, Text } from './common';

const Metadata = z
  .record(z.string().max(100), z.unknown())
  .refine((m) => JSON.stringify(m).length <= 10_000, 'metadata larger than 10 kB')
  .refine(storableJson, 'metadata contains a NUL character or an unpaired surrogate');

export const SessionStartInput = z.strictObject({
  class_id: Id.nullish(),
  session_type: z.enum(SESSION_TYPES).default('solo'),
  focus_mode: z.enum(FOCUS_MODES).nullish(),
  location: Text(100).nullish(),
  start_time: Instant.optional(),
});
export const SessionStartOutput = z.object({ session_id: Id, start_time: Instant, message: Message });

export const SessionEndInput = z.strictObject({
  session_id: Id,
  mood_rating: Rating.nullish(),
  productivity_rating: Rating.nullish(),
  notes: Text(10_000).nullish(),
  end_time: Instant.optional(),
  paused_seconds: z.number().int().min(0).max(86_400).optional(),
});

export const MilestoneEvent = z.object({
  goal_id: Id,
  goal_name: z.string(),
  milestone: z.number().int(),
  milestone_name: z.string(),
});
export const AchievementEvent = z.object({
  achievement_key: z.string(),
  name: z.string(),
  description: z.string(),
  bonus_points: z.number().int(),
  earned_at: Instant,
});
export type MilestoneEvent = z.infer<typeof MilestoneEvent>;
export type AchievementEvent = z.infer<typeof AchievementEvent>;

export const SessionEndOutput = z.object({
  session_id: Id,
  duration_minutes: z.number().int(),
  points_earned: z.number().int(),
  message: Message,
  milestones: z.array(MilestoneEvent),
  achievements: z.array(AchievementEvent),
});

export const ActivityInput = z
  .strictObject({
    session_id: Id,
    activity_type: z.enum(ACTIVITY_TYPES),
    content_type: Text(50).nullish(),
    content_id: Text(100).nullish(),
    start_time: Instant.optional(),
    end_time: Instant.optional(),
    duration_minutes: z.number().int().min(0).max(1440).optional(),
    items_completed: z.number().int().min(0).max(100_000).nullish(),
    items_correct: z.number().int().min(0).max(100_000).nullish(),
    metadata: Metadata.optional(),
  })
  .refine((a) => a.items_correct == null || (a.items_completed != null && a.items_correct <= a.items_completed), {
    message: 'items_correct cannot exceed items_completed',
    path: ['items_correct'],
  })
  .refine((a) => !a.start_time || !a.end_time || Date.parse(a.end_time) >= Date.parse(a.start_time), {
    message: 'end_time is before start_time',
    path: ['end_time'],
  });
export const ActivityOutput = z.object({
  activity_id: Id,
  session_id: Id,
  duration_minutes: z.number().int().nullable(),
  accuracy_percentage: z.number().nullable(),
  points_earned: z.number().int(),
  message: Message,
  milestones: z.array(MilestoneEvent),
  achievements: z.array(AchievementEvent),
});

/** Changes to a logged activity: only the fields given change; null clears an optional one. */
export const ActivityUpdateInput = z
  .strictObject({
    activity_id: Id,
    activity_type: z.enum(ACTIVITY_TYPES).optional(),
    content_type: Text(50).nullish(),
    content_id: Text(100).nullish(),
    start_time: Instant.optional(),
    end_time: Instant.nullish(),
    duration_minutes: z.number().int().min(0).max(1440).nullish(),
    items_completed: z.number().int().min(0).max(100_000).nullish(),
    items_correct: z.number().int().min(0).max(100_000).nullish(),
    metadata: Metadata.optional(),
  })
  .refine((a) => a.items_correct == null || a.items_completed == null || a.items_correct <= a.items_completed, {
    message: 'items_correct cannot exceed items_completed',
    path: ['items_correct'],
  });
export const ActivityIdInput = z.strictObject({ activity_id: Id });

export const Activity = z.object({
  id: Id,
  session_id: Id,
  activity_type: z.enum(ACTIVITY_TYPES),
  content_type: z.string().nullable(),
  content_id: z.string().nullable(),
  start_time: Instant,
  end_time: Instant.nullable(),
  duration_minutes: z.number().int().nullable(),
  items_completed: z.number().int().nullable(),
  items_correct: z.number().int().nullable(),
  accuracy_percentage: z.number().nullable(),
  points_earned: z.number().int(),
  metadata: z.record(z.string(), z.unknown()),
});
export type Activity = z.infer<typeof Activity>;

export const Session = z.object({
  id: Id,
  class_id: Id.nullable(),
  class_name: z.string().nullable(),
  start_time: Instant,
  end_time: Instant.nullable(),
  duration_minutes: z.number().int().nullable(),
  session_type: z.enum(SESSION_TYPES),
  focus_mode: z.enum(FOCUS_MODES).nullable(),
  location: z.string().nullable(),
  notes: z.string().nullable(),
  mood_rating: z.number().int().nullable(),
  productivity_rating: z.number().int().nullable(),
  time_zone: z.string(),
  paused_seconds: z.number().int(),
  source: z.enum(SESSION_SOURCES),
  last_heartbeat_at: Instant.nullable(),
  points_earned: z.number().int(),
  study_date: Day,
  activities_count: z.number().int(),
  activity_points: z.number().int(),
  deleted_at: Instant.nullable(),
});
export type Session = z.infer<typeof Session>;

export const SessionListInput = z
  .strictObject({
    class_id: Id.optional(),
    start_date: Day.optional(),
    end_date: Day.optional(),
    limit: z.number().int().min(1).max(1000).default(50),
    offset: z.number().int().min(0).default(0),
    include_deleted: z.boolean().default(false),
  })
  .refine((i) => !i.start_date || !i.end_date || i.start_date <= i.end_date, {
    message: 'start_date is after end_date',
    path: ['end_date'],
  });
export const SessionListOutput = z.object({
  sessions: z.array(Session),
  total_count: z.number().int(),
  total_minutes: z.number().int(),
  /** The sessions' own points (minutes), not the activities' or bonuses: what the rows add up to. */
  total_points: z.number().int(),
  avg_duration: z.number(),
});

export const SessionIdInput = z.strictObject({ session_id: Id });
export const SessionDetail = Session.extend({ activities: z.array(Activity) });
export const SessionActiveOutput = z.object({ session: Session.nullable() });

export const ActivityChangeOutput = z.object({
  activity: Activity,
  message: Message,
  milestones: z.array(MilestoneEvent),
  achievements: z.array(AchievementEvent),
});

export const SessionUpdateInput = z.strictObject({
  session_id: Id,
  class_id: Id.nullish(),
  start_time: Instant.optional(),
  end_time: Instant.optional(),
  session_type: z.enum(SESSION_TYPES).optional(),
  focus_mode: z.enum(FOCUS_MODES).nullish(),
  location: Text(100).nullish(),
  notes: Text(10_000).nullish(),
  mood_rating: Rating.nullish(),
  productivity_rating: Rating.nullish(),
  paused_seconds: z.number().int().min(0).max(86_400).optional(),
});

export const SessionCreateManualInput = z
  .strictObject({
    class_id: Id.nullish(),
    session_type: z.enum(SESSION_TYPES).default('solo'),
    focus_mode: z.enum(FOCUS_MODES).nullish(),
    location: Text(100).nullish(),
    start_time: Instant,
    end_time: Instant,
    paused_seconds: z.number().int().min(0).max(86_400).default(0),
    mood_rating: Rating.nullish(),
    productivity_rating: Rating.nullish(),
    notes: Text(10_000).nullish(),
  })
  .refine((s) => Date.parse(s.end_time) > Date.parse(s.start_time), {
    message: 'end_time must be after start_time',
    path: ['end_time'],
  });

export const SessionChangeOutput = z.object({
  session: Session,
  message: Message,
  milestones: z.array(MilestoneEvent),
  achievements: z.array(AchievementEvent),
});
