/**
 * Who is calling and through what. Sessions live in main and belong to the
 * connection (an Electron window, a bridge token, a CLI run); the renderer never
 * asserts its own identity.
 */
export interface Session {
  /** Stable per connection. */
  id: string;
  transport: 'ipc' | 'http' | 'cli' | 'test';
  /** The logged-in user, once users exist; null until then. */
  user: { id: string; name: string } | null;
}

export function systemSession(transport: Session['transport'], id: string = transport): Session {
  return { id, transport, user: null };
}
