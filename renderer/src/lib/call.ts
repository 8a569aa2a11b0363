import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { ErrorBody, ErrorCode, ErrorIssue } from '../../../shared/contract/errors';
import { api } from '../api';

/** A typed error from the core, thrown by `call` so a page can catch it or let a toast show it. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ErrorIssue[];
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.issues = body.issues;
  }
}

/** Invokes a channel and answers its data, or throws an ApiError carrying the core's typed error. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await api.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.data;
}

/** The message a student sees for any failure: the core's own message when it sent one. */
export const errorMessage = (err: unknown): string =>
  err instanceof ApiError ? err.message : err instanceof Error ? err.message : String(err);
