import type { Activity } from '../../../../shared/contract/sessions';
import { minutes, percent } from '../../lib/format';
import { ACTIVITY_TYPE_LABELS, activityDetails, activityWhat, distinctActivityNames } from './activity-form';

const time = (iso: string, timeZone: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone });

interface ActivityTableProps {
  activities: Activity[];
  timeZone: string;
  /** Row actions; a deleted session's activities are shown without them. */
  onEdit?(activity: Activity): void;
  onDelete?(activity: Activity): void;
}

export function ActivityTable({ activities, timeZone, onEdit, onDelete }: ActivityTableProps) {
  const actions = onEdit !== undefined || onDelete !== undefined;
  const names = distinctActivityNames(activities, (a) => time(a.start_time, timeZone));
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Activities in this session</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Type</th>
            <th scope="col">What</th>
            <th scope="col" className="num">
              Minutes
            </th>
            <th scope="col" className="num">
              Items
            </th>
            <th scope="col" className="num">
              Correct
            </th>
            <th scope="col" className="num">
              Accuracy
            </th>
            <th scope="col" className="num">
              Points
            </th>
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => {
            const details = activityDetails(a.metadata);
            return (
              <tr key={a.id}>
                <td className="num">{time(a.start_time, timeZone)}</td>
                <td>{ACTIVITY_TYPE_LABELS[a.activity_type]}</td>
                <td>
                  {activityWhat(a) || <span className="muted">—</span>}
                  {details.length > 0 && <div className="muted small">{details.join(' · ')}</div>}
                </td>
                <td className="num">{a.duration_minutes == null ? '—' : minutes(a.duration_minutes)}</td>
                <td className="num">{a.items_completed ?? '—'}</td>
                <td className="num">{a.items_correct ?? '—'}</td>
                <td className="num">{percent(a.accuracy_percentage, a.accuracy_percentage != null && !Number.isInteger(a.accuracy_percentage) ? 1 : 0)}</td>
                <td className="num">{a.points_earned}</td>
                {actions && (
                  <td>
                    <div className="row activity-actions">
                      {onEdit && (
                        <button type="button" className="btn btn-small" aria-label={`Edit activity: ${names.get(a.id)}`} onClick={() => onEdit(a)}>
                          Edit
                        </button>
                      )}
                      {onDelete && (
                        <button type="button" className="btn btn-small btn-danger" aria-label={`Delete activity: ${names.get(a.id)}`} onClick={() => onDelete(a)}>
                          Delete
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
