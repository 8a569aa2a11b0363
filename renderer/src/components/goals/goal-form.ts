import type { z } from 'zod';
import { GOAL_UNITS, type Goal, type GoalCreateInput, type GoalUpdateInput, type PRIORITIES, type RECURRENCES } from '../../../../shared/contract/goals';
import { addDays, daysBetween } from '../../../../shared/domain/calendar';
import type { FieldErrors } from '../../lib/form-errors';

export type GoalType = Goal['goal_type'];
type Priority = (typeof PRIORITIES)[number];
type Recurrence = (typeof RECURRENCES)[number];

export interface GoalFormValues {
  title: string;
  goal_type: GoalType;
  target: string;
  unit: string;
  class_id: string;
  start_date: string;
  target_date: string;
  priority: Priority;
  repeats: Recurrence | '';
  description: string;
  reminder: boolean;
}
export type GoalField = keyof GoalFormValues;

export const GOAL_FIELD_OF: Record<string, GoalField> = {
  goal_name: 'title',
  goal_type: 'goal_type',
  target_value: 'target',
  unit: 'unit',
  class_id: 'class_id',
  start_date: 'start_date',
  target_date: 'target_date',
  priority: 'priority',
  is_recurring: 'repeats',
  recurrence_pattern: 'repeats',
  goal_description: 'description',
  reminder_enabled: 'reminder',
};
export const GOAL_LABELS: Record<string, string> = {
  goal_name: 'Title',
  target_value: 'Target',
  start_date: 'Start date',
  target_date: 'Target date',
  recurrence_pattern: 'Repeats',
  goal_description: 'Description',
};

/** How each goal type is measured, in the words the form and the cards use. */
export const GOAL_TYPE_INFO: Record<GoalType, { label: string; how: string; whole: boolean; percent: boolean; byClass: boolean }> = {
  study_time: { label: 'Study time', how: 'Minutes of finished sessions between the start and target dates.', whole: true, percent: false, byClass: true },
  test_score: { label: 'Test score', how: 'Average accuracy of your tests in the period.', whole: false, percent: true, byClass: true },
  assignment_completion: { label: 'Assignments', how: 'Assignments you complete in the period.', whole: true, percent: false, byClass: true },
  flashcard_mastery: { label: 'Flashcard mastery', how: 'Average accuracy of your flashcard reviews in the period.', whole: false, percent: true, byClass: true },
  streak: { label: 'Study streak', how: 'Days in a row with at least your daily minimum of study.', whole: true, percent: false, byClass: false },
  custom: { label: 'Custom', how: 'You record progress yourself, in a unit you choose.', whole: false, percent: false, byClass: true },
};

export const PRIORITY_LABELS: Record<Priority, string> = { low: 'Low', medium: 'Medium', high: 'High' };
export const REPEAT_LABELS: Record<Recurrence, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' };

/** 'percent' reads as '%'; a custom goal's own unit as typed. */
export function unitText(goalType: GoalType, unit: string | null): string {
  const u = goalType === 'custom' ? unit : (GOAL_UNITS[goalType] ?? unit);
  return u === 'percent' ? '%' : (u ?? '');
}

/** A form's date default: the period a repeating goal covers, starting on `start`. */
export function periodEnd(start: string, repeats: Recurrence): string {
  if (repeats === 'daily') return start;
  if (repeats === 'weekly') return addDays(start, 6);
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  // The same day next month (clamped to its length: 31 Jan → 28 Feb), minus one day.
  const lastOfNext = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const sameDayNext = new Date(Date.UTC(y, m, Math.min(d, lastOfNext))).toISOString().slice(0, 10);
  return addDays(sameDayNext, -1);
}

export function emptyGoalForm(today: string): GoalFormValues {
  return {
    title: '',
    goal_type: 'study_time',
    target: '600',
    unit: '',
    class_id: '',
    start_date: today,
    target_date: addDays(today, 29),
    priority: 'medium',
    repeats: '',
    description: '',
    reminder: false,
  };
}

export function goalFormFrom(goal: Goal): GoalFormValues {
  return {
    title: goal.goal_name,
    goal_type: goal.goal_type,
    target: String(goal.target_value),
    unit: goal.goal_type === 'custom' ? (goal.unit ?? '') : '',
    class_id: goal.class_id ?? '',
    start_date: goal.start_date,
    target_date: goal.target_date,
    priority: goal.priority,
    repeats: goal.is_recurring && goal.recurrence_pattern ? goal.recurrence_pattern : '',
    description: goal.goal_description ?? '',
    reminder: goal.reminder_enabled,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function check(values: GoalFormValues) {
  const errors: FieldErrors<GoalField> = {};
  const info = GOAL_TYPE_INFO[values.goal_type];
  if (!values.title.trim()) errors.title = 'Give the goal a title';
  else if (values.title.length > 200) errors.title = 'Keep the title under 200 characters';
  const target = values.target.trim() === '' ? NaN : Number(values.target);
  if (!Number.isFinite(target) || target <= 0) errors.target = 'Enter a target above 0';
  else if (info.whole && !Number.isInteger(target)) errors.target = 'Enter a whole number';
  else if (info.percent && target > 100) errors.target = 'A percentage target cannot exceed 100';
  else if (Math.round(target * 100) < 1) errors.target = 'Enter at least 0.01';
  if (values.goal_type === 'custom' && values.unit.length > 30) errors.unit = 'Keep the unit under 30 characters';
  if (values.start_date && !DAY.test(values.start_date)) errors.start_date = 'Enter a date';
  if (!DAY.test(values.target_date)) errors.target_date = 'Choose a target date';
  else if (values.start_date && DAY.test(values.start_date) && daysBetween(values.start_date, values.target_date) < 0) {
    errors.target_date = 'The target date must be on or after the start date';
  }
  return { errors, target };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

type Mapped<T> = { input: T; errors?: undefined } | { input?: undefined; errors: FieldErrors<GoalField> };

export function toGoalCreateInput(values: GoalFormValues): Mapped<z.input<typeof GoalCreateInput>> {
  const { errors, target } = check(values);
  if (Object.keys(errors).length) return { errors };
  const byClass = GOAL_TYPE_INFO[values.goal_type].byClass;
  return {
    input: {
      goal_type: values.goal_type,
      goal_name: values.title.trim(),
      goal_description: orNull(values.description),
      class_id: byClass ? values.class_id || null : null,
      target_value: target,
      ...(values.goal_type === 'custom' ? { unit: orNull(values.unit) } : {}),
      ...(values.start_date ? { start_date: values.start_date } : {}),
      target_date: values.target_date,
      priority: values.priority,
      is_recurring: values.repeats !== '',
      recurrence_pattern: values.repeats || null,
      reminder_enabled: values.reminder,
    },
  };
}

/** Only what changed; the type is fixed once a goal exists (its progress history means one thing). */
export function toGoalUpdateInput(values: GoalFormValues, goal: Goal): Mapped<z.input<typeof GoalUpdateInput>> {
  const { errors, target } = check(values);
  if (Object.keys(errors).length) return { errors };
  const before = goalFormFrom(goal);
  const input: z.input<typeof GoalUpdateInput> = { goal_id: goal.goal_id };
  if (values.title.trim() !== before.title) input.goal_name = values.title.trim();
  if (values.description !== before.description) input.goal_description = orNull(values.description);
  if (values.class_id !== before.class_id) input.class_id = values.class_id || null;
  if (target !== goal.target_value) input.target_value = target;
  if (values.unit !== before.unit) input.unit = orNull(values.unit);
  if (values.start_date && values.start_date !== before.start_date) input.start_date = values.start_date;
  if (values.target_date !== before.target_date) input.target_date = values.target_date;
  if (values.priority !== before.priority) input.priority = values.priority;
  if (values.repeats !== before.repeats) {
    input.is_recurring = values.repeats !== '';
    input.recurrence_pattern = values.repeats || null;
  }
  if (values.reminder !== before.reminder) input.reminder_enabled = values.reminder;
  return { input };
}

/** "12 days left", "Due today", "Ended 3 days ago". */
export function dueText(daysRemaining: number): string {
  if (daysRemaining > 1) return `${daysRemaining} days left`;
  if (daysRemaining === 1) return '1 day left';
  if (daysRemaining === 0) return 'Due today';
  return daysRemaining === -1 ? 'Ended yesterday' : `Ended ${-daysRemaining} days ago`;
}

/** An amount in the goal's unit: minutes as hours and minutes, percentages with one decimal at most. */
export function amountText(goalType: GoalType, value: number, unit: string | null): string {
  const rounded = Math.round(value * 10) / 10;
  if (goalType === 'study_time') {
    const m = Math.round(value);
    if (m < 60) return `${m} min`;
    return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  }
  const u = unitText(goalType, unit);
  if (u === '%') return `${rounded} %`;
  if (!u) return rounded.toLocaleString();
  // The built-in units are plural words: "1 day", "1 assignment". A custom unit stays as typed.
  const word = rounded === 1 && goalType !== 'custom' && u.endsWith('s') ? u.slice(0, -1) : u;
  return `${rounded.toLocaleString()} ${word}`;
}

export type GoalTab = 'active' | 'archive';
export const inTab = (goal: Goal, tab: GoalTab): boolean => (tab === 'active' ? goal.status === 'active' : goal.status !== 'active');
