import type { ClockKind } from '../../stores/timer-clock';

export type TimerTone = 'idle' | 'focus' | 'break' | 'paused';

interface TimerFaceProps {
  text: string;
  kind: ClockKind;
  /** Share of the phase still to go (0–1) for the ring; null draws the full track only. */
  fraction: number | null;
  label: string;
  tone: TimerTone;
}

const R = 54;
const CIRCUMFERENCE = 2 * Math.PI * R;

/**
 * The big clock. The digits are a role="timer" (not announced every second); the phase label is
 * a status, so a screen reader hears "Short break" when the focus ends, and nothing in between.
 */
export function TimerFace({ text, kind, fraction, label, tone }: TimerFaceProps) {
  return (
    <div className={`timer-face timer-${tone}`}>
      <svg className="timer-ring" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
        <circle className="timer-ring-track" cx="60" cy="60" r={R} />
        {fraction !== null && (
          <circle
            className="timer-ring-fill"
            cx="60"
            cy="60"
            r={R}
            strokeDasharray={CIRCUMFERENCE}
            strokeDashoffset={CIRCUMFERENCE * (1 - Math.max(0, Math.min(1, fraction)))}
            transform="rotate(-90 60 60)"
          />
        )}
      </svg>
      <div className="timer-center">
        <div role="timer" aria-label={kind === 'remaining' ? 'Time remaining' : 'Time elapsed'} className="timer-digits">
          {text}
        </div>
        <div className="timer-phase" role="status">
          {label}
        </div>
      </div>
    </div>
  );
}
