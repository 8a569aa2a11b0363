import type { Queryable } from '../../../shared/db/db';
import type { Core } from '../core';
import { openTestCore, type TestClock } from '../test-support/test-core';
import type { SyncEngine, SyncOptions } from './engine';
import { startSync } from './registry';
import { MemoryTokenStore } from './token-store';

export interface Device {
  core: Core;
  clock: TestClock;
  engine: SyncEngine;
}

export const PASSWORD = 'correct horse battery';

/** An in-memory desktop core signed in to the platform at `serverUrl` (usually the fault proxy). */
export async function openDevice(serverUrl: string, email: string, start: string, extra: Partial<SyncOptions> = {}): Promise<Device> {
  const { core, clock } = await openTestCore(start);
  const engine = await startSync(core, {
    tokenStore: new MemoryTokenStore(),
    backoffBaseMs: 5,
    requestTimeoutMs: 5_000,
    ...extra,
  }, false);
  await engine.signIn(serverUrl, email, PASSWORD);
  return { core, clock, engine };
}

/** Runs sync cycles until one succeeds with nothing pending (faults make some fail). */
export async function settle(device: Device, maxCycles = 60): Promise<void> {
  let lastError: unknown = null;
  for (let i = 0; i < maxCycles; i++) {
    try {
      await device.engine.syncNow();
      if ((await device.engine.status()).pending === 0) return;
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`did not settle after ${maxCycles} cycles: ${String(lastError)}`);
}

const SYNCED = ['classes', 'study_sessions', 'session_activities', 'study_goals', 'goal_progress', 'point_awards', 'achievements'] as const;

/** The synced rows of one account, without the user column (local and platform ids differ). */
export async function syncedState(q: Queryable, userId: string): Promise<Record<string, Record<string, unknown>>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const table of SYNCED) {
    const { rows } = await q.query<{ id: string; row: Record<string, unknown> }>(
      `SELECT id, to_jsonb(t) - 'user_id' - 'updated_at' - 'created_at' - 'last_heartbeat_at' AS row
         FROM ${table} t WHERE user_id = $1 ORDER BY id`,
      [userId],
    );
    for (const r of rows) state[`${table}:${r.id}`] = r.row;
  }
  return state;
}

/** Points as the formula over the rows: sessions, activities and achievements not deleted, plus adjustments. */
export async function formulaPoints(q: Queryable, userId: string): Promise<number> {
  const { rows } = await q.query<{ total: number }>(
    `SELECT ((SELECT coalesce(sum(points_earned), 0) FROM study_sessions WHERE user_id = $1 AND deleted_at IS NULL)
           + (SELECT coalesce(sum(points_earned), 0) FROM session_activities WHERE user_id = $1 AND deleted_at IS NULL)
           + (SELECT coalesce(sum(bonus_points), 0) FROM achievements WHERE user_id = $1 AND deleted_at IS NULL)
           + (SELECT coalesce(sum(delta), 0) FROM point_awards WHERE user_id = $1 AND reference_type = 'adjustment'))::integer AS total`,
    [userId],
  );
  return rows[0]!.total;
}

export async function ledgerPoints(q: Queryable, userId: string): Promise<number> {
  const { rows } = await q.query<{ total: number }>('SELECT coalesce(sum(delta), 0)::integer AS total FROM point_awards WHERE user_id = $1', [userId]);
  return rows[0]!.total;
}
