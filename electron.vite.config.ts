import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// PGlite stays an external dependency of the main/core bundles: bundling it would lose its
// .wasm/.data files (DESIGN §4). electron-vite externalizes package dependencies by default.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') },
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
