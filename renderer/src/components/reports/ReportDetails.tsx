import type { z } from 'zod';
import type { MonthlyReport, Report } from '../../../../shared/contract/reports';
import { hrefFor } from '../../app/router';
import { day as dayLabel, dateTime, minutes } from '../../lib/format';
import { ProgressBar } from '../ProgressBar';
import { exact } from '../analytics/labels';
import type { ReportKind } from './period';

type Goal = Report['goals_progress'][number];

function GoalList({ goals }: { goals: Goal[] }) {
  return (
    <ul className="report-goals">
      {goals.map((g) => (
        <li key={g.goal_id}>
          <div className="row report-goal-head">
            <span>{g.goal_name}</span>
            <span className="num muted">{exact(g.percentage_complete)} %</span>
          </div>
          <ProgressBar value={g.percentage_complete} label={`${g.goal_name}: ${exact(g.percentage_complete)} % complete`}
            tone={g.status === 'completed' ? 'done' : 'default'} />
          {g.milestones.length > 0 && <p className="muted report-goal-note">Reached: {g.milestones.join(', ')}</p>}
        </li>
      ))}
    </ul>
  );
}

function Notes({ report }: { report: Report }) {
  const achievements = report.achievements_earned;
  return (
    <div className="grid">
      <section className="card" aria-labelledby="report-highlights">
        <h2 id="report-highlights">Highlights</h2>
        {report.performance_highlights.length ? (
          <ul className="report-list">{report.performance_highlights.map((h) => <li key={h}>{h}</li>)}</ul>
        ) : (
          <p className="muted">Nothing stands out yet.</p>
        )}
        {report.recommendations.length > 0 && (
          <>
            <h3>Recommendations</h3>
            <ul className="report-list">{report.recommendations.map((r) => <li key={r}>{r}</li>)}</ul>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="report-goals">
        <h2 id="report-goals">Goals</h2>
        {report.goals_progress.length ? <GoalList goals={report.goals_progress} /> : <p className="muted">No goals ran in this period.</p>}
        {achievements.length > 0 && (
          <>
            <h3>Achievements earned</h3>
            <ul className="report-list">
              {achievements.map((a) => (
                <li key={a.achievement_key}>
                  {a.name} <span className="muted">(+{a.bonus_points} points)</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

function DayTable({ report }: { report: Report }) {
  return (
    <section className="card" aria-labelledby="report-days">
      <h2 id="report-days">Day by day</h2>
      <div className="table-wrap">
        <table aria-labelledby="report-days">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="num">Minutes</th>
              <th scope="col" className="num">Sessions</th>
              <th scope="col" className="num">Points</th>
              <th scope="col" className="num">Productivity</th>
            </tr>
          </thead>
          <tbody>
            {report.daily_breakdown.map((d) => (
              <tr key={d.date}>
                <th scope="row">{dayLabel(d.date)}</th>
                <td className="num">{d.minutes}</td>
                <td className="num">{d.sessions}</td>
                <td className="num">{d.points}</td>
                <td className="num">{exact(d.productivity_score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function WeekTable({ report }: { report: z.infer<typeof MonthlyReport> }) {
  return (
    <section className="card" aria-labelledby="report-weeks">
      <h2 id="report-weeks">Week by week</h2>
      <div className="table-wrap">
        <table aria-labelledby="report-weeks">
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col" className="num">Minutes</th>
              <th scope="col" className="num">Sessions</th>
            </tr>
          </thead>
          <tbody>
            {report.weekly_breakdown.map((w) => (
              <tr key={w.week}>
                <th scope="row">
                  <a href={hrefFor('reports', [], { kind: 'weekly', week: w.week })}>
                    Week {Number(w.week.slice(6))}
                  </a>{' '}
                  <span className="muted">from {dayLabel(w.week_start)}</span>
                </th>
                <td className="num">{w.minutes}</td>
                <td className="num">{w.sessions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SessionTable({ report }: { report: Report }) {
  if (!report.sessions.length) return null;
  return (
    <section className="card" aria-labelledby="report-sessions">
      <h2 id="report-sessions">Sessions</h2>
      <div className="table-wrap">
        <table aria-labelledby="report-sessions">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Class</th>
              <th scope="col" className="num">Duration</th>
              <th scope="col" className="num">Activities</th>
              <th scope="col" className="num">Points</th>
            </tr>
          </thead>
          <tbody>
            {report.sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a href={hrefFor('sessions', [s.id])}>{dateTime(s.start_time, s.time_zone)}</a>
                </th>
                <td>{s.class_name ?? <span className="muted">No class</span>}</td>
                <td className="num">{s.duration_minutes == null ? 'running' : minutes(s.duration_minutes)}</td>
                <td className="num">{s.activities_count}</td>
                <td className="num">{s.points_earned + s.activity_points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ReportDetails({ report, kind }: { report: Report; kind: ReportKind }) {
  return (
    <>
      <Notes report={report} />
      {kind !== 'daily' && <DayTable report={report} />}
      {kind === 'monthly' && 'weekly_breakdown' in report && <WeekTable report={report as z.infer<typeof MonthlyReport>} />}
      {kind !== 'monthly' && <SessionTable report={report} />}
    </>
  );
}
