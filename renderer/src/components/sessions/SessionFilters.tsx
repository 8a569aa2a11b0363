import type { Class } from '../../../../shared/contract/classes';
import { Field } from '../Field';
import { ClassSelect } from './lookups';
import type { SessionFilterValues } from './session-filters';

interface SessionFiltersProps {
  values: SessionFilterValues;
  classes: Class[];
  /** Why the dates cannot be used together, shown next to "To". */
  error?: string;
  onChange(values: SessionFilterValues): void;
}

/** Class and study-day range; every change goes to the address, so back/forward and reload keep it. */
export function SessionFilters({ values, classes, error, onChange }: SessionFiltersProps) {
  const change = (patch: Partial<SessionFilterValues>) => onChange({ ...values, ...patch, page: 0 });
  const any = Boolean(values.class_id || values.from || values.to);
  return (
    <form className="card sessions-filters" role="search" aria-label="Filter sessions" onSubmit={(e) => e.preventDefault()}>
      <Field label="Class">
        {(c) => <ClassSelect control={c} value={values.class_id} onChange={(class_id) => change({ class_id })} classes={classes} noneLabel="All classes" includeArchived />}
      </Field>
      <Field label="From">
        {(c) => <input {...c} type="date" value={values.from} max={values.to || undefined} onChange={(e) => change({ from: e.target.value })} />}
      </Field>
      <Field label="To" error={error}>
        {(c) => <input {...c} type="date" value={values.to} min={values.from || undefined} onChange={(e) => change({ to: e.target.value })} />}
      </Field>
      <button type="button" className="btn" disabled={!any} onClick={() => onChange({ class_id: '', from: '', to: '', page: 0 })}>
        Clear filters
      </button>
    </form>
  );
}
