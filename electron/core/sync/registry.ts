import type { Core } from '../core';
import { SyncEngine, type SyncOptions } from './engine';
import { MemoryTokenStore } from './token-store';

const engines = new WeakMap<Core, SyncEngine>();

/**
 * The sync engine of a core, made on first use so Core.open does no sync work. A host configures
 * it (token store, fetch) before its first use; unconfigured, tokens live in memory only.
 */
export function syncEngineFor(core: Core, options?: SyncOptions): SyncEngine {
  let engine = engines.get(core);
  if (!engine) {
    engine = new SyncEngine(core, options ?? { tokenStore: new MemoryTokenStore() });
    engines.set(core, engine);
  } else if (options) {
    throw new Error('the sync engine of this core is already configured');
  }
  return engine;
}

/** Configures (replacing an earlier engine) and starts it: the start-up and local-write triggers. */
export async function startSync(core: Core, options: SyncOptions, start = true): Promise<SyncEngine> {
  engines.get(core)?.stop();
  const engine = new SyncEngine(core, options);
  engines.set(core, engine);
  if (start) await engine.start();
  return engine;
}

export function stopSync(core: Core): void {
  engines.get(core)?.stop();
}
