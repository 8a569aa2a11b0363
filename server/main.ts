/**
 * `npm run server`: the platform API on PORT (default 8012). PostgreSQL when DATABASE_URL is set,
 * else embedded PGlite in SERVER_DATA_DIR (default .server-data/). JWT_SECRET (≥ 32 bytes) signs
 * access tokens; without it a random secret is generated once and kept in the data dir (0600).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsFor } from '../migrations';
import { migrate } from '../shared/db/migrate';
import { createPlatformServer } from './app';
import { serverConfig } from './config';
import { createPgDb } from './db/pg-db';
import { createPgliteDb } from './db/pglite-db';
import { createLogger } from './log';

const log = createLogger();

function jwtSecret(dataDir: string): Uint8Array {
  if (process.env.JWT_SECRET) return new TextEncoder().encode(process.env.JWT_SECRET);
  const file = path.join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

async function main(): Promise<void> {
  const { port, host, dataDir, databaseUrl: url } = serverConfig(process.env);
  const db = url ? createPgDb(url) : await createPgliteDb(path.join(dataDir, 'pglite'));
  const migrations = migrationsFor('server');
  await migrate(db, migrations);
  const app = createPlatformServer({ db, jwtSecret: jwtSecret(dataDir), log, schemaVersion: migrations.at(-1)?.name ?? '' });
  const address = await app.listen(port, host);
  log.info('listening', { address, database: url ? 'postgresql' : 'pglite' });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    await app.close(10_000);
    await db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  log.error('failed to start', { error: err instanceof Error ? err.stack : String(err) });
  process.exit(1);
});
