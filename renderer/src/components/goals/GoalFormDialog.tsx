import { useState } from 'react';
import { GOAL_TYPES, type Goal, PRIORITIES, RECURRENCES } from '../../../../shared/contract/goals';
import { call } from '../../lib/call';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { FormDialog } from '../FormDialog';
import { Field, FormError } from '../Field';
import { ClassSelect, useClasses } from '../sessions/lookups';
import {
  amountText,
  emptyGoalForm,
  GOAL_FIELD_OF,
  GOAL_LABELS,
  GOAL_TYPE_INFO,
  type GoalField,
  goalFormFrom,
  type GoalFormValues,
  periodEnd,
  PRIORITY_LABELS,
  REPEAT_LABELS,
  toGoalCreateInput,
  toGoalUpdateInput,
  unitText,
} from './goal-form';

interface GoalFormDialogProps {
  /** The goal to edit; none: a new goal. */
  goal?: Goal;
  today: string;
  onClose(): void;
  /** Called with the saved goal (it may already be complete, and so in the archive). */
  onSaved(goal: Goal): void;
}

/** Create or edit a goal; the fields follow the goal type (unit, class, percentage cap). Mounted only while open. */
export function GoalFormDialog({ goal, today, onClose, onSaved }: GoalFormDialogProps) {
  const classes = useClasses();
  const [values, setValues] = useState<GoalFormValues>(() => (goal ? goalFormFrom(goal) : emptyGoalForm(today)));
  const [errors, setErrors] = useState<FieldErrors<GoalField>>({});
  const [saving, setSaving] = useState(false);
  const info = GOAL_TYPE_INFO[values.goal_type];
  const unit = values.goal_type === 'custom' ? values.unit.trim() : unitText(values.goal_type, null);

  const set = (patch: Partial<GoalFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e, form: undefined };
      for (const key of Object.keys(patch) as GoalField[]) next[key] = undefined;
      return next;
    });
  };

  function changeType(goal_type: GoalFormValues['goal_type']) {
    const t = GOAL_TYPE_INFO[goal_type];
    // A sensible target for the new type, unless the student already typed one that fits.
    const fits = Number(values.target) > 0 && (!t.percent || Number(values.target) <= 100) && (!t.whole || Number.isInteger(Number(values.target)));
    const defaults: Record<GoalFormValues['goal_type'], string> = { study_time: '600', test_score: '85', assignment_completion: '5', flashcard_mastery: '80', streak: '7', custom: '10' };
    set({ goal_type, target: fits && values.goal_type !== 'study_time' ? values.target : defaults[goal_type] });
  }

  function changeRepeats(repeats: GoalFormValues['repeats']) {
    const start = values.start_date || today;
    set(repeats ? { repeats, target_date: periodEnd(start, repeats) } : { repeats });
  }

  function request(): { errors: FieldErrors<GoalField> } | { run(): Promise<{ goal: Goal; message: string }> } {
    if (goal) {
      const m = toGoalUpdateInput(values, goal);
      return m.errors ? { errors: m.errors } : { run: () => call('goals.update', m.input) };
    }
    const m = toGoalCreateInput(values);
    return m.errors ? { errors: m.errors } : { run: () => call('goals.create', m.input) };
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
      onSaved(result.goal);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, GOAL_FIELD_OF, GOAL_LABELS));
      setSaving(false);
    }
  }

  const targetNumber = Number(values.target);
  const targetHint =
    values.goal_type === 'study_time' && targetNumber >= 60 && Number.isInteger(targetNumber)
      ? `${info.how} ${targetNumber} minutes = ${amountText('study_time', targetNumber, null)}.`
      : info.how;

  return (
    <FormDialog title={goal ? 'Edit goal' : 'New goal'} onClose={onClose} onSubmit={() => void save()} submitLabel={goal ? 'Save goal' : 'Create goal'} saving={saving}>
      <FormError message={errors.form} />
      <Field label="Title" error={errors.title} className="span-2">
        {(c) => <input {...c} type="text" required maxLength={200} value={values.title} onChange={(e) => set({ title: e.target.value })} />}
      </Field>
      <Field label="Goal type" error={errors.goal_type} hint={goal ? 'The type stays as created' : undefined}>
        {(c) => (
          <select {...c} value={values.goal_type} disabled={goal !== undefined} onChange={(e) => changeType(e.target.value as GoalFormValues['goal_type'])}>
            {GOAL_TYPES.map((t) => (
              <option key={t} value={t}>
                {GOAL_TYPE_INFO[t].label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Target" error={errors.target} hint={targetHint}>
        {(c) => (
          <span className="target-input">
            <input
              {...c}
              type="number"
              inputMode="decimal"
              required
              min={info.whole ? 1 : 0.01}
              max={info.percent ? 100 : undefined}
              step={info.whole ? 1 : 'any'}
              value={values.target}
              onChange={(e) => set({ target: e.target.value })}
            />
            {unit && <span aria-hidden="true">{values.goal_type === 'study_time' ? 'min' : unit}</span>}
          </span>
        )}
      </Field>
      {values.goal_type === 'custom' && (
        <Field label="Unit" error={errors.unit} hint="e.g. pages, chapters, problems">
          {(c) => <input {...c} type="text" maxLength={30} value={values.unit} onChange={(e) => set({ unit: e.target.value })} />}
        </Field>
      )}
      {info.byClass && (
        <Field label="Class" error={errors.class_id} hint="Count only this class">
          {(c) => <ClassSelect control={c} value={values.class_id} onChange={(class_id) => set({ class_id })} classes={classes} noneLabel="Any class" />}
        </Field>
      )}
      <Field label="Start date" error={errors.start_date}>
        {(c) => <input {...c} type="date" value={values.start_date} onChange={(e) => set({ start_date: e.target.value })} />}
      </Field>
      <Field label="Target date" error={errors.target_date}>
        {(c) => <input {...c} type="date" required min={values.start_date || undefined} value={values.target_date} onChange={(e) => set({ target_date: e.target.value })} />}
      </Field>
      <Field label="Priority" error={errors.priority}>
        {(c) => (
          <select {...c} value={values.priority} onChange={(e) => set({ priority: e.target.value as GoalFormValues['priority'] })}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Repeats" error={errors.repeats} hint={values.repeats ? 'A new period opens when this one ends' : undefined}>
        {(c) => (
          <select {...c} value={values.repeats} onChange={(e) => changeRepeats(e.target.value as GoalFormValues['repeats'])}>
            <option value="">Does not repeat</option>
            {RECURRENCES.map((r) => (
              <option key={r} value={r}>
                {REPEAT_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Description" error={errors.description} className="span-2">
        {(c) => <textarea {...c} maxLength={5000} value={values.description} onChange={(e) => set({ description: e.target.value })} />}
      </Field>
      <label className="checkbox span-2">
        <input type="checkbox" checked={values.reminder} onChange={(e) => set({ reminder: e.target.checked })} />
        Remind me about this goal
      </label>
    </FormDialog>
  );
}
