import { z } from 'zod';
import type { MethodName } from './names';
import type { MethodSpec } from './spec';

export const SystemInfoInput = z.strictObject({});

/** A verified copy of the store's database. */
export const BackupFile = z.object({
  fileName: z.string(),
  path: z.string(),
  /** When it was made. */
  at: z.string(),
  sizeBytes: z.number().int(),
});
export type BackupFile = z.infer<typeof BackupFile>;

export const SystemBackupInput = z.strictObject({});

export const SystemInfo = z.object({
  appVersion: z.string(),
  /** Number of migrations applied; equals `latestSchemaVersion` once open. */
  schemaVersion: z.number().int(),
  /** Name of the last migration applied, e.g. `0001_initial`. */
  schemaName: z.string(),
  dataDir: z.string(),
  dbPath: z.string(),
  /** Main file plus WAL, in bytes. */
  dbSizeBytes: z.number().int(),
  productCount: z.number().int(),
  /** The newest copy in the backups folder (`gondola backup`, Sistema › Hacer copia ahora). */
  lastBackup: BackupFile.nullable(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

/** The system methods: what each does and its schemas (combined in methods.ts). */
export const systemMethods = {
  'system.info': {
    doc: 'Version, schema and where the data lives. Never fails on a healthy store.',
    input: SystemInfoInput,
    output: SystemInfo,
    kind: 'query',
  },
  'system.backup': {
    doc: 'A copy of the database now, with the online backup API, integrity-checked before it gets its name, into backups/ beside it.',
    input: SystemBackupInput,
    output: BackupFile,
    kind: 'mutation',
  },
} as const satisfies Partial<Record<MethodName, MethodSpec>>;
