import { type ReactNode, useId, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import type { DataEntity } from '../../../../shared/contract/events';
import type { PerformancePeriod } from '../../../../shared/contract/performance';
import { day as dayLabel } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { BarChart } from '../reports/BarChart';
import { Query } from '../States';
import { ACTIVITY_LABELS, exact, signedPercent } from './labels';

type Comparison = ChannelOutput<'performance.comparison'>;
type ByClass = Extract<Comparison, { compare_by: 'class' }>;
type ByPeriod = Extract<Comparison, { compare_by: 'period' }>;
type ByActivity = Extract<Comparison, { compare_by: 'activity_type' }>;

const WATCH: DataEntity[] = ['sessions', 'activities', 'classes', 'settings'];

const SPAN_LABELS: Record<PerformancePeriod, string> = { daily: 'Today', weekly: 'This week', monthly: 'This month', all_time: 'All time' };

const pct = (v: number | null) => (v == null ? '—' : `${exact(v)} %`);

function SpanSelect({ label, value, options, onChange }: { label: string; value: PerformancePeriod; options: PerformancePeriod[]; onChange(p: PerformancePeriod): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as PerformancePeriod)}>
        {options.map((p) => <option key={p} value={p}>{SPAN_LABELS[p]}</option>)}
      </select>
    </div>
  );
}

type CompareBy = Comparison['compare_by'];

interface SectionProps<B extends CompareBy> {
  by: B;
  title: string;
  /** The span select's label and choices, and the span shown first. */
  spanLabel: string;
  spans: PerformancePeriod[];
  initial: PerformancePeriod;
  loading: string;
  view(data: Extract<Comparison, { compare_by: B }>): ReactNode;
}

/** One comparison card: its heading, the span it covers, and the core's comparison for that span. */
function ComparisonSection<B extends CompareBy>({ by, title, spanLabel, spans, initial, loading, view }: SectionProps<B>) {
  const [span, setSpan] = useState<PerformancePeriod>(initial);
  const q = useChannel('performance.comparison', { compare_by: by, period: span }, WATCH);
  const headingId = useId();
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <div className="row section-head">
        <h2 id={headingId}>{title}</h2>
        <SpanSelect label={spanLabel} value={span} options={spans} onChange={setSpan} />
      </div>
      <Query q={q} loading={loading}>
        {(data) => (data.compare_by === by ? view(data as Extract<Comparison, { compare_by: B }>) : null)}
      </Query>
    </section>
  );
}

const spanText = (p: ByClass['period']) => (p.type === 'all_time' ? 'All your study so far' : `${dayLabel(p.start_date)} – ${dayLabel(p.end_date)}`);

interface ClassInfo {
  id: string;
  color: string | null;
}

function ClassView({ data, classes }: { data: ByClass; classes: ClassInfo[] }) {
  const rows = data.comparisons;
  const colorOf = new Map(classes.map((c) => [c.id, c.color]));
  if (rows.every((r) => r.sessions === 0)) return <p className="muted">No study recorded in this period.</p>;
  return (
    <>
      <p className="muted">{spanText(data.period)}</p>
      <BarChart horizontal labels={rows.map((r) => r.class_name)} unit="min" height={Math.max(160, 34 * rows.length + 50)}
        series={[{ label: 'Minutes', data: rows.map((r) => r.study_minutes), colors: rows.map((r) => (r.class_id ? colorOf.get(r.class_id) ?? null : null)) }]}
        description={`Study minutes by class, most first: ${rows.map((r) => `${r.class_name} ${r.study_minutes} min`).join(', ')}. The table below has every figure.`} />
      <div className="table-wrap">
        <table aria-label="Class comparison">
          <thead>
            <tr>
              <th scope="col" className="num">Rank</th>
              <th scope="col">Class</th>
              <th scope="col" className="num">Minutes</th>
              <th scope="col" className="num">Sessions</th>
              <th scope="col" className="num">Tests</th>
              <th scope="col" className="num">Test average</th>
              <th scope="col" className="num">Cards</th>
              <th scope="col" className="num">Card accuracy</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.class_id ?? 'none'}>
                <td className="num">{r.rank}</td>
                <th scope="row">{r.class_name}</th>
                <td className="num">{r.study_minutes}</td>
                <td className="num">{r.sessions}</td>
                <td className="num">{r.tests_taken}</td>
                <td className="num">{pct(r.avg_test_score)}</td>
                <td className="num">{r.cards_reviewed}</td>
                <td className="num">{pct(r.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ClassComparison({ classes }: { classes: ClassInfo[] }) {
  return (
    <ComparisonSection by="class" title="Compare classes" spanLabel="Classes over" spans={['weekly', 'monthly', 'all_time']}
      initial="monthly" loading="Comparing classes…" view={(data) => <ClassView data={data} classes={classes} />} />
  );
}

const CHANGE_METRICS: Record<ByPeriod['comparisons'][number]['metric'], { label: string; unit: string }> = {
  study_minutes: { label: 'Study time', unit: 'min' },
  sessions: { label: 'Sessions', unit: '' },
  avg_test_score: { label: 'Test average', unit: '%' },
  flashcard_accuracy: { label: 'Flashcard accuracy', unit: '%' },
};

const withUnit = (v: number | null, unit: string) => (v == null ? '—' : `${exact(v)}${unit ? ` ${unit}` : ''}`);

/** Two bars on one scale per row: the table is the chart, and reads as a table. */
function PairBars({ current, previous }: { current: number | null; previous: number | null }) {
  const max = Math.max(current ?? 0, previous ?? 0) || 1;
  const width = (v: number | null) => `${((v ?? 0) / max) * 100}%`;
  return (
    <div className="pair-bars" aria-hidden="true">
      <span className="pair-bar pair-bar-previous" style={{ width: width(previous) }} />
      <span className="pair-bar pair-bar-current" style={{ width: width(current) }} />
    </div>
  );
}

function PeriodView({ data }: { data: ByPeriod }) {
  const { period, previous_period: prev } = data;
  const partial = period.days_elapsed < prev.days_elapsed;
  const span = (p: ByPeriod['period']) => (p.start_date === p.end_date ? dayLabel(p.start_date) : `${dayLabel(p.start_date)} – ${dayLabel(p.end_date)}`);
  return (
    <>
      <p className="muted">
        {span(period)} against {span(prev)}.
        {partial && ` The current period has run ${period.days_elapsed} of its days so far.`}
      </p>
      <div className="legend row" aria-hidden="true">
        <span className="legend-item"><span className="legend-swatch pair-bar-previous" /> Previous</span>
        <span className="legend-item"><span className="legend-swatch pair-bar-current" /> Current</span>
      </div>
      <div className="table-wrap">
        <table aria-label="Period comparison">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="num">Current</th>
              <th scope="col" className="num">Previous</th>
              <th scope="col" className="num">Change</th>
              <th scope="col" className="pair-col"><span className="visually-hidden">Bars</span></th>
            </tr>
          </thead>
          <tbody>
            {data.comparisons.map((c) => {
              const m = CHANGE_METRICS[c.metric];
              const tone = c.change == null || c.change === 0 ? '' : c.change > 0 ? 'change-up' : 'change-down';
              return (
                <tr key={c.metric}>
                  <th scope="row">{m.label}</th>
                  <td className="num">{withUnit(c.current, m.unit)}</td>
                  <td className="num">{withUnit(c.previous, m.unit)}</td>
                  <td className={`num ${tone}`}>
                    {c.change == null ? '—' : `${c.change > 0 ? '+' : c.change < 0 ? '−' : '±'}${exact(Math.abs(c.change))}${m.unit ? ` ${m.unit}` : ''}`}
                    {c.change_percentage != null && <span className="muted"> ({signedPercent(c.change_percentage)})</span>}
                  </td>
                  <td className="pair-col">
                    <PairBars current={c.current} previous={c.previous} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function PeriodComparison() {
  return (
    <ComparisonSection by="period" title="Compare periods" spanLabel="Compare" spans={['daily', 'weekly', 'monthly']}
      initial="weekly" loading="Comparing periods…" view={(data) => <PeriodView data={data} />} />
  );
}

function ActivityView({ data }: { data: ByActivity }) {
  const rows = data.comparisons;
  if (rows.every((r) => r.activities === 0)) return <p className="muted">No activities logged in this period.</p>;
  return (
    <>
      <BarChart horizontal labels={rows.map((r) => ACTIVITY_LABELS[r.activity_type])} unit="min" height={Math.max(160, 34 * rows.length + 50)}
        series={[{ label: 'Minutes', data: rows.map((r) => r.minutes) }]}
        description={`Minutes by activity type: ${rows.map((r) => `${ACTIVITY_LABELS[r.activity_type]} ${r.minutes} min`).join(', ')}. The table below has every figure.`} />
      <div className="table-wrap">
        <table aria-label="Activity comparison">
          <thead>
            <tr>
              <th scope="col" className="num">Rank</th>
              <th scope="col">Activity</th>
              <th scope="col" className="num">Count</th>
              <th scope="col" className="num">Minutes</th>
              <th scope="col" className="num">Items</th>
              <th scope="col" className="num">Accuracy</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.activity_type}>
                <td className="num">{r.rank}</td>
                <th scope="row">{ACTIVITY_LABELS[r.activity_type]}</th>
                <td className="num">{r.activities}</td>
                <td className="num">{r.minutes}</td>
                <td className="num">{r.items_completed}</td>
                <td className="num">{pct(r.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ActivityComparison() {
  return (
    <ComparisonSection by="activity_type" title="Compare activities" spanLabel="Activities over" spans={['weekly', 'monthly', 'all_time']}
      initial="monthly" loading="Comparing activities…" view={(data) => <ActivityView data={data} />} />
  );
}
