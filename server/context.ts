import type { z } from 'zod';
import { AppError } from '../shared/contract/errors';
import { parseInput } from '../shared/contract/validate';
import type { Db } from '../shared/db/db';
import { type Ctx, inTransaction } from '../shared/services/context';
import { handlers } from '../shared/services/handlers';
import { readSettings } from '../shared/services/settings';
import { sqlChannels } from '../shared/contract/channels';
import type { TokenSigner } from './auth/tokens';
import type { RateLimiter } from './auth/rate-limit';
import type { Logger } from './log';

export interface ServerDeps {
  db: Db;
  signer: TokenSigner;
  clock: () => Date;
  log: Logger;
  loginLimiter: RateLimiter;
}

/** Runs `fn` as the token's user, in one transaction, exactly as the desktop core runs a channel. */
export async function asUser<T>(deps: ServerDeps, userId: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const settings = await readSettings(deps.db, userId);
  const { result } = await inTransaction(deps.db, { userId, now: deps.clock().toISOString(), settings }, fn);
  return result;
}

type AnyHandler = (ctx: Ctx, input: unknown) => Promise<unknown>;

/**
 * Answers a REST call with the shared SQL service behind a channel: the same zod schema validates
 * the body, so a payload is identical on the desktop and the platform. Channels another part of
 * the contract has not defined yet answer 501.
 */
export async function callChannel(deps: ServerDeps, userId: string, channel: string, input: unknown): Promise<unknown> {
  const def = (sqlChannels as Record<string, { input: z.ZodType } | undefined>)[channel];
  const handler = (handlers as unknown as Record<string, AnyHandler | undefined>)[channel];
  if (!def || !handler) throw new AppError('UNAVAILABLE', `${channel} is not available on this server yet`);
  const parsed = parseInput(def.input, input);
  return asUser(deps, userId, (ctx) => handler(ctx, parsed));
}
