import type { AchievementEvent, MilestoneEvent } from '../../shared/contract/sessions';
import type { TimerView } from '../../shared/contract/timer';

export interface Notice {
  title: string;
  body: string;
}

/** Electron's Notification, as one call (a fake in tests). */
export type Notify = (notice: Notice) => void;

/** A phase end older than this (the machine slept through it) is not announced. */
const STALE_MS = 2 * 60_000;

const minutes = (ms: number) => `${Math.round(ms / 60_000)}-minute`;

/** What changed between two views of the timer that the student should hear about, if anything. */
export function phaseNotice(before: TimerView | null, after: TimerView): Notice | null {
  if (!before || before.session_id !== after.session_id || before.status === after.status) return null;
  const changedAt = after.status === 'paused' ? after.paused_at : after.segment_started_at;
  if (!changedAt || Date.parse(after.now) - Date.parse(changedAt) > STALE_MS) return null;
  if (before.status === 'focus' && (after.status === 'short_break' || after.status === 'long_break') && after.plan) {
    const length = after.status === 'long_break' ? after.plan.long_break_ms : after.plan.short_break_ms;
    return { title: 'Focus done', body: `Well done. Take a ${minutes(length)} ${after.status === 'long_break' ? 'long ' : ''}break.` };
  }
  if (after.status === 'paused' && after.pause_reason === 'break_over') {
    return { title: 'Break over', body: 'Ready for the next focus? Start it from the tray or the window.' };
  }
  if (after.status === 'paused' && after.pause_reason === 'finished') {
    return { title: 'Countdown finished', body: 'Stop the timer to save the session.' };
  }
  return null;
}

/** Notifications at phase ends, goal milestones and achievements, when the setting allows. */
export class NotificationPolicy {
  private last: TimerView | null = null;
  enabled = true;

  constructor(private readonly notify: Notify) {}

  timer(view: TimerView): void {
    const notice = phaseNotice(this.last, view);
    this.last = view;
    if (notice) this.show(notice);
  }

  milestone(m: MilestoneEvent): void {
    this.show({ title: `Goal: ${m.goal_name}`, body: `${m.milestone_name} (${m.milestone}%)` });
  }

  achievement(a: AchievementEvent): void {
    this.show({ title: `Achievement: ${a.name}`, body: `${a.description}${a.bonus_points > 0 ? ` +${a.bonus_points} points` : ''}` });
  }

  /** A tray action the core refused (the window may be hidden, so it says so here). */
  error(message: string): void {
    this.show({ title: 'Study Desk', body: message });
  }

  /** The answer of a stop from the tray. */
  saved(message: string): void {
    this.show({ title: 'Session saved', body: message });
  }

  private show(notice: Notice): void {
    if (!this.enabled) return;
    try {
      this.notify(notice);
    } catch (err) {
      console.error('notification failed', err);
    }
  }
}
