import { z } from 'zod';
import { Day, Id, Instant, Message, Text } from './common';
import { MilestoneEvent } from './sessions';

export const GOAL_TYPES = ['study_time', 'test_score', 'assignment_completion', 'flashcard_mastery', 'streak', 'custom'] as const;
export const GOAL_STATUSES = ['active', 'completed', 'abandoned', 'expired'] as const;
export const PRIORITIES = ['low', 'medium', 'high'] as const;
export const RECURRENCES = ['daily', 'weekly', 'monthly'] as const;

/** The unit each goal type is measured in; custom goals name their own. */
export const GOAL_UNITS: Record<(typeof GOAL_TYPES)[number], string | null> = {
  study_time: 'minutes',
  test_score: 'percent',
  assignment_completion: 'assignments',
  flashcard_mastery: 'percent',
  streak: 'days',
  custom: null,
};

// numeric(10, 2): anything below a cent would round to zero.
const TargetValue = z.number().min(0.01).max(99_999_999);

export const GoalCreateInput = z
  .strictObject({
    goal_type: z.enum(GOAL_TYPES),
    goal_name: Text(200).refine((s) => s.trim().length > 0, 'goal_name is empty'),
    goal_description: Text(5000).nullish(),
    class_id: Id.nullish(),
    target_value: TargetValue,
    unit: Text(30).nullish(),
    start_date: Day.optional(),
    target_date: Day,
    priority: z.enum(PRIORITIES).default('medium'),
    is_recurring: z.boolean().default(false),
    recurrence_pattern: z.enum(RECURRENCES).nullish(),
    reminder_enabled: z.boolean().default(false),
  })
  .refine((g) => !g.start_date || g.start_date <= g.target_date, {
    message: 'target_date is before start_date',
    path: ['target_date'],
  })
  .refine((g) => !g.is_recurring || g.recurrence_pattern != null, {
    message: 'a recurring goal needs a recurrence_pattern',
    path: ['recurrence_pattern'],
  })
  .refine((g) => !['test_score', 'flashcard_mastery'].includes(g.goal_type) || g.target_value <= 100, {
    message: 'a percentage target cannot exceed 100',
    path: ['target_value'],
  });

export const Goal = z.object({
  goal_id: Id,
  class_id: Id.nullable(),
  goal_type: z.enum(GOAL_TYPES),
  goal_name: z.string(),
  goal_description: z.string().nullable(),
  target_value: z.number(),
  current_value: z.number(),
  unit: z.string().nullable(),
  start_date: Day,
  target_date: Day,
  status: z.enum(GOAL_STATUSES),
  priority: z.enum(PRIORITIES),
  is_recurring: z.boolean(),
  recurrence_pattern: z.enum(RECURRENCES).nullable(),
  reminder_enabled: z.boolean(),
  percentage_complete: z.number(),
  days_remaining: z.number().int(),
  on_track: z.boolean(),
  milestones_reached: z.array(z.number().int()),
  completed_at: Instant.nullable(),
  created_at: Instant,
});
export type Goal = z.infer<typeof Goal>;

export const GoalCreateOutput = z.object({ goal: Goal, message: Message });

export const GoalListInput = z.strictObject({
  status: z.enum(GOAL_STATUSES).optional(),
  class_id: Id.optional(),
});
export const GoalListOutput = z.object({ goals: z.array(Goal) });

export const GoalUpdateInput = z
  .strictObject({
    goal_id: Id,
    goal_name: Text(200).refine((s) => s.trim().length > 0, 'goal_name is empty').optional(),
    goal_description: Text(5000).nullish(),
    class_id: Id.nullish(),
    target_value: TargetValue.optional(),
    unit: Text(30).nullish(),
    start_date: Day.optional(),
    target_date: Day.optional(),
    status: z.enum(['active', 'abandoned'] as const).optional(),
    priority: z.enum(PRIORITIES).optional(),
    is_recurring: z.boolean().optional(),
    recurrence_pattern: z.enum(RECURRENCES).nullish(),
    reminder_enabled: z.boolean().optional(),
  })
  .refine((g) => !g.start_date || !g.target_date || g.start_date <= g.target_date, {
    message: 'target_date is before start_date',
    path: ['target_date'],
  });
export const GoalUpdateOutput = z.object({ goal: Goal, message: Message, milestones: z.array(MilestoneEvent) });

export const GoalProgressInput = z.strictObject({
  goal_id: Id,
  progress_value: z.number().min(0).max(99_999_999),
  recorded_date: Day.optional(),
  notes: Text(5000).nullish(),
});
export const GoalProgressOutput = z.object({
  goal_id: Id,
  percentage_complete: z.number(),
  milestone_reached: z.boolean(),
  milestone_name: z.string().nullable(),
  milestones: z.array(MilestoneEvent),
  status: z.enum(GOAL_STATUSES),
});

export const GoalIdInput = z.strictObject({ goal_id: Id });
export const GoalDeleteOutput = z.object({ goal_id: Id, message: Message });
