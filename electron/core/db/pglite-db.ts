import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { type Db, type QueryOptions, type Tx, typeParsers } from '../../../shared/db/db';
import { migrate, type Migration } from '../../../shared/db/migrate';
import { PreparedStatements } from './prepared';

/**
 * PGlite's own start parameters (0.5.16) minus `-F`, so commits are fsynced; plus a small buffer
 * pool (idle RSS ~300 MB -> ~180 MB) and a small WAL, since PGlite has no checkpointer of its own.
 * `open_datasync` measured ~28% slower per write than no fsync; `open_sync` crashes PGlite.
 */
export const START_PARAMS = [
  '--single', '-O', '-j',
  '-c', 'search_path=public',
  '-c', 'exit_on_error=false',
  '-c', 'log_checkpoints=false',
  '-c', 'max_worker_processes=0',
  '-c', 'max_parallel_workers=0',
  '-c', 'max_parallel_workers_per_gather=0',
  '-c', 'io_method=sync',
  '-c', 'max_parallel_maintenance_workers=0',
  '-c', 'shared_buffers=16MB',
  '-c', 'wal_sync_method=open_datasync',
  '-c', 'max_wal_size=64MB',
  '-c', 'min_wal_size=32MB',
];

export interface LocalDb extends Db {
  readonly pglite: PGlite;
  close(): Promise<void>;
}

export function wrapPglite(pglite: PGlite): LocalDb {
  // Prepared statements live with the connection; they are used only inside a transaction, which
  // keeps every other query out while one runs (see PreparedStatements).
  const prepared = new PreparedStatements(pglite);
  const asTx = (q: Pick<PGlite, 'query' | 'exec'>, inTransaction: boolean): Tx => ({
    async query<Row>(sql: string, params?: readonly unknown[], options?: QueryOptions) {
      if (inTransaction && options?.prepare) return prepared.query<Row>(sql, params);
      const r = await q.query<Row>(sql, params as unknown[] | undefined);
      return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    ...asTx(pglite, false),
    pglite,
    transaction: (fn) => pglite.transaction((tx) => fn(asTx(tx, true))),
    close: () => pglite.close(),
  };
}

/**
 * PGlite runs as one big wasm module: V8 starts every function in its baseline compiler (Liftoff)
 * and recompiles the hot ones with TurboFan in the background. By default it runs those jobs on
 * every worker thread it has (Node's pool is 4), so on a 2-core machine the main thread — the one
 * running the queries — got about half a core while a cold core opened the heavy data dir and
 * read the dashboard (~640 ms; ~1.5 s of CPU for 0.6 s of wall time). One background job at a
 * time leaves the main thread a core of its own (~430 ms) and tiers up the same functions, a bit
 * later. The flag is read whenever a tier-up job starts, so setting it before the first PGlite
 * is enough; a flag given on the command line wins.
 */
export function limitWasmCompileThreads(): void {
  if (!process.execArgv.some((a) => a.startsWith('--wasm-num-compilation-tasks'))) {
    setFlagsFromString('--wasm-num-compilation-tasks=1');
  }
}

const PGLITE_OPTIONS = { startParams: START_PARAMS, parsers: typeParsers };

/** Opens (or creates) a PGlite database; `dataDir` null means in memory. */
export async function openPglite(dataDir: string | null, template?: Blob): Promise<LocalDb> {
  if (dataDir) mkdirSync(dirname(dataDir), { recursive: true });
  limitWasmCompileThreads();
  const pglite = new PGlite({
    ...PGLITE_OPTIONS,
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
  });
  await pglite.waitReady;
  return wrapPglite(pglite);
}

/** Written after the first open completes: a data dir without it is an interrupted first run. */
export const READY_MARKER = 'study-desk.ready';

/** A data dir exists once PostgreSQL wrote its version file into it. */
export const isInitialized = (dataDir: string): boolean => existsSync(`${dataDir}/PG_VERSION`);

export function pgliteVersion(): string {
  // The package does not export its package.json; it sits one level above dist/.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8');
  return (JSON.parse(pkg) as { version: string }).version;
}

/** A template is valid for one PGlite version and one exact set of migrations. */
export function templateKey(migrations: readonly Migration[]): string {
  const h = createHash('sha256').update(pgliteVersion());
  for (const m of migrations) h.update(m.name).update('\0').update(m.sql);
  return h.digest('hex').slice(0, 16);
}

/**
 * The shipped first-run template: a data dir already through initdb and every migration, dumped
 * with `dumpDataDir`. Loading it costs ~0.8 s against 2-3 s for initdb + migrations.
 */
export async function ensureTemplate(templateDir: string, migrations: readonly Migration[]): Promise<string> {
  const file = `${templateDir}/pgdata-${templateKey(migrations)}.tar.gz`;
  if (existsSync(file)) return file;
  const db = await openPglite(null);
  try {
    await migrate(db, migrations);
    await db.exec('CHECKPOINT');
    const dump = await db.pglite.dumpDataDir('gzip');
    mkdirSync(templateDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  } finally {
    await db.close();
  }
  return file;
}

export function readTemplate(file: string): Blob {
  return new Blob([readFileSync(file)]);
}
