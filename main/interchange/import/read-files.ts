import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { RawDatabase } from '../../db/open';
import { FILES, NeedsStyle, RowError, type FileSpec, type RowContext } from '../files';
import { columnLabel, resolveColumns } from '../headers';
import { CsvLineError, detectEncoding, detectSeparator, readRecordBatches, type Encoding } from '../read';
import { readNumber, type DecimalStyle } from '../values';
import type { FileReport, ImportErrors } from './report';
import type { Staging } from './staging';

export interface ReadOptions {
  /** The names present in the folder, by lower-case name. */
  present: Map<string, string>;
  folder: string;
  timeZone: string;
  /** How the files write decimals when the person said so. */
  decimals: DecimalStyle | undefined;
  mappings: Record<string, Record<string, string>>;
  onProgress?: ((progress: { file: string; rows: number }) => void) | undefined;
}

/**
 * Reads every file of the format present in the folder, in the format's order,
 * checking and staging each row; a bad row is counted and reported with its
 * file, line and column, a file that cannot be read is refused with why.
 */
export async function readFiles(raw: RawDatabase, staging: Staging, errors: ImportErrors, o: ReadOptions): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  // Every file's encoding and separator first: the number style belongs to the whole import.
  const formats = new Map<string, { path: string; encoding: Encoding; separator: ',' | ';' } | { unreadable: string }>();
  for (const spec of FILES) {
    const name = o.present.get(spec.file);
    if (!name) continue;
    const path = join(o.folder, name);
    if (statSync(path).isDirectory()) {
      formats.set(spec.file, { unreadable: 'es una carpeta, no un archivo' });
      continue;
    }
    const encoding = await detectEncoding(path);
    formats.set(spec.file, encoding ? { path, encoding, separator: await detectSeparator(path, encoding) } : { unreadable: 'no está en UTF-8 ni en Windows-1252 (¿es un archivo de texto CSV?)' });
  }
  const readable = [...formats.values()].filter((f) => !('unreadable' in f)) as { path: string; encoding: Encoding; separator: ',' | ';' }[];
  const importStyle = o.decimals ?? (await folderStyle(readable));
  for (const spec of FILES) {
    if (!formats.has(spec.file)) continue;
    const report: FileReport = {
      file: spec.file,
      rows: 0,
      applied: 0,
      unchanged: 0,
      rejected: 0,
      refused: null,
      unmapped: [],
      columns: spec.known.map((name) => ({ name, label: columnLabel(spec.file, name) })),
    };
    reports.push(report);
    const refuse = (reason: string) => {
      report.refused = reason;
      errors.add(`${spec.file}: ${reason}`);
    };
    const format = formats.get(spec.file)!;
    if ('unreadable' in format) {
      refuse(format.unreadable);
      continue;
    }
    const { path, encoding, separator } = format;
    const ctx: RowContext = { timeZone: o.timeZone, style: null, importStyle, stated: o.decimals !== undefined, final: false, unitOf: (ref) => staging.unitOf(ref) };
    let columns: Map<string, number> | null = null;
    const pending: { line: number; cells: string[] }[] = [];

    const handle = (line: number, cells: string[]) => {
      const get = (column: string) => {
        const index = columns!.get(column);
        return index === undefined ? undefined : cells[index];
      };
      try {
        const row = (spec as FileSpec<unknown>).parse(get, ctx);
        if (staging.stage(spec.file, row, line) === 'unchanged') report.unchanged++;
      } catch (error) {
        if (error instanceof NeedsStyle) {
          pending.push({ line, cells });
          return;
        }
        if (!(error instanceof RowError)) throw error;
        report.rejected++;
        errors.add(`${spec.file}:${line}: ${error.column}: ${error.reason}`);
      }
    };

    try {
      // Each batch is staged in one transaction of its own: autocommitted inserts into
      // the temporary tables cost a journal write each and dominated large imports.
      // The batch runs synchronously, so no other call shares the transaction.
      const stageBatch = raw.transaction((batch: { line: number; cells: string[] }[]): 'go' | 'stop' => {
        for (const record of batch) {
          if (!columns) {
            const resolved = resolveColumns(spec.file, spec.known, record.cells, o.mappings[spec.file]);
            columns = resolved.columns;
            report.unmapped = resolved.unmapped;
            const missing = spec.required.find((c) => !columns!.has(c));
            const missingGroup = spec.oneOf?.find((group) => !group.some((c) => columns!.has(c)));
            if (missing || missingGroup) {
              const named = (c: string) => (columnLabel(spec.file, c) === c ? c : `${c} («${columnLabel(spec.file, c)}»)`);
              refuse(`falta la columna ${missing ? named(missing) : missingGroup!.map(named).join(' o ')}`);
              return 'stop';
            }
            continue;
          }
          report.rows++;
          handle(record.line, record.cells);
          if (report.rows % 20_000 === 0) o.onProgress?.({ file: spec.file, rows: report.rows });
        }
        return 'go';
      });
      for await (const batch of readRecordBatches(path, encoding, separator)) {
        if (stageBatch(batch) === 'stop') break;
      }
    } catch (error) {
      // The rows before the break were read and checked; the break is that line's error (skip-bad-rows keeps the rest).
      if (error instanceof CsvLineError && columns) {
        report.rejected++;
        errors.add(`${spec.file}:${error.line}: ${error.reason}`);
      } else refuse(`no se pudo leer como CSV (${(error instanceof CsvLineError ? error.reason : (error as Error).message).split('\n')[0]})`);
    }
    if (!columns && !report.refused) refuse('está vacío (falta la línea de encabezados)');
    // Numbers that waited for the file's decimal style.
    ctx.final = true;
    raw.transaction(() => {
      for (const p of pending) handle(p.line, p.cells);
    })();
  }
  return reports;
}

/** A cell that is a number and nothing else (not a date, a time, a CUIT or a code with dashes). */
const NUMERIC = /^-?(\$\s?)?\d[\d.,]*$/;

/**
 * How the folder writes decimals, read from all its files together: the first
 * rows' numbers that say it on their own ("3780,00", "12.5"), all agreeing; else
 * a file separated by semicolons (Spanish-locale spreadsheets write decimal
 * commas); else nothing, and each file goes by its own numbers.
 */
async function folderStyle(files: { path: string; encoding: Encoding; separator: ',' | ';' }[]): Promise<DecimalStyle | null> {
  const seen = new Set<DecimalStyle>();
  for (const file of files) {
    let style: DecimalStyle | null = null;
    try {
      for await (const batch of readRecordBatches(file.path, file.encoding, file.separator)) {
        for (const record of batch.slice(1)) {
          for (const cell of record.cells) {
            const trimmed = cell.trim();
            if (!NUMERIC.test(trimmed)) continue;
            const read = readNumber(trimmed);
            if (read.kind === 'value' && read.style) {
              style = read.style;
              break;
            }
          }
          if (style) break;
        }
        break; // the first batch is enough to tell
      }
    } catch {
      continue; // a file that does not read as CSV is refused, with its reason, when its rows are read
    }
    if (style) seen.add(style);
  }
  if (seen.size === 1) return [...seen][0]!;
  if (seen.size === 0 && files.some((f) => f.separator === ';')) return 'comma';
  return null;
}
