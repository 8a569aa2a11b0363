import type { Result } from './errors';

/**
 * What the Electron preload exposes as `window.studyDesk` (types only: the preload imports no
 * code). Main checks the channel against the contract and validates the input before the core.
 */
export interface StudyDeskBridge {
  readonly transport: 'electron';
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to a core event by name; returns the unsubscribe. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** What the desktop shell can do on this machine (Settings shows it); absent in older preloads. */
  shellStatus?(): Promise<ShellStatus>;
}

/** The Electron shell's own state, beside the core's: idle detection, the global shortcut, login item. */
export interface ShellStatus {
  /** 'unsupported' on Wayland (no idle time visible to the app) or where the OS gives none. */
  idle_detection: 'supported' | 'unsupported' | 'unknown';
  global_shortcut: { accelerator: string | null; registered: boolean; error: string | null };
  start_at_login: boolean;
  /** Whether a tray icon exists (closing the window keeps the timer there). */
  tray: boolean;
}
