import type { ChannelOutput } from '../../../../shared/contract/channels';
import { minutes } from '../../lib/format';
import type { ChannelQuery } from '../../lib/useChannel';
import { Query } from '../States';

interface TodayCardProps {
  summary: ChannelOutput<'points.summary'> | undefined;
  report: ChannelQuery<ChannelOutput<'reports.daily'>>;
  settings: ChannelOutput<'settings.get'> | undefined;
}

/** Today's minutes, points and activities, and what keeps the streak alive. */
export function TodayCard({ summary, report, settings }: TodayCardProps) {
  return (
    <section className="card dash-card" aria-labelledby="dash-today-heading">
      <h2 id="dash-today-heading">Today</h2>
      <Query q={report} loading="Loading today…">
        {(r) => {
          const activities = r.charts.minutes_per_activity_type.reduce((n, a) => n + a.count, 0);
          const studied = r.summary.total_study_minutes;
          const needed = settings ? Math.max(0, settings.streak_min_minutes - studied) : null;
          return (
            <>
              <div className="dash-stats">
                <div className="stat">
                  <span className="stat-value">{minutes(studied)}</span>
                  <span className="stat-label">studied</span>
                </div>
                <div className="stat">
                  <span className="stat-value">{summary?.today_points ?? r.summary.points_earned}</span>
                  <span className="stat-label">points</span>
                </div>
                <div className="stat">
                  <span className="stat-value">{activities}</span>
                  <span className="stat-label">{activities === 1 ? 'activity' : 'activities'}</span>
                </div>
                <div className="stat">
                  <span className="stat-value">{r.summary.sessions_count}</span>
                  <span className="stat-label">{r.summary.sessions_count === 1 ? 'session' : 'sessions'}</span>
                </div>
              </div>
              {needed !== null && (
                <p className={needed === 0 ? 'dash-note good' : 'dash-note'}>
                  {needed === 0 ? 'Today counts toward your streak.' : `${minutes(needed)} more today keeps your streak going.`}
                </p>
              )}
            </>
          );
        }}
      </Query>
    </section>
  );
}
