import { statSync } from 'node:fs';
import type { BackupFile, SystemInfo } from '../../contract';
import type { Core } from '../write';

export class SystemService {
  constructor(
    private readonly core: Core,
    private readonly productCount: () => number,
    private readonly lastBackup: () => BackupFile | null,
  ) {}

  info(): SystemInfo {
    const applied = this.core.sql.all(
      this.core.sql.q.selectFrom('schema_migrations').select('name').orderBy('name'),
    );
    return {
      appVersion: this.core.appVersion,
      schemaVersion: applied.length,
      schemaName: applied.at(-1)?.name ?? '',
      dataDir: this.core.dataDir,
      dbPath: this.core.dbPath,
      dbSizeBytes: fileSize(this.core.dbPath) + fileSize(`${this.core.dbPath}-wal`),
      productCount: this.productCount(),
      lastBackup: this.lastBackup(),
    };
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
