import { type Change, isSyncEntity, type PullResponse, SYNC_ENTITIES, type SyncEntity } from '../../shared/contract/sync';
import type { Db } from '../../shared/db/db';

/**
 * The account's changes after `cursor`, oldest first. Each row appears once, at its latest change,
 * as the platform holds it now; a row that is gone comes as a delete with no row.
 */
export async function readChanges(db: Db, userId: string, cursor: number, limit: number): Promise<PullResponse> {
  const { rows } = await db.query<{ entity: string; entity_id: string; change_seq: number }>(
    `SELECT entity, entity_id, change_seq FROM account_changes
      WHERE user_id = $1 AND change_seq > $2 ORDER BY change_seq LIMIT $3`,
    [userId, cursor, limit + 1],
  );
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const byEntity = new Map<SyncEntity, string[]>();
  for (const r of page) {
    if (!isSyncEntity(r.entity)) continue;
    byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r.entity_id]);
  }
  const found = new Map<string, Record<string, unknown>>();
  for (const [entity, ids] of byEntity) {
    const key = SYNC_ENTITIES[entity];
    const { rows: current } = await db.query<{ id: string; row: Record<string, unknown> }>(
      `SELECT ${key} AS id, to_jsonb(t) AS row FROM ${entity} t WHERE user_id = $1 AND ${key} = ANY($2::uuid[])`,
      [userId, ids],
    );
    for (const c of current) found.set(`${entity}:${c.id}`, c.row);
  }
  const changes: Change[] = page.map((r) => {
    const row = found.get(`${r.entity}:${r.entity_id}`) ?? null;
    const deleted = row === null || (row.deleted_at ?? null) !== null;
    return { entity: r.entity, entity_id: r.entity_id, op: deleted ? 'delete' : 'upsert', row, change_seq: r.change_seq };
  });
  return { changes, next_cursor: page.at(-1)?.change_seq ?? cursor, has_more: hasMore };
}
