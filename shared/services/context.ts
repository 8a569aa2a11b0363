import { v7 as uuidv7 } from 'uuid';
import type { AchievementEvent, DataEntity, MilestoneEvent, Settings } from '../contract';
import type { Db, Tx } from '../db/db';
import { studyDay } from '../domain/study-day';

/** What one call changed: the core turns it into events after the transaction commits. */
export class ChangeLog {
  readonly entities = new Set<DataEntity>();
  readonly ids = new Set<string>();
  readonly milestones: MilestoneEvent[] = [];
  readonly achievements: AchievementEvent[] = [];

  touch(entity: DataEntity, ...ids: string[]): void {
    this.entities.add(entity);
    for (const id of ids) this.ids.add(id);
  }
}

export interface Ctx {
  tx: Tx;
  userId: string;
  /** The instant the call runs at (ISO, UTC). Every time-dependent rule uses it, never the DB clock. */
  now: string;
  settings: Settings;
  changes: ChangeLog;
}

/** Today as a study day in the student's current zone. */
export const today = (ctx: Ctx): string => studyDay(ctx.now, ctx.settings.time_zone, ctx.settings.day_rollover_hour);

export const newId = (): string => uuidv7();

/** Runs `fn` in one transaction with app.now set, so triggers stamp the same instant the services use. */
export async function inTransaction<T>(
  db: Db,
  base: { userId: string; now: string; settings: Settings },
  fn: (ctx: Ctx) => Promise<T>,
): Promise<{ result: T; changes: ChangeLog }> {
  const changes = new ChangeLog();
  const result = await db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('app.now', $1, true)`, [base.now], { prepare: true });
    return fn({ ...base, tx, changes });
  });
  return { result, changes };
}

/** Instants may be given with any offset; everything the core stores and returns is UTC. */
export const toUtc = (instant: string): string => new Date(instant).toISOString();

export const FUTURE_TOLERANCE_MS = 5 * 60_000;
export const MAX_SESSION_MS = 24 * 3_600_000;
