import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { DataEntity } from '../../../shared/contract/events';
import { api } from '../api';
import { call } from './call';

export interface ChannelQuery<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Reads a channel and keeps it fresh: it reloads whenever its input changes and whenever the core
 * says one of `entities` changed (data.changed), so a goal bar moves the moment a session ends.
 * The previous data stays on screen while a reload runs; a stale answer never overwrites a newer one.
 */
export function useChannel<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  entities: readonly DataEntity[] = [],
  options: { enabled?: boolean } = {},
): ChannelQuery<ChannelOutput<C>> {
  const key = JSON.stringify(input ?? {});
  const enabled = options.enabled ?? true;
  const [state, setState] = useState<{ data?: ChannelOutput<C>; error: unknown; loading: boolean }>({ error: null, loading: enabled });
  const seq = useRef(0);

  const load = useCallback(() => {
    if (!enabled) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    call(channel, JSON.parse(key) as ChannelInput<C>).then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false }),
      (error: unknown) => mine === seq.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, [channel, key, enabled]);

  useEffect(load, [load]);

  const watched = entities.join(',');
  useEffect(() => {
    if (!watched) return;
    const wanted = new Set(watched.split(','));
    return api.onEvent('data.changed', (payload) => {
      if (payload.entities.some((e) => wanted.has(e))) load();
    });
  }, [watched, load]);

  return { data: state.data, error: state.error, loading: state.loading, reload: load };
}
