import type { Statement } from 'better-sqlite3';
import type { RawDatabase } from '../db/open';

/**
 * Notices commits made to the store by another process (the app and
 * `gondola serve`, or the app and a CLI import, on one data folder), so what
 * this process keeps in memory (settings, which products have lots) follows
 * the database instead of going stale. SQLite's `data_version` changes only
 * when another connection commits; reading it costs a microsecond.
 */
export class ExternalChanges {
  private readonly version: Statement;
  private seen: number;
  private readonly listeners: (() => void)[] = [];

  constructor(db: RawDatabase) {
    this.version = db.prepare('pragma data_version').pluck();
    this.seen = this.version.get() as number;
  }

  /** Called when another connection has committed since the last check. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Checks now; tells the listeners when something changed. */
  check(): void {
    const now = this.version.get() as number;
    if (now === this.seen) return;
    this.seen = now;
    for (const listener of this.listeners) listener();
  }
}
