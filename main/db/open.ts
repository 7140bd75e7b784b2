import Database from 'better-sqlite3';

export type RawDatabase = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Path to a better_sqlite3.node built for this runtime (Electron in development). */
  nativeBinding?: string | undefined;
}

/**
 * Opens the store database with the pragmas the architecture asks for. WAL lets
 * readers (workers, reports) run beside the single writer; synchronous=FULL because
 * better-sqlite3 builds SQLite with WAL defaulting to NORMAL, where a committed sale
 * can vanish on a power cut.
 */
export function openDatabase(path: string, options: OpenOptions = {}): RawDatabase {
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`journal_mode is ${String(mode)}, expected wal`);
      db.pragma('synchronous = FULL');
      const sync = db.pragma('synchronous', { simple: true });
      if (sync !== 2) throw new Error(`synchronous is ${String(sync)}, expected 2 (FULL)`);
    }
    db.pragma('foreign_keys = ON');
    // 64 MB of page cache (the default is 2 MB): large transactions such as imports
    // otherwise spill pages to the WAL before commit, and reports re-read them.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = FILE');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
