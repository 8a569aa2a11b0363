import type { CheckOutput } from '../../../shared/contract/data';
import type { Db } from '../../../shared/db/db';
import { type Migration, migrationStatus, schemaVersion } from '../../../shared/db/migrate';
import { rowCounts } from './backup/backup';
import { ledgerMismatches, orphanActivities, outboxProblems, staleOpenSessions } from './invariants';

type Check = CheckOutput['checks'][number];

const SAMPLES = 10;

function verdict(name: Check['name'], problems: string[], what: string): Check {
  return {
    name,
    ok: problems.length === 0,
    count: problems.length,
    message: problems.length === 0 ? `no ${what}` : `${problems.length} ${what}`,
    samples: problems.slice(0, SAMPLES),
  };
}

/** Runs one check; a query that fails is itself the finding (a damaged table, a missing column). */
async function attempt(name: Check['name'], run: () => Promise<Check>): Promise<Check> {
  try {
    return await run();
  } catch (err) {
    return { name, ok: false, count: 1, message: `the check could not run: ${(err as Error).message}`, samples: [] };
  }
}

/**
 * `data.check`: the database opens and reads every table, the migrations are the ones this build
 * ships (by checksum), and the invariants hold. Reports counts; changes nothing. Without
 * `invariants` only the first two run (a restore reports those: the invariants held when the
 * backup was taken, and checking them on a large history costs seconds).
 */
export async function checkDatabase(db: Db, migrations: readonly Migration[], now: string, options: { invariants?: boolean } = {}): Promise<CheckOutput> {
  let counts: Record<string, number> = {};
  const checks: Check[] = [];
  checks.push(
    await attempt('database', async () => {
      counts = await rowCounts(db); // a full scan of every table: unreadable pages fail here
      return { name: 'database', ok: true, count: 0, message: `opens; ${Object.keys(counts).length} tables read`, samples: [] };
    }),
  );
  let version = 'unknown';
  checks.push(
    await attempt('migrations', async () => {
      const status = await migrationStatus(db, migrations);
      version = status.applied.length > 0 ? status.applied.map((a) => a.name).sort((a, b) => order(a).localeCompare(order(b))).at(-1)! : 'none';
      const problems = [
        ...status.mismatched.map((m) => `${m}: changed after it was applied (checksum mismatch)`),
        ...status.unknown.map((m) => `${m}: applied by a newer version of the app`),
        ...status.pending.map((m) => `${m}: not applied`),
      ];
      const check = verdict('migrations', problems, 'migrations out of step');
      return check.ok ? { ...check, message: `${status.applied.length} applied, matching ${schemaVersion(migrations)}` } : check;
    }),
  );
  if (options.invariants === false) return { ok: checks.every((c) => c.ok), checked_at: now, schema_version: version, row_counts: counts, checks };
  checks.push(
    await attempt('ledger', async () =>
      verdict(
        'ledger',
        (await ledgerMismatches(db)).map((m) => `${m.ref}: awards sum to ${m.awarded}, the formula gives ${m.expected}`),
        'point references whose awards do not sum to the formula',
      ),
    ),
  );
  checks.push(await attempt('open_sessions', async () => verdict('open_sessions', await staleOpenSessions(db, now), 'sessions left open without a live timer')));
  checks.push(await attempt('outbox', async () => verdict('outbox', await outboxProblems(db, { everyRowQueued: false }), 'outbox entries out of step with their rows')));
  checks.push(await attempt('orphan_activities', async () => verdict('orphan_activities', await orphanActivities(db), 'activities without a live session')));
  return { ok: checks.every((c) => c.ok), checked_at: now, schema_version: version, row_counts: counts, checks };
}

const order = (name: string) => name.slice(name.indexOf('/') + 1);
