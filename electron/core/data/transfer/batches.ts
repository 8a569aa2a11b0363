import type { Tx } from '../../../../shared/db/db';

const BATCH = 500;

/**
 * Writes items in batches, each inside a savepoint; a batch the database rejects is retried one
 * item at a time, so one bad row is reported with the database's own reason and the rest still
 * go in. Returns the items written.
 */
export async function writeGuarded<T>(
  tx: Tx,
  items: readonly T[],
  write: (batch: readonly T[]) => Promise<void>,
  rejected: (item: T, reason: string) => void,
): Promise<T[]> {
  const written: T[] = [];
  const attempt = async (batch: readonly T[]): Promise<string | null> => {
    await tx.query('SAVEPOINT import_batch');
    try {
      await write(batch);
      await tx.query('RELEASE SAVEPOINT import_batch');
      return null;
    } catch (err) {
      await tx.query('ROLLBACK TO SAVEPOINT import_batch');
      await tx.query('RELEASE SAVEPOINT import_batch');
      return (err as Error).message;
    }
  };
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = items.slice(i, i + BATCH);
    if ((await attempt(batch)) === null) {
      written.push(...batch);
      continue;
    }
    for (const item of batch) {
      const reason = await attempt([item]);
      if (reason === null) written.push(item);
      else rejected(item, `rejected by the database: ${reason}`);
    }
  }
  return written;
}
