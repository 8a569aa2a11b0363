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
  /** VACUUM (ANALYZE) at most this often, on idle (PGlite has no autovacuum). */
  vacuumEveryMs?: number;
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
 * periodic and on-idle CHECKPOINT, fresh planner statistics and reclaimed space through VACUUM.
 */
export class Maintenance {
  private lastActivity: number;
  private lastCheckpoint: number;
  private lastVacuum = Number.NEGATIVE_INFINITY;
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
      vacuumEveryMs: options.vacuumEveryMs ?? 60 * 60_000,
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
    const idle = now - this.lastActivity >= this.opts.idleAfterMs;
    const checkpointDue = this.dirty && (idle || now - this.lastCheckpoint >= this.opts.checkpointEveryMs);
    const vacuumDue = idle && now - this.lastVacuum >= this.opts.vacuumEveryMs && this.lastVacuum < this.lastActivity;
    const idleWork = idle ? this.onIdle : undefined;
    if (!checkpointDue && !vacuumDue && !idleWork) return;
    this.running = this.running.then(async () => {
      if (vacuumDue) {
        await this.db.exec('VACUUM (ANALYZE)');
        this.lastVacuum = this.timers.now();
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
