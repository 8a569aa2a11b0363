import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE_DIR } from '../core/core';
import type { FromCore } from '../core/hosts/utility-protocol';
import { CoreBridge } from './core-bridge';

// Inspects what `electron-vite build` wrote (CI builds before it tests). PGlite must stay an
// external package of the utility bundle (DESIGN §4: bundled, it loses its .wasm/.data files),
// and main must not load it at all.
const OUT = fileURLToPath(new URL('../../out/', import.meta.url));
const built = existsSync(join(OUT, 'main', 'utility.js'));
const run = built || process.env.CI ? describe : describe.skip;

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]!);

/** Every module a built entry loads, following its local chunks. */
function closure(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    for (const spec of imports(file)) {
      if (spec.startsWith('.')) visit(join(file, '..', spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

run('the built Electron bundles', () => {
  it('emits the main, utility and preload entries', () => {
    expect(existsSync(join(OUT, 'main', 'index.js')), 'run npm run build first').toBe(true);
    expect(existsSync(join(OUT, 'main', 'utility.js'))).toBe(true);
    expect(existsSync(join(OUT, 'preload', 'index.cjs'))).toBe(true);
  });

  it('keeps PGlite external to the utility bundle and out of main entirely', () => {
    const utility = closure(join(OUT, 'main', 'utility.js'));
    expect(utility.packages).toContain('@electric-sql/pglite');
    expect(utility.packages).not.toContain('electron');
    const main = closure(join(OUT, 'main', 'index.js'));
    expect([...main.packages].filter((p) => p.includes('pglite'))).toEqual([]);
    for (const file of readdirSync(join(OUT, 'main'), { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const text = readFileSync(join(file.parentPath, file.name), 'utf8');
      expect(text, `${file.name} bundles PGlite's own code`).not.toMatch(/class PGlite\b|pglite\.wasm|initdb\.wasm/);
    }
  });

  it('the sandboxed preload requires nothing but electron', () => {
    const text = readFileSync(join(OUT, 'preload', 'index.cjs'), 'utf8');
    expect([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('the built utility host opens a real database with PGlite loaded from node_modules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-built-'));
    const children: ChildProcess[] = [];
    try {
      const bridge = new CoreBridge({
        spawn: () => {
          const child = fork(join(OUT, 'main', 'utility.js'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
          children.push(child);
          return {
            post: (m) => void (child.connected && child.send(m)),
            onMessage: (fn) => child.on('message', (m) => fn(m as FromCore)),
            onExit: (fn) => child.once('exit', fn),
            kill: () => void child.kill('SIGKILL'),
          };
        },
        init: { type: 'init', dataDir: join(dir, 'pgdata'), templateDir: DEFAULT_TEMPLATE_DIR, tokenFile: join(dir, 't.json'), sealTokens: false, startSync: false },
      });
      await bridge.start();
      expect(await bridge.invoke('timer.state', {})).toMatchObject({ ok: true, data: { status: 'idle' } });
      expect(await bridge.invoke('classes.create', { name: 'Biology' })).toMatchObject({ ok: true, data: { class: { name: 'Biology' } } });
      await bridge.close();
      expect(existsSync(join(dir, 'pgdata.lock'))).toBe(false);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
