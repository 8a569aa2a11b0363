import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { Result } from '../../../shared/contract/errors';
import type { CoreEventName } from '../../../shared/contract/events';
import { type Api, unreachable } from './api';

export interface WebTransportOptions {
  /** Where the web host answers; '' is the page's own origin (the web host serves the page). */
  baseUrl?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

/**
 * The api over the web host: POST /api/invoke/:channel answers the same Result as the core, and
 * one EventSource on /api/events carries every event (reconnecting by itself).
 */
export function createWebApi(options: WebTransportOptions = {}): Api {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const Source = options.EventSource ?? globalThis.EventSource;
  const listeners = new Map<CoreEventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;

  function subscribe(name: CoreEventName): void {
    source ??= new Source(`${base}/api/events`);
    source.addEventListener(name, (event) => {
      let payload: unknown;
      try {
        payload = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const listener of listeners.get(name) ?? []) (listener as (p: unknown) => void)(payload);
    });
  }

  return {
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      let res: Response;
      try {
        res = await doFetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (err) {
        return unreachable(`the web host is unreachable: ${(err as Error).message}`);
      }
      try {
        return (await res.json()) as Result<ChannelOutput<C>>;
      } catch {
        return unreachable(`the web host answered ${res.status} without a result`);
      }
    },

    onEvent(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        listeners.set(name, (set = new Set()));
        subscribe(name);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };
}
