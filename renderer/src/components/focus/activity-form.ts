// The Focus page's "log an activity" form: what the student typed → sessions.logActivity input,
// with the same limits the contract enforces, checked before the call so errors sit by the fields.
import type { ChannelInput } from '../../../../shared/contract/channels';
import type { ActivityType } from '../../../../shared/contract/common';
import { percentOf } from '../../../../shared/domain/rounding';

export interface ActivityDraft {
  activity_type: ActivityType;
  what: string;
  items: string;
  correct: string;
  minutes: string;
}

export type ActivityField = 'activity_type' | 'what' | 'items' | 'correct' | 'minutes';
export type ActivityErrors = Partial<Record<ActivityField, string>>;

export const EMPTY_ACTIVITY: ActivityDraft = { activity_type: 'reading', what: '', items: '', correct: '', minutes: '' };

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  reading: 'Reading',
  testing: 'Test or quiz',
  flashcards: 'Flashcards',
  notes: 'Notes',
  video: 'Video',
  chat: 'AI chat',
  assignment: 'Assignment',
};
// Listed from the labels (a type-checked record of every type), so the contract's zod stays out of the bundle.
export const ACTIVITY_OPTIONS = (Object.keys(ACTIVITY_LABELS) as ActivityType[]).map((value) => ({ value, label: ACTIVITY_LABELS[value] }));

/** The contract's field names, for the core's typed issues. */
const FIELD_OF_PATH: Record<string, ActivityField> = {
  activity_type: 'activity_type',
  metadata: 'what',
  items_completed: 'items',
  items_correct: 'correct',
  duration_minutes: 'minutes',
};
export const activityFieldOf = (path: string): ActivityField | undefined => FIELD_OF_PATH[path.split('.')[0] ?? ''];

/** '' → null; a whole number in range → it; anything else → an error message. */
function count(text: string, max: number): number | null | string {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return 'Enter a whole number';
  const n = Number(t);
  return n > max ? `At most ${max.toLocaleString()}` : n;
}

/** Accuracy as the core computes it (accuracyPercentage in shared/domain/points), while the student types; null until it means something. */
export function liveAccuracy(draft: Pick<ActivityDraft, 'items' | 'correct'>): number | null {
  const items = count(draft.items, 100_000);
  const correct = count(draft.correct, 100_000);
  if (typeof items !== 'number' || typeof correct !== 'number' || correct > items) return null;
  return items === 0 ? null : percentOf(correct, items, 2);
}

export function activityInput(
  sessionId: string,
  draft: ActivityDraft,
): { input: ChannelInput<'sessions.logActivity'>; errors?: undefined } | { input?: undefined; errors: ActivityErrors } {
  const errors: ActivityErrors = {};
  const what = draft.what.trim();
  if (what.length > 500) errors.what = 'At most 500 characters';
  const items = count(draft.items, 100_000);
  const correct = count(draft.correct, 100_000);
  const minutes = count(draft.minutes, 1440);
  if (typeof items === 'string') errors.items = items;
  if (typeof correct === 'string') errors.correct = correct;
  if (typeof minutes === 'string') errors.minutes = minutes;
  if (typeof correct === 'number' && items === null) errors.items = 'How many items did you do?';
  if (typeof correct === 'number' && typeof items === 'number' && correct > items) errors.correct = 'Cannot be more than the items done';
  if (Object.keys(errors).length > 0) return { errors };
  const input: ChannelInput<'sessions.logActivity'> = { session_id: sessionId, activity_type: draft.activity_type };
  // content_type/content_id name platform content (a test, a deck); the student's own words about
  // what they did go in metadata.description, where the Sessions page reads them too.
  if (what) input.metadata = { description: what };
  if (typeof items === 'number') input.items_completed = items;
  if (typeof correct === 'number') input.items_correct = correct;
  if (typeof minutes === 'number') input.duration_minutes = minutes;
  return { input };
}
