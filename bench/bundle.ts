/**
 * Builds a bench entry the way the app ships the core: one ESM bundle, npm packages external
 * (PGlite must stay unbundled: its .wasm/.data files live beside it), migrations inlined as text.
 * Measuring through tsx would charge ~75 MB of TypeScript tooling to the core's idle RSS.
 */
import { build, type Plugin } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Replaces the file-reading migrations loader with the same files inlined. */
const inlineMigrations: Plugin = {
  name: 'inline-migrations',
  setup(b) {
    b.onLoad({ filter: /migrations[\\/]index\.ts$/ }, () => {
      const read = (folder: string) =>
        readdirSync(path.join(ROOT, 'migrations', folder))
          .filter((f) => f.endsWith('.sql'))
          .map((f) => ({ name: `${folder}/${f}`, sql: readFileSync(path.join(ROOT, 'migrations', folder, f), 'utf8') }));
      const files = { shared: read('shared'), desktop: read('desktop'), server: read('server') };
      return {
        loader: 'ts',
        contents: `const files = ${JSON.stringify(files)};
export function migrationsFor(target) {
  const order = (m) => m.name.slice(m.name.indexOf('/') + 1);
  return [...files.shared, ...files[target]].sort((a, b) => order(a).localeCompare(order(b)));
}`,
      };
    });
  },
};

export async function bundleEntry(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile: path.join(ROOT, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    plugins: [inlineMigrations],
    logLevel: 'warning',
  });
  return path.join(ROOT, outfile);
}
