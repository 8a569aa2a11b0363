import { type ReactNode, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import type { Activity } from '../../../../shared/contract/sessions';
import { hrefFor, navigate } from '../../app/router';
import { ApiError, call } from '../../lib/call';
import { dateTime, day, minutes } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { toast } from '../../stores/toasts';
import { PageHeader } from '../PageHeader';
import { Empty, ErrorBox, Loading } from '../States';
import { deleteActivity } from './activity-actions';
import { ActivityEditDialog } from './ActivityEditDialog';
import { ActivityForm } from './ActivityForm';
import { ActivityTable } from './ActivityTable';
import { useStudyZone } from './lookups';
import { FOCUS_MODE_LABELS, SESSION_TYPE_LABELS } from './session-form';
import { listQueryToReturnTo } from './session-filters';
import { SessionFormDialog } from './SessionFormDialog';

function BackLink() {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <a href={hrefFor('sessions', [], listQueryToReturnTo())}>← All sessions</a>
    </nav>
  );
}

/** One session: its facts, its activities (logging, correcting, deleting one), editing, deleting with undo. */
export function SessionDetail({ id }: { id: string }) {
  const q = useChannel('sessions.get', { session_id: id }, ['sessions', 'activities', 'classes']);
  const zone = useStudyZone();

  if (q.data === undefined) {
    if (!q.error) return <Loading label="Loading the session…" />;
    const missing = q.error instanceof ApiError && (q.error.code === 'NOT_FOUND' || q.error.code === 'VALIDATION');
    return (
      <>
        <BackLink />
        <PageHeader title="Session not found" />
        {missing ? <Empty title="There is no such session">It may have been deleted for good, or the link is wrong.</Empty> : <ErrorBox error={q.error} retry={q.reload} />}
      </>
    );
  }
  return <SessionView session={q.data} zone={zone} />;
}

function SessionView({ session, zone }: { session: ChannelOutput<'sessions.get'>; zone: string }) {
  const [editing, setEditing] = useState(false);
  const [editingActivity, setEditingActivity] = useState<Activity | null>(null);
  const [busy, setBusy] = useState(false);
  const deleted = session.deleted_at !== null;
  const running = session.end_time === null;

  async function restore() {
    try {
      const result = await call('sessions.restore', { session_id: session.id });
      toast.success(result.message);
      navigate('sessions', [session.id]);
    } catch (err) {
      toast.error(err);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      const result = await call('sessions.delete', { session_id: session.id });
      toast.success(result.message, { label: 'Undo', run: () => void restore() });
      navigate('sessions', [], listQueryToReturnTo());
    } catch (err) {
      toast.error(err);
      setBusy(false);
    }
  }

  const points = session.points_earned + session.activity_points;
  const fact = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const rating = (r: number | null) => (r == null ? <span className="muted">Not rated</span> : `${r} of 5`);

  return (
    <>
      <BackLink />
      <PageHeader title={`Session on ${day(session.study_date)}`}>
        {!deleted && (
          <>
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              Edit
            </button>
            {running ? (
              <a className="btn" href={hrefFor('focus')}>
                Stop it on the Focus page
              </a>
            ) : (
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove()}>
                Delete
              </button>
            )}
          </>
        )}
      </PageHeader>
      {deleted && (
        <div className="card notice" role="status">
          <p>This session was deleted; it no longer counts towards your totals, goals or points.</p>
          <button type="button" className="btn" onClick={() => void restore()}>
            Restore
          </button>
        </div>
      )}
      <div className="session-detail">
        <section className="card" aria-labelledby="session-summary">
          <h2 id="session-summary">Summary</h2>
          <dl className="facts">
            {fact('Class', session.class_name ?? <span className="muted">No class</span>)}
            {fact('Started', dateTime(session.start_time, session.time_zone))}
            {fact('Ended', running ? <span className="badge badge-good">In progress</span> : dateTime(session.end_time!, session.time_zone))}
            {fact('Study time', session.duration_minutes == null ? '—' : minutes(session.duration_minutes))}
            {session.paused_seconds > 0 && fact('Paused', minutes(session.paused_seconds / 60))}
            {fact('Points', `${points} (${session.points_earned} for time, ${session.activity_points} for activities)`)}
            {fact('Type', SESSION_TYPE_LABELS[session.session_type])}
            {session.focus_mode && fact('Focus mode', FOCUS_MODE_LABELS[session.focus_mode])}
            {session.location && fact('Location', session.location)}
            {fact('Mood', rating(session.mood_rating))}
            {fact('Productivity', rating(session.productivity_rating))}
            {fact('Recorded', `${session.source === 'timer' ? 'By the timer' : session.source === 'manual' ? 'By hand' : 'Imported'} · ${session.time_zone}`)}
          </dl>
          {session.notes && (
            <>
              <h3>Notes</h3>
              <p className="session-notes">{session.notes}</p>
            </>
          )}
        </section>
        {!deleted && (
          <section className="card" aria-labelledby="log-activity">
            <h2 id="log-activity">Log an activity</h2>
            <ActivityForm sessionId={session.id} />
          </section>
        )}
      </div>
      <section className="card" aria-labelledby="session-activities">
        <h2 id="session-activities">Activities ({session.activities.length})</h2>
        {session.activities.length ? (
          <ActivityTable
            activities={session.activities}
            timeZone={session.time_zone}
            {...(deleted ? {} : { onEdit: setEditingActivity, onDelete: (a: Activity) => void deleteActivity(a) })}
          />
        ) : (
          <Empty title="No activities logged">What did you do in this session? Log a test, flashcards, reading…</Empty>
        )}
      </section>
      {editingActivity && <ActivityEditDialog activity={editingActivity} onClose={() => setEditingActivity(null)} />}
      {editing && <SessionFormDialog session={session} zone={zone} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </>
  );
}
