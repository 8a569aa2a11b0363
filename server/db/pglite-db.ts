/** The platform on embedded PGlite, for `npm run server` without DATABASE_URL (development). */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Tx } from '../../shared/db/db';
import { typeParsers } from '../../shared/db/db';

export async function createPgliteDb(dataDir: string | null): Promise<Db & { close(): Promise<void> }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({ ...(dataDir ? { dataDir } : {}), parsers: typeParsers });
  await pglite.waitReady;
  const asTx = (q: Pick<PGlite, 'query' | 'exec'>): Tx => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const r = await q.query<Row>(sql, params as unknown[] | undefined);
      return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return { ...asTx(pglite), transaction: (fn) => pglite.transaction((tx) => fn(asTx(tx))), close: () => pglite.close() };
}
