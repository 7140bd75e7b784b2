import type { Role } from '../contract';

/**
 * Who is calling and through what. Sessions live in main and belong to the
 * connection (an Electron window, a bridge token, a CLI run); the renderer never
 * asserts its own identity. The transport keeps one Session object per
 * connection and hands it to every call, so a login on it lasts.
 */
export interface Session {
  /** Stable per connection. */
  id: string;
  transport: 'ipc' | 'http' | 'cli' | 'test';
  /** The logged-in user; null before login. */
  user: { id: string; name: string; role: Role; mustChangePassword: boolean } | null;
  /** Locked by idle time or by hand: only unlocking calls go through. */
  locked: boolean;
  /** Epoch ms of the last call that counted as activity. */
  lastActivity: number;
  /**
   * Wrong passwords and PINs on this connection (services/credentials.ts): in
   * all, and per user name that is not a user (those have no row to count on).
   */
  failures?: { total: number; lockedUntil: number; unknown: Map<string, { count: number; lockedUntil: number }> };
}

export function systemSession(transport: Session['transport'], id: string = transport): Session {
  return { id, transport, user: null, locked: false, lastActivity: Date.now() };
}

/** Sessions of a transport with many connections (Electron windows), by connection id. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly transport: Session['transport']) {}

  get(id: string): Session {
    let session = this.sessions.get(id);
    if (!session) {
      session = systemSession(this.transport, id);
      this.sessions.set(id, session);
    }
    return session;
  }

  /** A window closed: its login ends with it. */
  drop(id: string): void {
    this.sessions.delete(id);
  }
}
