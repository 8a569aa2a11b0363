/**
 * Renderer budgets (DESIGN §9), on a fresh build of the renderer:
 * - renderer.initial_js_gzip_kb: the JS index.html loads before anything is lazy — its entry
 *   scripts, modulepreloads and their static imports, each gzipped — ≤ 350 KB;
 * - renderer.dashboard_nav_ms: from a hash navigation to #/dashboard (from a freshly loaded other
 *   page) until the dashboard's data is on screen and painted, served by the web host on the heavy
 *   dataset, in Debian's Chromium — ≤ 300 ms.
 *
 * `npm run bench` calls benchRenderer with its working copy of the heavy data dir; alone,
 * `npx tsx bench/renderer.ts` copies the dataset `npm run bench` cached in .bench-data/.
 */
import { chromium } from '@playwright/test';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BenchLine, summarize } from './stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
/** The dashboard with its data on screen (renderer/src/pages/Dashboard.tsx sets it). */
export const DASHBOARD_READY = '[data-ready="dashboard"]';
const WARM_UP = 3;
const N = 20;

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Builds the renderer into `outDir` (the whole electron-vite build: it has no renderer-only mode). */
function buildRenderer(outDir: string): string {
  const bin = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build', '--outDir', outDir, '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`electron-vite build failed (${result.status}): ${result.stderr}`);
  return path.join(outDir, 'renderer');
}

/** The files index.html makes the browser fetch up front, and everything they import statically. */
export function initialScripts(rendererDir: string): string[] {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => path.resolve(rendererDir, m[1]!.replace(/^\//, '')));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    // Static `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`; never `import("./x.js")`.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) visit(path.resolve(path.dirname(file), m[1]!));
  };
  refs.forEach(visit);
  return [...seen];
}

function startWebHost(dataDir: string, staticDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/hosts/web.ts', '--port', '0', '--data-dir', dataDir,
    '--static', staticDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  let output = '';
  return new Promise((ok, ko) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /web host on (http:\/\/\S+)/.exec(output);
      if (match) ok({ url: match[1]!, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => ko(new Error(`web host exited (${code}):\n${output}`)));
  });
}

async function stopWebHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.on('exit', ok));
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(kill);
}

/**
 * Time from `location.hash = '#/dashboard'` to the first frame painted with the ready marker in
 * the DOM, measured inside the page (no round trips to the test driver in the measurement).
 */
const MEASURE_NAVIGATION = `new Promise((resolve, reject) => {
  const t0 = performance.now();
  const timeout = setTimeout(() => reject(new Error('the dashboard did not show its data within 30 s')), 30000);
  const done = () => requestAnimationFrame(() => { clearTimeout(timeout); resolve(performance.now() - t0); });
  const observer = new MutationObserver(() => {
    if (document.querySelector(${JSON.stringify(DASHBOARD_READY)})) { observer.disconnect(); done(); }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  location.hash = '#/dashboard';
})`;

export async function benchRenderer(heavyDataDir: string, emit: (line: BenchLine) => void): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'study-desk-bench-renderer-'));
  try {
    log('renderer: building ...');
    const rendererDir = buildRenderer(path.join(work, 'out'));
    const scripts = initialScripts(rendererDir);
    const gzipKb = scripts.reduce((sum, file) => sum + gzipSync(fs.readFileSync(file)).length, 0) / 1024;
    log(`renderer: initial JS ${scripts.map((f) => path.basename(f)).join(', ')}`);
    emit(summarize('renderer.initial_js_gzip_kb', [gzipKb], 'KB', 350));

    const { url, child } = await startWebHost(heavyDataDir, rendererDir);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const samples: number[] = [];
      log(`renderer: ${WARM_UP} + ${N} navigations to the dashboard on the heavy dataset ...`);
      for (let i = 0; i < WARM_UP + N; i++) {
        // A fresh document each time (a goto that only changes the hash would keep the old one), so
        // no store holds the dashboard's data from the previous round.
        await page.goto('about:blank');
        await page.goto(`${url}/#/focus`);
        await page.getByRole('heading', { level: 1, name: 'Focus' }).waitFor();
        await page.waitForLoadState('networkidle');
        const ms = (await page.evaluate(MEASURE_NAVIGATION)) as number;
        if (i >= WARM_UP) samples.push(ms);
      }
      log(`  samples: ${samples.map((ms) => Math.round(ms)).join(', ')} ms`);
      emit(summarize('renderer.dashboard_nav_ms', samples, 'ms', 300));
    } finally {
      await browser.close();
      await stopWebHost(child);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The heavy data dir `npm run bench` built and cached (the newest one). */
function cachedHeavyDataset(): string {
  const cache = path.join(ROOT, '.bench-data');
  const dirs = (fs.existsSync(cache) ? fs.readdirSync(cache) : [])
    .filter((name) => /^heavy-[0-9a-f]+$/.test(name) && fs.existsSync(path.join(cache, `${name}.json`)))
    .map((name) => path.join(cache, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!dirs[0]) throw new Error('no heavy dataset in .bench-data/: run npm run bench once to build it');
  return dirs[0];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'study-desk-bench-heavy-'));
  let failed = 0;
  try {
    const source = cachedHeavyDataset();
    log(`renderer: copying ${path.relative(ROOT, source)} ...`);
    fs.cpSync(source, path.join(copy, 'pgdata'), { recursive: true });
    await benchRenderer(path.join(copy, 'pgdata'), (line) => {
      process.stdout.write(`${JSON.stringify(line)}\n`);
      if (!line.ok) failed++;
    });
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
  if (failed > 0) process.exitCode = 1;
}
