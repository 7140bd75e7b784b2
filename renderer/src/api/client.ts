import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, Result, WindowApi } from '../../../contract';
import { createBridgeApi } from './bridge';

declare global {
  interface Window {
    /** Present in Electron (preload/); absent in browser mode. */
    api?: WindowApi;
  }
}

const transport: WindowApi = window.api ?? createBridgeApi();

/** Told when a call finds the session locked or gone, so the lock or login screen shows at once. */
let onSessionLost: ((code: 'SESSION_LOCKED' | 'UNAUTHORIZED') => void) | null = null;

export function whenSessionLost(listener: (code: 'SESSION_LOCKED' | 'UNAUTHORIZED') => void): void {
  onSessionLost = listener;
}

/**
 * The one typed way the renderer reaches the core. Components call
 * `api.call('products.update', …)`; they never see IPC or HTTP.
 */
export const api = {
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    const result = (await transport.invoke(method, input)) as Result<MethodOutput<M>>;
    if (!result.ok && (result.error.code === 'SESSION_LOCKED' || (result.error.code === 'UNAUTHORIZED' && !method.startsWith('auth.')))) {
      onSessionLost?.(result.error.code);
    }
    return result;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return transport.subscribe(event, listener as (payload: unknown) => void);
  },
};
