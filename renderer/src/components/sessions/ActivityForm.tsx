import { useState } from 'react';
import { call } from '../../lib/call';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { Field, FormError } from '../Field';
import { announceRewards } from './activity-actions';
import {
  ACTIVITY_FIELD_OF,
  ACTIVITY_LABELS,
  ACTIVITY_TYPE_OPTIONS,
  accuracyText,
  type ActivityField,
  type ActivityFormValues,
  emptyActivityForm,
  liveAccuracy,
  toActivityInput,
} from './activity-form';

/** Logs what was done in a session; accuracy updates as the numbers are typed. */
export function ActivityForm({ sessionId }: { sessionId: string }) {
  const [values, setValues] = useState<ActivityFormValues>(() => emptyActivityForm());
  const [errors, setErrors] = useState<FieldErrors<ActivityField>>({});
  const [saving, setSaving] = useState(false);
  const accuracy = liveAccuracy(values);

  const set = <K extends ActivityField>(key: K, value: ActivityFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  async function submit() {
    const mapped = toActivityInput(values, sessionId);
    if (mapped.errors) {
      setErrors(mapped.errors);
      return;
    }
    setSaving(true);
    try {
      const result = await call('sessions.logActivity', mapped.input);
      toast.success(result.message);
      announceRewards(result);
      setValues(emptyActivityForm(values.activity_type));
      setErrors({});
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ACTIVITY_FIELD_OF, ACTIVITY_LABELS));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="activity-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormError message={errors.form} />
      <Field label="Activity type" error={errors.activity_type}>
        {(c) => (
          <select {...c} value={values.activity_type} onChange={(e) => set('activity_type', e.target.value as ActivityFormValues['activity_type'])}>
            {ACTIVITY_TYPE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="What" error={errors.what} className="span-all" hint="e.g. Chapter 4 quiz, Spanish verbs deck">
        {(c) => <input {...c} type="text" maxLength={500} value={values.what} onChange={(e) => set('what', e.target.value)} />}
      </Field>
      <Field label="Items" error={errors.items}>
        {(c) => <input {...c} type="number" inputMode="numeric" min={0} step={1} value={values.items} onChange={(e) => set('items', e.target.value)} />}
      </Field>
      <Field label="Correct" error={errors.correct}>
        {(c) => <input {...c} type="number" inputMode="numeric" min={0} step={1} value={values.correct} onChange={(e) => set('correct', e.target.value)} />}
      </Field>
      <Field label="Minutes" error={errors.minutes} hint="Optional">
        {(c) => <input {...c} type="number" inputMode="numeric" min={0} max={1440} step={1} value={values.minutes} onChange={(e) => set('minutes', e.target.value)} />}
      </Field>
      <div className="activity-form-footer span-all">
        <output className="accuracy" aria-live="polite">
          {accuracy === null ? <span className="muted">Accuracy shows once items and correct are filled in</span> : accuracyText(accuracy)}
        </output>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Logging…' : 'Log activity'}
        </button>
      </div>
    </form>
  );
}
