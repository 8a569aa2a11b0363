import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../../migrations';
import { migrate } from '../../../shared/db/migrate';
import { Maintenance, type MaintenanceTimers } from './maintenance';
import { type LocalDb, openPglite } from './pglite-db';

class FakeTimers implements MaintenanceTimers {
  t = 0;
  setInterval = () => ({});
  clearInterval = () => undefined;
  now = () => this.t;
}

let db: LocalDb;
let statements: string[];

beforeEach(async () => {
  db = await openPglite(null);
  await migrate(db, migrationsFor('desktop'));
  statements = [];
  const exec = db.exec.bind(db);
  db.exec = async (sql: string) => {
    statements.push(sql);
    await exec(sql); // the real statement still runs against the real database
  };
});
afterEach(async () => db.close());

describe('database housekeeping', () => {
  it('checkpoints and analyzes on idle after writes, vacuums only after a long quiet spell, and stays quiet otherwise', async () => {
    const timers = new FakeTimers();
    const m = new Maintenance(db, {
      timers, idleAfterMs: 30_000, checkpointEveryMs: 300_000, analyzeEveryMs: 3_600_000,
      vacuumEveryMs: 86_400_000, vacuumIdleAfterMs: 600_000,
    });
    m.noteWrite();
    timers.t = 10_000;
    await m.tick();
    expect(statements).toEqual([]); // busy: nothing yet

    timers.t = 45_000;
    await m.tick();
    expect(statements).toEqual(['ANALYZE', 'CHECKPOINT']);

    timers.t = 100_000;
    await m.tick();
    expect(statements).toHaveLength(2); // nothing written since

    m.noteWrite();
    timers.t = 140_000;
    await m.tick();
    expect(statements.slice(2)).toEqual(['CHECKPOINT']); // analyze waits for its hour

    timers.t = 140_000 + 600_000;
    await m.tick();
    expect(statements.slice(3)).toEqual(['VACUUM (ANALYZE)', 'CHECKPOINT']); // ten quiet minutes

    timers.t += 3_600_000;
    await m.tick();
    expect(statements).toHaveLength(5); // nothing changed since the vacuum
    await m.stop();
  });

  it('checkpoints a busy database every few minutes even without an idle moment', async () => {
    const timers = new FakeTimers();
    const m = new Maintenance(db, { timers, idleAfterMs: 30_000, checkpointEveryMs: 300_000 });
    for (let t = 0; t <= 310_000; t += 10_000) {
      timers.t = t;
      m.noteWrite();
      await m.tick();
    }
    expect(statements).toEqual(['CHECKPOINT']);
    await m.stop();
  });
});
