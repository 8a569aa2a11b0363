// The settings form's own shape (text in inputs, minutes where the core keeps seconds) and the
// partial update it sends: only what changed, so a save never overwrites a value another window
// or the sync changed meanwhile.
import type { Settings } from '../../../../shared/contract/gamification';

export interface SettingsForm {
  focus_minutes: string;
  short_break_minutes: string;
  long_break_minutes: string;
  long_break_every: string;
  day_rollover_hour: string;
  time_zone: string;
  streak_min_minutes: string;
  idle_threshold_minutes: string;
  media_idle_threshold_minutes: string;
  notifications_enabled: boolean;
  start_at_login: boolean;
  global_shortcut: string;
}
export type FormKey = keyof SettingsForm;

/** Whole-number fields with their ranges in the form's units (the contract's, converted for the idle ones). */
export const NUMBER_FIELDS = {
  focus_minutes: { min: 1, max: 240 },
  short_break_minutes: { min: 1, max: 60 },
  long_break_minutes: { min: 1, max: 120 },
  long_break_every: { min: 1, max: 12 },
  streak_min_minutes: { min: 1, max: 1440 },
  idle_threshold_minutes: { min: 1, max: 120 },
  media_idle_threshold_minutes: { min: 1, max: 240 },
} as const satisfies Partial<Record<FormKey, { min: number; max: number }>>;
export type NumberField = keyof typeof NUMBER_FIELDS;

/** The form field each wire key of a core issue belongs to. */
export const FIELD_OF: Record<keyof Settings, FormKey> = {
  focus_minutes: 'focus_minutes',
  short_break_minutes: 'short_break_minutes',
  long_break_minutes: 'long_break_minutes',
  long_break_every: 'long_break_every',
  day_rollover_hour: 'day_rollover_hour',
  time_zone: 'time_zone',
  streak_min_minutes: 'streak_min_minutes',
  idle_threshold_seconds: 'idle_threshold_minutes',
  media_idle_threshold_seconds: 'media_idle_threshold_minutes',
  notifications_enabled: 'notifications_enabled',
  start_at_login: 'start_at_login',
  global_shortcut: 'global_shortcut',
};

const minutesOf = (seconds: number) => String(Math.round((seconds / 60) * 100) / 100);

export function toForm(s: Settings): SettingsForm {
  return {
    focus_minutes: String(s.focus_minutes),
    short_break_minutes: String(s.short_break_minutes),
    long_break_minutes: String(s.long_break_minutes),
    long_break_every: String(s.long_break_every),
    day_rollover_hour: String(s.day_rollover_hour),
    time_zone: s.time_zone,
    streak_min_minutes: String(s.streak_min_minutes),
    idle_threshold_minutes: minutesOf(s.idle_threshold_seconds),
    media_idle_threshold_minutes: minutesOf(s.media_idle_threshold_seconds),
    notifications_enabled: s.notifications_enabled,
    start_at_login: s.start_at_login,
    global_shortcut: s.global_shortcut ?? '',
  };
}

export type FormErrors = Partial<Record<FormKey | 'form', string>>;

/** A whole number in the field's range, or the message to show beside it. */
function readNumber(field: NumberField, text: string): number | string {
  const { min, max } = NUMBER_FIELDS[field];
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return 'Enter a number.';
  const value = Number(trimmed);
  if (value < min || value > max) return `Enter a number from ${min} to ${max}.`;
  if (!field.startsWith('idle') && !field.startsWith('media') && !Number.isInteger(value)) return 'Enter a whole number.';
  return value;
}

/**
 * The update to send: each field that differs from `saved`, in the contract's units. Fields the
 * form can tell are wrong come back as errors instead (the core still validates everything sent).
 */
export function changesFrom(form: SettingsForm, saved: Settings): { update: Partial<Settings>; errors: FormErrors } {
  const update: Partial<Settings> = {};
  const errors: FormErrors = {};
  const numbers: Partial<Record<NumberField, number>> = {};
  for (const field of Object.keys(NUMBER_FIELDS) as NumberField[]) {
    const read = readNumber(field, form[field]);
    if (typeof read === 'string') errors[field] = read;
    else numbers[field] = read;
  }
  const set = <K extends keyof Settings>(key: K, value: Settings[K] | undefined) => {
    if (value !== undefined && value !== saved[key]) update[key] = value;
  };
  set('focus_minutes', numbers.focus_minutes);
  set('short_break_minutes', numbers.short_break_minutes);
  set('long_break_minutes', numbers.long_break_minutes);
  set('long_break_every', numbers.long_break_every);
  set('streak_min_minutes', numbers.streak_min_minutes);
  // Seconds on the wire; an untouched odd value (e.g. 90 s shown as 1.5) stays exactly what it was.
  const seconds = (m: number | undefined) => (m === undefined ? undefined : Math.round(m * 60));
  set('idle_threshold_seconds', seconds(numbers.idle_threshold_minutes));
  set('media_idle_threshold_seconds', seconds(numbers.media_idle_threshold_minutes));
  set('day_rollover_hour', Number(form.day_rollover_hour));
  set('time_zone', form.time_zone);
  set('notifications_enabled', form.notifications_enabled);
  set('start_at_login', form.start_at_login);
  const shortcut = form.global_shortcut.trim();
  set('global_shortcut', shortcut === '' ? null : shortcut);
  return { update, errors };
}

/**
 * The zones to offer: the runtime's IANA list, plus UTC and the saved zone when the list lacks
 * them (Chromium lists only canonical zones), grouped by region for the picker.
 */
export function timeZoneGroups(zones: readonly string[], ...always: string[]): [string, string[]][] {
  const all = [...new Set([...zones, 'UTC', ...always.filter(Boolean)])].sort();
  const groups = new Map<string, string[]>();
  for (const zone of all) {
    const region = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === 'Other' ? 1 : b === 'Other' ? -1 : a.localeCompare(b)));
}

/** 0 → "00:00 (midnight)", 4 → "04:00". */
export const rolloverLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00${hour === 0 ? ' (midnight)' : ''}`;
