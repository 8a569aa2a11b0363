import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Migration } from '../shared/db/migrate';

export type MigrationTarget = 'desktop' | 'server';

const root = fileURLToPath(new URL('.', import.meta.url));

function folder(name: 'shared' | MigrationTarget): Migration[] {
  let files: string[];
  try {
    files = readdirSync(`${root}/${name}`);
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith('.sql'))
    .map((f) => ({ name: `${name}/${f}`, sql: readFileSync(`${root}/${name}/${f}`, 'utf8') }));
}

/**
 * The ordered migrations for one side: the shared files (identical on both) plus the side's own,
 * ordered by their number so desktop/0101 runs after shared/0004 and before a future shared/0102.
 */
export function migrationsFor(target: MigrationTarget): Migration[] {
  const order = (m: Migration) => m.name.slice(m.name.indexOf('/') + 1);
  return [...folder('shared'), ...folder(target)].sort((a, b) => order(a).localeCompare(order(b)));
}
