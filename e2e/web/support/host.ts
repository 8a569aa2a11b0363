// The real web host (electron/core/hosts/web.ts) as a child process on its own data dir, the way
// `npm run web` runs it: the tests drive the built renderer it serves and ask the same core, over
// the same /api/invoke endpoint, for the numbers the pages must show.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The renderer build the host serves: `npm run build` writes it; E2E_STATIC_DIR points elsewhere. */
export const STATIC_DIR = process.env.E2E_STATIC_DIR ?? path.join(ROOT, 'out', 'renderer');

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface RunningHost {
  readonly url: string;
  readonly dataDir: string;
  /** Calls a core channel through the host; throws with the core's typed error. */
  invoke<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Stops the host (SIGTERM: it closes the core and releases the lock) and removes its folder. */
  stop(): Promise<void>;
}

/** Runs a TypeScript entry of this repo in a fresh Node through tsx. */
export function spawnTs(entry: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the CLI to completion and returns its parsed JSON answer. */
export async function cli<T = unknown>(args: string[]): Promise<T> {
  const child = spawnTs('electron/core/hosts/cli.ts', args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  if (code !== 0) throw new Error(`cli ${args.join(' ')} exited ${code}: ${stderr.trim()}`);
  return JSON.parse(stdout) as T;
}

/**
 * Starts the web host on a copy of `template` (a data dir, or none for a first run from the app's
 * template) in a fresh temp folder, and waits until it prints its URL.
 */
export async function startHost(template: string | null): Promise<RunningHost> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'study-desk-e2e-host-'));
  const dataDir = path.join(root, 'pgdata');
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  const child = spawnTs('electron/core/hosts/web.ts', ['--port', '0', '--data-dir', dataDir, '--static', STATIC_DIR]);
  let output = '';
  const exited = new Promise<number | null>((ok) => child.on('exit', ok));
  const url = await new Promise<string>((ok, ko) => {
    const timer = setTimeout(() => ko(new Error(`web host did not start in ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /web host on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        ok(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      ko(new Error(`web host exited (${code}) before it started:\n${output}`));
    });
  }).catch((err: unknown) => {
    child.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  });
  // Keep draining the pipes so a chatty host never blocks on a full buffer; errors go to the test log.
  child.stdout!.on('data', () => undefined);
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[web host] ${chunk.toString()}`));

  return {
    url,
    dataDir,
    async invoke<C extends Channel>(channel: C, input: unknown = {}): Promise<ChannelOutput<C>> {
      const res = await fetch(`${url}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: true; data: ChannelOutput<C> } | { ok: false; error: { code: string; message: string } };
      if (!body.ok) throw new Error(`${channel}: ${body.error.code} ${body.error.message}`);
      return body.data;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timeout);
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
