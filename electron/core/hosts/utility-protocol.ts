import type { ErrorBody, Result } from '../../../shared/contract/errors';
import type { CoreEventName } from '../../../shared/contract/events';

/**
 * The messages between Electron main and the core's utility process (DESIGN §1). Plain data only:
 * both sides post them over a MessagePort (structured clone), or over Node's fork IPC in tests.
 */

/** The first message main sends: where the data lives and how tokens are sealed. */
export interface UtilityInit {
  type: 'init';
  dataDir: string;
  /** Where the first-run template is kept (a writable dir; shipped with the app when possible). */
  templateDir?: string;
  /** The signed-in account's tokens, sealed by main's safeStorage when `sealTokens`. */
  tokenFile: string;
  sealTokens: boolean;
  /** Start the sync engine's own triggers (start-up, local writes). */
  startSync: boolean;
}

export type ToCore =
  | UtilityInit
  | { type: 'invoke'; id: number; channel: string; input: unknown }
  | { type: 'cipher.result'; id: number; ok: true; text: string }
  | { type: 'cipher.result'; id: number; ok: false; message: string }
  | { type: 'close' };

export type FromCore =
  | { type: 'ready'; pid: number }
  | { type: 'failed'; error: ErrorBody }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: CoreEventName; payload: unknown }
  /** The core asks main to seal or open the token file's text with safeStorage. */
  | { type: 'cipher'; id: number; op: 'encrypt' | 'decrypt'; text: string }
  | { type: 'closed' };
