import { randomBytes } from 'node:crypto';
import { migrationsFor } from '../../migrations';
import { migrate } from '../../shared/db/migrate';
import type { TokenPair } from '../../shared/contract/sync';
import { createDatabase, type EphemeralPostgres, startPostgres } from '../../testing/postgres';
import { createPlatformServer, type PlatformServer } from '../app';
import { createPgDb, type PgDb } from '../db/pg-db';
import { silentLogger } from '../log';

/** A settable server clock. */
export class ServerClock {
  constructor(private t = Date.now()) {}
  now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestPlatform {
  url: string;
  db: PgDb;
  app: PlatformServer;
  clock: ServerClock;
  secret: Uint8Array;
  register(email: string, password?: string): Promise<TokenPair>;
  stop(): Promise<void>;
}

let counter = 0;

/**
 * The platform API on a fresh database of an ephemeral PostgreSQL cluster (one cluster per test
 * file; pass it in to put several servers on one). Null when PostgreSQL is absent outside CI.
 */
export async function startPlatform(
  opts: { pg?: EphemeralPostgres; clock?: ServerClock; loginLimit?: { limit: number; windowMs: number } } = {},
): Promise<(TestPlatform & { pg: EphemeralPostgres }) | null> {
  const pg = opts.pg ?? (await startPostgres());
  if (!pg) return null;
  const dbUrl = await createDatabase(pg.url, `platform_${process.pid}_${++counter}`);
  const db = createPgDb(dbUrl);
  await migrate(db, migrationsFor('server'));
  const clock = opts.clock ?? new ServerClock();
  const secret = randomBytes(32);
  const app = createPlatformServer({ db, jwtSecret: secret, clock: clock.now, log: process.env.PLATFORM_LOG ? undefined : silentLogger, loginLimit: opts.loginLimit });
  const url = await app.listen(0);
  return {
    pg,
    url,
    db,
    app,
    clock,
    secret,
    async register(email, password = 'correct horse battery') {
      const res = await fetch(`${url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 201) throw new Error(`register ${email}: ${res.status} ${await res.text()}`);
      return (await res.json()) as TokenPair;
    },
    async stop() {
      await app.close(1_000);
      await db.close();
      if (!opts.pg) await pg.stop();
    },
  };
}
