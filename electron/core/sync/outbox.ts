import { type Mutation, PUSH_BATCH_LIMIT } from '../../../shared/contract/sync';
import type { Queryable } from '../../../shared/db/db';

interface OutboxRow extends Mutation {
  txid: number;
}

/**
 * The oldest unacknowledged mutations, at most `limit`, except that a transaction is never split:
 * the platform must not see half of a session end without its point award.
 */
export async function readBatch(db: Queryable, limit = PUSH_BATCH_LIMIT): Promise<Mutation[]> {
  const cols = 'seq, mutation_id, entity, entity_id, op, payload, txid';
  const { rows } = await db.query<OutboxRow>(`SELECT ${cols} FROM sync_outbox ORDER BY seq LIMIT $1`, [limit]);
  const last = rows.at(-1);
  if (last && rows.length === limit) {
    const rest = await db.query<OutboxRow>(`SELECT ${cols} FROM sync_outbox WHERE txid = $1 AND seq > $2 ORDER BY seq`, [last.txid, last.seq]);
    rows.push(...rest.rows);
  }
  return rows.map(({ txid: _txid, ...m }) => m);
}

/** Trims what a response acknowledged; never anything newer. */
export async function trimAcknowledged(db: Queryable, lastSeq: number): Promise<void> {
  await db.query('DELETE FROM sync_outbox WHERE seq <= $1', [lastSeq]);
  await db.query('UPDATE sync_state SET acked_seq = greatest(acked_seq, $1), updated_at = now()', [lastSeq]);
}

export async function notePushFailure(db: Queryable, seqs: number[], error: string): Promise<void> {
  if (seqs.length === 0) return;
  await db.query('UPDATE sync_outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])', [seqs, error.slice(0, 500)]);
}

export async function pendingSummary(db: Queryable): Promise<{ pending: number; provisional_points: number }> {
  const { rows } = await db.query<{ pending: number; provisional_points: number }>(
    `SELECT count(*)::integer AS pending,
            coalesce(sum((payload ->> 'delta')::integer) FILTER (WHERE entity = 'point_awards'), 0)::integer AS provisional_points
       FROM sync_outbox`,
  );
  return rows[0]!;
}
