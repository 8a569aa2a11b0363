// The preload run in Node against a stand-in for `electron` (contextBridge and ipcRenderer): what
// the page gets, what reaches main, and what event listeners are handed.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { StudyDeskBridge } from '../../shared/contract/bridge';
import { IPC } from '../shell/ipc-names';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const ipcListeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const invoked: unknown[][] = [];
  return {
    exposed,
    ipcListeners,
    invoked,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
    ipcRenderer: {
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
      },
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, data: 'from main' });
      },
    },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let bridge: StudyDeskBridge;
/** main sending a core event to the page, with the IpcRendererEvent Electron passes first. */
const fromMain = (name: unknown, payload: unknown) => {
  const sender = { sender: 'ipcRenderer', ports: [], senderFrame: 'main' };
  for (const listener of electron.ipcListeners.get(IPC.event) ?? []) listener(sender, name, payload);
};

beforeAll(async () => {
  await import('./index');
  bridge = electron.exposed.get('studyDesk') as StudyDeskBridge;
});

describe('the preload', () => {
  it('exposes one object through contextBridge: transport, invoke, on, shellStatus, nothing Electron', () => {
    expect([...electron.exposed.keys()]).toEqual(['studyDesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'shellStatus', 'transport']);
    expect(bridge.transport).toBe('electron');
    expect(Object.values(bridge).filter((v) => typeof v === 'object')).toEqual([]); // no ipcRenderer, no objects
  });

  it('forwards only the fixed channel list to main', async () => {
    electron.invoked.length = 0;
    expect(await bridge.invoke('timer.start', { mode: 'pomodoro' })).toEqual({ ok: true, data: 'from main' });
    for (const channel of ['db.query', 'toString', '__proto__', 'constructor', '', IPC.invoke]) {
      expect(await bridge.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await bridge.invoke(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(electron.invoked).toEqual([[IPC.invoke, 'timer.start', { mode: 'pomodoro' }]]);
    await bridge.shellStatus!();
    expect(electron.invoked.at(-1)).toEqual([IPC.shellStatus]);
  });

  it('hands an event listener only the payload, and returns its unsubscribe', () => {
    const seen: unknown[][] = [];
    const off = bridge.on('timer.changed', (...args: unknown[]) => seen.push(args));
    fromMain('timer.changed', { status: 'focus' });
    fromMain('data.changed', { entities: [] }); // another event: not this listener's
    fromMain(7, { status: 'x' }); // not a name
    expect(seen).toEqual([[{ status: 'focus' }]]); // no IpcRendererEvent, no sender
    off();
    fromMain('timer.changed', { status: 'idle' });
    expect(seen).toHaveLength(1);
  });

  it('keeps two subscriptions of the same function apart', () => {
    const seen: unknown[] = [];
    const listener = (p: unknown) => seen.push(p);
    const offA = bridge.on('sync.changed', listener);
    const offB = bridge.on('sync.changed', listener);
    fromMain('sync.changed', 1);
    offA();
    fromMain('sync.changed', 2);
    offB();
    fromMain('sync.changed', 3);
    expect(seen).toEqual([1, 1, 2]);
  });

  it('refuses an event that is not on the list', () => {
    expect(() => bridge.on('study-desk:event', () => undefined)).toThrow(/unknown event/);
    expect(() => bridge.on('ipc', () => undefined)).toThrow(/unknown event/);
  });
});
