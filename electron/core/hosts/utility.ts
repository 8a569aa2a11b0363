// The utility-process host (DESIGN §1): what the Electron app runs. Main forks this file with
// `utilityProcess.fork`, sends an `init` message, then forwards every `invoke` and receives the
// core's events; the protocol is in utility-protocol.ts. PGlite runs its queries synchronously,
// so it lives here and never blocks main's event loop (the tray, the windows).
//
// The same file runs under Node's child_process.fork (fork IPC instead of process.parentPort),
// which is how the bridge is tested against a real core without an Electron binary.
import type { Result } from '../../../shared/contract/errors';
import { CORE_EVENT_NAMES } from '../../../shared/contract/events';
import { Core } from '../core';
import { toErrorBody } from '../errors';
import { startSync, stopSync } from '../sync/registry';
import { FileTokenStore, type TokenCipher } from '../sync/token-store';
import type { FromCore, ToCore, UtilityInit } from './utility-protocol';

/** Electron's `process.parentPort` (typed here: the core never imports electron). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface ParentLink {
  post(message: FromCore): void;
  onMessage(listener: (message: ToCore) => void): void;
  /** Main went away (fork IPC only; a utility process dies with its parent). */
  onDisconnect(listener: () => void): void;
}

function parentLink(): ParentLink | null {
  const port = (process as { parentPort?: ParentPort }).parentPort;
  if (port) {
    return {
      post: (m) => port.postMessage(m),
      onMessage: (fn) => port.on('message', (e) => fn(e.data as ToCore)),
      onDisconnect: () => undefined,
    };
  }
  if (process.send) {
    return {
      post: (m) => void process.send?.(m),
      onMessage: (fn) => process.on('message', (m) => fn(m as ToCore)),
      onDisconnect: (fn) => process.on('disconnect', fn),
    };
  }
  return null;
}

/** Seals token text through main's safeStorage: one request per call, answered by id. */
class ParentCipher implements TokenCipher {
  private nextId = 1;
  private readonly waiting = new Map<number, { ok: (text: string) => void; ko: (err: Error) => void }>();

  constructor(private readonly link: ParentLink) {}

  encrypt(plain: string): Promise<string> {
    return this.ask('encrypt', plain);
  }

  decrypt(sealed: string): Promise<string> {
    return this.ask('decrypt', sealed);
  }

  answer(message: Extract<ToCore, { type: 'cipher.result' }>): void {
    const waiter = this.waiting.get(message.id);
    if (!waiter) return;
    this.waiting.delete(message.id);
    if (message.ok) waiter.ok(message.text);
    else waiter.ko(new Error(message.message));
  }

  private ask(op: 'encrypt' | 'decrypt', text: string): Promise<string> {
    const id = this.nextId++;
    return new Promise((ok, ko) => {
      this.waiting.set(id, { ok, ko });
      this.link.post({ type: 'cipher', id, op, text });
    });
  }
}

/** Serves one core over `link` until main sends `close` (or goes away). */
export function serveCore(link: ParentLink): void {
  const cipher = new ParentCipher(link);
  let core: Core | null = null;
  let opening: Promise<void> | null = null;
  let closing: Promise<void> | null = null;

  const open = async (init: UtilityInit) => {
    try {
      core = await Core.open({ dataDir: init.dataDir, ...(init.templateDir ? { templateDir: init.templateDir } : {}) });
    } catch (err) {
      link.post({ type: 'failed', error: toErrorBody(err) });
      return;
    }
    for (const name of CORE_EVENT_NAMES) core.events.on(name, (payload) => link.post({ type: 'event', name, payload }));
    const tokenStore = new FileTokenStore(init.tokenFile, init.sealTokens ? cipher : undefined);
    await startSync(core, { tokenStore }, init.startSync);
    link.post({ type: 'ready', pid: process.pid });
  };

  const invoke = async (id: number, channel: string, input: unknown) => {
    let result: Result<unknown>;
    if (opening) await opening;
    if (!core || closing) result = { ok: false, error: { code: 'UNAVAILABLE', message: 'the core is not open' } };
    else result = await core.invoke(channel, input);
    link.post({ type: 'result', id, result });
  };

  const close = () =>
    (closing ??= (async () => {
      if (opening) await opening.catch(() => undefined);
      if (core) {
        stopSync(core);
        await core.close().catch((err: unknown) => console.error('core: close failed', err));
      }
      link.post({ type: 'closed' });
    })());

  link.onMessage((message) => {
    switch (message.type) {
      case 'init':
        opening ??= open(message);
        break;
      case 'invoke':
        void invoke(message.id, message.channel, message.input);
        break;
      case 'cipher.result':
        cipher.answer(message);
        break;
      case 'close':
        void close().then(() => setTimeout(() => process.exit(0), 50));
        break;
    }
  });
  link.onDisconnect(() => void close().then(() => process.exit(0)));
}

const link = parentLink();
if (link) serveCore(link);
