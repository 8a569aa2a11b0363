import type { z } from 'zod';
import { ACTIVITY_TYPES, type ActivityType } from '../../../../shared/contract/common';
import type { Activity, ActivityInput } from '../../../../shared/contract/sessions';
import type { FieldErrors } from '../../lib/form-errors';
import { wholeNumber } from './session-form';

export interface ActivityFormValues {
  activity_type: ActivityType;
  what: string;
  items: string;
  correct: string;
  minutes: string;
}
export type ActivityField = keyof ActivityFormValues;

export const ACTIVITY_FIELD_OF: Record<string, ActivityField> = {
  activity_type: 'activity_type',
  metadata: 'what',
  items_completed: 'items',
  items_correct: 'correct',
  duration_minutes: 'minutes',
  start_time: 'minutes',
  end_time: 'minutes',
};
export const ACTIVITY_LABELS: Record<string, string> = {
  items_completed: 'Items',
  items_correct: 'Correct',
  duration_minutes: 'Minutes',
  start_time: 'Start',
  end_time: 'End',
};

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  reading: 'Reading',
  testing: 'Test',
  flashcards: 'Flashcards',
  notes: 'Notes',
  video: 'Video',
  chat: 'Chat',
  assignment: 'Assignment',
};
export const ACTIVITY_TYPE_OPTIONS = ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }));

export const emptyActivityForm = (activity_type: ActivityType = 'testing'): ActivityFormValues => ({
  activity_type,
  what: '',
  items: '',
  correct: '',
  minutes: '',
});

/** The share of correct items, 0–100 with at most one decimal; null when it cannot be known yet. */
export function accuracyPercent(items: number | null | undefined, correct: number | null | undefined): number | null {
  if (items == null || correct == null || items <= 0 || correct < 0 || correct > items) return null;
  return Math.round((correct / items) * 1000) / 10;
}

/** The accuracy the form shows while the student types. */
export function liveAccuracy(values: Pick<ActivityFormValues, 'items' | 'correct'>): number | null {
  return accuracyPercent(wholeNumber(values.items), wholeNumber(values.correct));
}

/** "Accuracy 80 %", "Accuracy 66.7 %". */
export const accuracyText = (value: number): string => `Accuracy ${value} %`;

type Mapped = { input: z.input<typeof ActivityInput>; errors?: undefined } | { input?: undefined; errors: FieldErrors<ActivityField> };

export function toActivityInput(values: ActivityFormValues, sessionId: string): Mapped {
  const errors: FieldErrors<ActivityField> = {};
  const optional = (text: string, field: ActivityField, message: string) => {
    if (text.trim() === '') return null;
    const n = wholeNumber(text);
    if (n === undefined) errors[field] = message;
    return n ?? null;
  };
  const items = optional(values.items, 'items', 'Enter a whole number of items');
  const correct = optional(values.correct, 'correct', 'Enter a whole number of correct items');
  const minutes = optional(values.minutes, 'minutes', 'Enter whole minutes');
  if (correct !== null && items === null && !errors.items) errors.items = 'Enter how many items you did';
  if (correct !== null && items !== null && correct > items) errors.correct = 'Correct cannot be more than items';
  if (minutes !== null && minutes > 1440) errors.minutes = 'An activity lasts at most 1440 minutes';
  if (values.what.length > 500) errors.what = 'Keep it under 500 characters';
  if (Object.keys(errors).length) return { errors };
  const what = values.what.trim();
  return {
    input: {
      session_id: sessionId,
      activity_type: values.activity_type,
      items_completed: items,
      items_correct: correct,
      ...(minutes === null ? {} : { duration_minutes: minutes }),
      // The contract's content_type/content_id name platform content (a test, a deck); a student's
      // own words about what they did live in metadata.
      ...(what ? { metadata: { description: what } } : {}),
    },
  };
}

/** What an activity was about, in words: the student's description, else the platform content it names. */
export function activityWhat(activity: Pick<Activity, 'metadata' | 'content_type' | 'content_id'>): string {
  const description = activity.metadata.description;
  if (typeof description === 'string' && description.trim()) return description;
  if (activity.content_id) return activity.content_type ? `${activity.content_type}: ${activity.content_id}` : activity.content_id;
  return '';
}

/** The extra facts the demo and other tools keep in metadata (pages read, words written…), in words. */
export function activityDetails(metadata: Record<string, unknown>): string[] {
  const out: string[] = [];
  const num = (k: string) => (typeof metadata[k] === 'number' ? (metadata[k] as number) : undefined);
  if (num('pages') !== undefined) out.push(`${num('pages')} pages`);
  if (num('words') !== undefined) out.push(`${num('words')} words`);
  if (num('messages') !== undefined) out.push(`${num('messages')} messages`);
  if (num('watched_percent') !== undefined) out.push(`${num('watched_percent')} % watched`);
  if (num('playback_rate') !== undefined && num('playback_rate') !== 1) out.push(`${num('playback_rate')}× speed`);
  return out;
}
