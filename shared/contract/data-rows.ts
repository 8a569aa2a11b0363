import { z } from 'zod';
import { ASSIGNMENT_STATUSES } from './classes';
import { ACTIVITY_TYPES, Day, FOCUS_MODES, Id, Instant, SESSION_SOURCES, SESSION_TYPES, storableJson, Text, TimeZone } from './common';
import { GOAL_STATUSES, GOAL_TYPES, PRIORITIES, RECURRENCES } from './goals';

// The rows of the full export (`data.exportAll`), one schema per table the student owns, in the
// database's column order. `data.import` validates every row with these before any SQL runs, so
// each mirrors its table's types, lengths and CHECK constraints. `user_id` is not part of a row:
// every row in a document is the student's, and an import gives it to the local profile.

const INT4_MAX = 2_147_483_647;
const Int = (min: number, max: number) => z.number().int().min(min).max(max);
const Count = Int(0, INT4_MAX);
const NonBlank = (max: number) => Text(max).refine((s) => s.trim().length > 0, 'is empty');

/** numeric(p, s): at most `scale` decimals and below 10^(p - s) in magnitude. */
const Numeric = (precision: number, scale: number) =>
  z
    .number()
    .lt(10 ** (precision - scale))
    .gt(-(10 ** (precision - scale)))
    .refine((n) => Math.abs(Math.round(n * 10 ** scale) - n * 10 ** scale) < 1e-6, `more than ${scale} decimals`);

const nullable = <T extends z.ZodType>(t: T) => t.nullable().default(null);
const ms = (instant: string) => Date.parse(instant);

const Stamps = { created_at: Instant, updated_at: Instant };
const Tombstone = { deleted_at: nullable(Instant) };

export const ClassRow = z.strictObject({
  id: Id,
  name: NonBlank(120),
  code: nullable(Text(40)),
  color: nullable(z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour')),
  source: z.enum(['local', 'platform']).default('local'),
  archived_at: nullable(Instant),
  ...Stamps,
  ...Tombstone,
});

export const AssignmentRow = z
  .strictObject({
    id: Id,
    class_id: nullable(Id),
    title: NonBlank(200),
    description: nullable(Text(10_000)),
    due_at: nullable(Instant),
    status: z.enum(ASSIGNMENT_STATUSES).default('pending'),
    completed_at: nullable(Instant),
    source: z.enum(['local', 'platform']).default('local'),
    ...Stamps,
    ...Tombstone,
  })
  .refine((a) => (a.status === 'completed') === (a.completed_at !== null), {
    message: 'completed_at is set exactly when the status is completed',
    path: ['completed_at'],
  });

export const SessionRow = z
  .strictObject({
    id: Id,
    class_id: nullable(Id),
    start_time: Instant,
    end_time: nullable(Instant),
    /** Derived: the database recomputes it from the times. */
    duration_minutes: nullable(Count),
    session_type: z.enum(SESSION_TYPES).default('solo'),
    focus_mode: nullable(z.enum(FOCUS_MODES)),
    location: nullable(Text(100)),
    notes: nullable(Text(10_000)),
    mood_rating: nullable(Int(1, 5)),
    productivity_rating: nullable(Int(1, 5)),
    time_zone: TimeZone,
    paused_seconds: Count.default(0),
    source: z.enum(SESSION_SOURCES).default('timer'),
    last_heartbeat_at: nullable(Instant),
    /** Derived: the database recomputes it from the duration. */
    points_earned: Count.default(0),
    ...Stamps,
    ...Tombstone,
  })
  .refine((s) => s.end_time === null || ms(s.end_time) > ms(s.start_time), { message: 'end_time is not after start_time', path: ['end_time'] })
  .refine((s) => s.end_time === null || ms(s.end_time) - ms(s.start_time) <= 24 * 3_600_000, {
    message: 'a session cannot last longer than 24 hours',
    path: ['end_time'],
  })
  .refine((s) => s.end_time === null || s.paused_seconds * 1000 <= ms(s.end_time) - ms(s.start_time), {
    message: 'paused_seconds exceeds the session length',
    path: ['paused_seconds'],
  });

export const ActivityRow = z
  .strictObject({
    id: Id,
    session_id: Id,
    activity_type: z.enum(ACTIVITY_TYPES),
    content_type: nullable(Text(50)),
    content_id: nullable(Text(100)),
    start_time: Instant,
    end_time: nullable(Instant),
    duration_minutes: nullable(Count),
    items_completed: nullable(Count),
    items_correct: nullable(Count),
    /** Derived from the items. */
    accuracy_percentage: nullable(Numeric(5, 2).min(0).max(100)),
    /** Derived: one point per correct item. */
    points_earned: Count.default(0),
    metadata: z
      .record(Text(100), z.unknown())
      .refine((m) => JSON.stringify(m).length <= 10_000, 'metadata larger than 10 kB')
      .refine(storableJson, 'metadata contains a NUL character or an unpaired surrogate')
      .default({}),
    ...Stamps,
    ...Tombstone,
  })
  .refine((a) => a.end_time === null || ms(a.end_time) >= ms(a.start_time), { message: 'end_time is before start_time', path: ['end_time'] })
  .refine((a) => a.items_correct === null || (a.items_completed !== null && a.items_correct <= a.items_completed), {
    message: 'items_correct cannot exceed items_completed',
    path: ['items_correct'],
  });

const Milestone = z.union([z.literal(25), z.literal(50), z.literal(75), z.literal(100)]);

export const GoalRow = z
  .strictObject({
    id: Id,
    class_id: nullable(Id),
    goal_type: z.enum(GOAL_TYPES),
    goal_name: NonBlank(200),
    goal_description: nullable(Text(5000)),
    target_value: Numeric(10, 2).min(0.01),
    current_value: Numeric(10, 2).min(0).default(0),
    unit: nullable(Text(30)),
    start_date: Day,
    target_date: Day,
    status: z.enum(GOAL_STATUSES).default('active'),
    priority: z.enum(PRIORITIES).default('medium'),
    is_recurring: z.boolean().default(false),
    recurrence_pattern: nullable(z.enum(RECURRENCES)),
    reminder_enabled: z.boolean().default(false),
    milestones_reached: z.array(Milestone).max(4).default([]),
    previous_goal_id: nullable(Id),
    completed_at: nullable(Instant),
    ...Stamps,
    ...Tombstone,
  })
  .refine((g) => g.start_date <= g.target_date, { message: 'target_date is before start_date', path: ['target_date'] })
  .refine((g) => !g.is_recurring || g.recurrence_pattern !== null, {
    message: 'a recurring goal needs a recurrence_pattern',
    path: ['recurrence_pattern'],
  })
  .refine((g) => (g.status === 'completed') === (g.completed_at !== null), {
    message: 'completed_at is set exactly when the status is completed',
    path: ['completed_at'],
  });

export const GoalProgressRow = z.strictObject({
  id: Id,
  goal_id: Id,
  recorded_date: Day,
  progress_value: Numeric(10, 2).min(0),
  /** Kept as recorded: the percentage of the target at the time, before any later retargeting. */
  percentage_complete: Numeric(5, 2).min(0).max(100).default(0),
  notes: nullable(Text(5000)),
  milestone_reached: z.boolean().default(false),
  milestone_name: nullable(Text(100)),
  ...Stamps,
  ...Tombstone,
});

export const AchievementRow = z.strictObject({
  id: Id,
  achievement_key: NonBlank(50),
  name: NonBlank(100),
  description: Text(300).default(''),
  bonus_points: Count.default(0),
  earned_at: Instant,
  reference_id: nullable(Id),
  ...Stamps,
  ...Tombstone,
});

export const AWARD_REFERENCE_TYPES = ['session', 'activity', 'achievement', 'adjustment'] as const;
export const PointAwardRow = z.strictObject({
  id: Id,
  reference_type: z.enum(AWARD_REFERENCE_TYPES),
  reference_id: Id,
  delta: Int(-INT4_MAX, INT4_MAX).refine((d) => d !== 0, 'an award of 0 points'),
  reason: NonBlank(40),
  created_at: Instant,
});

export const ProfileRow = z.strictObject({
  platform_user_id: nullable(Id),
  display_name: Text(200).default(''),
  email: nullable(Text(320)),
  time_zone: TimeZone,
  ...Stamps,
});

export const SettingsRow = z.strictObject({
  time_zone: TimeZone,
  day_rollover_hour: Int(0, 23),
  streak_min_minutes: Int(1, 1440),
  focus_minutes: Int(1, 240),
  short_break_minutes: Int(1, 60),
  long_break_minutes: Int(1, 120),
  long_break_every: Int(1, 12),
  idle_threshold_seconds: Int(60, 7200),
  media_idle_threshold_seconds: Int(60, 14_400),
  notifications_enabled: z.boolean(),
  start_at_login: z.boolean(),
  global_shortcut: nullable(Text(60)),
  ...Stamps,
});

/**
 * The tables of a full export in the order an import writes them: parents before children.
 * analytics_snapshots and performance_metrics are caches the reports rebuild from these rows;
 * sync_outbox, sync_state and timer_state belong to this device, not to the student's history.
 */
export const EXPORT_TABLES = {
  classes: ClassRow,
  assignments: AssignmentRow,
  study_sessions: SessionRow,
  session_activities: ActivityRow,
  study_goals: GoalRow,
  goal_progress: GoalProgressRow,
  achievements: AchievementRow,
  point_awards: PointAwardRow,
} as const;
export type ExportTable = keyof typeof EXPORT_TABLES;
export const EXPORT_TABLE_NAMES = Object.keys(EXPORT_TABLES) as ExportTable[];

export const EXPORT_FORMAT = 'study-desk-data';
export const EXPORT_FORMAT_VERSION = 1;

/** The document's frame; its profile, settings and rows are validated one by one. */
export const ExportDocumentHead = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `not a Study Desk data export (expected "format": "${EXPORT_FORMAT}")` }),
  format_version: z.number().int().min(1),
  schema_version: z.string().max(200),
  app_version: z.string().max(50).optional(),
  exported_at: Instant.optional(),
  profile: z.unknown().optional(),
  settings: z.unknown().optional(),
  tables: z.record(z.string().max(200), z.array(z.unknown())),
});
