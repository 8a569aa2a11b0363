import type { Core } from '../core';
import type { HostHandler } from '../host-handlers';
import { syncEngineFor } from './registry';

/** sync.* and account.* (DESIGN §8): answered by the core's sync engine. */
export const syncHostHandlers: {
  'sync.status': HostHandler<'sync.status'>;
  'sync.now': HostHandler<'sync.now'>;
  'account.signIn': HostHandler<'account.signIn'>;
  'account.signOut': HostHandler<'account.signOut'>;
} = {
  'sync.status': (core: Core) => syncEngineFor(core).status(),
  'sync.now': async (core: Core) => {
    const engine = syncEngineFor(core);
    // A failed cycle is a state, not an error: the status says offline / sign-in needed / update required.
    const { pushed, pulled } = await engine.syncNow().catch(() => ({ pushed: 0, pulled: 0 }));
    return { status: await engine.status(), pushed, pulled };
  },
  'account.signIn': (core, input) => syncEngineFor(core).signIn(input.server_url, input.email, input.password),
  'account.signOut': async (core) => ({ status: await syncEngineFor(core).signOut() }),
};
