import { existsSync, readdirSync, statSync } from 'node:fs';
import { AppError } from '../../domain/errors';
import { formatMoney } from '../../../locale';
import { timing } from '../../write';
import type { Store } from '../store';
import type { DecimalStyle } from '../values';
import { applyStaged } from './apply';
import { readFiles } from './read-files';
import { ImportErrors, appliedMessage, previewMessage, refusedMessage, summary, type ImportSummary } from './report';
import { Staging } from './staging';

export type { FileReport, ImportSummary } from './report';

export interface ImportOptions {
  /** Apply the good rows even when some are bad (they are reported and left out). */
  skipBadRows?: boolean;
  /** Check and report only: nothing is written (the screen's preview). */
  dryRun?: boolean;
  /** Who runs the import (recorded on what it writes when the file names nobody). */
  actor?: string | null;
  /**
   * How the files write decimals, when the person says so (`--decimales coma|punto`).
   * Left out, it is read from all the files together.
   */
  decimals?: DecimalStyle;
  /** Headers the person mapped to the format's columns, per file (folded header → column); remembered once applied. */
  mapping?: Record<string, Record<string, string>>;
  onProgress?: (progress: { file: string; rows: number }) => void;
}

/**
 * Imports a folder in the interchange format, in three steps:
 * 1. staging (`read-files.ts` → `staging.ts`, one stager per file): every row
 *    is read, checked and staged — streamed through temporary tables, so a
 *    million-line sales.csv is never held in memory;
 * 2. the decision: a preview stops here; bad rows stop here unless they are to
 *    be skipped;
 * 3. applying (`apply.ts`), in one transaction through the services:
 *    reference data first, then receipts, sales, adjustments and counts
 *    replayed in time order (`events.ts`, the typed events).
 */
export async function importFolder(app: Store, folder: string, options: ImportOptions = {}): Promise<ImportSummary> {
  // The staging tables belong to the connection: a second import at the same
  // time (another window) would drop them under the first.
  if (importing.has(app.core.sql.raw)) throw new AppError('CONFLICT', 'Ya hay una importación en curso: esperá a que termine.');
  importing.add(app.core.sql.raw);
  try {
    return await importFolderNow(app, folder, options);
  } finally {
    importing.delete(app.core.sql.raw);
  }
}

const importing = new WeakSet<object>();

async function importFolderNow(app: Store, folder: string, options: ImportOptions): Promise<ImportSummary> {
  const raw = app.core.sql.raw;
  const errors = new ImportErrors();
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    errors.add(`${folder}: no existe la carpeta`);
    return summary(folder, false, [], errors, `No existe la carpeta ${folder}`);
  }
  const present = new Map(readdirSync(folder).map((name) => [name.toLowerCase(), name]));
  const timeZone = app.services.settings.get().timeZone;
  // The person's header mappings: what they said now, over what they said before (remembered per file).
  const remembered = app.services.settings.importMappings();
  const mappings: Record<string, Record<string, string>> = { ...remembered };
  for (const [file, map] of Object.entries(options.mapping ?? {})) mappings[file] = { ...remembered[file], ...map };

  const staging = new Staging(raw, app, timeZone);
  try {
    timing('start');
    const reports = await readFiles(raw, staging, errors, { present, folder, timeZone, decimals: options.decimals, mappings, onProgress: options.onProgress });
    // A split payment is checked once all of its ticket's lines are in.
    for (const m of staging.sales.rejectSplitMismatches()) {
      reports.find((r) => r.file === 'sales.csv')!.rejected += m.lines;
      errors.add(`sales.csv:${m.line}: payment: los pagos del ticket ${m.ticket} suman ${formatMoney(m.paid)} y sus líneas ${formatMoney(m.total)}`);
    }

    if (options.dryRun) {
      const staged = reports.reduce((s, r) => s + r.rows - r.rejected - r.unchanged, 0);
      return summary(folder, false, reports, errors, previewMessage(errors, staged), staging.changes);
    }
    if (errors.count > 0 && !options.skipBadRows) return summary(folder, false, reports, errors, refusedMessage(errors));

    const applyStart = performance.now();
    timing('staging');
    applyStaged({
      app,
      staging,
      reports,
      actor: options.actor ?? null,
      folder,
      mappings: options.mapping && Object.keys(options.mapping).length > 0 ? mappings : null,
      onProgress: options.onProgress,
    });
    if (process.env.GONDOLA_IMPORT_TIMING) process.stderr.write(`apply ${((performance.now() - applyStart) / 1000).toFixed(2)} s\n`);
    const applied = reports.reduce((s, r) => s + r.applied, 0);
    return summary(folder, true, reports, errors, appliedMessage(errors, applied), staging.changes);
  } finally {
    staging.drop();
  }
}
