import type { Api } from './api';
import { createElectronApi, isBridge } from './electron-transport';
import { createWebApi } from './web-transport';

export type { Api } from './api';

/** Picked once at start-up: the preload's bridge inside Electron, the web host in a browser. */
export function pickApi(bridge = globalThis.window?.studyDesk): Api {
  return isBridge(bridge) ? createElectronApi(bridge) : createWebApi();
}

export const api: Api = pickApi();
