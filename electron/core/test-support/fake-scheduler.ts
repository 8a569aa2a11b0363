import type { TimerScheduler } from '../timer/engine';
import type { TestClock } from './test-core';

/**
 * OS timers on a test clock: `advance` moves the clock to each due callback in turn and runs it,
 * so a test can let 25 minutes pass without waiting for them.
 */
export class FakeScheduler implements TimerScheduler {
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  constructor(private readonly clock: TestClock) {}

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.next++;
    this.pending.set(handle, { at: this.clock.now().getTime() + ms, fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Runs every callback due within `minutes`, each at its due instant; `settle` awaits its work. */
  async advance(minutes: number, settle: () => Promise<void>): Promise<void> {
    const end = this.clock.now().getTime() + minutes * 60_000;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.clock.set(new Date(Math.max(due[1].at, this.clock.now().getTime())).toISOString());
      due[1].fn();
      await settle();
    }
    this.clock.set(new Date(end).toISOString());
  }

  get size(): number {
    return this.pending.size;
  }
}
