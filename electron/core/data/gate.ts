/**
 * Calls share the database; a restore replaces it. Ordinary calls run side by side (PGlite
 * serialises their queries anyway), an exclusive call waits for them to finish and holds back
 * new ones until it is done, so no call ever meets a closed or half-swapped database.
 */
export class CallGate {
  private running = 0;
  private exclusiveTurn: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusiveTurn) await this.exclusiveTurn;
    this.running++;
    try {
      return await fn();
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
    if (this.exclusiveTurn || this.running > 0) return null;
    return this.exclusive(fn);
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusiveTurn) await this.exclusiveTurn;
    let release!: () => void;
    this.exclusiveTurn = new Promise((resolve) => (release = resolve));
    try {
      if (this.running > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      return await fn();
    } finally {
      this.exclusiveTurn = null;
      release();
    }
  }
}
