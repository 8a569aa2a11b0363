import { useState } from 'react';
import type { Goal } from '../../../../shared/contract/goals';
import { call } from '../../lib/call';
import { useChannel } from '../../lib/useChannel';
import { toast } from '../../stores/toasts';
import { Dialog } from '../Dialog';
import { PageHeader } from '../PageHeader';
import { Empty, ErrorBox, Loading } from '../States';
import { useClasses, useStudyToday } from '../sessions/lookups';
import { GoalCard } from './GoalCard';
import { GoalFormDialog } from './GoalFormDialog';
import { type GoalTab, inTab } from './goal-form';
import { ProgressDialog } from './ProgressDialog';

type Open = { kind: 'new' } | { kind: 'edit' | 'record' | 'delete'; goal: Goal } | null;

/** Goals with live progress: the list reloads whenever sessions, activities or assignments change. */
export function GoalsView() {
  const q = useChannel('goals.list', {}, ['goals', 'sessions', 'activities', 'assignments', 'classes', 'settings']);
  const classes = useClasses();
  const today = useStudyToday();
  const [tab, setTab] = useState<GoalTab>('active');
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  const goals = q.data?.goals ?? [];
  const shown = goals.filter((g) => inTab(g, tab));
  const counts = { active: goals.filter((g) => inTab(g, 'active')).length, archive: goals.filter((g) => inTab(g, 'archive')).length };

  async function setStatus(goal: Goal, status: 'active' | 'abandoned') {
    try {
      await call('goals.update', { goal_id: goal.goal_id, status });
      toast.success(status === 'abandoned' ? `“${goal.goal_name}” moved to the archive` : `“${goal.goal_name}” is active again`);
    } catch (err) {
      toast.error(err);
    }
  }

  async function remove(goal: Goal) {
    try {
      toast.success((await call('goals.delete', { goal_id: goal.goal_id })).message);
      close();
    } catch (err) {
      toast.error(err);
    }
  }

  return (
    <>
      <PageHeader title="Goals">
        <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'new' })}>
          New goal
        </button>
      </PageHeader>
      <div className="goals-toolbar">
        <div className="segmented" role="group" aria-label="Show goals">
          <button type="button" aria-pressed={tab === 'active'} onClick={() => setTab('active')}>
            Active ({counts.active})
          </button>
          <button type="button" aria-pressed={tab === 'archive'} onClick={() => setTab('archive')}>
            Archive ({counts.archive})
          </button>
        </div>
        {tab === 'archive' && <p className="muted small">Completed, expired and abandoned goals.</p>}
      </div>
      {q.data === undefined ? (
        q.error ? <ErrorBox error={q.error} retry={q.reload} /> : <Loading label="Loading goals…" />
      ) : shown.length === 0 ? (
        <div className="card">
          {tab === 'active' ? (
            <Empty title="No active goals">
              <p className="muted">Set a target — study time, a test score, a streak or your own — and watch it fill up as you study.</p>
              <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'new' })}>
                New goal
              </button>
            </Empty>
          ) : (
            <Empty title="The archive is empty">Goals you complete, let expire or abandon show up here.</Empty>
          )}
        </div>
      ) : (
        <div className="goal-grid">
          {shown.map((goal) => (
            <GoalCard
              key={goal.goal_id}
              goal={goal}
              classes={classes}
              onEdit={() => setOpen({ kind: 'edit', goal })}
              onRecord={() => setOpen({ kind: 'record', goal })}
              onDelete={() => setOpen({ kind: 'delete', goal })}
              onSetStatus={(status) => void setStatus(goal, status)}
            />
          ))}
        </div>
      )}
      {(open?.kind === 'new' || open?.kind === 'edit') && (
        <GoalFormDialog
          goal={open.kind === 'edit' ? open.goal : undefined}
          today={today}
          onClose={close}
          onSaved={(goal) => {
            close();
            // A goal already reached lands in the archive: follow it there.
            setTab(inTab(goal, 'active') ? 'active' : 'archive');
          }}
        />
      )}
      {open?.kind === 'record' && <ProgressDialog goal={open.goal} today={today} onClose={close} />}
      {open?.kind === 'delete' && (
        <Dialog
          open
          title="Delete goal?"
          onClose={close}
          actions={
            <>
              <button type="button" className="btn" onClick={close}>
                Cancel
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void remove(open.goal)}>
                Delete goal
              </button>
            </>
          }
        >
          <p>
            “{open.goal.goal_name}” and its progress history will be deleted. To keep it for the record, abandon it instead: it moves to the
            archive.
          </p>
        </Dialog>
      )}
    </>
  );
}
