import type { Result } from './errors';

/**
 * What the renderer talks to: `window.api` in Electron (exposed by preload/),
 * or the same shape over the HTTP bridge in browser mode.
 */
export interface WindowApi {
  invoke(method: string, input?: unknown): Promise<Result<unknown>>;
  /** Returns the function that unsubscribes. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** IPC channel names shared by preload and main/electron. */
export const IPC_INVOKE = 'gondola:invoke';
export const IPC_EVENT = 'gondola:event';
