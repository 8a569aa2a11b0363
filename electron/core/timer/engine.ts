import { AppError } from '../../../shared/contract/errors';
import type { TimerView } from '../../../shared/contract/timer';
import {
  HEARTBEAT_MS, nextChangeAt, reconcile, TimerConflict, type TimerState, type TimerStop, timerView,
} from '../../../shared/domain/timer';
import type { Ctx } from '../../../shared/services/context';
import { endSession } from '../../../shared/services/sessions';
import type { Core } from '../core';
import { beat, loadTimer, saveTimer } from './store';

/** The OS timers, injected so tests drive the engine with a fake clock. */
export interface TimerScheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TimerEngineOptions {
  scheduler?: TimerScheduler;
  heartbeatMs?: number;
}

const nodeScheduler: TimerScheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), // the timer never keeps a host alive on its own
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What one timer operation does inside its transaction: the next state and the call's answer. */
export type TimerOp<T> = (ctx: Ctx, state: TimerState) => Promise<{ state: TimerState; result: T }>;

const engines = new WeakMap<Core, TimerEngine>();

export function timerOf(core: Core): TimerEngine {
  const engine = engines.get(core);
  if (!engine) throw new AppError('UNAVAILABLE', 'the timer is not running in this host');
  return engine;
}

/**
 * Owns the focus timer of one core (DESIGN §7): the state lives in timer_state and changes in the
 * same transaction as the session it drives. The engine only schedules: the next phase change,
 * and a heartbeat every 30 s while a session is held. Every change is published as timer.changed.
 */
export class TimerEngine {
  private readonly scheduler: TimerScheduler;
  private readonly heartbeatMs: number;
  private phaseHandle: unknown = null;
  private beatHandle: unknown = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly core: Core,
    options: TimerEngineOptions,
  ) {
    this.scheduler = options.scheduler ?? nodeScheduler;
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  }

  /** Recovery at open: a silent run is reconciled (short silence paused, long one closed). */
  static async start(core: Core, options: TimerEngineOptions = {}): Promise<TimerEngine> {
    const engine = new TimerEngine(core, options);
    engines.set(core, engine);
    await engine.tick();
    // A restore or an import replaced the rows under the timer: follow whatever they hold.
    core.events.on('data.changed', ({ ids }) => {
      if (ids.length === 0) engine.fire();
    });
    return engine;
  }

  async view(): Promise<TimerView> {
    return this.serial(async () => timerView(await this.reconcileNow(), this.core.now()));
  }

  /**
   * Runs `op` on the reconciled state in one transaction and publishes the result. A run that the
   * reconciliation closes (long silence) is committed first, on its own, before `op` sees idle.
   */
  async run<T>(op: TimerOp<T>): Promise<{ view: TimerView; result: T }> {
    return this.serial(async () => {
      await this.reconcileNow();
      try {
        const { state, result } = await this.core.transaction(async (ctx) => {
          const next = await op(ctx, await loadTimer(ctx));
          await saveTimer(ctx, { ...next.state, alive_at: next.state.status === 'idle' ? null : ctx.now });
          return next;
        });
        return { view: this.changed(state), result };
      } catch (err) {
        if (err instanceof TimerConflict) throw new AppError('CONFLICT', err.message);
        throw err;
      }
    });
  }

  /** Heartbeat and phase changes: reconcile with now, write the heartbeat, publish what moved. */
  async tick(): Promise<void> {
    await this.serial(() => this.reconcileNow());
  }

  /** Resolves when every queued operation and tick has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await this.queue;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancel();
    // A last heartbeat, so the next open measures the silence from the moment the host quit.
    await this.serial(() => this.reconcileNow()).catch((err: unknown) => console.error('timer: final heartbeat failed', err));
  }

  private async reconcileNow(): Promise<TimerState> {
    const { before, after } = await this.core.transaction(async (ctx) => {
      const before = await loadTimer(ctx);
      const { state, stop } = reconcile(before, ctx.now);
      if (stop) await endTimerSession(ctx, stop, {});
      if (state.status !== 'idle' && state.session_id) await beat(ctx, state.session_id);
      if (state !== before) await saveTimer(ctx, state);
      return { before, after: state };
    });
    if (comparable(before) !== comparable(after)) this.changed(after);
    else this.schedule(after);
    return after;
  }

  private changed(state: TimerState): TimerView {
    const view = timerView(state, this.core.now());
    this.schedule(state);
    this.core.events.emit('timer.changed', view);
    return view;
  }

  private schedule(state: TimerState): void {
    this.cancel();
    if (this.closed || state.status === 'idle') return;
    const now = Date.parse(this.core.now());
    this.beatHandle = this.scheduler.setTimeout(() => this.fire(), this.heartbeatMs);
    const due = nextChangeAt(state);
    if (due !== null) this.phaseHandle = this.scheduler.setTimeout(() => this.fire(), Math.max(0, Date.parse(due) - now));
  }

  /** A scheduled tick takes its turn at the call gate like any call (a restore may hold the database). */
  private fire(): void {
    if (this.closed) return;
    this.core.gate
      .shared(() => (this.closed ? Promise.resolve() : this.tick()))
      .catch((err: unknown) => console.error('timer: tick failed', err));
  }

  private cancel(): void {
    if (this.phaseHandle !== null) this.scheduler.clearTimeout(this.phaseHandle);
    if (this.beatHandle !== null) this.scheduler.clearTimeout(this.beatHandle);
    this.phaseHandle = this.beatHandle = null;
  }

  /** One operation at a time, so the schedule always follows the last committed state. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The state without the heartbeat: what a listener would see change. */
const comparable = (s: TimerState) => JSON.stringify({ ...s, alive_at: null });

export async function endTimerSession(
  ctx: Ctx,
  stop: TimerStop,
  ratings: { mood_rating?: number | null; productivity_rating?: number | null; notes?: string | null },
) {
  return endSession(ctx, { session_id: stop.session_id, end_time: stop.end_time, paused_seconds: stop.paused_seconds, ...ratings });
}
