import { AppError } from '../../shared/contract/errors';
import {
  isSyncEntity,
  type Mutation,
  type MutationResult,
  PROTOCOL_VERSION,
  type PushRequest,
  type PushResponse,
  SYNC_ENTITIES,
  type SyncEntity,
} from '../../shared/contract/sync';
import type { Db, Tx } from '../../shared/db/db';
import { AWARD_REFERENCE, hardDeleteSql, upsertRowSql, upsertRowsSql } from '../../shared/services/sync-rows';
import { reconcileAwards } from './awards';

export interface PushOptions {
  userId: string;
  /** The server's clock: the only clock that may judge "in the future" (device clocks skew). */
  now: Date;
  schemaVersion: string;
}

const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A mutation that can never succeed: rejected, and the client's queue moves past it. */
class Rejected extends Error {}

/**
 * Applies one push batch in one transaction (DESIGN §8): the client's row in sync_client is locked
 * for the whole batch, so the same batch delivered twice, even concurrently, applies once.
 *
 * Seqs must rise but need not be contiguous: the outbox's bigserial skips the values a rolled-back
 * transaction drew, so "seq > last_seq + 1 means a lost mutation" would stall a healthy queue
 * forever. Ordering holds because the client sends its oldest unacknowledged rows first and trims
 * only what a response acknowledged, and the desktop's single PGlite connection commits outbox rows
 * in seq order.
 */
export async function applyPush(db: Db, req: PushRequest, opts: PushOptions): Promise<PushResponse> {
  if (req.protocol_version !== PROTOCOL_VERSION) {
    throw new AppError('CONFLICT', `update required: protocol ${req.protocol_version}, server speaks ${PROTOCOL_VERSION}`);
  }
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('app.applying_remote', 'on', true), set_config('app.now', $1, true)`, [opts.now.toISOString()]);
    await tx.query(
      `INSERT INTO sync_client (client_id, user_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING`,
      [req.client_id, opts.userId],
    );
    const { rows } = await tx.query<{ user_id: string; last_seq: number }>(
      'SELECT user_id, last_seq FROM sync_client WHERE client_id = $1 FOR UPDATE',
      [req.client_id],
    );
    const client = rows[0]!;
    if (client.user_id !== opts.userId) throw new AppError('FORBIDDEN', 'this client_id belongs to another account');

    let lastSeq = client.last_seq;
    const results: MutationResult[] = [];
    const touched = new Map<string, { type: string; id: string }>();
    const sorted = [...req.mutations].sort((a, b) => a.seq - b.seq);
    const fresh = sorted.filter((m) => m.seq > lastSeq);
    if (fresh.length > 1 && (await applySetBased(tx, fresh, opts, touched))) {
      for (const m of sorted) results.push({ seq: m.seq, status: m.seq <= lastSeq ? 'duplicate' : 'applied' });
      lastSeq = fresh.at(-1)!.seq;
      await reconcileAwards(tx, opts.userId, [...touched.values()]);
      await tx.query('UPDATE sync_client SET last_seq = $2, updated_at = now() WHERE client_id = $1', [req.client_id, lastSeq]);
      return { last_seq: lastSeq, results };
    }
    for (const m of sorted) {
      if (m.seq <= lastSeq) {
        results.push({ seq: m.seq, status: 'duplicate' });
        continue;
      }
      await tx.query('SAVEPOINT mutation');
      try {
        await applyMutation(tx, m, req.client_id, opts, touched);
        await tx.query('RELEASE SAVEPOINT mutation');
        results.push({ seq: m.seq, status: 'applied' });
      } catch (err) {
        await tx.query('ROLLBACK TO SAVEPOINT mutation');
        if (!isPermanent(err)) throw err;
        results.push({ seq: m.seq, status: 'rejected', error: (err as Error).message.slice(0, 500) });
        // The device still holds its version: send it the platform's truth on its next pull.
        if (isSyncEntity(m.entity)) await noteChangeIfPresent(tx, m.entity, m.entity_id, opts.userId);
      }
      lastSeq = m.seq;
    }
    await reconcileAwards(tx, opts.userId, [...touched.values()]);
    await tx.query('UPDATE sync_client SET last_seq = $2, updated_at = now() WHERE client_id = $1', [req.client_id, lastSeq]);
    return { last_seq: lastSeq, results };
  });
}

/**
 * The common case of a batch, applied with one read and one write per entity instead of several
 * round trips per mutation: plain upserts of distinct rows that are new or live rows of this user,
 * nothing deleted on either side. Anything else (a delete, a tombstone, a row twice, a rejection,
 * a statement that fails) returns false with nothing changed, and the batch goes the per-mutation
 * way, which decides each of those cases. Entities are written in SYNC_ENTITIES order, parents
 * before children.
 */
async function applySetBased(
  tx: Tx,
  batch: Mutation[],
  opts: PushOptions,
  touched: Map<string, { type: string; id: string }>,
): Promise<boolean> {
  const byEntity = new Map<SyncEntity, Record<string, unknown>[]>();
  const seen = new Set<string>();
  for (const m of batch) {
    if (!isSyncEntity(m.entity) || m.op !== 'upsert' || m.entity === 'settings') return false;
    const payload: Record<string, unknown> = { ...m.payload, user_id: opts.userId, [SYNC_ENTITIES[m.entity]]: m.entity_id };
    if (payload.deleted_at != null || seen.has(`${m.entity}:${m.entity_id}`)) return false;
    seen.add(`${m.entity}:${m.entity_id}`);
    try {
      validateTimes(m.entity, payload, opts.now);
    } catch {
      return false;
    }
    byEntity.set(m.entity, [...(byEntity.get(m.entity) ?? []), payload]);
  }
  for (const [entity, rows] of byEntity) {
    const { rows: existing } = await tx.query<{ user_id: string; deleted_at: string | null }>(
      `SELECT user_id, ${entity === 'point_awards' ? 'NULL::timestamptz AS deleted_at' : 'deleted_at'}
         FROM ${entity} WHERE id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    );
    if (existing.some((e) => e.user_id !== opts.userId || e.deleted_at !== null)) return false;
  }
  await tx.query('SAVEPOINT batch');
  try {
    for (const entity of Object.keys(SYNC_ENTITIES) as SyncEntity[]) {
      const rows = byEntity.get(entity);
      if (!rows) continue;
      const { affectedRows } = await tx.query(await upsertRowsSql(tx, entity), [JSON.stringify(rows)]);
      // Fewer rows written than sent means a row someone else owns appeared meanwhile; awards are
      // append-only, so theirs may be fewer (already there), which is fine.
      if (entity !== 'point_awards' && affectedRows !== rows.length) throw new Rejected('not every row was written');
    }
    await tx.query('RELEASE SAVEPOINT batch');
  } catch (err) {
    await tx.query('ROLLBACK TO SAVEPOINT batch');
    if (!isPermanent(err)) throw err; // transient: the whole batch rolls back and is resent
    return false;
  }
  const note = (type: string, id: string) => touched.set(`${type}:${id}`, { type, id });
  for (const [entity, rows] of byEntity) {
    for (const row of rows) {
      if (AWARD_REFERENCE[entity]) note(AWARD_REFERENCE[entity], String(row.id));
      if (entity === 'point_awards') note(String(row.reference_type), String(row.reference_id));
    }
  }
  return true;
}

async function applyMutation(
  tx: Tx,
  m: Mutation,
  clientId: string,
  opts: PushOptions,
  touched: Map<string, { type: string; id: string }>,
): Promise<void> {
  if (!isSyncEntity(m.entity)) throw new Rejected(`unknown entity ${m.entity}`);
  const entity = m.entity;
  const key = SYNC_ENTITIES[entity];
  // The token decides whose row this is; a device's local user id never reaches the platform.
  const payload = { ...m.payload, user_id: opts.userId, [key]: entity === 'settings' ? opts.userId : m.entity_id };
  const entityId = payload[key] as string;
  const note = (type: string, id: string) => touched.set(`${type}:${id}`, { type, id });
  if (AWARD_REFERENCE[entity]) note(AWARD_REFERENCE[entity], entityId);
  if (entity === 'point_awards') note(String(payload.reference_type), String(payload.reference_id));

  if (m.op === 'delete' && payload.deleted_at == null) {
    await tx.query(hardDeleteSql(entity), [entityId, opts.userId]);
    return;
  }
  validateTimes(entity, payload, opts.now);

  const { rows: current } = await tx.query<{ user_id: string; deleted_at: string | null }>(
    `SELECT user_id, ${entity === 'point_awards' || entity === 'settings' ? 'NULL::timestamptz AS deleted_at' : 'deleted_at'}
       FROM ${entity} WHERE ${key} = $1`,
    [entityId],
  );
  const existing = current[0];
  if (existing && existing.user_id !== opts.userId) throw new Rejected(`${entity} ${entityId} is not yours`);
  if (entity === 'point_awards' && existing) return; // the award's UUID is its idempotency key

  if (existing?.deleted_at && payload.deleted_at == null) {
    // Deletes win over a concurrent edit; only the device that deleted may restore.
    const { rows } = await tx.query<{ client_id: string | null }>(
      'SELECT client_id FROM sync_tombstone WHERE user_id = $1 AND entity = $2 AND entity_id = $3',
      [opts.userId, entity, entityId],
    );
    if (rows[0]?.client_id !== clientId) {
      await tx.query('SELECT note_account_change($1, $2, $3)', [opts.userId, entity, entityId]);
      return;
    }
  }
  if (existing?.deleted_at && payload.deleted_at != null) {
    payload.deleted_at = existing.deleted_at; // the first delete stands; a later one changes nothing
  }
  await tx.query(await upsertRowSql(tx, entity), [JSON.stringify(payload)]);
  if (payload.deleted_at != null && !existing?.deleted_at && 'deleted_at' in payload) {
    await tx.query(
      `INSERT INTO sync_tombstone (user_id, entity, entity_id, client_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, entity, entity_id) DO UPDATE SET client_id = excluded.client_id`,
      [opts.userId, entity, entityId, clientId],
    );
  }
}

/** DESIGN §8: the server validates times against its own clock (end ≤ now + 5 min). */
function validateTimes(entity: SyncEntity, row: Record<string, unknown>, now: Date): void {
  if (entity !== 'study_sessions' && entity !== 'session_activities') return;
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  for (const col of ['start_time', 'end_time'] as const) {
    const value = row[col];
    if (value == null) continue;
    const t = Date.parse(String(value));
    if (Number.isNaN(t)) throw new Rejected(`${col} is not an instant`);
    if (t > limit) throw new Rejected(`${col} ${String(value)} is in the future`);
  }
}

/** Data and constraint errors (SQLSTATE classes 22 and 23) never succeed on retry. */
function isPermanent(err: unknown): boolean {
  if (err instanceof Rejected) return true;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23') || code === 'P0001');
}

async function noteChangeIfPresent(tx: Tx, entity: SyncEntity, entityId: string, userId: string): Promise<void> {
  await tx.query(
    `SELECT note_account_change($2, $3, $1) FROM ${entity} WHERE ${SYNC_ENTITIES[entity]} = $1 AND user_id = $2`,
    [entityId, userId, entity],
  );
}
