import type { ChannelOutput } from '../../../../shared/contract/channels';
import { hrefFor } from '../../app/router';
import { minutes } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import type { Reward } from './rewards';

/** What the session just saved earned: minutes, points, and any milestone or achievement it reached. */
export function LastSession({ result, rewards }: { result: ChannelOutput<'timer.stop'>; rewards: Reward[] }) {
  // The stop answers the time's points; the session adds what its activities earned.
  const session = useChannel('sessions.get', { session_id: result.session_id }, ['sessions', 'activities', 'points']).data;
  const points = session ? session.points_earned + session.activity_points : result.points_earned;
  return (
    <section className="card" aria-labelledby="last-session-heading">
      <h2 id="last-session-heading">Last session</h2>
      <div className="today-stats">
        <div className="stat">
          <span className="stat-value">{minutes(result.duration_minutes)}</span>
          <span className="stat-label">saved</span>
        </div>
        <div className="stat">
          <span className="stat-value">+{points}</span>
          <span className="stat-label">points</span>
        </div>
        {session && session.activities_count > 0 && (
          <div className="stat">
            <span className="stat-value">{session.activities_count}</span>
            <span className="stat-label">{session.activities_count === 1 ? 'activity' : 'activities'}</span>
          </div>
        )}
      </div>
      {rewards.length > 0 && (
        <ul className="reward-list">
          {rewards.map((r, i) => (
            <li key={i}>
              <span className={`badge ${r.kind === 'achievement' ? 'badge-good' : 'badge-muted'}`}>{r.kind === 'achievement' ? 'Achievement' : 'Milestone'}</span> {r.text}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={hrefFor('sessions', [result.session_id])}>Open the session</a>
      </p>
    </section>
  );
}
