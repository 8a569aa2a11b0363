import { useState } from 'react';
import { call } from '../../lib/call';
import { fieldErrorsFrom } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { FormError } from '../Field';
import { announceRewards } from './activity-actions';
import { ActivityFields, useActivityForm } from './ActivityFields';
import { ACTIVITY_FIELD_OF, ACTIVITY_LABELS, emptyActivityForm, toActivityInput } from './activity-form';

/** Logs what was done in a session; accuracy updates as the numbers are typed. */
export function ActivityForm({ sessionId }: { sessionId: string }) {
  const { values, setValues, errors, setErrors, set } = useActivityForm(() => emptyActivityForm());
  const [saving, setSaving] = useState(false);

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
      <ActivityFields values={values} errors={errors} set={set} wide="span-all" minutesHint="Optional" />
      <div className="activity-form-footer span-all">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Logging…' : 'Log activity'}
        </button>
      </div>
    </form>
  );
}
