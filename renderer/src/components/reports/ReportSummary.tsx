import type { ReactNode } from 'react';
import type { Report } from '../../../../shared/contract/reports';
import { minutes } from '../../lib/format';
import { exact } from '../analytics/labels';
import type { ReportKind } from './period';

interface FigureProps {
  term: string;
  value: number | null;
  unit?: string;
  testId?: string;
  /** A friendlier second reading, e.g. "32 h" beside 1920 min. */
  aside?: ReactNode;
}

/** One summary figure: the core's number, unrounded beyond two decimals, under a stable label. */
function Figure({ term, value, unit, testId, aside }: FigureProps) {
  return (
    <div className="report-figure">
      <dt>{term}</dt>
      <dd>
        <span className="stat-value" data-testid={testId}>
          {value == null ? '—' : exact(value)}
        </span>
        {value != null && unit && <span className="report-unit"> {unit}</span>}
        {aside && <span className="report-aside muted"> {aside}</span>}
      </dd>
    </div>
  );
}

/** Activities in the period: the per-type counts the core reports, added up. */
export const activityCount = (report: Report): number =>
  report.charts.minutes_per_activity_type.reduce((sum, t) => sum + t.count, 0);

export function ReportSummary({ report, kind }: { report: Report; kind: ReportKind }) {
  const s = report.summary;
  return (
    <dl className="report-summary" aria-label="Summary">
      <Figure term="Total time" value={s.total_study_minutes} unit="min" testId="report-total-minutes"
        aside={s.total_study_minutes >= 60 ? `(${minutes(s.total_study_minutes)})` : undefined} />
      <Figure term="Sessions" value={s.sessions_count} testId="report-session-count" />
      <Figure term="Points" value={s.points_earned} testId="report-points" />
      <Figure term="Activities" value={activityCount(report)} testId="report-activity-count" />
      {kind !== 'daily' && <Figure term="Days studied" value={s.days_studied} testId="report-days-studied" />}
      {kind !== 'daily' && <Figure term="Average per day" value={s.avg_daily_minutes} unit="min" testId="report-avg-daily-minutes" />}
      <Figure term="Average session" value={s.avg_session_duration} unit="min" testId="report-avg-session-minutes" />
      <Figure term="Tests taken" value={s.tests_taken} testId="report-tests-taken" />
      <Figure term="Test average" value={s.avg_test_score} unit="%" testId="report-test-average" />
      <Figure term="Flashcards reviewed" value={s.flashcards_reviewed} testId="report-flashcards-reviewed" />
      <Figure term="Flashcard accuracy" value={s.flashcard_accuracy} unit="%" testId="report-flashcard-accuracy" />
      <Figure term="Assignments done" value={s.assignments_completed} testId="report-assignments-completed" />
      <Figure term="Notes created" value={s.notes_created} testId="report-notes-created" />
      <Figure term="Streak" value={s.streak_days} unit={s.streak_days === 1 ? 'day' : 'days'} testId="report-streak-days"
        aside={kind === 'weekly' && s.streak_days > 0 ? (s.streak_maintained ? '(kept every day)' : '(a day fell short)') : undefined} />
      <Figure term="Productivity score" value={s.productivity_score} unit="/ 100" testId="report-productivity-score" />
    </dl>
  );
}
