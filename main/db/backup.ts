import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { RawDatabase } from './open';

/**
 * Copies the live database with SQLite's online backup API from the writer
 * connection (never a file copy, which can catch a half-written WAL), checks the
 * copy's integrity, and only then gives it its final name.
 */
export async function backupDatabase(db: RawDatabase, destination: string): Promise<string> {
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  await db.backup(partial);
  const copy = new Database(partial, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup integrity_check failed: ${String(result)}`);
  } finally {
    copy.close();
  }
  renameSync(partial, destination);
  return destination;
}
