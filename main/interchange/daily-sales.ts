import type { DailySales } from '../forecast/sales-file';
import { basename } from 'node:path';
import { localDate } from '../domain/time';
import { detectEncoding, detectSeparator, readRecordBatches } from './read';
import { readDateTime, readNumber, resolveAmbiguous } from './values';

/**
 * A sales.csv of the interchange format summed per product and local day, with
 * no store behind it (for `gondola forecast backtest --sales`). Products are
 * named by their sku, or by the barcode when the row has no sku. Bad rows stop
 * the read with every problem named `file:line: column: reason`.
 */
export type { DailySales };

export class SalesFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} problemas en el archivo de ventas:\n${problems.slice(0, 20).join('\n')}${problems.length > 20 ? `\n… y ${problems.length - 20} más` : ''}`);
  }
}

function numberOf(raw: string): number | null {
  let cell = readNumber(raw);
  if (cell.kind === 'ambiguous') cell = resolveAmbiguous(cell, 'dot') ?? { kind: 'error', reason: '' };
  if (cell.kind !== 'value') return null;
  const value = Number(`${cell.int}.${cell.frac || '0'}`);
  return cell.negative ? -value : value;
}

export async function readDailySales(path: string, timeZone: string): Promise<DailySales> {
  const name = basename(path);
  const encoding = await detectEncoding(path);
  if (!encoding) throw new SalesFileError([`${name}: no es un archivo de texto CSV (UTF-8 o Windows-1252)`]);
  const separator = await detectSeparator(path, encoding);
  const products = new Map<string, Map<string, [number, number]>>();
  const problems: string[] = [];
  let header: Map<string, number> | null = null;
  let firstDate = '';
  let lastDate = '';
  let rows = 0;
  for await (const batch of readRecordBatches(path, encoding, separator)) {
    for (const record of batch) {
      if (!header) {
        header = new Map(record.cells.map((c, i) => [c.trim().toLowerCase(), i]));
        const missing = ['datetime', 'qty', 'unit_price'].filter((c) => !header!.has(c));
        if (!header.has('sku') && !header.has('barcode')) missing.push('sku o barcode');
        if (missing.length) throw new SalesFileError([`${name}:1: faltan columnas: ${missing.join(', ')}`]);
        continue;
      }
      const cell = (column: string) => {
        const i = header!.get(column);
        return i === undefined ? '' : (record.cells[i] ?? '').trim();
      };
      const at = `${name}:${record.line}`;
      if (cell('voided') === '1') continue;
      const key = cell('sku') || cell('barcode');
      if (!key) {
        problems.push(`${at}: sku: falta el producto (sku o barcode)`);
        continue;
      }
      const instant = readDateTime(cell('datetime'), timeZone);
      if (!instant) {
        problems.push(`${at}: datetime: «${cell('datetime')}» no es una fecha y hora`);
        continue;
      }
      const qty = numberOf(cell('qty'));
      if (qty === null) {
        problems.push(`${at}: qty: «${cell('qty')}» no es un número`);
        continue;
      }
      const price = numberOf(cell('unit_price'));
      if (price === null || price < 0) {
        problems.push(`${at}: unit_price: «${cell('unit_price')}» no es un precio`);
        continue;
      }
      const discount = cell('discount') ? numberOf(cell('discount')) : 0;
      if (discount === null) {
        problems.push(`${at}: discount: «${cell('discount')}» no es un número`);
        continue;
      }
      const date = localDate(instant, timeZone);
      let days = products.get(key);
      if (!days) products.set(key, (days = new Map()));
      const slot = days.get(date) ?? [0, 0];
      slot[0] += qty;
      slot[1] += qty * price - discount;
      days.set(date, slot);
      if (!firstDate || date < firstDate) firstDate = date;
      if (!lastDate || date > lastDate) lastDate = date;
      rows++;
    }
    if (problems.length > 1000) break;
  }
  if (!header) throw new SalesFileError([`${name}: el archivo está vacío`]);
  if (problems.length) throw new SalesFileError(problems);
  if (rows === 0) throw new SalesFileError([`${name}: no tiene ventas`]);
  return { products, firstDate, lastDate, rows };
}
