import type { ShellStatus } from '../../../shared/contract/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { Result } from '../../../shared/contract/errors';
import type { CoreEventName, CoreEvents } from '../../../shared/contract/events';

/**
 * Everything the UI can ask of the core, whatever carries it (the Electron preload or the web
 * host): the one contract of shared/contract, typed end to end. Calls answer a Result, never throw.
 */
export interface Api {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to a core event; returns the unsubscribe. */
  onEvent<E extends CoreEventName>(name: E, listener: (payload: CoreEvents[E]) => void): () => void;
  /** The desktop shell's own state (idle detection, shortcut, tray); only inside Electron. */
  shellStatus?: () => Promise<ShellStatus>;
}

/** What a transport answers when it cannot reach the core at all. */
export const unreachable = (message: string): Result<never> => ({ ok: false, error: { code: 'UNAVAILABLE', message } });
