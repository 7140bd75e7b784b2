import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, Result, WindowApi } from '../../../contract';
import { createBridgeApi } from './bridge';

declare global {
  interface Window {
    /** Present in Electron (preload/); absent in browser mode. */
    api?: WindowApi;
  }
}

const transport: WindowApi = window.api ?? createBridgeApi();

/**
 * The one typed way the renderer reaches the core. Components call
 * `api.call('products.update', …)`; they never see IPC or HTTP.
 */
export const api = {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    return transport.invoke(method, input) as Promise<Result<MethodOutput<M>>>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return transport.subscribe(event, listener as (payload: unknown) => void);
  },
};
