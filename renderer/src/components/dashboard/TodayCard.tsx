import type { ChannelOutput } from '../../../../shared/contract/channels';
import { minutes } from '../../lib/format';
import type { ChannelQuery } from '../../lib/useChannel';
import { ErrorBox, Loading } from '../States';

interface TodayCardProps {
  today: string | undefined;
  summary: ChannelOutput<'points.summary'> | undefined;
  /** This week's report: today's row of its daily breakdown holds the minutes and sessions. */
  week: ChannelQuery<ChannelOutput<'reports.weekly'>>;
  /** Today's sessions, for the activities logged in them. */
  sessions: ChannelQuery<ChannelOutput<'sessions.list'>>;
  settings: ChannelOutput<'settings.get'> | undefined;
}

/**
 * Today's minutes, points and activities, and what keeps the streak alive. The figures come from
 * queries the dashboard needs anyway (the week's report, today's sessions), not a second report.
 */
export function TodayCard({ today, summary, week, sessions, settings }: TodayCardProps) {
  let body;
  if (week.data && sessions.data && summary && today) {
    const day = week.data.daily_breakdown.find((d) => d.date === today);
    const studied = day?.minutes ?? 0;
    const saved = day?.sessions ?? 0;
    const activities = sessions.data.sessions.reduce((n, s) => n + s.activities_count, 0);
    const needed = settings ? Math.max(0, settings.streak_min_minutes - studied) : null;
    body = (
      <>
        <div className="dash-stats">
          <div className="stat">
            <span className="stat-value">{minutes(studied)}</span>
            <span className="stat-label">studied</span>
          </div>
          <div className="stat">
            <span className="stat-value">{summary.today_points}</span>
            <span className="stat-label">points</span>
          </div>
          <div className="stat">
            <span className="stat-value">{activities}</span>
            <span className="stat-label">{activities === 1 ? 'activity' : 'activities'}</span>
          </div>
          <div className="stat">
            <span className="stat-value">{saved}</span>
            <span className="stat-label">{saved === 1 ? 'session' : 'sessions'}</span>
          </div>
        </div>
        {needed !== null && (
          <p className={needed === 0 ? 'dash-note good' : 'dash-note'}>
            {needed === 0 ? 'Today counts toward your streak.' : `${minutes(needed)} more today keeps your streak going.`}
          </p>
        )}
      </>
    );
  } else {
    const failed = week.error ?? sessions.error;
    body = failed ? <ErrorBox error={failed} retry={week.error ? week.reload : sessions.reload} /> : <Loading label="Loading today…" />;
  }
  return (
    <section className="card dash-card" aria-labelledby="dash-today-heading">
      <h2 id="dash-today-heading">Today</h2>
      {body}
    </section>
  );
}
