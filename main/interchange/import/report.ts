import type { CatalogChanges } from './staging';

export interface FileReport {
  file: string;
  /** Data rows read (not counting the header). */
  rows: number;
  /** Rows that changed the store. */
  applied: number;
  /** Rows already in the store (same key): importing twice changes nothing. */
  unchanged: number;
  rejected: number;
  /** Why the whole file was refused (encoding, missing column), if it was. */
  refused: string | null;
  /** Headers that map to no column of the format (ignored, or for the person to map). */
  unmapped: string[];
  /** The format's columns for this file, with what a person calls them (to map a header to). */
  columns: { name: string; label: string }[];
}

export interface ImportSummary {
  folder: string;
  /** True when the import was applied (no bad rows, or --skip-bad-rows). */
  applied: boolean;
  files: FileReport[];
  /** `file:line: column: reason`, the first 1000. */
  errors: string[];
  errorCount: number;
  /** Spanish, one line, for people. */
  message: string;
  /** What the import changes (or, in a preview, would change) in the catalog. */
  changes: CatalogChanges;
}

const MAX_LISTED_ERRORS = 1000;

/** The errors of an import: all counted, the first thousand kept with file, line and column. */
export class ImportErrors {
  readonly listed: string[] = [];
  count = 0;

  add(message: string): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(message);
  }
}

const NO_CHANGES: CatalogChanges = { newProducts: 0, priceChanges: 0, newSuppliers: 0 };

export function summary(folder: string, applied: boolean, files: FileReport[], errors: ImportErrors, message: string, changes: CatalogChanges = NO_CHANGES): ImportSummary {
  return { folder, applied, files, errors: errors.listed, errorCount: errors.count, message, changes };
}

const errorsWord = (n: number) => `${n} ${n === 1 ? 'error' : 'errores'}`;

/** What a preview says: the errors, or how many rows are ready. */
export function previewMessage(errors: ImportErrors, staged: number): string {
  if (errors.count > 0) return `Vista previa: hay ${errorsWord(errors.count)}; ${staged} filas están bien.`;
  return staged === 0 ? 'Vista previa: todo lo de estos archivos ya está cargado.' : `Vista previa: ${staged} filas listas para importar, sin errores.`;
}

export function refusedMessage(errors: ImportErrors): string {
  return `No se aplicó nada: hay ${errorsWord(errors.count)}. Corregí los archivos o importá con --skip-bad-rows para dejar afuera las filas con error.`;
}

export function appliedMessage(errors: ImportErrors, applied: number): string {
  if (errors.count > 0) return `Se importaron ${applied} filas; ${errors.count} con errores quedaron afuera.`;
  return applied === 0 ? 'No hubo cambios: todo lo de estos archivos ya estaba cargado.' : `Se importaron ${applied} filas.`;
}
