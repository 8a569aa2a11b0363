import { useState } from 'react';
import type { FieldErrors } from '../../lib/form-errors';
import { Field, type FieldControlProps } from '../Field';
import {
  ACTIVITY_TYPE_OPTIONS,
  accuracyText,
  type ActivityField,
  type ActivityFormValues,
  liveAccuracy,
} from './activity-form';

/** An activity form's values and field errors; editing a field clears its error and the form's. */
export function useActivityForm(initial: () => ActivityFormValues) {
  const [values, setValues] = useState<ActivityFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors<ActivityField>>({});
  const set = <K extends ActivityField>(key: K, value: ActivityFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };
  return { values, setValues, errors, setErrors, set };
}

interface ActivityFieldsProps {
  values: ActivityFormValues;
  errors: FieldErrors<ActivityField>;
  set: ReturnType<typeof useActivityForm>['set'];
  /** The class that makes a field span the form's grid ('span-all' inline, 'span-2' in a dialog). */
  wide: string;
  minutesHint: string;
}

/** The fields of an activity, shared by logging one and correcting one, with the live accuracy. */
export function ActivityFields({ values, errors, set, wide, minutesHint }: ActivityFieldsProps) {
  const accuracy = liveAccuracy(values);
  const number = (key: 'items' | 'correct' | 'minutes', max?: number) => (c: FieldControlProps) => (
    <input {...c} type="number" inputMode="numeric" min={0} max={max} step={1} value={values[key]} onChange={(e) => set(key, e.target.value)} />
  );
  return (
    <>
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
      <Field label="What" error={errors.what} className={wide} hint="e.g. Chapter 4 quiz, Spanish verbs deck">
        {(c) => <input {...c} type="text" maxLength={500} value={values.what} onChange={(e) => set('what', e.target.value)} />}
      </Field>
      <Field label="Items" error={errors.items}>
        {number('items')}
      </Field>
      <Field label="Correct" error={errors.correct}>
        {number('correct')}
      </Field>
      <Field label="Minutes" error={errors.minutes} hint={minutesHint}>
        {number('minutes', 1440)}
      </Field>
      <output className={`accuracy ${wide}`} aria-live="polite">
        {accuracy === null ? <span className="muted">Accuracy shows once items and correct are filled in</span> : accuracyText(accuracy)}
      </output>
    </>
  );
}
