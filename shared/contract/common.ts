import { z } from 'zod';
import { isValidDay } from '../domain/calendar';
import { isValidTimeZone } from '../domain/study-day';

/** Years a study record can plausibly carry; also keeps year 0 (valid ISO, not PostgreSQL) out. */
export const plausibleYear = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= 1900 && year <= 2999;
};

/**
 * Text PostgreSQL can store unchanged: no NUL (text columns reject it) and no lone UTF-16
 * surrogate (it would be silently replaced).
 */
export const storableText = (s: string): boolean => !s.includes('\u0000') && (s as string & { isWellFormed(): boolean }).isWellFormed();

/** Every string anywhere inside a JSON value is storable (jsonb rejects escaped lone surrogates and NUL). */
export function storableJson(value: unknown): boolean {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.every(storableJson);
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => storableText(k) && storableJson(v));
  return true;
}

export const Id = z.uuid();
export const Instant = z.iso.datetime({ offset: true }).refine(plausibleYear, 'year out of range (1900-2999)');
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isValidDay, 'not a calendar date')
  .refine(plausibleYear, 'year out of range (1900-2999)');
export const TimeZone = z.string().min(1).max(64).refine(isValidTimeZone, 'unknown IANA time zone');
export const Rating = z.number().int().min(1).max(5);
export const Text = (max: number) =>
  z.string().max(max).refine(storableText, 'contains a NUL character or an unpaired surrogate');
export const Empty = z.strictObject({});
export const Message = z.string();

export const SESSION_TYPES = ['solo', 'group', 'tutoring'] as const;
export const FOCUS_MODES = ['pomodoro', 'stopwatch', 'countdown', 'free'] as const;
export const ACTIVITY_TYPES = ['reading', 'testing', 'flashcards', 'notes', 'video', 'chat', 'assignment'] as const;
export const SESSION_SOURCES = ['timer', 'manual', 'import'] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];
