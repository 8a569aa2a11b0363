import { describe, expect, it } from 'vitest';
import type { ShellStatus, StudyDeskBridge } from '../../../shared/contract/bridge';
import { createElectronApi, isBridge } from './electron-transport';
import { pickApi } from './index';
import { createWebApi } from './web-transport';

/** An EventSource that the test feeds by hand. */
class FakeSource extends EventTarget {
  static opened: FakeSource[] = [];
  constructor(readonly url: string) {
    super();
    FakeSource.opened.push(this);
  }
  emit(name: string, data: string): void {
    this.dispatchEvent(new MessageEvent(name, { data }));
  }
  close(): void {}
}

const settings = { ok: true, data: { focus_minutes: 25 } };

describe('the web transport', () => {
  it('posts the input as JSON to /api/invoke/:channel and answers the Result as sent', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const api = createWebApi({
      baseUrl: 'http://127.0.0.1:5183',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify(settings), { status: 200 });
      }) as typeof fetch,
    });
    expect(await api.invoke('settings.get', {})).toEqual(settings);
    expect(calls[0]).toMatchObject({ url: 'http://127.0.0.1:5183/api/invoke/settings.get', init: { method: 'POST', body: '{}' } });
  });

  it('answers error Results from the host as they are, and UNAVAILABLE when it cannot reach it', async () => {
    const conflict = { ok: false, error: { code: 'CONFLICT', message: 'the timer is not running' } };
    const answering = createWebApi({ fetch: (async () => new Response(JSON.stringify(conflict), { status: 409 })) as typeof fetch });
    expect(await answering.invoke('timer.pause', {})).toEqual(conflict);
    const down = createWebApi({ fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
    expect(await down.invoke('timer.state', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const proxy = createWebApi({ fetch: (async () => new Response('<html>bad gateway', { status: 502 })) as typeof fetch });
    expect(await proxy.invoke('timer.state', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('carries every event over one EventSource and stops delivering after unsubscribe', () => {
    FakeSource.opened = [];
    const api = createWebApi({ EventSource: FakeSource as unknown as typeof EventSource });
    const timer: unknown[] = [];
    const data: unknown[] = [];
    const off = api.onEvent('timer.changed', (v) => timer.push(v.status));
    api.onEvent('data.changed', (v) => data.push(v.entities));
    expect(FakeSource.opened.map((s) => s.url)).toEqual(['/api/events']);
    const source = FakeSource.opened[0]!;
    source.emit('timer.changed', JSON.stringify({ status: 'focus' }));
    source.emit('data.changed', JSON.stringify({ entities: ['sessions'], ids: [] }));
    source.emit('timer.changed', 'not json');
    off();
    source.emit('timer.changed', JSON.stringify({ status: 'idle' }));
    expect(timer).toEqual(['focus']);
    expect(data).toEqual([['sessions']]);
  });
});

describe('the Electron transport and the choice between them', () => {
  const bridge: StudyDeskBridge = {
    transport: 'electron',
    invoke: async () => ({ ok: true, data: { status: 'idle' } }),
    on: (_event, listener) => {
      listener({ status: 'focus' });
      return () => undefined;
    },
  };

  it('passes calls and events through the preload bridge', async () => {
    const api = createElectronApi(bridge);
    expect(await api.invoke('timer.state', {})).toEqual({ ok: true, data: { status: 'idle' } });
    const seen: string[] = [];
    api.onEvent('timer.changed', (v) => seen.push(v.status));
    expect(seen).toEqual(['focus']);
  });

  it("offers the shell's status only where the preload has it (never on the web host)", async () => {
    const status: ShellStatus = {
      idle_detection: 'unsupported',
      global_shortcut: { accelerator: 'Ctrl+Shift+F', registered: false, error: 'taken by another app' },
      start_at_login: false,
      tray: true,
    };
    expect(await createElectronApi({ ...bridge, shellStatus: async () => status }).shellStatus?.()).toEqual(status);
    expect(createElectronApi(bridge).shellStatus).toBeUndefined();
    expect(createWebApi().shellStatus).toBeUndefined();
  });

  it('uses the bridge only when the preload exposes a whole one', async () => {
    expect(isBridge(bridge)).toBe(true);
    expect(isBridge({ transport: 'electron' })).toBe(false);
    expect(isBridge(undefined)).toBe(false);
    expect(await pickApi(bridge).invoke('timer.state', {})).toEqual({ ok: true, data: { status: 'idle' } });
  });
});
