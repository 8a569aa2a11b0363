import type { Report } from '../../../../shared/contract/reports';
import { dayStartUtcMs } from '../../../../shared/domain/calendar';
import { ACTIVITY_LABELS, hourLabel } from '../analytics/labels';
import { BarChart } from './BarChart';
import type { ReportKind } from './period';

const listed = (pairs: [string, number][], unit: string) =>
  pairs.length ? pairs.map(([label, v]) => `${label} ${v} ${unit}`).join(', ') : 'nothing recorded';

function dayTick(date: string, kind: ReportKind): string {
  const d = new Date(dayStartUtcMs(date));
  return kind === 'weekly'
    ? d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' })
    : String(d.getUTCDate());
}

function TimeChart({ report, kind }: { report: Report; kind: ReportKind }) {
  if (kind === 'daily') {
    const byHour = Array.from({ length: 24 }, (_, hour) =>
      report.charts.hour_heatmap.filter((c) => c.hour === hour).reduce((sum, c) => sum + c.minutes, 0),
    );
    const busy = byHour.flatMap((m, h): [string, number][] => (m ? [[hourLabel(h), m]] : []));
    return (
      <figure className="card report-chart">
        <figcaption>By hour</figcaption>
        <BarChart labels={byHour.map((_, h) => String(h))} series={[{ label: 'Minutes', data: byHour }]} unit="min"
          description={`Minutes studied by hour of the day: ${listed(busy, 'min')}.`} />
      </figure>
    );
  }
  const days = report.charts.minutes_per_day;
  return (
    <figure className="card report-chart report-chart-wide">
      <figcaption>By day</figcaption>
      <BarChart labels={days.map((d) => dayTick(d.date, kind))} series={[{ label: 'Minutes', data: days.map((d) => d.minutes) }]} unit="min"
        description={`Minutes studied per day: ${listed(days.filter((d) => d.minutes).map((d) => [d.date, d.minutes]), 'min')}.`} />
    </figure>
  );
}

export function ReportCharts({ report, kind }: { report: Report; kind: ReportKind }) {
  const classes = report.charts.minutes_per_class;
  const types = report.charts.minutes_per_activity_type;
  return (
    <div className="report-charts">
      <TimeChart report={report} kind={kind} />
      <figure className="card report-chart">
        <figcaption>By class</figcaption>
        {classes.length ? (
          <BarChart horizontal labels={classes.map((c) => c.class_name)} unit="min"
            height={Math.max(160, 34 * classes.length + 50)}
            series={[{ label: 'Minutes', data: classes.map((c) => c.minutes), colors: classes.map((c) => c.color) }]}
            description={`Minutes by class: ${listed(classes.map((c) => [c.class_name, c.minutes]), 'min')}.`} />
        ) : (
          <p className="muted">No class studied.</p>
        )}
      </figure>
      <figure className="card report-chart">
        <figcaption>By activity type</figcaption>
        {types.length ? (
          <BarChart horizontal labels={types.map((t) => ACTIVITY_LABELS[t.activity_type])} unit="min"
            height={Math.max(160, 34 * types.length + 50)}
            series={[{ label: 'Minutes', data: types.map((t) => t.minutes) }]}
            description={`Minutes by activity type: ${listed(types.map((t) => [`${ACTIVITY_LABELS[t.activity_type]} (${t.count})`, t.minutes]), 'min')}.`} />
        ) : (
          <p className="muted">No activities logged.</p>
        )}
      </figure>
    </div>
  );
}
