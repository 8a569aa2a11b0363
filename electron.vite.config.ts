import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'electron-vite';

/**
 * migrations/index.ts reads the .sql files next to itself, which works from source (tsx, vitest)
 * but not from out/main/ or inside app.asar: the built core inlines them instead (DESIGN §3).
 */
function inlineMigrations(): Plugin {
  const dir = resolve(import.meta.dirname, 'migrations');
  const entry = resolve(dir, 'index.ts');
  return {
    name: 'study-desk:inline-migrations',
    load(id) {
      if (id !== entry) return null;
      const files: Record<string, { name: string; sql: string }[]> = {};
      for (const folder of ['shared', 'desktop', 'server']) {
        files[folder] = readdirSync(resolve(dir, folder))
          .filter((f) => f.endsWith('.sql'))
          .sort()
          .map((f) => ({ name: `${folder}/${f}`, sql: readFileSync(resolve(dir, folder, f), 'utf8') }));
        for (const f of files[folder]) this.addWatchFile(resolve(dir, f.name));
      }
      return `const FILES = ${JSON.stringify(files)};
export function migrationsFor(target) {
  const order = (m) => m.name.slice(m.name.indexOf('/') + 1);
  return [...FILES.shared, ...FILES[target]].sort((a, b) => order(a).localeCompare(order(b)));
}`;
    },
  };
}

// PGlite stays an external dependency of the main/core bundles: bundling it would lose its
// .wasm/.data files (DESIGN §4). electron-vite externalizes package dependencies by default.
export default defineConfig({
  main: {
    plugins: [inlineMigrations()],
    build: {
      rollupOptions: {
        // utility: the core's utility-process entry (PGlite runs there, never in main).
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          utility: resolve(import.meta.dirname, 'electron/core/hosts/utility.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      rollupOptions: {
        // electron-vite does not find index.html from `root` alone.
        input: resolve(import.meta.dirname, 'renderer/index.html'),
      },
    },
  },
});
