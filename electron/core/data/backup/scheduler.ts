export interface DailyBackupDeps {
  /** The instant by the core's clock, in ms. */
  now(): number;
  /** When the newest automatic backup was made (ms), or null when there is none. */
  lastDaily(): Promise<number | null>;
  /** Takes the daily backup and rotates the folder; returns false when the core was busy after all. */
  backUp(): Promise<boolean>;
}

const DAY_MS = 24 * 3_600_000;

/**
 * The automatic backup: asked on every idle moment (the maintenance idle path), it backs up when
 * the last automatic backup is a day old, so at most one a day and only while nothing else runs.
 */
export class DailyBackupScheduler {
  private last: number | null | undefined;

  constructor(
    private readonly deps: DailyBackupDeps,
    private readonly everyMs = DAY_MS,
  ) {}

  async onIdle(): Promise<void> {
    if (this.last === undefined) this.last = await this.deps.lastDaily();
    const now = this.deps.now();
    if (this.last !== null && now - this.last < this.everyMs) return;
    if (await this.deps.backUp()) this.last = now;
  }
}
