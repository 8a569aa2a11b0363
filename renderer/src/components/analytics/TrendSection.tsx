import { useId, useState } from 'react';
import { Line } from 'react-chartjs-2';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import { METRIC_TYPES, TREND_PERIODS } from '../../../../shared/contract/performance';
import { baseOptions, useChartColors } from '../../lib/charts';
import { day as dayLabel } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { Empty, Query } from '../States';
import { exact, METRIC_LABELS, metricUnit, type MetricType, signedPercent, TREND_LABELS, TREND_TONE } from './labels';

type TrendPeriod = (typeof TREND_PERIODS)[number];
type Trends = ChannelOutput<'performance.trends'>;
type Point = Trends['data_points'][number];

const EMPTY_HINT: Record<MetricType, string> = {
  study_time: 'Time a focus session or add one by hand, and your study time shows up here.',
  test_average: 'Log a test with its items and correct answers in a session to see your average.',
  flashcard_mastery: 'Log flashcard reviews with how many you got right to see your accuracy.',
  assignment_completion: 'Assignments due in these periods show your completion rate here.',
};

const PERIOD_LABELS: Record<TrendPeriod, string> = { weekly: 'Weekly', monthly: 'Monthly' };
const COUNT: Record<TrendPeriod, number> = { weekly: 12, monthly: 12 };

const pointName = (p: Point) => (p.week ? `Week ${Number(p.week.slice(6))}` : new Date(`${p.period_start}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }));

function Verdict({ trends }: { trends: Trends }) {
  const noun = trends.period === 'weekly' ? 'weeks' : 'months';
  const text =
    trends.overall_trend === 'insufficient_data'
      ? `Fewer than three ${noun} with data: not enough to call a trend.`
      : `${signedPercent(trends.trend_percentage)} across these ${trends.data_points.length} ${noun} (the fitted line's change, relative to the average).`;
  return (
    <p className="trend-verdict" data-testid="trend-verdict">
      <span className={`badge badge-${TREND_TONE[trends.overall_trend]}`}>{TREND_LABELS[trends.overall_trend]}</span> <span>{text}</span>
    </p>
  );
}

function TrendChart({ trends }: { trends: Trends }) {
  const colors = useChartColors();
  const base = baseOptions(colors);
  const unit = metricUnit(trends.metric_type);
  const points = trends.data_points;
  const last = points.length - 1;
  const inProgress = points[last]?.in_progress ?? false;
  const color = colors.series[0]!;
  const described = points.map((p) => `${pointName(p)} ${p.value == null ? 'no data' : `${exact(p.value)} ${unit}`}`).join(', ');
  return (
    <div className="chart-box">
      <Line
        role="img"
        aria-label={`${METRIC_LABELS[trends.metric_type]} per ${trends.period === 'weekly' ? 'week' : 'month'}: ${described}.${inProgress ? ' The last period is still in progress.' : ''}`}
        data={{
          labels: points.map(pointName),
          datasets: [
            {
              label: `${METRIC_LABELS[trends.metric_type]} (${unit})`,
              data: points.map((p) => p.value),
              borderColor: color,
              backgroundColor: color,
              pointRadius: points.map((_, i) => (i === last && inProgress ? 5 : 3)),
              pointBackgroundColor: points.map((_, i) => (i === last && inProgress ? 'transparent' : color)),
              segment: { borderDash: (ctx: { p1DataIndex: number }) => (inProgress && ctx.p1DataIndex === last ? [6, 4] : undefined) },
              spanGaps: false,
              tension: 0.25,
            },
          ],
        }}
        options={{
          ...base,
          plugins: { ...base.plugins, legend: { display: false } },
          scales: {
            x: base.scales.x,
            y: { ...base.scales.y, ...(unit === '%' ? { suggestedMax: 100 } : {}) },
          },
        }}
      />
    </div>
  );
}

function TrendTable({ trends }: { trends: Trends }) {
  const unit = metricUnit(trends.metric_type);
  return (
    <details className="trend-table">
      <summary>Show the figures</summary>
      <div className="table-wrap">
        <table aria-label={`${METRIC_LABELS[trends.metric_type]} per period`}>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">From</th>
              <th scope="col" className="num">Value</th>
              <th scope="col" className="num">Sample</th>
            </tr>
          </thead>
          <tbody>
            {trends.data_points.map((p) => (
              <tr key={p.period_start}>
                <th scope="row">
                  {pointName(p)}
                  {p.in_progress && <span className="muted"> (so far)</span>}
                </th>
                <td>{dayLabel(p.period_start)}</td>
                <td className="num">{p.value == null ? '—' : `${exact(p.value)} ${unit}`}</td>
                <td className="num">{p.sample_size}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

interface TrendSectionProps {
  classes: { id: string; name: string }[];
}

export function TrendSection({ classes }: TrendSectionProps) {
  const [metric, setMetric] = useState<MetricType>('study_time');
  const [period, setPeriod] = useState<TrendPeriod>('weekly');
  const [classId, setClassId] = useState('');
  const ids = { metric: useId(), cls: useId() };
  const q = useChannel(
    'performance.trends',
    { metric_type: metric, period, count: COUNT[period], ...(classId ? { class_id: classId } : {}) },
    ['sessions', 'activities', 'assignments', 'classes', 'settings'],
  );
  return (
    <section className="card stack" aria-labelledby="analytics-trend">
      <h2 id="analytics-trend">Trend</h2>
      <div className="row analytics-controls">
        <div className="field">
          <label htmlFor={ids.metric}>Metric</label>
          <select id={ids.metric} value={metric} onChange={(e) => setMetric(e.target.value as MetricType)}>
            {METRIC_TYPES.map((m) => <option key={m} value={m}>{METRIC_LABELS[m]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.cls}>Class</label>
          <select id={ids.cls} value={classId} onChange={(e) => setClassId(e.target.value)}>
            <option value="">All classes</option>
            {classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <div className="segmented analytics-segmented" role="group" aria-label="Trend period">
          {TREND_PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={period === p} onClick={() => setPeriod(p)}>
              {PERIOD_LABELS[p]}
            </button>
          ))}
        </div>
      </div>
      <Query q={q} loading="Loading the trend…">
        {(trends) =>
          trends.data_points.every((p) => p.sample_size === 0) ? (
            <Empty title={`No ${METRIC_LABELS[trends.metric_type].toLowerCase()} recorded in these ${trends.period === 'weekly' ? 'weeks' : 'months'}`}>
              <p className="muted">{EMPTY_HINT[trends.metric_type]}</p>
            </Empty>
          ) : (
            <>
              <Verdict trends={trends} />
              <TrendChart trends={trends} />
              <TrendTable trends={trends} />
            </>
          )
        }
      </Query>
    </section>
  );
}
