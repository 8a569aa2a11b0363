import type { Queryable } from '../../../shared/db/db';
import { outboxProblems } from '../data/invariants';

export { ledgerMismatches } from '../data/invariants';

/** Every synced row has an outbox entry carrying its latest state, and every entry names a row. */
export const outboxMismatches = (db: Queryable): Promise<string[]> => outboxProblems(db, { everyRowQueued: true });
