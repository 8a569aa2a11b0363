import { SYNC_ENTITIES, type SyncEntity } from '../contract/sync';
import type { Queryable } from '../db/db';

/**
 * Row-level SQL both sides of sync use: the platform applying a pushed mutation and the desktop
 * applying a pulled change. Tables come from the fixed SYNC_ENTITIES list, never from input, and
 * the schema of these tables is identical on both engines (migrations/shared).
 */
const columnCache = new Map<SyncEntity, string[]>();

export async function columnsOf(q: Queryable, entity: SyncEntity): Promise<string[]> {
  const cached = columnCache.get(entity);
  if (cached) return cached;
  const { rows } = await q.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [entity],
  );
  const columns = rows.map((r) => r.column_name);
  columnCache.set(entity, columns);
  return columns;
}

/**
 * INSERT … ON CONFLICT DO UPDATE of one row given as JSON ($1), only over a row of the same user.
 * Returns the statement; `affectedRows` 0 means the key belongs to someone else (or, for the
 * append-only ledger, that the award is already there).
 */
export async function upsertRowSql(q: Queryable, entity: SyncEntity): Promise<string> {
  const key = SYNC_ENTITIES[entity];
  const cols = await columnsOf(q, entity);
  const select = `SELECT ${cols.map((c) => `r.${c}`).join(', ')} FROM jsonb_populate_record(NULL::${entity}, $1::jsonb) r`;
  if (entity === 'point_awards') {
    return `INSERT INTO point_awards (${cols.join(', ')}) ${select} ON CONFLICT (id) DO NOTHING`;
  }
  const set = cols.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO ${entity} AS t (${cols.join(', ')}) ${select}
          ON CONFLICT (${key}) DO UPDATE SET ${set} WHERE t.user_id = excluded.user_id`;
}

/**
 * The set form of upsertRowSql: many rows of one entity given as a JSON array ($1) in one
 * statement. The rows' keys must be distinct (ON CONFLICT cannot touch a row twice).
 */
export async function upsertRowsSql(q: Queryable, entity: SyncEntity): Promise<string> {
  const single = await upsertRowSql(q, entity);
  return single.replace('jsonb_populate_record(NULL', 'jsonb_populate_recordset(NULL');
}

export const hardDeleteSql = (entity: SyncEntity): string =>
  `DELETE FROM ${entity} WHERE ${SYNC_ENTITIES[entity]} = $1 AND user_id = $2`;

export const rowJsonSql = (entity: SyncEntity): string =>
  `SELECT to_jsonb(t) AS row FROM ${entity} t WHERE ${SYNC_ENTITIES[entity]} = $1 AND user_id = $2`;

/** Which ledger reference a synced row's worth is booked under, if any. */
export const AWARD_REFERENCE: Partial<Record<SyncEntity, 'session' | 'activity' | 'achievement'>> = {
  study_sessions: 'session',
  session_activities: 'activity',
  achievements: 'achievement',
};
