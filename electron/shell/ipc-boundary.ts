import { channels, isChannel } from '../../shared/contract/channels';
import { AppError, type ErrorBody, type Result } from '../../shared/contract/errors';
import { parseInput } from '../../shared/contract/validate';
import { isTrustedUrl, type TrustedOrigin } from './trusted-url';

export { IPC } from './ipc-names';

/** What main needs of an IpcMainInvokeEvent: which frame sent it. */
export interface IpcSenderEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

const forbidden = (message: string): { ok: false; error: ErrorBody } => ({ ok: false, error: { code: 'FORBIDDEN', message } });

/**
 * Only the app's own page may call: the top frame (no iframe, even a same-origin one) at the
 * trusted origin. A navigated or injected frame gets FORBIDDEN.
 */
export function checkSender(event: IpcSenderEvent, trusted: TrustedOrigin): ErrorBody | null {
  const frame = event.senderFrame;
  if (!frame) return forbidden('the sending frame is gone').error;
  if (frame.parent !== null) return forbidden('only the main frame may call the core').error;
  if (!isTrustedUrl(frame.url, trusted)) return forbidden('calls are accepted only from the app itself').error;
  return null;
}

/**
 * The invoke handler main registers: sender check, a known channel, strict input validation with
 * the contract's schema (bad input never crosses to the core), then the core's own Result.
 */
export function invokeHandler(
  trusted: TrustedOrigin,
  forward: (channel: string, input: unknown) => Promise<Result<unknown>>,
): (event: IpcSenderEvent, channel: unknown, input: unknown) => Promise<Result<unknown>> {
  return async (event, channel, input) => {
    const denied = checkSender(event, trusted);
    if (denied) return { ok: false, error: denied };
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `unknown channel ${String(channel).slice(0, 80)}` } };
    }
    try {
      parseInput(channels[channel].input, input);
    } catch (err) {
      return { ok: false, error: (err as AppError).toBody() };
    }
    return forward(channel, input);
  };
}
