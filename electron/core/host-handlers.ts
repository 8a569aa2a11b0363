import type { ChannelOutput, HostChannel, ParsedInput } from '../../shared/contract/channels';
import type { Core } from './core';
import { dataHandlers } from './data/handlers';
import { timerHandlers } from './timer/handlers';
import { syncHostHandlers } from './sync/handlers';

export type HostHandler<C extends HostChannel> = (core: Core, input: ParsedInput<C>) => Promise<ChannelOutput<C>>;
export type HostHandlers = { [C in HostChannel]: HostHandler<C> };

/** Channels that need the desktop host (files, timers, network) rather than SQL alone. */
export const hostHandlers: HostHandlers = {
  ...dataHandlers,
  ...timerHandlers,
  ...syncHostHandlers,
};

/** Host channels that change no row (they do not delay the idle work). */
export const HOST_READ_CHANNELS: ReadonlySet<string> = new Set<HostChannel>(['data.listBackups', 'data.check', 'data.exportAll', 'timer.state']);

/**
 * Host channels that run alone: a backup copies the files of a quiet database, an import runs
 * its dry run and its commit back to back, a restore replaces the database under every call, and
 * the demo seed's emptiness check must still hold when its last row goes in.
 */
export const EXCLUSIVE_CHANNELS: ReadonlySet<string> = new Set<HostChannel>(['data.backup', 'data.restore', 'data.import', 'data.seedDemo']);
