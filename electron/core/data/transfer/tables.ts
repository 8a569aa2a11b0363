import type { z } from 'zod';
import { EXPORT_TABLES, type ExportTable, ProfileRow, SettingsRow } from '../../../../shared/contract/data-rows';

type Row = Record<string, unknown>;

export interface TableSpec {
  name: ExportTable;
  schema: z.ZodType<Row>;
  /** Columns in the database's order, as the document carries them (no user_id). */
  columns: string[];
  /** Which version of a row wins a merge: the later one by this column. Awards never change. */
  stamp: 'updated_at' | null;
  /** Columns that must name a row of another table (in the file or already here). */
  parents: Array<{ column: string; table: ExportTable }>;
  /** One line for the import's preview. */
  summary: (row: Row) => string;
}

const columnsOf = (schema: z.ZodType): string[] => Object.keys((schema as unknown as z.ZodObject).shape);

const spec = (
  name: ExportTable,
  stamp: TableSpec['stamp'],
  parents: TableSpec['parents'],
  summary: TableSpec['summary'],
): TableSpec => ({ name, schema: EXPORT_TABLES[name] as unknown as z.ZodType<Row>, columns: columnsOf(EXPORT_TABLES[name]), stamp, parents, summary });

const classParent = { column: 'class_id', table: 'classes' as const };

/** The tables of a full export, parents before children (the order an import writes them). */
export const TABLE_SPECS: readonly TableSpec[] = [
  spec('classes', 'updated_at', [], (r) => `class ${JSON.stringify(r.name)}`),
  spec('assignments', 'updated_at', [classParent], (r) => `assignment ${JSON.stringify(r.title)} (${r.status})`),
  spec('study_sessions', 'updated_at', [classParent], (r) => `session ${r.start_time} to ${r.end_time ?? 'open'} (${r.time_zone})`),
  spec('session_activities', 'updated_at', [{ column: 'session_id', table: 'study_sessions' }], (r) => `${r.activity_type} activity at ${r.start_time}`),
  spec('study_goals', 'updated_at', [classParent], (r) => `goal ${JSON.stringify(r.goal_name)} (${r.goal_type}, ${r.status})`),
  spec('goal_progress', 'updated_at', [{ column: 'goal_id', table: 'study_goals' }], (r) => `progress ${r.progress_value} on ${r.recorded_date}`),
  spec('achievements', 'updated_at', [], (r) => `achievement ${JSON.stringify(r.name)}`),
  spec('point_awards', null, [], (r) => `${r.delta} points for ${r.reference_type} ${r.reference_id} (${r.reason})`),
];

export const PROFILE_COLUMNS = columnsOf(ProfileRow);
export const SETTINGS_COLUMNS = columnsOf(SettingsRow);

/** Which table an award's reference lives in. */
export const AWARD_REFERENCES: Record<string, ExportTable | null> = {
  session: 'study_sessions',
  activity: 'session_activities',
  achievement: 'achievements',
  adjustment: null,
};
