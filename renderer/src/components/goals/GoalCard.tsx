import type { Class } from '../../../../shared/contract/classes';
import type { Goal } from '../../../../shared/contract/goals';
import { day } from '../../lib/format';
import { ProgressBar } from '../ProgressBar';
import { amountText, dueText, GOAL_TYPE_INFO, PRIORITY_LABELS, REPEAT_LABELS } from './goal-form';

const MILESTONES = [25, 50, 75, 100];

interface GoalCardProps {
  goal: Goal;
  classes: Class[];
  onEdit(): void;
  onDelete(): void;
  onRecord(): void;
  onSetStatus(status: 'active' | 'abandoned'): void;
}

function statusBadge(goal: Goal) {
  switch (goal.status) {
    case 'completed':
      return <span className="badge badge-good">Completed</span>;
    case 'expired':
      return <span className="badge badge-bad">Expired</span>;
    case 'abandoned':
      return <span className="badge badge-muted">Abandoned</span>;
    case 'active':
      return goal.on_track ? <span className="badge badge-good">On track</span> : <span className="badge badge-warn">Behind</span>;
  }
}

export function GoalCard({ goal, classes, onEdit, onDelete, onRecord, onSetStatus }: GoalCardProps) {
  const headingId = `goal-${goal.goal_id}`;
  const info = GOAL_TYPE_INFO[goal.goal_type];
  const className = goal.class_id ? classes.find((c) => c.id === goal.class_id)?.name : undefined;
  const tone = goal.status === 'completed' ? 'done' : goal.status !== 'active' ? 'default' : goal.on_track ? 'good' : 'warn';
  const reached = new Set(goal.milestones_reached);
  const meta = [info.label, className, goal.is_recurring && goal.recurrence_pattern ? `Repeats ${REPEAT_LABELS[goal.recurrence_pattern].toLowerCase()}` : undefined].filter(Boolean);

  return (
    <article className="card goal-card" aria-labelledby={headingId}>
      <div className="goal-card-head">
        <h2 id={headingId}>{goal.goal_name}</h2>
        <div className="goal-badges">
          {statusBadge(goal)}
          {goal.priority === 'high' && <span className="badge badge-bad">{PRIORITY_LABELS.high} priority</span>}
        </div>
      </div>
      <p className="muted small">{meta.join(' · ')}</p>
      {goal.goal_description && <p className="goal-description">{goal.goal_description}</p>}
      <div className="goal-numbers">
        <span>
          <strong>{amountText(goal.goal_type, goal.current_value, goal.unit)}</strong> of {amountText(goal.goal_type, goal.target_value, goal.unit)}
        </span>
        <span>{Math.floor(goal.percentage_complete)} %</span>
      </div>
      <ProgressBar value={goal.percentage_complete} label={`${goal.goal_name} progress`} marks={[25, 50, 75]} tone={tone} />
      <ul className="goal-milestones" aria-label="Milestones">
        {MILESTONES.map((m) => (
          <li key={m} className={reached.has(m) ? 'reached' : undefined}>
            {m === 100 ? 'Done' : `${m} %`}
            <span className="visually-hidden">{reached.has(m) ? ' reached' : ' not reached yet'}</span>
            {reached.has(m) && <span aria-hidden="true"> ✓</span>}
          </li>
        ))}
      </ul>
      <p className="muted small">
        {goal.status === 'completed' && goal.completed_at
          ? `Completed ${new Date(goal.completed_at).toLocaleDateString(undefined, { dateStyle: 'medium' })}`
          : goal.status === 'active'
            ? `${dueText(goal.days_remaining)} · target ${day(goal.target_date)}`
            : `${day(goal.start_date)} – ${day(goal.target_date)}`}
      </p>
      <div className="goal-actions">
        {goal.goal_type === 'custom' && (goal.status === 'active' || goal.status === 'completed') && (
          <button type="button" className="btn btn-small" onClick={onRecord}>
            Record progress
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={onEdit}>
          Edit
        </button>
        {goal.status === 'active' && (
          <button type="button" className="btn btn-small" onClick={() => onSetStatus('abandoned')}>
            Abandon
          </button>
        )}
        {goal.status === 'abandoned' && (
          <button type="button" className="btn btn-small" onClick={() => onSetStatus('active')}>
            Resume
          </button>
        )}
        <button type="button" className="btn btn-small btn-danger" onClick={onDelete}>
          Delete
        </button>
      </div>
    </article>
  );
}
