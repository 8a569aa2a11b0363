interface ProgressBarProps {
  /** 0–100; values above 100 fill the bar. */
  value: number;
  label: string;
  /** Milestone marks along the bar, e.g. [25, 50, 75]. */
  marks?: number[];
  tone?: 'default' | 'good' | 'warn' | 'done';
}

export function ProgressBar({ value, label, marks = [], tone = 'default' }: ProgressBarProps) {
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <div
      className={`progress progress-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(clamped)}
    >
      <div className="progress-fill" style={{ width: `${clamped}%` }} />
      {marks.map((m) => (
        <span key={m} className={`progress-mark${value >= m ? ' reached' : ''}`} style={{ left: `${m}%` }} aria-hidden="true" />
      ))}
    </div>
  );
}
