import { useState } from 'react';
import type { Goal } from '../../../../shared/contract/goals';
import { call } from '../../lib/call';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { FormDialog } from '../FormDialog';
import { Field, FormError } from '../Field';
import { unitText } from './goal-form';

type ProgressField = 'value' | 'date' | 'notes';
const FIELD_OF: Record<string, ProgressField> = { progress_value: 'value', recorded_date: 'date', notes: 'notes' };
const LABELS = { progress_value: 'Progress', recorded_date: 'Date' };

/** A custom goal's progress is the running total on a day (it replaces, it does not add). */
export function ProgressDialog({ goal, today, onClose }: { goal: Goal; today: string; onClose(): void }) {
  const [value, setValue] = useState(String(goal.current_value));
  const [date, setDate] = useState(today < goal.target_date ? today : goal.target_date);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldErrors<ProgressField>>({});
  const [saving, setSaving] = useState(false);
  const unit = unitText(goal.goal_type, goal.unit);

  async function save() {
    const n = value.trim() === '' ? NaN : Number(value);
    if (!Number.isFinite(n) || n < 0) {
      setErrors({ value: 'Enter a number, 0 or more' });
      return;
    }
    setSaving(true);
    try {
      const result = await call('goals.recordProgress', {
        goal_id: goal.goal_id,
        progress_value: n,
        recorded_date: date || undefined,
        notes: notes.trim() || null,
      });
      const milestone = result.milestone_reached && result.milestone_name ? ` · ${result.milestone_name}!` : '';
      toast.success(`Progress saved: ${Math.floor(result.percentage_complete)} %${milestone}`);
      onClose();
    } catch (err) {
      setErrors(fieldErrorsFrom(err, FIELD_OF, LABELS));
      setSaving(false);
    }
  }

  return (
    <FormDialog title="Record progress" onClose={onClose} onSubmit={() => void save()} submitLabel="Save progress" saving={saving} layout="stack">
      <p className="muted">
        {goal.goal_name}: target {goal.target_value.toLocaleString()} {unit}
      </p>
      <FormError message={errors.form} />
      <Field label={unit ? `Progress so far (${unit})` : 'Progress so far'} error={errors.value} hint="Your total up to that day, not just that day's part">
        {(c) => <input {...c} type="number" inputMode="decimal" min={0} step="any" value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      <Field label="Date" error={errors.date}>
        {(c) => <input {...c} type="date" min={goal.start_date} max={today} value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <Field label="Note" error={errors.notes}>
        {(c) => <textarea {...c} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
