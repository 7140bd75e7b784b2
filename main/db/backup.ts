import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RawDatabase } from './open';

/**
 * Copies the live database and checks the copy's integrity before it gets its
 * final name; a copy that fails, or is interrupted, never takes it.
 *
 * - `online` (the app): SQLite's online backup API from the writer connection,
 *   in steps, so the event loop keeps serving the counter; the app's own writes
 *   do not restart it.
 * - `snapshot` (another process, `gondola backup` beside the running app):
 *   `VACUUM INTO` from one read transaction. The online API restarts whenever
 *   another connection writes, and on a busy store may never finish.
 */
export async function backupDatabase(db: RawDatabase, destination: string, mode: 'online' | 'snapshot' = 'online'): Promise<string> {
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    if (mode === 'snapshot') db.prepare('vacuum into ?').run(partial);
    else await db.backup(partial);
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    try {
      const result = copy.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(`backup integrity_check failed: ${String(result)}`);
    } finally {
      copy.close();
    }
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, destination);
  return destination;
}

/**
 * Removes `.partial` files left in a folder by copies that were killed midway
 * (a power cut, the process ended): older than `olderThanMs`, so a copy another
 * process is making right now is left alone. Returns what was removed.
 */
export function removeStalePartials(folder: string, now: number, olderThanMs = 15 * 60_000): string[] {
  if (!existsSync(folder)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.partial')) continue;
    const path = join(folder, name);
    try {
      if (now - statSync(path).mtimeMs < olderThanMs) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: the next cleanup tries again.
    }
  }
  return removed;
}
