import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, isMethodName } from '../contract/names';
import { IPC_EVENT, IPC_INVOKE, type WindowApi } from '../contract/transport';

/**
 * The renderer's only door to the core: `window.api.invoke` and
 * `window.api.subscribe`, for names in the contract and nothing else. No
 * ipcRenderer, no Node, no arbitrary channels cross the context bridge.
 * (Imports names only, not schemas: a sandboxed preload should stay small.)
 */
const api: WindowApi = {
  invoke(method, input) {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `La operación «${String(method).slice(0, 80)}» no existe` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE, method, input);
  },
  subscribe(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const relay = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, relay);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
