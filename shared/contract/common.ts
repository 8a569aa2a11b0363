import { z } from 'zod';
import { isValidDay } from '../domain/calendar';
import { isValidTimeZone } from '../domain/study-day';

export const Id = z.uuid();
export const Instant = z.iso.datetime({ offset: true });
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine(isValidDay, 'not a calendar date');
export const TimeZone = z.string().min(1).max(64).refine(isValidTimeZone, 'unknown IANA time zone');
export const Rating = z.number().int().min(1).max(5);
export const Text = (max: number) => z.string().max(max);
export const Empty = z.strictObject({});
export const Message = z.string();

export const SESSION_TYPES = ['solo', 'group', 'tutoring'] as const;
export const FOCUS_MODES = ['pomodoro', 'stopwatch', 'countdown', 'free'] as const;
export const ACTIVITY_TYPES = ['reading', 'testing', 'flashcards', 'notes', 'video', 'chat', 'assignment'] as const;
export const SESSION_SOURCES = ['timer', 'manual', 'import'] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];
