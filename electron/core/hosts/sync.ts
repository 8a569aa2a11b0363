import { dirname, join, resolve } from 'node:path';
import type { Core } from '../core';
import type { SyncEngine } from '../sync/engine';
import { startSync, stopSync } from '../sync/registry';
import { FileTokenStore } from '../sync/token-store';

/**
 * Where the CLI and the web host keep the signed-in account's tokens: beside the data dir
 * (`<userData>/sync-tokens.json` for the app's default one), readable by its owner only. They have
 * no keychain; the Electron app seals its own with safeStorage.
 */
export const syncTokenFile = (dataDir: string): string => join(dirname(resolve(dataDir)), 'sync-tokens.json');

/**
 * Gives a host's core a sync engine that remembers the account in the token file. `start` adds the
 * start-up and local-write triggers (the web host); without it nothing syncs but an explicit
 * sync.now (the CLI: one push and pull, then exit). No network until an account is signed in.
 */
export function hostSync(core: Core, dataDir: string, start: boolean): Promise<SyncEngine> {
  return startSync(core, { tokenStore: new FileTokenStore(syncTokenFile(dataDir)) }, start);
}

export { stopSync };
