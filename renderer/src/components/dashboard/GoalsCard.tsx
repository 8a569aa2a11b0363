import { hrefFor } from '../../app/router';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import type { ChannelQuery } from '../../lib/useChannel';
import { ProgressBar } from '../ProgressBar';
import { Empty, Query } from '../States';
import { daysLeftText, goalFigures, goalsByUrgency } from './dashboard-math';

const SHOWN = 5;
const MARKS = [25, 50, 75];

/** Active goals, the most urgent first, each with its bar, milestones and pace. */
export function GoalsCard({ goals }: { goals: ChannelQuery<ChannelOutput<'goals.list'>> }) {
  return (
    <section className="card dash-card" aria-labelledby="dash-goals-heading">
      <div className="dash-card-head">
        <h2 id="dash-goals-heading">Goals</h2>
        <a href={hrefFor('goals')}>All goals</a>
      </div>
      <Query q={goals} loading="Loading goals…">
        {({ goals: list }) => {
          if (list.length === 0) {
            return (
              <Empty title="No active goals">
                <a href={hrefFor('goals')}>Set a goal</a>
              </Empty>
            );
          }
          const shown = goalsByUrgency(list).slice(0, SHOWN);
          return (
            <>
              <ul className="dash-goals">
                {shown.map((g) => {
                  // Whole percent rounded down, as on the Goals page: 99.6 % never reads as done.
                  const pct = g.percentage_complete;
                  const shownPct = Math.floor(pct);
                  return (
                    <li key={g.goal_id}>
                      <div className="dash-goal-head">
                        <span className="dash-goal-name">{g.goal_name}</span>
                        <span className={`badge ${g.on_track ? 'badge-good' : 'badge-warn'}`}>{g.on_track ? 'On track' : 'Behind'}</span>
                      </div>
                      <ProgressBar value={pct} label={`${g.goal_name}: ${shownPct} %`} marks={MARKS} tone={pct >= 100 ? 'done' : g.on_track ? 'good' : 'warn'} />
                      <div className="dash-goal-foot muted">
                        <span className="num">{goalFigures(g)} · {shownPct} %</span>
                        <span>{daysLeftText(g.days_remaining)}</span>
                      </div>
                    </li>
                  );
                })}
              </ul>
              {list.length > SHOWN && (
                <p className="muted">
                  {list.length - SHOWN} more in <a href={hrefFor('goals')}>Goals</a>
                </p>
              )}
            </>
          );
        }}
      </Query>
    </section>
  );
}
