/**
 * Importing a full export (`data.exportAll`'s document): every row validated with the shared row
 * schemas, then merged by id in one transaction. A row that is new is added; one that exists is
 * replaced only by a later version (updated_at), so importing a file twice changes nothing.
 *
 * Rows are written as the document recorded them (app.applying_remote on), with their own point
 * awards: the ledger's ids are the platform's idempotency keys. The outbox is then filled by
 * hand, because the rows are new to this device's sync and maybe to the platform; pushing one the
 * platform already has is a no-op there. Rows that came from the platform are not echoed back.
 */
import type { z } from 'zod';
import { EXPORT_FORMAT_VERSION, EXPORT_TABLES, ExportDocumentHead, type ExportTable, ProfileRow, SettingsRow } from '../../../../shared/contract/data-rows';
import { AppError } from '../../../../shared/contract/errors';
import type { DataEntity } from '../../../../shared/contract/events';
import type { Tx } from '../../../../shared/db/db';
import type { Migration } from '../../../../shared/db/migrate';
import { type Ctx, newId } from '../../../../shared/services/context';
import { writeGuarded } from './batches';
import type { ImportReport } from './report';
import { AWARD_REFERENCES, PROFILE_COLUMNS, SETTINGS_COLUMNS, TABLE_SPECS, type TableSpec } from './tables';

type Row = Record<string, unknown>;
interface Item {
  index: number;
  row: Row;
}

export interface DocumentPlan {
  profile: Row | null;
  settings: Row | null;
  tables: Map<ExportTable, Item[]>;
  /** Rows refused before any SQL: replayed into each run's report. */
  refused: Array<[table: string, row: number | null, id: unknown, reason: string]>;
}

const describe = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.map(String).join('.') || '(row)'}: ${i.message}`).join('; ');

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as Row).id : undefined);

const KNOWN_SECTIONS = new Set(['format', 'format_version', 'schema_version', 'app_version', 'exported_at', 'profile', 'settings', 'tables']);

/** Validates the document and every row in it; throws only when the file as a whole is unusable. */
export function planDocument(value: unknown, migrations: readonly Migration[]): DocumentPlan {
  const head = ExportDocumentHead.safeParse(value);
  if (!head.success) {
    const issues = head.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(file)', message: i.message }));
    throw new AppError('VALIDATION', `not a usable Study Desk export: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const doc = head.data;
  const newer = doc.format_version > EXPORT_FORMAT_VERSION || !migrations.some((m) => m.name === doc.schema_version);
  if (newer) {
    throw new AppError(
      'CONFLICT',
      `this export was made by a newer version of Study Desk (format ${doc.format_version}, schema ${doc.schema_version.slice(0, 100)}); update the app to import it. Nothing was changed.`,
    );
  }
  const plan: DocumentPlan = { profile: null, settings: null, tables: new Map(), refused: [] };
  for (const key of Object.keys(value as Row)) {
    if (!KNOWN_SECTIONS.has(key)) plan.refused.push([key.slice(0, 100), null, null, `unknown section "${key.slice(0, 100)}" ignored`]);
  }
  for (const [section, schema] of [['profile', ProfileRow], ['settings', SettingsRow]] as const) {
    if (doc[section] === undefined || doc[section] === null) continue;
    const parsed = schema.safeParse(doc[section]);
    if (parsed.success) plan[section] = parsed.data;
    else plan.refused.push([section, 1, null, describe(parsed.error)]);
  }
  for (const [name, rows] of Object.entries(doc.tables)) {
    if (!Object.hasOwn(EXPORT_TABLES, name)) {
      rows.forEach((row, i) => plan.refused.push([name.slice(0, 100), i + 1, idOf(row), `unknown table "${name.slice(0, 100)}"`]));
      continue;
    }
    const table = name as ExportTable;
    const schema = EXPORT_TABLES[table];
    const seen = new Set<string>();
    const items: Item[] = [];
    rows.forEach((row, i) => {
      const parsed = schema.safeParse(row);
      if (!parsed.success) return plan.refused.push([table, i + 1, idOf(row), describe(parsed.error)]);
      const id = parsed.data.id;
      if (seen.has(id)) return plan.refused.push([table, i + 1, id, 'the same id appears earlier in the file']);
      seen.add(id);
      items.push({ index: i + 1, row: parsed.data as Row });
    });
    plan.tables.set(table, items);
  }
  return plan;
}

const ENTITY: Record<ExportTable, DataEntity> = {
  classes: 'classes',
  assignments: 'assignments',
  study_sessions: 'sessions',
  session_activities: 'activities',
  study_goals: 'goals',
  goal_progress: 'goals',
  achievements: 'achievements',
  point_awards: 'points',
};

async function knownZones(tx: Tx, zones: Set<string>): Promise<Set<string>> {
  const { rows } = await tx.query<{ name: string }>('SELECT name FROM pg_timezone_names WHERE name = ANY($1::text[])', [[...zones]]);
  return new Set(rows.map((r) => r.name));
}

async function existingIds(tx: Tx, table: ExportTable, userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await tx.query<{ id: string }>(`SELECT id::text AS id FROM ${table} WHERE user_id = $1 AND id = ANY($2::uuid[])`, [userId, ids]);
  return new Set(rows.map((r) => r.id));
}

interface Classified {
  inserts: Item[];
  updates: Item[];
}

/** New rows, rows this file has a later version of, and the rest (unchanged, or another profile's). */
async function classify(tx: Tx, spec: TableSpec, userId: string, items: Item[], report: ImportReport, present: Set<string>): Promise<Classified> {
  const probe = items.map((i) => ({
    id: i.row.id,
    stamp: spec.stamp ? i.row[spec.stamp] : null,
    reference_type: i.row.reference_type,
    reference_id: i.row.reference_id,
    delta: i.row.delta,
  }));
  const newer = spec.stamp ? `coalesce(r.stamp > t.${spec.stamp}, false)` : 'false';
  const same = spec.stamp ? 'true' : 'coalesce((t.reference_type, t.reference_id, t.delta) = (r.reference_type, r.reference_id, r.delta), false)';
  const { rows } = await tx.query<{ id: string; found: boolean; mine: boolean; newer: boolean; same: boolean }>(
    `SELECT r.id::text AS id, t.id IS NOT NULL AS found, coalesce(t.user_id = $2, false) AS mine, ${newer} AS newer, ${same} AS same
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, stamp timestamptz, reference_type text, reference_id uuid, delta integer)
       LEFT JOIN ${spec.name} t ON t.id = r.id`,
    [JSON.stringify(probe), userId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Classified = { inserts: [], updates: [] };
  for (const item of items) {
    const found = byId.get(item.row.id as string)!;
    if (!found.found) out.inserts.push(item);
    else if (!found.mine) report.skip(spec.name, item.index, item.row.id, 'this id belongs to another profile in this database');
    else if (spec.stamp && found.newer) out.updates.push(item);
    else if (!spec.stamp && !found.same) report.skip(spec.name, item.index, item.row.id, 'an award with this id already exists with other content (awards never change)');
    else {
      report.unchanged(spec.name);
      present.add(item.row.id as string);
    }
  }
  return out;
}

/** Drops rows whose parent is neither in the file (and accepted) nor already in this profile. */
async function withParents(tx: Tx, spec: TableSpec, userId: string, items: Item[], present: Map<ExportTable, Set<string>>, report: ImportReport): Promise<Item[]> {
  const refs = spec.name === 'point_awards'
    ? (row: Row) => { const t = AWARD_REFERENCES[row.reference_type as string]; return t ? [{ column: 'reference_id', table: t }] : []; }
    : () => spec.parents;
  const missing = new Map<ExportTable, Set<string>>();
  for (const { row } of items) {
    for (const p of refs(row)) {
      const id = row[p.column] as string | null;
      if (id && !present.get(p.table)!.has(id)) (missing.get(p.table) ?? missing.set(p.table, new Set()).get(p.table)!).add(id);
    }
  }
  for (const [table, ids] of missing) for (const id of await existingIds(tx, table, userId, [...ids])) present.get(table)!.add(id);
  return items.filter(({ index, row }) => {
    const broken = refs(row).find((p) => row[p.column] && !present.get(p.table)!.has(row[p.column] as string));
    if (broken) report.skip(spec.name, index, row.id, `${broken.column} ${row[broken.column] as string} names no ${broken.table} row in the file or in this profile`);
    return !broken;
  });
}

const INSERT = (spec: TableSpec) =>
  `INSERT INTO ${spec.name} (user_id, ${spec.columns.join(', ')})
   SELECT $2, ${spec.columns.join(', ')} FROM jsonb_populate_recordset(NULL::${spec.name}, $1::jsonb)`;
const UPDATE = (spec: TableSpec) =>
  `UPDATE ${spec.name} t SET ${spec.columns.filter((c) => c !== 'id').map((c) => `${c} = r.${c}`).join(', ')}
     FROM jsonb_populate_recordset(NULL::${spec.name}, $1::jsonb) r
    WHERE t.id = r.id AND t.user_id = $2`;

/**
 * The profile and settings rows merge like any other, with one addition: a local row never edited
 * since it was created (a new profile's defaults) takes the file's version whatever its age.
 */
async function mergeSingleton(tx: Tx, table: 'users' | 'settings', key: string, userId: string, columns: string[], row: Row, report: ImportReport): Promise<boolean> {
  const list = (alias: string) => columns.map((c) => `${alias}.${c}`).join(', ');
  const { rows } = await tx.query<{ replace: boolean }>(
    `SELECT ($2::timestamptz > t.updated_at OR t.created_at = t.updated_at) AND (${list('t')}) IS DISTINCT FROM (${list('r')}) AS replace
       FROM ${table} t, jsonb_populate_record(NULL::${table}, $3::jsonb) r WHERE t.${key} = $1`,
    [userId, row.updated_at, JSON.stringify(row)],
  );
  const name = table === 'users' ? 'profile' : 'settings';
  if (!rows[0]?.replace) {
    report.unchanged(name);
    return false;
  }
  await tx.query(
    `UPDATE ${table} t SET ${columns.map((c) => `${c} = r.${c}`).join(', ')}
       FROM jsonb_populate_record(NULL::${table}, $2::jsonb) r WHERE t.${key} = $1`,
    [userId, JSON.stringify(row)],
  );
  report.update(name, userId, `${name} as of ${row.updated_at as string}`);
  return true;
}

/** Awards that bring each imported reference's ledger to what the formula gives its row now. */
async function correctLedger(tx: Tx, userId: string, refs: Map<string, string[]>, report: ImportReport): Promise<string[]> {
  const ids: string[] = [];
  for (const [type, table, worth] of [['session', 'study_sessions', 'points_earned'], ['activity', 'session_activities', 'points_earned'], ['achievement', 'achievements', 'bonus_points']] as const) {
    const changed = refs.get(table) ?? [];
    if (changed.length === 0) continue;
    const { rows } = await tx.query<{ ref: string; diff: number }>(
      `SELECT x.id::text AS ref, (CASE WHEN x.deleted_at IS NULL THEN x.${worth} ELSE 0 END - coalesce(a.awarded, 0))::integer AS diff
         FROM ${table} x
         LEFT JOIN (SELECT reference_id, sum(delta) AS awarded FROM point_awards
                     WHERE reference_type = $2 AND reference_id = ANY($1::uuid[]) GROUP BY reference_id) a ON a.reference_id = x.id
        WHERE x.id = ANY($1::uuid[]) AND CASE WHEN x.deleted_at IS NULL THEN x.${worth} ELSE 0 END <> coalesce(a.awarded, 0)`,
      [changed, type],
    );
    for (const r of rows) {
      const id = newId();
      await tx.query(
        `INSERT INTO point_awards (id, user_id, reference_type, reference_id, delta, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, app_now())`,
        [id, userId, type, r.ref, r.diff, `${type}_import_correction`],
      );
      report.add('point_awards', id, `${r.diff} points to bring ${type} ${r.ref} to its formula`);
      ids.push(id);
    }
  }
  return ids;
}

/** Queues what the import wrote for sync, parents first, as the outbox trigger would have. */
async function enqueue(tx: Tx, changed: Map<string, string[]>): Promise<void> {
  for (const table of [...TABLE_SPECS.map((s) => s.name), 'settings'] as const) {
    const ids = changed.get(table) ?? [];
    if (ids.length === 0) continue;
    const key = table === 'settings' ? 'user_id' : 'id';
    await tx.query(
      `INSERT INTO sync_outbox (entity, entity_id, op, payload)
       SELECT '${table}', x.${key}, CASE WHEN to_jsonb(x) ->> 'deleted_at' IS NULL THEN 'upsert' ELSE 'delete' END, to_jsonb(x)
         FROM ${table} x
        WHERE x.${key} = ANY($1::uuid[]) AND coalesce(to_jsonb(x) ->> 'source', 'local') <> 'platform'
        ORDER BY x.${key}`,
      [ids],
    );
  }
}

/** Writes the plan inside the caller's transaction. Returns whether the settings row changed. */
export async function applyDocument(ctx: Ctx, plan: DocumentPlan, report: ImportReport): Promise<{ settingsChanged: boolean }> {
  const { tx, userId } = ctx;
  for (const [table, row, id, reason] of plan.refused) report.skip(table, row, id, reason);
  await tx.query(`SELECT set_config('app.applying_remote', 'on', true)`);

  const zones = new Set<string>();
  for (const r of [plan.profile, plan.settings, ...(plan.tables.get('study_sessions') ?? []).map((i) => i.row)]) if (r) zones.add(r.time_zone as string);
  const known = await knownZones(tx, zones);
  const zoneOk = (table: string, index: number, row: Row) => {
    if (known.has(row.time_zone as string)) return true;
    report.skip(table, index, table === 'study_sessions' ? row.id : null, `time_zone ${row.time_zone as string} is not known to the database`);
    return false;
  };

  const changed = new Map<string, string[]>();
  let settingsChanged = false;
  if (plan.profile && zoneOk('profile', 1, plan.profile)) {
    const { rows } = await tx.query<{ platform_user_id: string | null }>('SELECT platform_user_id FROM users WHERE id = $1', [userId]);
    const mine = rows[0]?.platform_user_id ?? null;
    const theirs = plan.profile.platform_user_id as string | null;
    if (mine && theirs && mine !== theirs) {
      throw new AppError('CONFLICT', `this export belongs to platform account ${theirs}, and this profile is signed in as ${mine}. Nothing was changed.`);
    }
    await mergeSingleton(tx, 'users', 'id', userId, PROFILE_COLUMNS, { ...plan.profile, platform_user_id: theirs ?? mine }, report);
  }
  if (plan.settings && zoneOk('settings', 1, plan.settings)) {
    settingsChanged = await mergeSingleton(tx, 'settings', 'user_id', userId, SETTINGS_COLUMNS, plan.settings, report);
    if (settingsChanged) {
      changed.set('settings', [userId]);
      ctx.changes.touch('settings');
    }
  }

  const present = new Map(TABLE_SPECS.map((s) => [s.name, new Set<string>()]));
  for (const spec of TABLE_SPECS) {
    let items = plan.tables.get(spec.name) ?? [];
    if (spec.name === 'study_sessions') items = items.filter((i) => zoneOk(spec.name, i.index, i.row));
    items = await withParents(tx, spec, userId, items, present, report);
    const { inserts, updates } = await classify(tx, spec, userId, items, report, present.get(spec.name)!);
    // Progress rows keep the percentage they recorded; the trigger would recompute it against
    // the goal's current target. Their parent goal was checked above (replica skips FK triggers).
    if (spec.name === 'goal_progress') await tx.query(`SET LOCAL session_replication_role = replica`);
    const rejected = (item: Item, reason: string) => report.skip(spec.name, item.index, item.row.id, reason);
    const added = await writeGuarded(tx, inserts, (b) => tx.query(INSERT(spec), [JSON.stringify(b.map((i) => i.row)), userId]).then(() => undefined), rejected);
    const updated = await writeGuarded(tx, updates, (b) => tx.query(UPDATE(spec), [JSON.stringify(b.map((i) => i.row)), userId]).then(() => undefined), rejected);
    if (spec.name === 'goal_progress') await tx.query(`SET LOCAL session_replication_role = origin`);
    for (const { row } of added) report.add(spec.name, row.id as string, spec.summary(row));
    for (const { row } of updated) report.update(spec.name, row.id as string, spec.summary(row));
    const ids = [...added, ...updated].map((i) => i.row.id as string);
    for (const id of ids) present.get(spec.name)!.add(id);
    changed.set(spec.name, ids);
    if (ids.length > 0) ctx.changes.touch(ENTITY[spec.name], ...ids.slice(0, 100));
  }

  const corrections = await correctLedger(tx, userId, changed, report);
  if (corrections.length > 0) {
    changed.set('point_awards', [...(changed.get('point_awards') ?? []), ...corrections]);
    ctx.changes.touch('points');
  }
  await enqueue(tx, changed);
  return { settingsChanged };
}

/**
 * Whether the document has a row this profile lacks, or a later version of one it has: then an
 * import will change something, and the backup before it is worth taking without a trial run.
 */
export async function documentHasNews(tx: Tx, plan: DocumentPlan, userId: string): Promise<boolean> {
  for (const spec of TABLE_SPECS) {
    const items = plan.tables.get(spec.name) ?? [];
    if (items.length === 0) continue;
    const newer = spec.stamp ? `OR r.stamp > t.${spec.stamp}` : '';
    const { rows } = await tx.query<{ news: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, stamp timestamptz)
                        LEFT JOIN ${spec.name} t ON t.id = r.id AND t.user_id = $2
                       WHERE t.id IS NULL ${newer}) AS news`,
      [JSON.stringify(items.map((i) => ({ id: i.row.id, stamp: spec.stamp ? i.row[spec.stamp] : null }))), userId],
    );
    if (rows[0]!.news) return true;
  }
  return false;
}
