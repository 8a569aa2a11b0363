import { Core, type CoreOptions } from '../core';

/** A settable clock: tests move time instead of waiting for it. */
export class TestClock {
  private t: number;
  constructor(start: string) {
    this.t = Date.parse(start);
  }
  now = (): Date => new Date(this.t);
  set(instant: string): void {
    this.t = Date.parse(instant);
  }
  advanceMinutes(minutes: number): void {
    this.t += minutes * 60_000;
  }
  iso(): string {
    return new Date(this.t).toISOString();
  }
}

/** An in-memory core on a fixed clock and zone (opens from the template in ~1 s). */
export async function openTestCore(
  start: string,
  timeZone = 'UTC',
  extra: Partial<CoreOptions> = {},
): Promise<{ core: Core; clock: TestClock }> {
  const clock = new TestClock(start);
  const core = await Core.open({ dataDir: null, clock: clock.now, timeZone, maintenance: false, ...extra });
  return { core, clock };
}
