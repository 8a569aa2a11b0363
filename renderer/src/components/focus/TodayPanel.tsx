import { minutes } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { ErrorBox, Loading } from '../States';
import { usePointsSummary } from './usePointsSummary';

/**
 * Today's study so far. Reports count ended sessions only, so the running session's focus time is
 * added on top (and shown on its own) until it is saved.
 */
export function TodayPanel({ liveFocusMs }: { liveFocusMs: number }) {
  const summary = usePointsSummary();
  const today = summary.data?.today;
  const report = useChannel('reports.daily', { date: today ?? '2000-01-01' }, ['sessions', 'activities', 'settings'], { enabled: !!today });
  const live = Math.floor(liveFocusMs / 60_000);

  const failed = summary.error ?? report.error;
  if (!summary.data || !report.data) {
    return failed ? <ErrorBox error={failed} retry={summary.data ? report.reload : summary.reload} /> : <Loading label="Loading today…" />;
  }
  const saved = report.data.summary.total_study_minutes;
  return (
    <div className="today-stats">
      <div className="stat">
        <span className="stat-value">{minutes(saved + live)}</span>
        <span className="stat-label">studied today{live > 0 ? `, ${minutes(live)} of it in this session` : ''}</span>
      </div>
      <div className="stat">
        <span className="stat-value">{report.data.summary.sessions_count}</span>
        <span className="stat-label">sessions saved</span>
      </div>
      <div className="stat">
        <span className="stat-value">{summary.data.today_points}</span>
        <span className="stat-label">points today</span>
      </div>
    </div>
  );
}
