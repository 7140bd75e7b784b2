import type { Result, WindowApi } from '../../../contract';

const TOKEN_KEY = 'gondola.token';

/**
 * Browser mode: the same api as Electron's preload, over the HTTP bridge. The
 * token arrives once in the address (`?token=…`), moves to sessionStorage (so a
 * reload keeps working) and leaves the address bar (so it is not bookmarked or
 * shown on screen).
 */
export function createBridgeApi(): WindowApi {
  const token = takeToken();
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function ensureSource(): EventSource {
    if (source) return source;
    source = new EventSource(`./events?token=${encodeURIComponent(token)}`);
    return source;
  }

  return {
    async invoke(method, input) {
      try {
        const response = await fetch(`./rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        const body = (await response.json()) as Result<unknown>;
        return body;
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'No hay conexión con Góndola. ¿Sigue abierta la ventana de "gondola serve"?' },
        };
      }
    },
    subscribe(event, listener) {
      const es = ensureSource();
      let set = listeners.get(event);
      if (!set) {
        const fresh = new Set<(payload: unknown) => void>();
        listeners.set(event, fresh);
        es.addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const l of fresh) l(payload);
        });
        set = fresh;
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
