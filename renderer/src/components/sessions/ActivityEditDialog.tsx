import { useState } from 'react';
import type { Activity } from '../../../../shared/contract/sessions';
import { call } from '../../lib/call';
import { fieldErrorsFrom } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { FormDialog } from '../FormDialog';
import { FormError } from '../Field';
import { announceRewards } from './activity-actions';
import { ActivityFields, useActivityForm } from './ActivityFields';
import { ACTIVITY_FIELD_OF, ACTIVITY_LABELS, activityFormFrom, changesSomething, toActivityUpdate } from './activity-form';

/** Corrects a logged activity; mounted only while open. Only the fields that changed are sent. */
export function ActivityEditDialog({ activity, onClose }: { activity: Activity; onClose(): void }) {
  const { values, errors, setErrors, set } = useActivityForm(() => activityFormFrom(activity));
  const [saving, setSaving] = useState(false);

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
    <FormDialog title="Edit activity" onClose={onClose} onSubmit={() => void save()} submitLabel="Save activity" saving={saving}>
      <FormError message={errors.form} />
      <ActivityFields values={values} errors={errors} set={set} wide="span-2" minutesHint="Blank: not recorded" />
    </FormDialog>
  );
}
