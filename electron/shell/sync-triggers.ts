import type { Invoke } from './power-policy';
import type { Timers } from './core-bridge';

export interface SyncTriggerOptions {
  invoke: Invoke;
  timers?: Timers;
  clock?: () => number;
  /** Several triggers within this window make one sync. */
  debounceMs?: number;
  /** Focus is frequent: at most one focus-triggered sync per this interval. */
  focusIntervalMs?: number;
}

const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

/**
 * The sync triggers only main sees (DESIGN §8): the machine coming online and the window gaining
 * focus, debounced into one `sync.now`, and only while an account is signed in. The core runs
 * its own start-up, local-write and retry triggers.
 */
export class SyncTriggers {
  private signedIn = false;
  private online: boolean | null = null;
  private handle: unknown = null;
  private lastFocusSync = -Infinity;
  private readonly timers: Timers;
  private readonly clock: () => number;

  constructor(private readonly options: SyncTriggerOptions) {
    this.timers = options.timers ?? realTimers;
    this.clock = options.clock ?? Date.now;
  }

  setSignedIn(signedIn: boolean): void {
    this.signedIn = signedIn;
  }

  /**
   * Follows the core's sync.changed: triggers fire only while signed in and not waiting for the
   * student (to sign in again, or to install an update), when a try could only fail again.
   */
  follow(status: { signed_in: boolean; state: string }): void {
    this.setSignedIn(status.signed_in && status.state !== 'sign_in_needed' && status.state !== 'update_required');
  }

  /** Feed it net.isOnline() readings: an offline → online edge syncs. */
  setOnline(online: boolean): void {
    const cameOnline = this.online === false && online;
    this.online = online;
    if (cameOnline) this.request();
  }

  windowFocused(): void {
    const now = this.clock();
    if (now - this.lastFocusSync < (this.options.focusIntervalMs ?? 60_000)) return;
    this.lastFocusSync = now;
    this.request();
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private request(): void {
    if (!this.signedIn || this.online === false || this.handle !== null) return;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      if (!this.signedIn) return;
      void this.options.invoke('sync.now', {}).then((r) => {
        if (!r.ok && r.error.code !== 'UNAUTHORIZED') console.error(`sync.now failed: ${r.error.message}`);
      });
    }, this.options.debounceMs ?? 2_000);
  }
}
