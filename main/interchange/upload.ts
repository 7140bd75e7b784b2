import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileOutput, ImportSummary, MethodParsedInput } from '../../contract';
import type { Store } from './store';

import { AppError } from '../domain/errors';
import { headerKey } from './headers';
import { importFolder } from './import';
import { templateCsv } from './templates';

/**
 * The import as the screens call it (Importar): files uploaded, read like a
 * folder, previewed or applied; and a template of each file. The CLI imports
 * a folder directly through `importFolder`.
 */
export class ImportService {
  constructor(private readonly store: Store) {}

  preview(input: MethodParsedInput<'import.preview'>, actor: string | null): Promise<ImportSummary> {
    return importUploaded(this.store, input, { dryRun: true, actor });
  }

  run(input: MethodParsedInput<'import.run'>, actor: string | null): Promise<ImportSummary> {
    return importUploaded(this.store, input, { dryRun: false, actor });
  }

  template(input: MethodParsedInput<'import.template'>): FileOutput {
    return { fileName: input.file, mimeType: 'text/csv', base64: Buffer.from(templateCsv(input.file), 'utf8').toString('base64') };
  }
}

/**
 * Imports files uploaded by the screen (both the desktop window and the browser
 * send their bytes): they are written to a private temporary folder, read like
 * any folder, and removed whatever happens.
 */
async function importUploaded(
  app: Store,
  input: MethodParsedInput<'import.run'>,
  options: { dryRun: boolean; actor: string | null },
): Promise<ImportSummary> {
  const folder = mkdtempSync(join(tmpdir(), 'gondola-upload-'));
  try {
    const seen = new Set<string>();
    for (const file of input.files) {
      const name = file.name.toLowerCase();
      if (seen.has(name)) throw new AppError('VALIDATION', `Subiste dos veces ${file.name}`, { fields: [{ path: 'files', message: `Subiste dos veces ${file.name}` }] });
      seen.add(name);
      writeFileSync(join(folder, name), Buffer.from(file.base64, 'base64'));
    }
    const result = await importFolder(app, folder, {
      skipBadRows: input.skipBadRows,
      dryRun: options.dryRun,
      actor: options.actor,
      ...(input.decimals ? { decimals: input.decimals } : {}),
      ...(input.mapping ? { mapping: foldedMapping(input.mapping) } : {}),
    });
    return { applied: result.applied, files: result.files, errors: result.errors, errorCount: result.errorCount, message: result.message, changes: result.changes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The screen sends headers as printed, one per entry; the import compares them folded, per file. */
function foldedMapping(mapping: { file: string; header: string; column: string }[]): Record<string, Record<string, string>> {
  const byFile: Record<string, Record<string, string>> = {};
  for (const m of mapping) (byFile[m.file.toLowerCase()] ??= {})[headerKey(m.header)] = m.column;
  return byFile;
}
