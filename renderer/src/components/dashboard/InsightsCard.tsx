import { hrefFor } from '../../app/router';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import type { ChannelQuery } from '../../lib/useChannel';
import { Empty, Query } from '../States';

/** This week's strengths, weak spots and recommendations (performance.overview's rules, each citing its numbers). */
export function InsightsCard({ overview }: { overview: ChannelQuery<ChannelOutput<'performance.overview'>> }) {
  return (
    <section className="card dash-card" aria-labelledby="dash-insights-heading">
      <div className="dash-card-head">
        <h2 id="dash-insights-heading">Insights</h2>
        <a href={hrefFor('analytics')}>Analytics</a>
      </div>
      <Query q={overview} loading="Loading insights…">
        {(o) => {
          const groups = [
            { title: 'Strengths', items: o.strengths, tone: 'good' },
            { title: 'To work on', items: o.areas_for_improvement, tone: 'warn' },
            { title: 'Recommendations', items: o.recommendations, tone: 'accent' },
          ].filter((g) => g.items.length > 0);
          if (groups.length === 0) return <Empty title="No insights yet">They appear once this week has a few sessions, tests or flashcards.</Empty>;
          return (
            <div className="dash-insights">
              {groups.map((g) => (
                <div key={g.title} className={`dash-insight dash-insight-${g.tone}`}>
                  <h3>{g.title}</h3>
                  <ul>
                    {g.items.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          );
        }}
      </Query>
    </section>
  );
}
