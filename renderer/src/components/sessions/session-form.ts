import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { FOCUS_MODES, SESSION_TYPES } from '../../../../shared/contract/common';
import type { Session, SessionCreateManualInput, SessionUpdateInput } from '../../../../shared/contract/sessions';
import type { FieldErrors } from '../../lib/form-errors';

type SessionType = (typeof SESSION_TYPES)[number];
type FocusMode = (typeof FOCUS_MODES)[number];

/** What the session form holds: strings exactly as the inputs show them. */
export interface SessionFormValues {
  class_id: string;
  start: string;
  end: string;
  paused_minutes: string;
  session_type: SessionType;
  focus_mode: FocusMode | '';
  location: string;
  notes: string;
  mood_rating: string;
  productivity_rating: string;
}
export type SessionField = keyof SessionFormValues;

/** Wire path of an issue → the field that shows it. */
export const SESSION_FIELD_OF: Record<string, SessionField> = {
  class_id: 'class_id',
  start_time: 'start',
  end_time: 'end',
  paused_seconds: 'paused_minutes',
  session_type: 'session_type',
  focus_mode: 'focus_mode',
  location: 'location',
  notes: 'notes',
  mood_rating: 'mood_rating',
  productivity_rating: 'productivity_rating',
};
export const SESSION_LABELS: Record<string, string> = {
  start_time: 'Start',
  end_time: 'End',
  paused_seconds: 'Paused time',
  class_id: 'Class',
  mood_rating: 'Mood',
  productivity_rating: 'Productivity',
};

const LOCAL_FORMAT = "yyyy-LL-dd'T'HH:mm";

/** An instant as a datetime-local value, on the wall clock of `zone`. */
export function toLocalInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat(LOCAL_FORMAT);
}

/** A datetime-local value read on the wall clock of `zone`, as an ISO instant with its offset; null if not a time. */
export function fromLocalInput(value: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;
}

export function sessionFormFrom(session: Session): SessionFormValues {
  return {
    class_id: session.class_id ?? '',
    start: toLocalInput(session.start_time, session.time_zone),
    end: session.end_time ? toLocalInput(session.end_time, session.time_zone) : '',
    paused_minutes: String(Math.round(session.paused_seconds / 60)),
    session_type: session.session_type,
    focus_mode: session.focus_mode ?? '',
    location: session.location ?? '',
    notes: session.notes ?? '',
    mood_rating: session.mood_rating == null ? '' : String(session.mood_rating),
    productivity_rating: session.productivity_rating == null ? '' : String(session.productivity_rating),
  };
}

/** A new past session: the hour that ended at the last full quarter hour before `now`. */
export function emptySessionForm(now: Date, zone: string): SessionFormValues {
  const end = DateTime.fromJSDate(now).setZone(zone).startOf('minute');
  const rounded = end.minus({ minutes: end.minute % 15 });
  return {
    class_id: '',
    start: rounded.minus({ hours: 1 }).toFormat(LOCAL_FORMAT),
    end: rounded.toFormat(LOCAL_FORMAT),
    paused_minutes: '0',
    session_type: 'solo',
    focus_mode: '',
    location: '',
    notes: '',
    mood_rating: '',
    productivity_rating: '',
  };
}

/** A whole, non-negative number typed in a field; undefined if it is not one. */
export function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

const rating = (text: string) => (text === '' ? null : Number(text));
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

type Mapped<T> = { input: T; errors?: undefined } | { input?: undefined; errors: FieldErrors<SessionField> };

/** Checks what the form can know by itself; the core checks the rest (overlaps, the future, 24 h). */
function checkTimes(values: SessionFormValues, zone: string, needEnd: boolean) {
  const errors: FieldErrors<SessionField> = {};
  const start = fromLocalInput(values.start, zone);
  const end = values.end === '' && !needEnd ? null : fromLocalInput(values.end, zone);
  if (!start) errors.start = 'Enter a start date and time';
  if (needEnd && !end) errors.end = 'Enter an end date and time';
  if (start && end && Date.parse(end) <= Date.parse(start)) errors.end = 'End must be after start';
  const paused = wholeNumber(values.paused_minutes || '0');
  if (paused === undefined) errors.paused_minutes = 'Enter whole minutes (0 or more)';
  else if (start && end && !errors.end && paused * 60_000 > Date.parse(end) - Date.parse(start)) {
    errors.paused_minutes = 'Paused time cannot be longer than the session';
  }
  return { errors, start, end, pausedSeconds: (paused ?? 0) * 60 };
}

export function toCreateInput(values: SessionFormValues, zone: string): Mapped<z.input<typeof SessionCreateManualInput>> {
  const { errors, start, end, pausedSeconds } = checkTimes(values, zone, true);
  if (Object.keys(errors).length || !start || !end) return { errors };
  return {
    input: {
      class_id: values.class_id || null,
      session_type: values.session_type,
      focus_mode: values.focus_mode || null,
      location: orNull(values.location),
      start_time: start,
      end_time: end,
      paused_seconds: pausedSeconds,
      mood_rating: rating(values.mood_rating),
      productivity_rating: rating(values.productivity_rating),
      notes: orNull(values.notes),
    },
  };
}

/**
 * Only the fields the student changed: an untouched time is not re-sent, because the minute-precise
 * input would move a session that started at 10:00:42 to 10:00:00.
 */
export function toUpdateInput(values: SessionFormValues, session: Session): Mapped<z.input<typeof SessionUpdateInput>> {
  const before = sessionFormFrom(session);
  const { errors, start, end, pausedSeconds } = checkTimes(values, session.time_zone, session.end_time !== null);
  if (Object.keys(errors).length) return { errors };
  const input: z.input<typeof SessionUpdateInput> = { session_id: session.id };
  if (values.class_id !== before.class_id) input.class_id = values.class_id || null;
  if (values.start !== before.start && start) input.start_time = start;
  if (values.end !== before.end && end) input.end_time = end;
  if (values.paused_minutes !== before.paused_minutes) input.paused_seconds = pausedSeconds;
  if (values.session_type !== before.session_type) input.session_type = values.session_type;
  if (values.focus_mode !== before.focus_mode) input.focus_mode = values.focus_mode || null;
  if (values.location !== before.location) input.location = orNull(values.location);
  if (values.notes !== before.notes) input.notes = orNull(values.notes);
  if (values.mood_rating !== before.mood_rating) input.mood_rating = rating(values.mood_rating);
  if (values.productivity_rating !== before.productivity_rating) input.productivity_rating = rating(values.productivity_rating);
  return { input };
}

export const SESSION_TYPE_LABELS: Record<SessionType, string> = { solo: 'Solo', group: 'Group', tutoring: 'Tutoring' };
export const FOCUS_MODE_LABELS: Record<FocusMode, string> = {
  pomodoro: 'Pomodoro',
  stopwatch: 'Stopwatch',
  countdown: 'Countdown',
  free: 'Free',
};
