/**
 * What a restored database tells the sync client (DESIGN §8). The backup's outbox and cursor are
 * from the past, while the platform has since received what this device pushed after it. So:
 *  - the restored database starts a new sync lineage (a fresh client_id, outbox renumbered from 1):
 *    the platform's last_seq for the old client_id may be ahead of anything this device knows
 *    (a push whose answer was lost), and reusing those numbers would make new writes "duplicates";
 *  - mutations the platform acknowledged (seq <= acked_seq of the same lineage) are dropped, not re-pushed;
 *  - pending mutations of the backup are kept, and every synced row whose restored state differs
 *    from what the live database held is queued again, so the platform converges to the restored
 *    state instead of sending the newer one back on the next pull;
 *  - the pull cursor stays the backup's, so rows other devices wrote since then come back.
 * Rows created after the backup are not deleted on the platform: a local restore never deletes
 * data elsewhere, and rows that reached the platform return with the next pull.
 */
import type { Db, Queryable } from '../../../../shared/db/db';

/** Synced tables in the order a push must replay them (parents first), with their key column. */
export const SYNCED_TABLES: ReadonlyArray<readonly [string, string]> = [
  ['classes', 'id'],
  ['assignments', 'id'],
  ['study_sessions', 'id'],
  ['session_activities', 'id'],
  ['study_goals', 'id'],
  ['goal_progress', 'id'],
  ['achievements', 'id'],
  ['point_awards', 'id'],
  ['settings', 'user_id'],
];

/** A row's state as a mutation carries it; heartbeats and updated_at alone are not a change (as in the outbox trigger). */
const ROW_STATE = (alias: string) => `md5((to_jsonb(${alias}) - 'updated_at' - 'last_heartbeat_at')::text)`;

export interface LiveSyncState {
  clientId: string;
  ackedSeq: number;
  serverUrl: string | null;
  lastSyncedAt: string | null;
  /** Whether any mutation ever left this device: acknowledged, or sent at least once. */
  everSent: boolean;
  db: Queryable;
}

export async function readLiveSyncState(db: Queryable): Promise<LiveSyncState> {
  const { rows } = await db.query<{ client_id: string; acked_seq: number; server_url: string | null; last_synced_at: string | null; sent: boolean }>(
    `SELECT client_id, acked_seq, server_url, last_synced_at,
            acked_seq > 0 OR last_synced_at IS NOT NULL OR EXISTS (SELECT 1 FROM sync_outbox WHERE attempts > 0) AS sent
       FROM sync_state WHERE id = 1`,
  );
  const s = rows[0]!;
  return { clientId: s.client_id, ackedSeq: s.acked_seq, serverUrl: s.server_url, lastSyncedAt: s.last_synced_at, everSent: s.sent, db };
}

async function tableHash(q: Queryable, table: string, key: string): Promise<string> {
  const { rows } = await q.query<{ h: string | null }>(
    `SELECT md5(string_agg(${key}::text || ${ROW_STATE('t')}, ',' ORDER BY ${key})) AS h FROM ${table} t`,
  );
  return rows[0]!.h ?? '';
}

async function rowHashes(q: Queryable, table: string, key: string): Promise<Map<string, string>> {
  const { rows } = await q.query<{ k: string; h: string }>(`SELECT ${key}::text AS k, ${ROW_STATE('t')} AS h FROM ${table} t`);
  return new Map(rows.map((r) => [r.k, r.h]));
}

/** The restored rows whose state the live database did not hold, per synced table. */
async function changedRows(restored: Queryable, live: Queryable): Promise<Array<[string, string, string[]]>> {
  const out: Array<[string, string, string[]]> = [];
  for (const [table, key] of SYNCED_TABLES) {
    if ((await tableHash(restored, table, key)) === (await tableHash(live, table, key))) continue;
    const [mine, theirs] = [await rowHashes(restored, table, key), await rowHashes(live, table, key)];
    const ids = [...mine].filter(([k, h]) => theirs.get(k) !== h).map(([k]) => k);
    if (ids.length > 0) out.push([table, key, ids]);
  }
  return out;
}

/**
 * Rewrites the restored database's sync bookkeeping (see above) in one transaction. `live` is
 * null when the database being replaced could not be read: then nothing is known to be
 * acknowledged, so every pending mutation stays (the platform applies each exactly once anyway).
 * Returns how many rows were queued again.
 */
export async function continueSync(restored: Db, live: LiveSyncState | null): Promise<number> {
  // A device that never sent anything has given the platform no state the restore must overwrite.
  const changed = live?.everSent ? await changedRows(restored, live.db) : [];
  return restored.transaction(async (tx) => {
    const { rows } = await tx.query<{ client_id: string; server_url: string | null; last_synced_at: string | null }>(
      'SELECT client_id, server_url, last_synced_at FROM sync_state WHERE id = 1',
    );
    const own = rows[0]!;
    if (live && live.clientId === own.client_id) {
      await tx.query('DELETE FROM sync_outbox WHERE seq <= $1', [live.ackedSeq]);
    }
    let requeued = 0;
    for (const [table, key, ids] of changed) {
      const r = await tx.query(
        `INSERT INTO sync_outbox (entity, entity_id, op, payload)
         SELECT '${table}', x.${key}, CASE WHEN to_jsonb(x) ->> 'deleted_at' IS NULL THEN 'upsert' ELSE 'delete' END, to_jsonb(x)
           FROM ${table} x
          WHERE x.${key} = ANY($1::uuid[])
          ORDER BY x.${key}`,
        [ids],
      );
      requeued += r.affectedRows;
    }
    const { rows: span } = await tx.query<{ numbered: boolean }>(
      'SELECT coalesce(min(seq) = 1 AND max(seq) = count(*), true) AS numbered FROM sync_outbox',
    );
    if (!span[0]!.numbered) {
      // Negate first: seq is the primary key, and renumbering in place would collide midway.
      await tx.query('UPDATE sync_outbox SET seq = -seq');
      await tx.query(
        `UPDATE sync_outbox o SET seq = r.n
           FROM (SELECT seq AS old, row_number() OVER (ORDER BY seq DESC) AS n FROM sync_outbox) r
          WHERE o.seq = r.old`,
      );
    }
    await tx.query(`SELECT setval('sync_outbox_seq_seq', greatest(max(seq), 1), max(seq) IS NOT NULL) FROM sync_outbox`);
    await tx.query(
      `UPDATE sync_state SET client_id = gen_random_uuid(), acked_seq = 0, server_url = $1, last_synced_at = $2,
              last_error = NULL, updated_at = now()
        WHERE id = 1`,
      [live ? live.serverUrl : own.server_url, live ? live.lastSyncedAt : own.last_synced_at],
    );
    return requeued;
  });
}
