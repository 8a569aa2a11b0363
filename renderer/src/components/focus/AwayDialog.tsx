import type { TimerView } from '../../../../shared/contract/timer';
import { Dialog } from '../Dialog';

/** How long the away question is about: the pause so far, or the focus time counted after idleness began. */
export function awayMs(view: Pick<TimerView, 'status' | 'pause_reason' | 'idle_since' | 'idle_counted_ms' | 'now'>): number {
  if (!view.idle_since) return 0;
  if (view.status === 'paused' && view.pause_reason === 'idle') return Math.max(0, Date.parse(view.now) - Date.parse(view.idle_since));
  return view.idle_counted_ms;
}

export function awayText(view: Parameters<typeof awayMs>[0]): string {
  const minutes = Math.round(awayMs(view) / 60_000);
  const since = view.idle_since ? new Date(view.idle_since).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }) : '';
  return `No input since ${since}: ${minutes < 1 ? 'less than a minute' : `about ${minutes} min`}. Was that study time?`;
}

interface AwayDialogProps {
  open: boolean;
  view: TimerView;
  busy: boolean;
  onKeep(): void;
  onDiscard(): void;
  /** Escape: decide later (the question stays on the page). */
  onLater(): void;
}

export function AwayDialog({ open, view, busy, onKeep, onDiscard, onLater }: AwayDialogProps) {
  return (
    <Dialog
      open={open}
      title="You were away"
      onClose={onLater}
      actions={
        <>
          <button type="button" className="btn" onClick={() => !busy && onDiscard()} aria-disabled={busy || undefined}>
            Discard idle time
          </button>
          <button type="button" className="btn btn-primary" onClick={() => !busy && onKeep()} aria-disabled={busy || undefined}>
            Keep the time
          </button>
        </>
      }
    >
      <p>{awayText(view)}</p>
      <p className="muted">
        Keep it and it counts as focus. Discard it and it becomes paused time
        {view.status === 'paused' && view.pause_reason === 'idle' ? '; the timer stays paused until you resume.' : '.'}
      </p>
    </Dialog>
  );
}
