import { migrationsFor } from '../../../migrations';
import { DEFAULT_TEMPLATE_DIR } from '../core';
import { ensureTemplate } from '../db/pglite-db';

/** Builds the first-run template once, before the test workers race to build it each. */
export default async function setup(): Promise<void> {
  await ensureTemplate(DEFAULT_TEMPLATE_DIR, migrationsFor('desktop'));
}
