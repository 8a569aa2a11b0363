import { contextBridge, ipcRenderer } from 'electron';
import type { ShellStatus, StudyDeskBridge } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/errors';
import { IPC } from '../shell/ipc-names';
import { CHANNELS, EVENTS } from './channels';

// The whole surface the page gets (DESIGN §1): calls on the contract's channels, core events by
// name, and the shell's status. No ipcRenderer, no Electron objects, nothing else crosses.
const channels = new Set(CHANNELS);
const events = new Set(EVENTS);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC.event, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const bridge = {
  transport: 'electron',
  invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `unknown channel ${String(channel)}` } });
    }
    return ipcRenderer.invoke(IPC.invoke, channel, input) as Promise<Result<unknown>>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!events.has(event) || typeof listener !== 'function') throw new Error(`unknown event ${String(event)}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const own = (payload: unknown) => listener(payload); // a fresh function: the same listener twice unsubscribes separately
    set.add(own);
    return () => void set.delete(own);
  },
  shellStatus(): Promise<ShellStatus> {
    return ipcRenderer.invoke(IPC.shellStatus) as Promise<ShellStatus>;
  },
} as const satisfies StudyDeskBridge;

contextBridge.exposeInMainWorld('studyDesk', bridge);
