import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import { checkSender, invokeHandler } from './ipc-boundary';
import { trustedOrigin } from './trusted-url';

const app = trustedOrigin(undefined);
const top = (url: string) => ({ senderFrame: { url, parent: null } });

describe('IPC boundary', () => {
  it('accepts the top frame of the app only', () => {
    expect(checkSender(top('app://study-desk/index.html'), app)).toBeNull();
    expect(checkSender({ senderFrame: { url: 'app://study-desk/', parent: {} } }, app)).toMatchObject({ code: 'FORBIDDEN' });
    expect(checkSender({ senderFrame: null }, app)).toMatchObject({ code: 'FORBIDDEN' });
    for (const url of ['app://study-desk.evil.com/', 'app://a@study-desk/', 'app://study-desk:1/', 'file:///index.html', 'https://evil.com/']) {
      expect(checkSender(top(url), app)).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('validates the input with the contract and forwards only what passed', async () => {
    const forwarded: unknown[] = [];
    const handler = invokeHandler(app, async (channel, input) => {
      forwarded.push([channel, input]);
      return { ok: true, data: null } satisfies Result<unknown>;
    });
    const ok = top('app://study-desk/');
    expect(await handler(ok, 'timer.start', { mode: 'pomodoro' })).toEqual({ ok: true, data: null });
    expect(await handler(ok, 'timer.start', { mode: 'pomodoro', extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handler(ok, 'timer.pause', { at: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: expect.arrayContaining([expect.objectContaining({ path: 'at' })]) } });
    expect(await handler(ok, 'nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await handler(ok, { toString: () => 'timer.start' }, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await handler(ok, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await handler(top('https://evil.com/'), 'timer.start', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(forwarded).toEqual([['timer.start', { mode: 'pomodoro' }]]);
  });
});
