import { useId, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import { addDays } from '../../../../shared/domain/calendar';
import { day as dayLabel, minutes as minutesText } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { Query } from '../States';
import { hourLabel, WEEKDAYS } from './labels';

type Cells = ChannelOutput<'reports.range'>['charts']['hour_heatmap'];

const RANGES = [
  { weeks: 4, label: 'Last 4 weeks' },
  { weeks: 12, label: 'Last 12 weeks' },
  { weeks: 52, label: 'Last 52 weeks' },
] as const;

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Minutes per weekday (1..7) × hour (0..23), with the busiest cell. */
export function heatGrid(cells: Cells): { grid: number[][]; max: number; busiest: { weekday: number; hour: number; minutes: number } | null } {
  const grid = WEEKDAYS.map(() => HOURS.map(() => 0));
  let busiest: { weekday: number; hour: number; minutes: number } | null = null;
  for (const c of cells) {
    grid[c.weekday - 1]![c.hour]! += c.minutes;
  }
  for (const [d, row] of grid.entries()) {
    for (const [hour, m] of row.entries()) {
      if (m > 0 && (!busiest || m > busiest.minutes)) busiest = { weekday: d + 1, hour, minutes: m };
    }
  }
  return { grid, max: Math.max(0, ...grid.flat()), busiest };
}

/** Five steps of colour plus empty: intensity classes keep both themes readable. */
const level = (m: number, max: number) => (m <= 0 || max <= 0 ? 0 : Math.min(5, Math.ceil((m / max) * 5)));

function Heatmap({ cells, from, to }: { cells: Cells; from: string; to: string }) {
  const { grid, max, busiest } = heatGrid(cells);
  if (!max) return <p className="muted">No study recorded between {dayLabel(from)} and {dayLabel(to)}.</p>;
  return (
    <>
      <p>
        {busiest && (
          <>
            You study most on <strong>{WEEKDAYS[busiest.weekday - 1]}s around {hourLabel(busiest.hour)}</strong>{' '}
            <span className="muted">({minutesText(busiest.minutes)} between {dayLabel(from)} and {dayLabel(to)}).</span>
          </>
        )}
      </p>
      <div className="table-wrap">
        <table className="heatmap" aria-label="Study minutes by weekday and hour">
          <colgroup>
            <col className="heatmap-day-col" />
          </colgroup>
          <thead>
            <tr>
              <td />
              {HOURS.map((h) => (
                <th key={h} scope="col" className="heatmap-hour">
                  <span aria-hidden="true">{h % 3 === 0 ? h : ''}</span>
                  <span className="visually-hidden">{hourLabel(h)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.map((row, d) => (
              <tr key={WEEKDAYS[d]}>
                <th scope="row" className="heatmap-day">
                  <abbr title={WEEKDAYS[d]}>{WEEKDAYS[d]!.slice(0, 3)}</abbr>
                </th>
                {row.map((m, h) => (
                  <td key={h} className={`heatmap-cell heat-${level(m, max)}`} title={`${WEEKDAYS[d]} ${hourLabel(h)}: ${minutesText(m)}`}>
                    <span className="visually-hidden">{m} min</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="heatmap-legend row" aria-hidden="true">
        <span className="muted">Less</span>
        {[0, 1, 2, 3, 4, 5].map((l) => <span key={l} className={`heatmap-cell heat-${l}`} />)}
        <span className="muted">More (up to {minutesText(max)} in one hour slot)</span>
      </div>
    </>
  );
}

/** "When you study": minutes by weekday and local hour, from the core's report over recent weeks. */
export function StudyHeatmap({ today }: { today: string }) {
  const [weeks, setWeeks] = useState<number>(12);
  const id = useId();
  const from = addDays(today, -(weeks * 7 - 1));
  const q = useChannel('reports.range', { start_date: from, end_date: today }, ['sessions', 'settings']);
  return (
    <section className="card stack" aria-labelledby="analytics-when">
      <div className="row section-head">
        <h2 id="analytics-when">When you study</h2>
        <div className="field">
          <label htmlFor={id}>Heatmap range</label>
          <select id={id} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {RANGES.map((r) => <option key={r.weeks} value={r.weeks}>{r.label}</option>)}
          </select>
        </div>
      </div>
      <Query q={q} loading="Loading your study hours…">{(report) => <Heatmap cells={report.charts.hour_heatmap} from={report.start_date} to={report.end_date} />}</Query>
    </section>
  );
}
