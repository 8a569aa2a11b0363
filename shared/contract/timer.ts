import { z } from 'zod';
import { PAUSE_REASONS, TIMER_MODES, TIMER_PHASES, TIMER_STATUSES, type TimerView as TimerViewType } from '../domain/timer';
import { Id, Instant, Rating, SESSION_TYPES, Text } from './common';
import { AchievementEvent, MilestoneEvent } from './sessions';

const Ms = z.number().int().min(0);

/** The timer as of `now` (DESIGN §7): the answer of every timer.* call and the timer.changed payload. */
export const TimerView = z.object({
  status: z.enum(TIMER_STATUSES),
  mode: z.enum(TIMER_MODES).nullable(),
  session_id: Id.nullable(),
  class_id: Id.nullable(),
  plan: z.object({
    focus_ms: Ms.nullable(),
    short_break_ms: Ms,
    long_break_ms: Ms,
    long_break_every: z.number().int().min(1),
  }).nullable(),
  session_started_at: Instant.nullable(),
  phase: z.enum(TIMER_PHASES).nullable(),
  phase_ends_at: Instant.nullable(),
  phase_remaining_ms: Ms.nullable(),
  paused_at: Instant.nullable(),
  pause_reason: z.enum(PAUSE_REASONS).nullable(),
  completed_focus: z.number().int().min(0),
  segment_started_at: Instant.nullable(),
  counting_since: Instant.nullable(),
  paused_ms: Ms,
  idle_since: Instant.nullable(),
  idle_counted_ms: Ms,
  alive_at: Instant.nullable(),
  recovered: z.object({ session_id: Id, end_time: Instant }).nullable(),
  now: Instant,
  remaining_ms: Ms.nullable(),
  focus_ms: Ms,
  paused_total_ms: Ms,
}) satisfies z.ZodType<TimerViewType>;
export type TimerView = z.infer<typeof TimerView>;
/** The persisted part (timer_state.state): the view without what is computed from now. */
export const TimerState = TimerView.omit({ now: true, remaining_ms: true, focus_ms: true, paused_total_ms: true });

export const TimerStartInput = z.strictObject({
  mode: z.enum(TIMER_MODES).default('pomodoro'),
  class_id: Id.nullish(),
  session_type: z.enum(SESSION_TYPES).default('solo'),
  location: Text(100).nullish(),
  /** Focus length (pomodoro) or the countdown; default settings.focus_minutes; the stopwatch has none. */
  minutes: z.number().int().min(1).max(720).optional(),
});

/** `at`: when the pause really began (suspend or lock reported a moment late); default now. */
export const TimerPauseInput = z.strictObject({
  at: Instant.optional(),
  reason: z.enum(['user', 'suspend']).default('user'),
});

export const TimerStopInput = z.strictObject({
  mood_rating: Rating.nullish(),
  productivity_rating: Rating.nullish(),
  notes: Text(10_000).nullish(),
});

/** The host saw no input since `since` (powerMonitor.getSystemIdleTime, or the browser). */
export const TimerIdleInput = z.strictObject({ since: Instant });

/** What sessions.end answers, plus the timer: milestones and achievements the session earned included. */
export const TimerStopOutput = z.object({
  timer: TimerView,
  session_id: Id,
  duration_minutes: z.number().int(),
  points_earned: z.number().int(),
  message: z.string(),
  milestones: z.array(MilestoneEvent),
  achievements: z.array(AchievementEvent),
});
