/**
 * Importing sessions from the sessions export's own format (`reports.export` kind sessions, CSV or
 * JSON): what a student moving from a spreadsheet writes by hand. Each row is a new finished
 * session checked by the same rules as a manual one (no future, no overlap, at most 24 hours);
 * rows whose session_id is already here, or an identical start and end, are left alone, so a
 * file imported twice adds nothing. Class names are matched to classes, or create them.
 */
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { FOCUS_MODES, Id, Rating, SESSION_TYPES, Text } from '../../../../shared/contract/common';
import { AppError } from '../../../../shared/contract/errors';
import { studyDay } from '../../../../shared/domain/study-day';
import { FUTURE_TOLERANCE_MS, MAX_SESSION_MS, type Ctx, newId } from '../../../../shared/services/context';
import { afterStudyChange, SESSION_GOALS } from '../../../../shared/services/progress';
import { SESSION_CSV_COLUMNS } from '../../../../shared/services/analytics/export';
import type { ImportReport } from './report';

type Cells = Record<string, string | null>;
export interface SessionRecord {
  index: number;
  cells: Cells;
}

const TABLE = 'study_sessions';
const KNOWN = new Set<string>(SESSION_CSV_COLUMNS);
const MAX_RECORDS = 200_000;

const invalidFile = (message: string) => new AppError('VALIDATION', message, [{ path: 'path', message }]);

function checkHeader(columns: string[], report: ImportReport): void {
  const has = (c: string) => columns.includes(c);
  if (!(has('start_utc') || has('start_local')) || !(has('end_utc') || has('end_local'))) {
    throw invalidFile(`not a sessions file: the header needs start_utc or start_local and end_utc or end_local (it has ${columns.slice(0, 30).join(', ')})`);
  }
  const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dupes.length > 0) throw invalidFile(`the header names ${dupes[0]} twice`);
  for (const c of columns) if (!KNOWN.has(c)) report.skip(TABLE, null, null, `column "${c.slice(0, 100)}" is not part of the sessions format and was ignored`);
}

/** RFC 4180 text with a header row; records whose field count differs from the header's are reported. */
export function sessionsFromCsv(text: string, report: ImportReport): SessionRecord[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 1 << 20 }) as string[][];
  } catch (err) {
    throw invalidFile(`not a readable CSV file: ${(err as Error).message.slice(0, 300)}`);
  }
  const [header, ...records] = rows;
  if (!header) throw invalidFile('the file is empty');
  if (records.length > MAX_RECORDS) throw invalidFile(`${records.length} rows: an import takes at most ${MAX_RECORDS}`);
  const columns = header.map((h) => h.trim());
  checkHeader(columns, report);
  const out: SessionRecord[] = [];
  records.forEach((fields, i) => {
    if (fields.length !== columns.length) {
      report.skip(TABLE, i + 1, null, `has ${fields.length} fields, the header has ${columns.length}`);
      return;
    }
    out.push({ index: i + 1, cells: Object.fromEntries(columns.map((c, j) => [c, fields[j]!])) });
  });
  return out;
}

/** The JSON flavour of the same export: `{format: 'study-desk-export', kind: 'sessions', columns, rows}`. */
export function sessionsFromJson(doc: Record<string, unknown>, report: ImportReport): SessionRecord[] {
  if (typeof doc.version !== 'number' || doc.version > 1) throw new AppError('CONFLICT', 'this sessions export was made by a newer version of Study Desk; update the app to import it');
  if (!Array.isArray(doc.rows)) throw invalidFile('the sessions export has no rows array');
  if (doc.rows.length > MAX_RECORDS) throw invalidFile(`${doc.rows.length} rows: an import takes at most ${MAX_RECORDS}`);
  const columns = new Set<string>();
  const out: SessionRecord[] = [];
  doc.rows.forEach((row: unknown, i) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) return report.skip(TABLE, i + 1, null, 'is not an object');
    const cells: Cells = {};
    for (const [k, v] of Object.entries(row)) {
      columns.add(k);
      if (v !== null && typeof v === 'object') return report.skip(TABLE, i + 1, null, `${k.slice(0, 100)}: expected a plain value`);
      cells[k] = v === null || v === undefined ? null : String(v);
    }
    out.push({ index: i + 1, cells });
  });
  checkHeader([...columns], report);
  return out;
}

const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';
const optional = <T extends z.ZodType>(t: T) => z.preprocess((v) => (blank(v as string) ? null : v), t.nullable());
const asNumber = (t: z.ZodNumber) => z.preprocess((v) => (blank(v as string) ? null : Number(v)), t.nullable());

const Cells = z.object({
  session_id: optional(Id),
  class_name: optional(Text(120).transform((s) => s.trim())),
  time_zone: optional(z.string().max(64)),
  paused_minutes: asNumber(z.number().min(0).max(1440)),
  session_type: optional(z.enum(SESSION_TYPES)),
  focus_mode: optional(z.enum(FOCUS_MODES)),
  location: optional(Text(100)),
  mood_rating: asNumber(Rating),
  productivity_rating: asNumber(Rating),
  notes: optional(Text(10_000)),
});

const WALL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant written with an offset, or a spreadsheet's wall time read in the row's zone. */
function instant(text: string | null | undefined, zone: string): number | null | 'bad' {
  if (blank(text)) return null;
  const t = text!.trim();
  if (OFFSET_TIME.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? 'bad' : ms;
  }
  if (WALL_TIME.test(t)) {
    const dt = DateTime.fromISO(t.replace(' ', 'T'), { zone });
    return dt.isValid ? dt.toMillis() : 'bad';
  }
  return 'bad';
}

interface Candidate {
  index: number;
  id: string | null;
  className: string | null;
  start: string;
  end: string;
  zone: string;
  paused: number;
  fields: z.infer<typeof Cells>;
}

function candidate(rec: SessionRecord, defaultZone: string, zones: Set<string>, now: number): Candidate | string {
  const parsed = Cells.safeParse(rec.cells);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
  const f = parsed.data;
  const zone = f.time_zone ?? defaultZone;
  if (!zones.has(zone)) return `time_zone ${zone.slice(0, 64)}: not a time zone the database knows`;
  const pick = (which: 'start' | 'end'): number | string => {
    const utc = instant(rec.cells[`${which}_utc`], zone);
    const local = instant(rec.cells[`${which}_local`], zone);
    if (utc === 'bad') return `${which}_utc: not an ISO-8601 time`;
    if (local === 'bad') return `${which}_local: not an ISO-8601 time`;
    if (utc !== null && local !== null && utc !== local) return `${which}_utc and ${which}_local name different instants`;
    const ms = utc ?? local;
    if (ms === null) return `${which}_utc: missing`;
    const year = new Date(ms).getUTCFullYear();
    return year < 1900 || year > 2999 ? `${which}: year out of range` : ms;
  };
  const start = pick('start');
  const end = pick('end');
  if (typeof start === 'string') return start;
  if (typeof end === 'string') return end;
  if (end <= start) return 'end is not after start';
  if (end - start > MAX_SESSION_MS) return 'a session cannot last longer than 24 hours';
  if (end > now + FUTURE_TOLERANCE_MS) return 'end is in the future';
  const paused = Math.round((f.paused_minutes ?? 0) * 60);
  if (paused * 1000 > end - start) return 'paused_minutes exceeds the session length';
  return { index: rec.index, id: f.session_id, className: f.class_name, start: new Date(start).toISOString(), end: new Date(end).toISOString(), zone, paused, fields: f };
}

/** The profile's classes by name (trimmed, case-insensitive); a name the file brings is created with its first session. */
async function classNames(ctx: Ctx): Promise<Map<string, string>> {
  const { rows } = await ctx.tx.query<{ id: string; name: string }>(
    'SELECT id, name FROM classes WHERE user_id = $1 AND deleted_at IS NULL ORDER BY archived_at NULLS FIRST, created_at, id',
    [ctx.userId],
  );
  const byName = new Map<string, string>();
  for (const r of rows) if (!byName.has(classKey(r.name))) byName.set(classKey(r.name), r.id);
  return byName;
}

const classKey = (name: string) => name.trim().toLowerCase();

/** Adds the file's sessions inside the caller's transaction, each row on its own savepoint. */
export async function applySessions(ctx: Ctx, records: SessionRecord[], report: ImportReport): Promise<void> {
  const { tx, userId } = ctx;
  const zonesWanted = new Set([ctx.settings.time_zone, ...records.map((r) => r.cells.time_zone).filter((z): z is string => !blank(z))]);
  const { rows: zoneRows } = await tx.query<{ name: string }>('SELECT name FROM pg_timezone_names WHERE name = ANY($1::text[])', [[...zonesWanted].map((z) => z.slice(0, 64))]);
  const zones = new Set(zoneRows.map((r) => r.name));
  const now = Date.parse(ctx.now);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const rec of records) {
    const c = candidate(rec, ctx.settings.time_zone, zones, now);
    if (typeof c === 'string') report.skip(TABLE, rec.index, rec.cells.session_id, c);
    else if (c.id && seen.has(c.id)) report.skip(TABLE, rec.index, c.id, 'the same session_id appears earlier in the file');
    else {
      if (c.id) seen.add(c.id);
      candidates.push(c);
    }
  }
  const classes = await classNames(ctx);
  const days: string[] = [];
  for (const c of candidates) {
    const { rows: clash } = await tx.query<{ id: string; mine: boolean; same: boolean }>(
      `SELECT id::text AS id, user_id = $1 AS mine, (start_time = $2::timestamptz AND end_time = $3::timestamptz) AS same
         FROM study_sessions
        WHERE id = $4::uuid
           OR (user_id = $1 AND deleted_at IS NULL AND start_time > $2::timestamptz - interval '24 hours'
               AND start_time < $3::timestamptz AND coalesce(end_time, 'infinity') > $2::timestamptz)
        ORDER BY id = $4::uuid DESC NULLS LAST, (start_time = $2::timestamptz AND end_time = $3::timestamptz) DESC
        LIMIT 1`,
      [userId, c.start, c.end, c.id],
    );
    const hit = clash[0];
    if (hit && hit.id === c.id) {
      if (hit.mine) report.unchanged(TABLE);
      else report.skip(TABLE, c.index, c.id, 'this id belongs to another profile in this database');
      continue;
    }
    if (hit?.same && hit.mine) {
      report.unchanged(TABLE);
      continue;
    }
    if (hit) {
      report.skip(TABLE, c.index, c.id, `overlaps session ${hit.id}`);
      continue;
    }
    const id = c.id ?? newId();
    const f = c.fields;
    const newClass = c.className && !classes.has(classKey(c.className)) ? newId() : null;
    await tx.query('SAVEPOINT import_row');
    try {
      if (newClass) await tx.query('INSERT INTO classes (id, user_id, name) VALUES ($1, $2, $3)', [newClass, userId, c.className]);
      await tx.query(
        `INSERT INTO study_sessions (id, user_id, class_id, start_time, end_time, paused_seconds, session_type, focus_mode,
                                     location, notes, mood_rating, productivity_rating, time_zone, source, last_heartbeat_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'import', $5)`,
        [id, userId, newClass ?? (c.className ? classes.get(classKey(c.className)) : null) ?? null, c.start, c.end, c.paused,
         f.session_type ?? 'solo', f.focus_mode, f.location, f.notes, f.mood_rating, f.productivity_rating, c.zone],
      );
      await tx.query('RELEASE SAVEPOINT import_row');
    } catch (err) {
      await tx.query('ROLLBACK TO SAVEPOINT import_row');
      await tx.query('RELEASE SAVEPOINT import_row');
      report.skip(TABLE, c.index, c.id, `rejected by the database: ${(err as Error).message}`);
      continue;
    }
    if (newClass) {
      classes.set(classKey(c.className!), newClass);
      report.add('classes', newClass, `class ${JSON.stringify(c.className)} (named by the file)`);
      ctx.changes.touch('classes', newClass);
    }
    report.add(TABLE, id, `session ${c.start} to ${c.end} (${c.zone})${c.className ? ` · ${c.className}` : ''}`);
    ctx.changes.touch('sessions', id);
    days.push(studyDay(c.start, c.zone, ctx.settings.day_rollover_hour));
  }
  if (days.length > 0) {
    ctx.changes.touch('points');
    await afterStudyChange(ctx, days, SESSION_GOALS);
  }
}
