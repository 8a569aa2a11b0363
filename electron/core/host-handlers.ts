import type { ChannelOutput, HostChannel, ParsedInput } from '../../shared/contract/channels';
import type { Core } from './core';

export type HostHandler<C extends HostChannel> = (core: Core, input: ParsedInput<C>) => Promise<ChannelOutput<C>>;
export type HostHandlers = { [C in HostChannel]: HostHandler<C> };

/** Channels that need the desktop host (files, timers, network) rather than SQL alone. */
export const hostHandlers: HostHandlers = {};
