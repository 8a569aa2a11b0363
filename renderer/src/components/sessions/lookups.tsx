import type { Class } from '../../../../shared/contract/classes';
import { studyDay } from '../../../../shared/domain/study-day';
import type { FieldControlProps } from '../Field';
import { useChannel } from '../../lib/useChannel';

/** Every class, archived ones too: old sessions and goals still name them. */
export function useClasses(): Class[] {
  return useChannel('classes.list', { include_archived: true }, ['classes']).data?.classes ?? [];
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const useSettings = () => useChannel('settings.get', {}, ['settings']).data;

/** The student's time zone from settings: the zone new sessions are recorded in. */
export function useStudyZone(): string {
  return useSettings()?.time_zone ?? browserZone();
}

/** Today as the core counts it: the study day in the student's zone, after the rollover hour. */
export function useStudyToday(): string {
  const settings = useSettings();
  return studyDay(new Date().toISOString(), settings?.time_zone ?? browserZone(), settings?.day_rollover_hour ?? 4);
}

interface ClassSelectProps {
  control: FieldControlProps;
  value: string;
  onChange(value: string): void;
  classes: Class[];
  /** The label of the "no class" choice: "No class", "All classes", "Any class". */
  noneLabel: string;
}

/** Active classes first; archived ones only when already chosen or listed for filtering history. */
export function ClassSelect({ control, value, onChange, classes, noneLabel, includeArchived = false }: ClassSelectProps & { includeArchived?: boolean }) {
  const active = classes.filter((c) => !c.archived_at);
  const archived = classes.filter((c) => c.archived_at && (includeArchived || c.id === value));
  const label = (c: Class) => (c.code ? `${c.name} (${c.code})` : c.name);
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{noneLabel}</option>
      {active.map((c) => (
        <option key={c.id} value={c.id}>
          {label(c)}
        </option>
      ))}
      {archived.length > 0 && (
        <optgroup label="Archived">
          {archived.map((c) => (
            <option key={c.id} value={c.id}>
              {label(c)}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
