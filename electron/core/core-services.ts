import type { Core, CoreOptions } from './core';
import { TimerEngine } from './timer/engine';

/** A feature that runs beside the channels for the life of a core. */
export interface CoreService {
  stop(): Promise<void>;
}

/**
 * Started after the core opened (the timer engine recovers a run left by the last process),
 * stopped in reverse order before the database closes.
 */
export async function startCoreServices(core: Core, options: CoreOptions): Promise<CoreService[]> {
  const timer = await TimerEngine.start(core, options.timer);
  return [{ stop: () => timer.close() }];
}
