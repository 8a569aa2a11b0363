import type { z } from 'zod';
import { ACTIVITY_TYPES, type ActivityType } from '../../../../shared/contract/common';
import type { Activity, ActivityInput, ActivityUpdateInput } from '../../../../shared/contract/sessions';
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

type Mapped<T> = { input: T; errors?: undefined } | { input?: undefined; errors: FieldErrors<ActivityField> };

interface Checked {
  items: number | null;
  correct: number | null;
  minutes: number | null;
  what: string;
}

/** The typed numbers and words of the form, or what to fix next to each field. */
function checkActivity(values: ActivityFormValues): Mapped<Checked> {
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
  return { input: { items, correct, minutes, what: values.what.trim() } };
}

export function toActivityInput(values: ActivityFormValues, sessionId: string): Mapped<z.input<typeof ActivityInput>> {
  const checked = checkActivity(values);
  if (checked.errors) return checked;
  const { items, correct, minutes, what } = checked.input;
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

const descriptionOf = (metadata: Record<string, unknown>): string => (typeof metadata.description === 'string' ? metadata.description : '');

/** The form filled in with a logged activity, to correct it. */
export function activityFormFrom(activity: Activity): ActivityFormValues {
  const text = (n: number | null) => (n == null ? '' : String(n));
  return {
    activity_type: activity.activity_type,
    what: descriptionOf(activity.metadata),
    items: text(activity.items_completed),
    correct: text(activity.items_correct),
    minutes: text(activity.duration_minutes),
  };
}

/**
 * The correction to send: only what differs from the logged activity, so a field the form does not
 * show (times, platform content) is never touched. A blank optional number clears it (null); the
 * description is written back into the activity's metadata beside the keys other tools keep there.
 */
export function toActivityUpdate(values: ActivityFormValues, activity: Activity): Mapped<z.input<typeof ActivityUpdateInput>> {
  const checked = checkActivity(values);
  if (checked.errors) return checked;
  const { items, correct, minutes, what } = checked.input;
  const input: z.input<typeof ActivityUpdateInput> = { activity_id: activity.id };
  if (values.activity_type !== activity.activity_type) input.activity_type = values.activity_type;
  if (items !== activity.items_completed) input.items_completed = items;
  if (correct !== activity.items_correct) input.items_correct = correct;
  if (minutes !== activity.duration_minutes) input.duration_minutes = minutes;
  if (what !== descriptionOf(activity.metadata).trim()) {
    const { description: _old, ...rest } = activity.metadata;
    input.metadata = what ? { ...rest, description: what } : rest;
  }
  return { input };
}

/** Whether a correction changes anything beyond naming its activity. */
export const changesSomething = (input: z.input<typeof ActivityUpdateInput>): boolean => Object.keys(input).length > 1;

/** "Test · Chapter 4 quiz": an activity in words, for button names and messages. */
export function activityName(activity: Pick<Activity, 'activity_type' | 'metadata' | 'content_type' | 'content_id'>): string {
  const what = activityWhat(activity);
  return what ? `${ACTIVITY_TYPE_LABELS[activity.activity_type]} · ${what}` : ACTIVITY_TYPE_LABELS[activity.activity_type];
}

/**
 * A name for each activity that no other row shares, so each row's buttons can be told apart by
 * ear: the time is added where two share a name, then a count where they share the minute too.
 */
export function distinctActivityNames<A extends Pick<Activity, 'id' | 'activity_type' | 'metadata' | 'content_type' | 'content_id'>>(
  activities: A[],
  timeOf: (a: A) => string,
): Map<string, string> {
  const count = (names: string[]) => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());
  const plain = activities.map(activityName);
  const plainCount = count(plain);
  const timed = activities.map((a, i) => (plainCount.get(plain[i]!)! > 1 ? `${plain[i]} at ${timeOf(a)}` : plain[i]!));
  const timedCount = count(timed);
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  activities.forEach((a, i) => {
    const name = timed[i]!;
    if (timedCount.get(name)! === 1) return out.set(a.id, name);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    out.set(a.id, `${name} (${n} of ${timedCount.get(name)})`);
  });
  return out;
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
