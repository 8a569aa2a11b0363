import { useState } from 'react';
import type { ActivityType } from '../../../../shared/contract/common';
import { ApiError, call } from '../../lib/call';
import { percent } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { toast } from '../../stores/toasts';
import { achievementReward, milestoneReward } from './rewards';
import {
  ACTIVITY_LABELS, ACTIVITY_OPTIONS, type ActivityDraft, type ActivityErrors, type ActivityField, activityFieldOf, activityInput,
  EMPTY_ACTIVITY, liveAccuracy,
} from './activity-form';

function describe(a: { activity_type: ActivityType; metadata: Record<string, unknown>; content_id: string | null }): string {
  const what = typeof a.metadata.description === 'string' && a.metadata.description ? a.metadata.description : a.content_id;
  return what ? `${ACTIVITY_LABELS[a.activity_type]} · ${what}` : ACTIVITY_LABELS[a.activity_type];
}

/** Log what was done in the running session (sessions.logActivity) and see what is logged so far. */
export function ActivityPanel({ sessionId }: { sessionId: string }) {
  const [draft, setDraft] = useState<ActivityDraft>(EMPTY_ACTIVITY);
  const [errors, setErrors] = useState<ActivityErrors>({});
  const [saving, setSaving] = useState(false);
  const session = useChannel('sessions.get', { session_id: sessionId }, ['activities', 'sessions']);
  const accuracy = liveAccuracy(draft);

  const set = (field: ActivityField) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: e.target.value }));
    setErrors((er) => ({ ...er, [field]: undefined }));
  };

  async function submit() {
    if (saving) return;
    const mapped = activityInput(sessionId, draft);
    if (mapped.errors) {
      setErrors(mapped.errors);
      return;
    }
    setSaving(true);
    try {
      const out = await call('sessions.logActivity', mapped.input);
      toast.success(out.message);
      for (const m of out.milestones) toast.success(`Milestone: ${milestoneReward(m).text}`);
      for (const a of out.achievements) toast.success(`Achievement unlocked: ${achievementReward(a).text}`);
      setDraft({ ...EMPTY_ACTIVITY, activity_type: draft.activity_type });
      setErrors({});
    } catch (err) {
      const fieldErrors: ActivityErrors = {};
      if (err instanceof ApiError) {
        for (const issue of err.issues ?? []) {
          const field = activityFieldOf(issue.path);
          if (field) fieldErrors[field] ??= issue.message;
        }
      }
      if (Object.keys(fieldErrors).length > 0) setErrors(fieldErrors);
      else toast.error(err);
    } finally {
      setSaving(false);
    }
  }

  const field = (id: ActivityField) => ({
    id: `activity-${id}`,
    'aria-invalid': errors[id] ? true : undefined,
    'aria-describedby': errors[id] ? `activity-${id}-error` : undefined,
  });
  const error = (id: ActivityField) => errors[id] && <span id={`activity-${id}-error`} className="field-error">{errors[id]}</span>;
  const activities = session.data?.activities ?? [];

  return (
    <>
      <form
        className="activity-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="activity-activity_type">Activity type</label>
          <select {...field('activity_type')} value={draft.activity_type} onChange={set('activity_type')}>
            {ACTIVITY_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
          {error('activity_type')}
        </div>
        <div className="field activity-what">
          <label htmlFor="activity-what">What</label>
          <input {...field('what')} value={draft.what} onChange={set('what')} placeholder="e.g. Chapter 4, practice test 2" autoComplete="off" />
          {error('what')}
        </div>
        <div className="field">
          <label htmlFor="activity-items">Items</label>
          <input {...field('items')} inputMode="numeric" value={draft.items} onChange={set('items')} size={5} />
          {error('items')}
        </div>
        <div className="field">
          <label htmlFor="activity-correct">Correct</label>
          <input {...field('correct')} inputMode="numeric" value={draft.correct} onChange={set('correct')} size={5} />
          {error('correct')}
        </div>
        <div className="field">
          <label htmlFor="activity-minutes">Minutes</label>
          <input {...field('minutes')} inputMode="numeric" value={draft.minutes} onChange={set('minutes')} size={5} placeholder="opt." />
          {error('minutes')}
        </div>
        <div className="activity-submit">
          <output className="muted num" htmlFor="activity-items activity-correct" aria-live="polite">
            {accuracy === null ? '' : `Accuracy ${percent(accuracy, accuracy % 1 === 0 ? 0 : 1)}`}
          </output>
          <button type="submit" className="btn btn-primary" aria-disabled={saving || undefined} aria-busy={saving || undefined}>
            {saving ? 'Logging…' : 'Log activity'}
          </button>
        </div>
      </form>
      {activities.length > 0 && (
        <ul className="activity-list" aria-label="Activities in this session">
          {activities.map((a) => (
            <li key={a.id}>
              <span>{describe(a)}</span>
              <span className="muted num">
                {a.items_completed != null && `${a.items_correct ?? 0}/${a.items_completed}`}
                {a.accuracy_percentage != null && ` (${percent(a.accuracy_percentage)})`}
                {a.duration_minutes != null && ` · ${a.duration_minutes} min`}
                {` · +${a.points_earned} pts`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
