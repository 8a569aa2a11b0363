import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrationsFor } from '../../../migrations';
import type { ErrorBody } from '../../../shared/contract/errors';
import { migrate, migrationStatus } from '../../../shared/db/migrate';
import { Core } from '../core';
import { dataChannelWithoutCore } from '../data/offline';
import { acquireDataDirLock } from '../db/lock';
import { isInitialized, openPglite } from '../db/pglite-db';
import { toErrorBody } from '../errors';
import { defaultDataDir } from './paths';
import { hostSync } from './sync';

const USAGE = `usage: npm run -s cli -- [--data-dir DIR] [--now ISO-8601] <channel> ['<json input>' | -]
       npm run -s cli -- [--data-dir DIR] db migrate | db status
       npm run -s cli -- [--data-dir DIR] [--now ISO-8601] demo seed [--years N]`;

const EXIT_CODES: Partial<Record<ErrorBody['code'], number>> = { VALIDATION: 2, NOT_FOUND: 3, CONFLICT: 4, LOCKED: 5 };

class UsageError extends Error {}

function fixedClock(now: string | undefined): (() => Date) | undefined {
  if (now === undefined) return undefined;
  const t = Date.parse(now);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(now)) throw new UsageError(`--now ${now} is not an ISO-8601 instant`);
  const d = new Date(t);
  return () => new Date(d);
}

function readInput(arg: string | undefined): unknown {
  const text = arg === '-' ? readFileSync(0, 'utf8') : (arg ?? '{}');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw Object.assign(new Error(`input is not valid JSON: ${(err as Error).message}`), { cliCode: 'VALIDATION' });
  }
}

async function dbCommand(dataDir: string, sub: string | undefined): Promise<unknown> {
  const migrations = migrationsFor('desktop');
  if (sub !== 'migrate' && sub !== 'status') throw new UsageError(`unknown db command ${sub ?? ''}`);
  if (!isInitialized(dataDir)) {
    if (sub === 'status') return { initialized: false, data_dir: dataDir, pending: migrations.map((m) => m.name) };
    const core = await Core.open({ dataDir, maintenance: false });
    await core.close();
    return { initialized: true, data_dir: dataDir, applied: migrations.map((m) => m.name) };
  }
  const lock = acquireDataDirLock(dataDir);
  const db = await openPglite(dataDir);
  try {
    if (sub === 'migrate') return { data_dir: dataDir, ...(await migrate(db, migrations)) };
    const status = await migrationStatus(db, migrations);
    return { initialized: true, data_dir: dataDir, ...status };
  } finally {
    await db.close();
    lock.release();
  }
}

async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      now: { type: 'string' },
      years: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new UsageError('');
  if (positionals.length === 0) throw new UsageError('missing command');
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const clock = fixedClock(values.now);
  const [command, arg] = positionals;

  if (command === 'db') return dbCommand(dataDir, arg);

  let core: Core;
  try {
    core = await Core.open({ dataDir, ...(clock ? { clock } : {}) });
  } catch (err) {
    // A damaged data dir can still list its backups, be restored, and say what is wrong with it.
    const offline = await dataChannelWithoutCore(dataDir, command!, readInput(arg), err, clock ?? (() => new Date()));
    if (offline === undefined) throw err;
    return offline;
  }
  try {
    if (command === 'demo') {
      if (arg !== 'seed') throw new UsageError(`unknown demo command ${arg ?? ''}`);
      const years = values.years === undefined ? 1 : Number(values.years);
      if (!(years > 0 && years <= 20)) throw new UsageError('--years must be a number in (0, 20]');
      const { seedDemo } = await import('../demo/seed');
      return await seedDemo(core, { years, end: core.now() });
    }
    if (command!.startsWith('sync.') || command!.startsWith('account.')) await hostSync(core, dataDir, false);
    const result = await core.invoke(command!, readInput(arg));
    if (!result.ok) throw Object.assign(new Error(result.error.message), { body: result.error });
    return result.data;
  } finally {
    await core.close();
  }
}

function fail(body: ErrorBody): never {
  process.stderr.write(`${JSON.stringify({ error: body })}\n`);
  process.exit(EXIT_CODES[body.code] ?? 1);
}

try {
  const data = await run(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  process.exit(0);
} catch (err) {
  if (err instanceof UsageError) {
    if (err.message) process.stderr.write(`${err.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exit(err.message ? 2 : 0);
  }
  const e = err as { body?: ErrorBody; cliCode?: 'VALIDATION' };
  if (e.body) fail(e.body);
  if (e.cliCode) fail({ code: e.cliCode, message: (err as Error).message });
  fail(toErrorBody(err));
}
