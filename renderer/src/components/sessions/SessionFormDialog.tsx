import { useState } from 'react';
import { FOCUS_MODES, SESSION_TYPES } from '../../../../shared/contract/common';
import type { Session } from '../../../../shared/contract/sessions';
import { hrefFor } from '../../app/router';
import { call } from '../../lib/call';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { FormDialog } from '../FormDialog';
import { Field, FormError } from '../Field';
import { ClassSelect, useClasses } from './lookups';
import {
  emptySessionForm,
  FOCUS_MODE_LABELS,
  SESSION_FIELD_OF,
  SESSION_LABELS,
  SESSION_TYPE_LABELS,
  type SessionField,
  sessionFormFrom,
  type SessionFormValues,
  toCreateInput,
  toUpdateInput,
} from './session-form';

interface SessionFormDialogProps {
  /** The session to edit; none: add a past session. */
  session?: Session;
  /** The zone a new session's times are typed in (the student's setting). */
  zone: string;
  onClose(): void;
  onSaved(session: Session): void;
}

const RATINGS = ['1', '2', '3', '4', '5'];

const OVERLAP = /overlaps session ([0-9a-f-]{36})/i;

/** The core names the session a new time collides with; the student gets a link to it, not its id. */
function OverlapAwareError({ message }: { message?: string }) {
  const overlap = message?.match(OVERLAP);
  if (!overlap) return <FormError message={message} />;
  return (
    <p className="form-error" role="alert">
      These times overlap another session.{' '}
      <a href={hrefFor('sessions', [overlap[1]!])}>
        See that session
      </a>
    </p>
  );
}

/** Add a past session by hand, or edit any field of one; mounted only while open. */
export function SessionFormDialog({ session, zone, onClose, onSaved }: SessionFormDialogProps) {
  const classes = useClasses();
  const timeZone = session?.time_zone ?? zone;
  const [values, setValues] = useState<SessionFormValues>(() => (session ? sessionFormFrom(session) : emptySessionForm(new Date(), timeZone)));
  const [errors, setErrors] = useState<FieldErrors<SessionField>>({});
  const [saving, setSaving] = useState(false);
  const running = session !== undefined && session.end_time === null;

  const set = <K extends SessionField>(key: K, value: SessionFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  function request(): { errors: FieldErrors<SessionField> } | { run(): Promise<{ session: Session; message: string }> } {
    if (session) {
      const m = toUpdateInput(values, session);
      return m.errors ? { errors: m.errors } : { run: () => call('sessions.update', m.input) };
    }
    const m = toCreateInput(values, timeZone);
    return m.errors ? { errors: m.errors } : { run: () => call('sessions.createManual', m.input) };
  }

  async function save() {
    const req = request();
    if ('errors' in req) {
      setErrors(req.errors);
      return;
    }
    setSaving(true);
    try {
      const result = await req.run();
      toast.success(result.message);
      onSaved(result.session);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, SESSION_FIELD_OF, SESSION_LABELS));
    } finally {
      setSaving(false);
    }
  }

  const title = session ? 'Edit session' : 'Add past session';
  return (
    <FormDialog title={title} onClose={onClose} onSubmit={() => void save()} submitLabel="Save" saving={saving}>
      <OverlapAwareError message={errors.form} />
      <Field label="Class" error={errors.class_id} className="span-2">
        {(c) => <ClassSelect control={c} value={values.class_id} onChange={(v) => set('class_id', v)} classes={classes} noneLabel="No class" />}
      </Field>
      <Field label="Start" error={errors.start} hint={`Time zone ${timeZone}`}>
        {(c) => <input {...c} type="datetime-local" required value={values.start} onChange={(e) => set('start', e.target.value)} />}
      </Field>
      <Field label="End" error={errors.end} hint={running ? 'Still running: stop it on the Focus page' : undefined}>
        {(c) => <input {...c} type="datetime-local" required={!running} disabled={running} value={values.end} onChange={(e) => set('end', e.target.value)} />}
      </Field>
      <Field label="Paused (minutes)" error={errors.paused_minutes} hint="Breaks inside the session; they don't count">
        {(c) => <input {...c} type="number" inputMode="numeric" min={0} step={1} value={values.paused_minutes} onChange={(e) => set('paused_minutes', e.target.value)} />}
      </Field>
      <Field label="Session type" error={errors.session_type}>
        {(c) => (
          <select {...c} value={values.session_type} onChange={(e) => set('session_type', e.target.value as SessionFormValues['session_type'])}>
            {SESSION_TYPES.map((t) => (
              <option key={t} value={t}>
                {SESSION_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Focus mode" error={errors.focus_mode}>
        {(c) => (
          <select {...c} value={values.focus_mode} onChange={(e) => set('focus_mode', e.target.value as SessionFormValues['focus_mode'])}>
            <option value="">Not set</option>
            {FOCUS_MODES.map((m) => (
              <option key={m} value={m}>
                {FOCUS_MODE_LABELS[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Location" error={errors.location}>
        {(c) => <input {...c} type="text" maxLength={100} value={values.location} onChange={(e) => set('location', e.target.value)} />}
      </Field>
      <Field label="Mood" error={errors.mood_rating}>
        {(c) => (
          <select {...c} value={values.mood_rating} onChange={(e) => set('mood_rating', e.target.value)}>
            <option value="">Not rated</option>
            {RATINGS.map((r) => (
              <option key={r} value={r}>
                {r} of 5
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Productivity" error={errors.productivity_rating}>
        {(c) => (
          <select {...c} value={values.productivity_rating} onChange={(e) => set('productivity_rating', e.target.value)}>
            <option value="">Not rated</option>
            {RATINGS.map((r) => (
              <option key={r} value={r}>
                {r} of 5
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Notes" error={errors.notes} className="span-2">
        {(c) => <textarea {...c} maxLength={10_000} value={values.notes} onChange={(e) => set('notes', e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
