import { useState } from 'react';
import type { Activity } from '../../../../shared/contract/sessions';
import { call } from '../../lib/call';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { Dialog } from '../Dialog';
import { Field, FormError } from '../Field';
import { announceRewards } from './activity-actions';
import {
  ACTIVITY_FIELD_OF,
  ACTIVITY_LABELS,
  ACTIVITY_TYPE_OPTIONS,
  accuracyText,
  type ActivityField,
  activityFormFrom,
  type ActivityFormValues,
  changesSomething,
  liveAccuracy,
  toActivityUpdate,
} from './activity-form';

/** Corrects a logged activity; mounted only while open. Only the fields that changed are sent. */
export function ActivityEditDialog({ activity, onClose }: { activity: Activity; onClose(): void }) {
  const [values, setValues] = useState<ActivityFormValues>(() => activityFormFrom(activity));
  const [errors, setErrors] = useState<FieldErrors<ActivityField>>({});
  const [saving, setSaving] = useState(false);
  const accuracy = liveAccuracy(values);

  const set = <K extends ActivityField>(key: K, value: ActivityFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  async function save() {
    const mapped = toActivityUpdate(values, activity);
    if (mapped.errors) {
      setErrors(mapped.errors);
      return;
    }
    if (!changesSomething(mapped.input)) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      const result = await call('sessions.updateActivity', mapped.input);
      toast.success(result.message);
      announceRewards(result);
      onClose();
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ACTIVITY_FIELD_OF, ACTIVITY_LABELS));
      setSaving(false);
    }
  }

  return (
    <Dialog
      open
      title="Edit activity"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="activity-edit-form" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save activity'}
          </button>
        </>
      }
    >
      <form
        id="activity-edit-form"
        className="form-grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
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
        <Field label="Minutes" error={errors.minutes} hint="Blank: not recorded">
          {(c) => <input {...c} type="number" inputMode="numeric" min={0} max={1440} step={1} value={values.minutes} onChange={(e) => set('minutes', e.target.value)} />}
        </Field>
        <Field label="What" error={errors.what} className="span-2" hint="e.g. Chapter 4 quiz, Spanish verbs deck">
          {(c) => <input {...c} type="text" maxLength={500} value={values.what} onChange={(e) => set('what', e.target.value)} />}
        </Field>
        <Field label="Items" error={errors.items}>
          {(c) => <input {...c} type="number" inputMode="numeric" min={0} step={1} value={values.items} onChange={(e) => set('items', e.target.value)} />}
        </Field>
        <Field label="Correct" error={errors.correct}>
          {(c) => <input {...c} type="number" inputMode="numeric" min={0} step={1} value={values.correct} onChange={(e) => set('correct', e.target.value)} />}
        </Field>
        <output className="accuracy span-2" aria-live="polite">
          {accuracy === null ? <span className="muted">Accuracy shows once items and correct are filled in</span> : accuracyText(accuracy)}
        </output>
      </form>
    </Dialog>
  );
}
