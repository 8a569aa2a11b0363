import { Bar } from 'react-chartjs-2';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import { isoWeekOf } from '../../../../shared/domain/calendar';
import { hrefFor } from '../../app/router';
import { baseOptions, useChartColors } from '../../lib/charts';
import { minutes } from '../../lib/format';
import type { ChannelQuery } from '../../lib/useChannel';
import { Empty, Query } from '../States';
import { weekdayShort } from './dashboard-math';

/** Minutes per study day of the current ISO week (reports.weekly, the same numbers as the Reports page). */
export function WeeklyChart({ today, report }: { today: string | undefined; report: ChannelQuery<ChannelOutput<'reports.weekly'>> }) {
  const week = today ? isoWeekOf(today) : undefined;
  const colors = useChartColors();
  return (
    <section className="card dash-card" aria-labelledby="dash-week-heading">
      <div className="dash-card-head">
        <h2 id="dash-week-heading">Weekly minutes</h2>
        <a href={hrefFor('reports', [], week ? { kind: 'weekly', week } : { kind: 'weekly' })}>Weekly report</a>
      </div>
      <Query q={report} loading="Loading the week…">
        {(r) => {
          const days = r.charts.minutes_per_day;
          const total = r.summary.total_study_minutes;
          if (total === 0) return <Empty title="No study this week yet">Minutes per day appear here as sessions end.</Empty>;
          const labels = days.map((d) => weekdayShort(d.date));
          const description = `Minutes studied per day this week: ${days.map((d, i) => `${labels[i]} ${d.minutes}`).join(', ')}.`;
          const options = baseOptions(colors);
          return (
            <>
              <p className="muted">
                {minutes(total)} this week · {minutes(r.summary.avg_daily_minutes)} a day on average
              </p>
              <div className="chart-box dash-chart">
                <Bar
                  role="img"
                  aria-label={description}
                  data={{
                    labels,
                    datasets: [{
                      label: 'Minutes',
                      data: days.map((d) => d.minutes),
                      backgroundColor: days.map((d) => (d.date === today ? colors.series[0] : `${colors.series[0]}99`)),
                      borderRadius: 4,
                    }],
                  }}
                  options={{ ...options, plugins: { ...options.plugins, legend: { display: false } } }}
                >
                  {description}
                </Bar>
              </div>
            </>
          );
        }}
      </Query>
    </section>
  );
}
