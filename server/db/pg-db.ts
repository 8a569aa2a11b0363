/** The `Db` interface on a `pg` pool, parsing types exactly as the PGlite adapter does. */
import pg from 'pg';
import type { Db, QueryResult, Tx } from '../../shared/db/db';
import { typeParsers } from '../../shared/db/db';

export type PgDb = Db & { close(): Promise<void>; pool: pg.Pool };

// Per-pool parsers: pg's global registry is shared by every pool and client in the process.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const parser = format === 'binary' ? undefined : typeParsers[oid];
    return parser ?? pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function createPgDb(connectionString: string, opts: { max?: number } = {}): PgDb {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    types,
    // JIT is off: the report functions' big plans cross jit_above_cost, and compiling them took
    // longer (100-500 ms on the heavy profile's range report) than running them (milliseconds).
    options: '-c TimeZone=UTC -c jit=off',
  });
  // An idle client that loses its connection is dropped by the pool and the next query reports
  // the failure; without a listener the 'error' event would crash the process.
  pool.on('error', () => {});

  return {
    pool,
    query: (sql, params) => runQuery(pool, sql, params),

    async transaction(fn) {
      const client = await pool.connect();
      let finished = false;
      const open = () => {
        if (finished) throw new Error('transaction already finished; its tx was used outside it');
      };
      // One connection runs one statement at a time. The shared services may issue a transaction's
      // reads side by side (Promise.all), as PGlite allows; they queue here, in call order, rather
      // than in pg's own client queue, which pg 8 deprecates and pg 9 removes.
      let tail: Promise<unknown> = Promise.resolve();
      const serial = <T>(run: () => Promise<T>): Promise<T> => {
        const next = tail.then(run);
        tail = next.catch(() => undefined);
        return next;
      };
      const tx: Tx = {
        query(sql, params) {
          return serial(async () => {
            open();
            return runQuery(client, sql, params);
          });
        },
        exec(sql) {
          return serial(async () => {
            open();
            await client.query(sql);
          });
        },
      };
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          broken = rollbackErr as Error; // the connection is unusable; destroy it rather than pool it
        }
        throw err;
      } finally {
        finished = true;
        client.release(broken);
      }
    },

    // No parameters: pg sends it with the simple protocol, which allows several statements.
    async exec(sql) {
      await pool.query(sql);
    },

    close: () => pool.end(),
  };
}

async function runQuery<Row>(
  target: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly unknown[] = [],
): Promise<QueryResult<Row>> {
  // Always the extended protocol, as PGlite's query(): one statement, parameters never inlined.
  // (`queryMode` is missing from @types/pg, hence the untyped literal.)
  const config = { text: sql, values: [...params], queryMode: 'extended' };
  const result = await target.query(config);
  return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
}
