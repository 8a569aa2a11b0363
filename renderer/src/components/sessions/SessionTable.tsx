import type { Session } from '../../../../shared/contract/sessions';
import { hrefFor } from '../../app/router';
import { day, minutes } from '../../lib/format';

const time = (iso: string, timeZone: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone });

/** One page of sessions, newest first; the date links to the session's detail. */
export function SessionTable({ sessions, busy }: { sessions: Session[]; busy: boolean }) {
  const pageMinutes = sessions.reduce((sum, s) => sum + (s.duration_minutes ?? 0), 0);
  const pagePoints = sessions.reduce((sum, s) => sum + s.points_earned + s.activity_points, 0);
  return (
    <div className="table-wrap">
      <table className="sessions-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">Study sessions</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Time</th>
            <th scope="col">Class</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Activities
            </th>
            <th scope="col" className="num">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={hrefFor('sessions', [s.id])}>{day(s.study_date)}</a>
              </td>
              <td className="num">
                {time(s.start_time, s.time_zone)}–{s.end_time ? time(s.end_time, s.time_zone) : ''}
                {!s.end_time && <span className="badge badge-good">In progress</span>}
              </td>
              <td>{s.class_name ?? <span className="muted">No class</span>}</td>
              <td className="num">{s.duration_minutes == null ? '—' : minutes(s.duration_minutes)}</td>
              <td className="num">{s.activities_count}</td>
              <td className="num">{s.points_earned + s.activity_points}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>This page</td>
            <td className="num">{minutes(pageMinutes)}</td>
            <td className="num">{sessions.reduce((sum, s) => sum + s.activities_count, 0)}</td>
            <td className="num">{pagePoints}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
