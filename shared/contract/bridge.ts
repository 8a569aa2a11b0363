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
}
