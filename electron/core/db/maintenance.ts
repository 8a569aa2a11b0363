import type { Db } from '../../../shared/db/db';

export interface MaintenanceTimers {
  setInterval(fn: () => void, ms: number): { unref?(): void };
  clearInterval(handle: unknown): void;
  now(): number;
}

export interface MaintenanceOptions {
  /** CHECKPOINT at least this often while busy (PGlite has no checkpointer process). */
  checkpointEveryMs?: number;
  /** Quiet time after the last call before idle work runs. */
  idleAfterMs?: number;
  /** ANALYZE at most this often, on idle (PGlite has no autovacuum). */
  analyzeEveryMs?: number;
  /** VACUUM at most this often, and only after a long quiet spell: on years of data it holds the core for seconds. */
  vacuumEveryMs?: number;
  vacuumIdleAfterMs?: number;
  /** Further idle work (the daily backup), run after the housekeeping on every idle tick. */
  onIdle?: () => Promise<void>;
  timers?: MaintenanceTimers;
}

const realTimers: MaintenanceTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  now: () => Date.now(),
};

/**
 * The housekeeping a PostgreSQL server's background processes would do: bounded WAL through
 * periodic and on-idle CHECKPOINT, fresh planner statistics through ANALYZE on idle, and
 * reclaimed space through a daily VACUUM after a long quiet spell (on the heavy dataset VACUUM
 * holds PGlite's single thread for ~12 s, so it must never run while the student is active).
 */
export class Maintenance {
  private lastActivity: number;
  private lastCheckpoint: number;
  private lastVacuum = Number.NEGATIVE_INFINITY;
  private lastAnalyze = Number.NEGATIVE_INFINITY;
  private dirty = false;
  private running: Promise<void> = Promise.resolve();
  private readonly handle: unknown;
  private readonly opts: Required<Omit<MaintenanceOptions, 'timers' | 'onIdle'>>;
  private readonly onIdle: (() => Promise<void>) | undefined;
  private readonly timers: MaintenanceTimers;

  constructor(
    private readonly db: Db,
    options: MaintenanceOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.onIdle = options.onIdle;
    this.opts = {
      checkpointEveryMs: options.checkpointEveryMs ?? 5 * 60_000,
      idleAfterMs: options.idleAfterMs ?? 30_000,
      analyzeEveryMs: options.analyzeEveryMs ?? 60 * 60_000,
      vacuumEveryMs: options.vacuumEveryMs ?? 24 * 60 * 60_000,
      vacuumIdleAfterMs: options.vacuumIdleAfterMs ?? 10 * 60_000,
    };
    this.lastActivity = this.lastCheckpoint = this.timers.now();
    const h = this.timers.setInterval(() => void this.tick(), Math.min(this.opts.idleAfterMs, 10_000));
    h.unref?.();
    this.handle = h;
  }

  /** Called on every write so idle work waits for a quiet moment. */
  noteWrite(): void {
    this.lastActivity = this.timers.now();
    this.dirty = true;
  }

  async tick(): Promise<void> {
    const now = this.timers.now();
    const quiet = now - this.lastActivity;
    const idle = quiet >= this.opts.idleAfterMs;
    const checkpointDue = this.dirty && (idle || now - this.lastCheckpoint >= this.opts.checkpointEveryMs);
    const changedSince = (t: number) => t < this.lastActivity;
    const vacuumDue =
      quiet >= this.opts.vacuumIdleAfterMs && now - this.lastVacuum >= this.opts.vacuumEveryMs && changedSince(this.lastVacuum);
    const analyzeDue = !vacuumDue && idle && now - this.lastAnalyze >= this.opts.analyzeEveryMs && changedSince(this.lastAnalyze);
    const idleWork = idle ? this.onIdle : undefined;
    if (!checkpointDue && !vacuumDue && !analyzeDue && !idleWork) return;
    this.running = this.running.then(async () => {
      if (vacuumDue) {
        await this.db.exec('VACUUM (ANALYZE)');
        this.lastVacuum = this.lastAnalyze = this.timers.now();
      } else if (analyzeDue) {
        await this.db.exec('ANALYZE');
        this.lastAnalyze = this.timers.now();
      }
      if (checkpointDue || vacuumDue) {
        await this.db.exec('CHECKPOINT');
        this.lastCheckpoint = this.timers.now();
        this.dirty = false;
      }
      await idleWork?.().catch((err: unknown) => console.error('idle work failed', err));
    });
    await this.running;
  }

  async stop(): Promise<void> {
    this.timers.clearInterval(this.handle);
    await this.running;
  }
}
