import type { StudyDeskBridge } from '../../../shared/contract/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { Result } from '../../../shared/contract/errors';
import type { Api } from './api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser on the web host. */
    studyDesk?: Partial<StudyDeskBridge>;
  }
}

/** True when the preload exposes a usable bridge (an older preload may expose only `transport`). */
export function isBridge(value: Partial<StudyDeskBridge> | undefined): value is StudyDeskBridge {
  return value?.transport === 'electron' && typeof value.invoke === 'function' && typeof value.on === 'function';
}

/** The api over the preload's bridge: same calls, same results as the web host. */
export function createElectronApi(bridge: StudyDeskBridge): Api {
  return {
    invoke: <C extends Channel>(channel: C, input: ChannelInput<C>) =>
      bridge.invoke(channel, input) as Promise<Result<ChannelOutput<C>>>,
    onEvent: (name, listener) => bridge.on(name, listener as (payload: unknown) => void),
    ...(bridge.shellStatus ? { shellStatus: () => bridge.shellStatus!() } : {}),
  };
}
