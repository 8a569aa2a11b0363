import { type Change, isSyncEntity, SYNC_ENTITIES } from '../../../shared/contract/sync';
import type { Db, Tx } from '../../../shared/db/db';
import { hardDeleteSql, upsertRowSql } from '../../../shared/services/sync-rows';

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
