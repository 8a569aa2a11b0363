import { AsyncLocalStorage } from 'node:async_hooks';

interface Hold {
  kind: 'shared' | 'exclusive';
  /** Cleared when the call ends: a timer the call left behind inherits the hold but must not use it. */
  active: boolean;
}

/**
 * Calls share the database; a restore replaces it. Ordinary calls run side by side (PGlite
 * serialises their queries anyway), an exclusive call waits for them to finish and holds back
 * new ones until it is done, so no call ever meets a closed or half-swapped database.
 *
 * Re-entrant: work already inside a call (a channel that runs a sync cycle, which takes the
 * gate itself) goes ahead instead of waiting for an exclusive call that waits for it.
 */
export class CallGate {
  private running = 0;
  private exclusiveTurn: Promise<void> | null = null;
  private drained: (() => void) | null = null;
  private readonly hold = new AsyncLocalStorage<Hold>();

  private held(): Hold['kind'] | null {
    const h = this.hold.getStore();
    return h?.active ? h.kind : null;
  }

  private async within<T>(kind: Hold['kind'], fn: () => Promise<T>): Promise<T> {
    const h: Hold = { kind, active: true };
    try {
      return await this.hold.run(h, fn);
    } finally {
      h.active = false;
    }
  }

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held()) return fn();
    while (this.exclusiveTurn) await this.exclusiveTurn;
    this.running++;
    try {
      return await this.within('shared', fn);
    } finally {
      if (--this.running === 0) this.drained?.();
    }
  }

  /**
   * Runs `fn` exclusively only if nothing runs or waits right now; otherwise returns null at once.
   * For background work, which must never wait on (or hold up) a call: a restore waiting for the
   * maintenance loop while the loop waits for the restore would never finish.
   */
  async ifIdle<T>(fn: () => Promise<T>): Promise<T | null> {
    if (this.held() || this.exclusiveTurn || this.running > 0) return null;
    return this.exclusive(fn);
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const held = this.held();
    if (held === 'exclusive') return fn();
    if (held === 'shared') throw new Error('an exclusive call cannot start inside a shared one: it would wait for itself');
    while (this.exclusiveTurn) await this.exclusiveTurn;
    let release!: () => void;
    this.exclusiveTurn = new Promise((resolve) => (release = resolve));
    try {
      if (this.running > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      return await this.within('exclusive', fn);
    } finally {
      this.exclusiveTurn = null;
      release();
    }
  }
}
