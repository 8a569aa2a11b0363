import type { ChannelOutput } from '../../../../shared/contract/channels';
import type { ChannelQuery } from '../../lib/useChannel';
import { ProgressBar } from '../ProgressBar';
import { Query } from '../States';
import { levelProgress } from './dashboard-math';

/** Streak, points and level (points.summary). */
export function StreakCard({ summary }: { summary: ChannelQuery<ChannelOutput<'points.summary'>> }) {
  return (
    <section className="card dash-card" aria-labelledby="dash-streak-heading">
      <h2 id="dash-streak-heading">Streak and points</h2>
      <Query q={summary}>{(s) => <StreakFigures summary={s} />}</Query>
    </section>
  );
}

function StreakFigures({ summary }: { summary: ChannelOutput<'points.summary'> }) {
  const progress = levelProgress(summary.total_points, summary.level, summary.next_level_at);
  return (
    <>
      <div className="dash-stats">
        <div className="stat">
          <span className="stat-value">{summary.streak_days}</span>
          <span className="stat-label">{summary.streak_days === 1 ? 'day streak' : 'days streak'}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{summary.longest_streak_days}</span>
          <span className="stat-label">longest streak</span>
        </div>
        <div className="stat">
          <span className="stat-value">{summary.total_points.toLocaleString()}</span>
          <span className="stat-label">points</span>
        </div>
        <div className="stat">
          <span className="stat-value">{summary.level}</span>
          <span className="stat-label">level</span>
        </div>
      </div>
      <div className="dash-level">
        <ProgressBar value={progress.percent} label={progress.to === null ? 'Top level reached' : `Progress to level ${summary.level + 1}`} tone={progress.to === null ? 'done' : 'default'} />
        <p className="muted">
          {progress.to === null
            ? 'Top level reached.'
            : `${(progress.to - summary.total_points).toLocaleString()} points to level ${summary.level + 1}.`}
        </p>
      </div>
    </>
  );
}
