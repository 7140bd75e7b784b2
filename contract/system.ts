import { z } from 'zod';

export const SystemInfoInput = z.strictObject({});

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
});
export type SystemInfo = z.infer<typeof SystemInfo>;
