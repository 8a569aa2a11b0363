import {
  CURRENT_LABEL, hasNext, hasPrevious, periodLabel, periodOf, REPORT_KINDS, type ReportKind, type ReportPeriod, shiftPeriod, switchKind,
} from './period';

const KIND_LABELS: Record<ReportKind, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' };

interface ReportToolbarProps {
  period: ReportPeriod;
  today: string;
  onChange(period: ReportPeriod): void;
}

/** Daily / Weekly / Monthly, and Previous · period · Next with a jump back to the current one. */
export function ReportToolbar({ period, today, onChange }: ReportToolbarProps) {
  const current = periodOf(period.kind, today);
  const isCurrent = current.key === period.key;
  return (
    <div className="report-toolbar">
      <div className="segmented no-print" role="group" aria-label="Report kind">
        {REPORT_KINDS.map((kind) => (
          <button key={kind} type="button" aria-pressed={period.kind === kind} onClick={() => onChange(switchKind(period, kind, today))}>
            {KIND_LABELS[kind]}
          </button>
        ))}
      </div>
      <div className="row report-nav">
        <button type="button" className="btn no-print" disabled={!hasPrevious(period)} onClick={() => onChange(shiftPeriod(period, -1))}
          aria-label="Previous" title={`Previous ${period.kind === 'daily' ? 'day' : period.kind === 'weekly' ? 'week' : 'month'}`}>
          ‹ Previous
        </button>
        <h2 className="report-period" aria-live="polite">{periodLabel(period)}</h2>
        <button type="button" className="btn no-print" disabled={!hasNext(period, today)} onClick={() => onChange(shiftPeriod(period, 1))}
          aria-label="Next" title={`Next ${period.kind === 'daily' ? 'day' : period.kind === 'weekly' ? 'week' : 'month'}`}>
          Next ›
        </button>
        {!isCurrent && (
          <button type="button" className="btn btn-small no-print" onClick={() => onChange(current)}>
            {CURRENT_LABEL[period.kind]}
          </button>
        )}
      </div>
    </div>
  );
}
