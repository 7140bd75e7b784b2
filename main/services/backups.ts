import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupFile } from '../../contract';
import { backupDatabase, removeStalePartials } from '../db/backup';
import { AppError } from '../domain/errors';
import { isoWithOffset } from '../domain/time';
import { write, type Core } from '../write';
import type { SettingsService } from './settings';

const NAME = /^gondola-(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})(\d{2})\.db$/;

/**
 * Copies of the store's database in `backups/` beside it: made with SQLite's
 * online backup API from the writer connection and integrity-checked before
 * they get their name (db/backup.ts). Named by the store's local time
 * (gondola-2026-12-07-184430.db), which is what a person looking at the folder reads.
 */
export class BackupService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
  ) {}

  get folder(): string {
    return join(this.core.dataDir, 'backups');
  }

  /**
   * A verified copy now, into `out` or the backups folder; audited. `snapshot`
   * when another process may be writing the store (the CLI beside the app).
   * Copies killed midway before are cleaned up first.
   */
  async create(out?: string, mode: 'online' | 'snapshot' = 'online'): Promise<BackupFile> {
    const target = resolve(out ?? join(this.folder, `gondola-${this.localStamp()}.db`));
    mkdirSync(dirname(target), { recursive: true });
    const removed = removeStalePartials(dirname(target), this.core.clock.now().getTime());
    if (removed.length > 0) this.core.logger.log('info', 'removed unfinished backup copies', { folder: dirname(target), files: removed });
    if (existsSync(target)) throw new AppError('CONFLICT', `Ya existe ${basename(target)}: esperá un segundo o elegí otro nombre`, { path: target });
    await backupDatabase(this.core.sql.raw, target, mode);
    const made = describe(target, this.core.clock.now().toISOString());
    write(this.core, (tx) => tx.audit({ entity: 'backup', id: made.fileName, after: { path: made.path, sizeBytes: made.sizeBytes } }));
    return made;
  }

  /** At start: copies killed midway (beside the database and in backups/) are removed. */
  removeUnfinished(): void {
    const now = this.core.clock.now().getTime();
    const removed = [...removeStalePartials(this.core.dataDir, now), ...removeStalePartials(this.folder, now)];
    if (removed.length > 0) this.core.logger.log('info', 'removed unfinished backup copies', { files: removed });
  }

  /** The newest copy in the backups folder, or null when there is none. */
  latest(): BackupFile | null {
    if (!existsSync(this.folder)) return null;
    const newest = readdirSync(this.folder)
      .filter((f) => NAME.test(f))
      .sort()
      .at(-1);
    return newest ? describe(join(this.folder, newest), statSync(join(this.folder, newest)).mtime.toISOString()) : null;
  }

  private localStamp(): string {
    const local = isoWithOffset(this.core.clock.now().toISOString(), this.settings.get().timeZone);
    return `${local.slice(0, 10)}-${local.slice(11, 19).replace(/:/g, '')}`;
  }
}

function describe(path: string, at: string): BackupFile {
  return { fileName: basename(path), path, at, sizeBytes: statSync(path).size };
}
