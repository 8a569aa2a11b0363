import type { ErrorBody, Result } from '../../shared/contract/errors';
import type { CoreEventName } from '../../shared/contract/events';
import type { FromCore, ToCore, UtilityInit } from '../core/hosts/utility-protocol';

/** One running core process as main sees it (a utilityProcess in the app, a fork in tests). */
export interface CoreProcess {
  post(message: ToCore): void;
  onMessage(listener: (message: FromCore) => void): void;
  /** Called once when the process is gone, whatever the reason. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** main's safeStorage, for the core's token file. */
export interface Sealer {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

export type BridgeState = 'starting' | 'ready' | 'restarting' | 'failed' | 'closed';

export interface CoreBridgeOptions {
  spawn: () => CoreProcess;
  init: UtilityInit;
  sealer?: Sealer;
  timers?: Timers;
  /** How long a call may take before it answers UNAVAILABLE. */
  timeoutMs?: (channel: string) => number;
  /** How long the first open may take (a first run builds the database). */
  startTimeoutMs?: number;
  closeTimeoutMs?: number;
  /** Restarts allowed within `restartWindowMs` before the bridge gives up. */
  maxRestarts?: number;
  restartWindowMs?: number;
  restartDelayMs?: (attempt: number) => number;
  clock?: () => number;
}

/** Channels that move whole databases or files, or wait on the network. */
const SLOW_CHANNELS = new Set(['data.backup', 'data.restore', 'data.exportAll', 'data.import', 'data.check', 'reports.export', 'sync.now', 'account.signIn']);

export const defaultTimeout = (channel: string): number => (SLOW_CHANNELS.has(channel) ? 10 * 60_000 : 30_000);

const unavailable = (message: string): { ok: false; error: ErrorBody } => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

interface Pending {
  channel: string;
  input: unknown;
  resolve: (result: Result<unknown>) => void;
  timer: unknown;
  /** Posted to the current process (an in-flight call dies with it; a queued one waits for the next). */
  sent: boolean;
}

export type CoreEventListener = (name: CoreEventName, payload: unknown) => void;

/**
 * Main's side of the core (DESIGN §1): spawns the utility process, matches answers to calls by
 * request id, times calls out, relays events, and restarts a core that died. The timer survives a
 * restart because the core persists it (timer_state) and the new core resumes it on open.
 *
 * A call in flight when the core dies answers UNAVAILABLE (it may or may not have committed, so it
 * is never replayed); calls made while the core restarts wait for it, within their timeout.
 */
export class CoreBridge {
  private process: CoreProcess | null = null;
  private state: BridgeState = 'starting';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<CoreEventListener>();
  private readonly stateListeners = new Set<(state: BridgeState, error?: ErrorBody) => void>();
  private restarts: number[] = [];
  private generation = 0;
  private startWaiters: { ok: () => void; ko: (error: ErrorBody) => void }[] = [];
  private startTimer: unknown = null;
  private closeWaiter: (() => void) | null = null;
  private lastError: ErrorBody | null = null;
  private readonly timers: Timers;
  private readonly clock: () => number;

  constructor(private readonly options: CoreBridgeOptions) {
    this.timers = options.timers ?? realTimers;
    this.clock = options.clock ?? Date.now;
  }

  get status(): BridgeState {
    return this.state;
  }

  /** Spawns the core; resolves once it is open, rejects with its error (LOCKED, a damaged dir…). */
  start(): Promise<void> {
    const ready = this.whenReady();
    this.spawn();
    return ready;
  }

  /** Resolves the next time the core is ready. */
  whenReady(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    return new Promise((ok, ko) => this.startWaiters.push({ ok, ko: (error) => ko(Object.assign(new Error(error.message), error)) }));
  }

  invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.state === 'failed' || this.state === 'closed') {
      return Promise.resolve(unavailable(this.state === 'closed' ? 'the app is shutting down' : `the core could not start: ${this.lastError?.message ?? 'unknown error'}`));
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const ms = (this.options.timeoutMs ?? defaultTimeout)(channel);
      const timer = this.timers.setTimeout(() => {
        if (!this.pending.delete(id)) return;
        resolve(unavailable(`the core did not answer ${channel} within ${Math.round(ms / 1000)} s`));
      }, ms);
      const call: Pending = { channel, input, resolve, timer, sent: false };
      this.pending.set(id, call);
      if (this.state === 'ready') this.send(id, call);
    });
  }

  onEvent(listener: CoreEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onState(listener: (state: BridgeState, error?: ErrorBody) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Asks the core to close its database cleanly; kills it if it has not within the close timeout. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const proc = this.process;
    this.setState('closed');
    this.failAll('the app is shutting down');
    if (!proc) return;
    await new Promise<void>((done) => {
      const timer = this.timers.setTimeout(() => {
        proc.kill();
        done();
      }, this.options.closeTimeoutMs ?? 15_000);
      this.closeWaiter = () => {
        this.timers.clearTimeout(timer);
        done();
      };
      proc.post({ type: 'close' });
    });
    this.process = null;
  }

  private spawn(): void {
    const generation = ++this.generation;
    const proc = this.options.spawn();
    this.process = proc;
    proc.onMessage((message) => {
      if (generation === this.generation) this.receive(message);
    });
    proc.onExit((code) => {
      if (generation === this.generation) this.exited(code);
    });
    this.startTimer = this.timers.setTimeout(() => {
      if (generation !== this.generation || this.state === 'ready') return;
      this.startFailed({ code: 'UNAVAILABLE', message: 'the core did not open in time' });
      proc.kill();
    }, this.options.startTimeoutMs ?? 120_000);
    proc.post(this.options.init);
  }

  private receive(message: FromCore): void {
    switch (message.type) {
      case 'ready': {
        this.timers.clearTimeout(this.startTimer);
        this.setState('ready');
        for (const w of this.startWaiters.splice(0)) w.ok();
        for (const [id, call] of this.pending) if (!call.sent) this.send(id, call);
        break;
      }
      case 'failed':
        this.timers.clearTimeout(this.startTimer);
        this.startFailed(message.error);
        this.process?.kill();
        break;
      case 'result': {
        const call = this.pending.get(message.id);
        if (!call) return; // timed out already
        this.pending.delete(message.id);
        this.timers.clearTimeout(call.timer);
        call.resolve(message.result);
        break;
      }
      case 'event':
        for (const listener of this.eventListeners) {
          try {
            listener(message.name, message.payload);
          } catch (err) {
            console.error(`bridge: listener for ${message.name} failed`, err);
          }
        }
        break;
      case 'cipher':
        this.seal(message);
        break;
      case 'closed':
        this.closeWaiter?.();
        break;
    }
  }

  private seal(message: Extract<FromCore, { type: 'cipher' }>): void {
    const { sealer } = this.options;
    let reply: ToCore;
    try {
      if (!sealer) throw new Error('no keychain: tokens cannot be sealed');
      const text = message.op === 'encrypt' ? sealer.encrypt(message.text) : sealer.decrypt(message.text);
      reply = { type: 'cipher.result', id: message.id, ok: true, text };
    } catch (err) {
      reply = { type: 'cipher.result', id: message.id, ok: false, message: (err as Error).message };
    }
    this.process?.post(reply);
  }

  private send(id: number, call: Pending): void {
    call.sent = true;
    this.process!.post({ type: 'invoke', id, channel: call.channel, input: call.input });
  }

  private exited(code: number | null): void {
    this.timers.clearTimeout(this.startTimer);
    this.process = null;
    if (this.state === 'closed') {
      this.closeWaiter?.();
      return;
    }
    if (this.state === 'failed') return;
    for (const [id, call] of this.pending) {
      if (!call.sent) continue;
      this.pending.delete(id);
      this.timers.clearTimeout(call.timer);
      call.resolve(unavailable(`the core stopped (exit ${code ?? 'signal'}) while answering ${call.channel}; it restarts, check whether the change was saved`));
    }
    const now = this.clock();
    const window = this.options.restartWindowMs ?? 60_000;
    this.restarts = this.restarts.filter((t) => now - t < window);
    if (this.restarts.length >= (this.options.maxRestarts ?? 5)) {
      this.startFailed({ code: 'UNAVAILABLE', message: `the core stopped ${this.restarts.length + 1} times within ${Math.round(window / 1000)} s` });
      return;
    }
    this.restarts.push(now);
    this.setState('restarting');
    const delay = (this.options.restartDelayMs ?? ((n) => Math.min(5_000, 250 * 2 ** n)))(this.restarts.length - 1);
    this.timers.setTimeout(() => {
      if (this.state === 'restarting') this.spawn();
    }, delay);
  }

  private startFailed(error: ErrorBody): void {
    this.lastError = error;
    this.setState('failed', error);
    for (const w of this.startWaiters.splice(0)) w.ko(error);
    this.failAll(`the core could not start: ${error.message}`);
  }

  private failAll(message: string): void {
    for (const [id, call] of this.pending) {
      this.pending.delete(id);
      this.timers.clearTimeout(call.timer);
      call.resolve(unavailable(message));
    }
  }

  private setState(state: BridgeState, error?: ErrorBody): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state, error);
  }
}
