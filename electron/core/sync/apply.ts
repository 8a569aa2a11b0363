import { type Change, isSyncEntity, SYNC_ENTITIES, type SyncEntity } from '../../../shared/contract/sync';
import type { Db, Tx } from '../../../shared/db/db';
import { hardDeleteSql, upsertRowSql, upsertRowsSql } from '../../../shared/services/sync-rows';

export interface ApplyResult {
  applied: number;
  skipped: number;
}

/**
 * Applies pulled changes in one local transaction with the new cursor (DESIGN §8): the triggers see
 * app.applying_remote and neither echo the rows back nor book awards for them; foreign keys are
 * deferred because a child's latest change may come before its parent's. Rows with local changes
 * still in the outbox are skipped: the local version goes up next and wins by arrival order.
 * Rows arrive with the platform's user id and are stored under the local profile's.
 */
export async function applyChanges(db: Db, localUserId: string, changes: Change[], cursor: number): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('app.applying_remote', 'on', true)`);
    await tx.query('SET CONSTRAINTS ALL DEFERRED');
    const fast = await applySetBased(tx, localUserId, changes);
    if (fast) {
      await tx.query('UPDATE sync_state SET pull_cursor = $1, updated_at = now()', [cursor]);
      return fast;
    }
    let applied = 0;
    let skipped = 0;
    for (const change of changes) {
      if (!isSyncEntity(change.entity)) {
        skipped++;
        continue;
      }
      const entity = change.entity;
      const localId = entity === 'settings' ? localUserId : change.entity_id;
      const pending = await tx.query('SELECT 1 FROM sync_outbox WHERE entity = $1 AND entity_id = $2 LIMIT 1', [entity, localId]);
      if (pending.rows.length > 0) {
        skipped++;
        continue;
      }
      await tx.query('SAVEPOINT pulled');
      try {
        if (change.row === null) {
          await tx.query(hardDeleteSql(entity), [localId, localUserId]);
        } else {
          const row = { ...change.row, user_id: localUserId, [SYNC_ENTITIES[entity]]: localId };
          await dropLocalTwin(tx, entity, row);
          await tx.query(await upsertRowSql(tx, entity), [JSON.stringify(row)]);
        }
        await tx.query('RELEASE SAVEPOINT pulled');
        applied++;
      } catch {
        // A row this database cannot hold (say, a second running session) must not stop the rest.
        await tx.query('ROLLBACK TO SAVEPOINT pulled');
        skipped++;
      }
    }
    await tx.query('UPDATE sync_state SET pull_cursor = $1, updated_at = now()', [cursor]);
    return { applied, skipped };
  });
}

/**
 * Two devices can each create "the same" once-only row under different ids (an achievement, a
 * goal's progress for one day). The platform kept the first; the local twin gives way.
 */
async function dropLocalTwin(tx: Tx, entity: string, row: Record<string, unknown>): Promise<void> {
  if (entity === 'achievements') {
    await tx.query('DELETE FROM achievements WHERE user_id = $1 AND achievement_key = $2 AND id <> $3',
      [row.user_id, row.achievement_key, row.id]);
  } else if (entity === 'goal_progress') {
    await tx.query('DELETE FROM goal_progress WHERE goal_id = $1 AND recorded_date = $2 AND id <> $3',
      [row.goal_id, row.recorded_date, row.id]);
  }
}

/**
 * The same in one statement per entity (deletes, then upserts) instead of several round trips per
 * row. Any statement failing (a row this database cannot hold) undoes the lot and returns null:
 * the per-row way then skips just the rows that cannot apply.
 */
async function applySetBased(tx: Tx, localUserId: string, changes: Change[]): Promise<ApplyResult | null> {
  let skipped = 0;
  const latest = new Map<string, { entity: SyncEntity; id: string; row: Record<string, unknown> | null }>();
  for (const change of changes) {
    if (!isSyncEntity(change.entity)) {
      skipped++;
      continue;
    }
    const id = change.entity === 'settings' ? localUserId : change.entity_id;
    const key = `${change.entity}:${id}`;
    latest.delete(key); // a later change of the same row replaces the earlier, in order
    latest.set(key, { entity: change.entity, id, row: change.row });
  }
  const { rows: pending } = await tx.query<{ entity: string; entity_id: string }>(
    'SELECT DISTINCT entity, entity_id FROM sync_outbox WHERE entity_id = ANY($1::uuid[])',
    [[...new Set([...latest.values()].map((c) => c.id))]],
  );
  const held = new Set(pending.map((p) => `${p.entity}:${p.entity_id}`));
  const deletes = new Map<SyncEntity, string[]>();
  const upserts = new Map<SyncEntity, Record<string, unknown>[]>();
  let applied = 0;
  for (const change of changes) {
    if (!isSyncEntity(change.entity)) continue;
    const id = change.entity === 'settings' ? localUserId : change.entity_id;
    if (held.has(`${change.entity}:${id}`)) skipped++;
    else applied++;
  }
  for (const [key, c] of latest) {
    if (held.has(key)) continue;
    if (c.row === null) deletes.set(c.entity, [...(deletes.get(c.entity) ?? []), c.id]);
    else upserts.set(c.entity, [...(upserts.get(c.entity) ?? []), { ...c.row, user_id: localUserId, [SYNC_ENTITIES[c.entity]]: c.id }]);
  }
  await tx.query('SAVEPOINT pulled_set');
  try {
    for (const [entity, ids] of deletes) {
      await tx.query(`DELETE FROM ${entity} WHERE ${SYNC_ENTITIES[entity]} = ANY($1::uuid[]) AND user_id = $2`, [ids, localUserId]);
    }
    for (const [entity, rows] of upserts) {
      if (entity === 'achievements' || entity === 'goal_progress') for (const row of rows) await dropLocalTwin(tx, entity, row);
      await tx.query(await upsertRowsSql(tx, entity), [JSON.stringify(rows)]);
    }
    // Check the deferred foreign keys now, while a failure can still fall back row by row.
    await tx.query('SET CONSTRAINTS ALL IMMEDIATE');
    await tx.query('RELEASE SAVEPOINT pulled_set');
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT pulled_set');
    await tx.query('SET CONSTRAINTS ALL DEFERRED');
    return null;
  }
  return { applied, skipped };
}
