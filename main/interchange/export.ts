import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from './store';

import type { CpiTable, ProductsTable, SuppliersTable } from '../db/schema';
import { isoWithOffset } from '../domain/time';
import { writeScaled, writeText } from './values';

export interface ExportSummary {
  folder: string;
  files: { file: string; rows: number }[];
}

type Cell = string | number | null;

/**
 * Writes the store in the interchange format, streaming each table (a year of
 * sales never sits in memory). Documents are in time order, the order an
 * import replays them in, so export → import → export gives the same files. Numbers use a decimal point and no grouping;
 * date-times carry their offset; text that a spreadsheet would run as a
 * formula gets a leading `'`. Each file is written beside its final name and
 * renamed when complete, so a crash never leaves half a file.
 */
export async function exportFolder(app: Store, folder: string): Promise<ExportSummary> {
  mkdirSync(folder, { recursive: true });
  const raw = app.core.sql.raw;
  const tz = app.services.settings.get().timeZone;
  const at = (iso: string | null) => (iso ? isoWithOffset(iso, tz) : '');
  const money = (v: number | null) => (v === null ? '' : writeScaled(v, 2));
  const qty = (v: number | null) => (v === null ? '' : writeScaled(v, 3));
  const rate = (tenths: number) => writeScaled(tenths, 1);
  const files: ExportSummary['files'] = [];

  // Rows stream from SQLite straight to the file in 1 MB writes: synchronous, so
  // no other call can run on the connection while a statement is open on it.
  const table = async <R>(file: string, header: string[], sql: string, row: (r: R) => Cell[]) => {
    const path = join(folder, file);
    const partial = `${path}.partial`;
    const fd = openSync(partial, 'w');
    let rows = 0;
    try {
      let buffer = `${header.join(',')}\n`;
      for (const r of raw.prepare(sql).iterate()) {
        buffer += `${row(r as R).map(csvCell).join(',')}\n`;
        rows++;
        if (buffer.length > 1 << 20) {
          writeSync(fd, buffer);
          buffer = '';
        }
      }
      writeSync(fd, buffer);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(partial, path);
    } catch (error) {
      closeSync(fd);
      rmSync(partial, { force: true });
      throw error;
    }
    files.push({ file, rows });
  };

  await table('suppliers.csv', ['cuit', 'name', 'lead_time_days', 'order_weekdays', 'min_order'], 'select * from suppliers order by cuit', (s: SuppliersTable) => [
    s.cuit,
    writeText(s.name),
    s.lead_time_days,
    s.order_weekdays,
    money(s.min_order),
  ]);
  await table(
    'products.csv',
    ['sku', 'barcode', 'name', 'category', 'brand', 'unit', 'iva_rate', 'cost', 'price', 'min_stock', 'supplier_cuit', 'pack_size', 'shelf_life_days', 'active'],
    `select p.*, c.name as category_name, s.cuit as supplier_cuit,
       (select group_concat(barcode, '|') from (select barcode from product_barcodes b where b.product_id = p.id order by position)) as codes
     from products p left join categories c on c.id = p.category_id left join suppliers s on s.id = p.supplier_id order by p.sku_key`,
    (p: ProductsTable & { codes: string | null; category_name: string | null; supplier_cuit: string | null }) => [
      writeText(p.sku),
      p.codes ?? '',
      writeText(p.name),
      p.category_name ? writeText(p.category_name) : '',
      p.brand ? writeText(p.brand) : '',
      p.unit,
      rate(p.iva_rate),
      money(p.cost),
      money(p.price),
      qty(p.min_stock),
      p.supplier_cuit ?? '',
      p.pack_size,
      p.shelf_life_days ?? '',
      p.active,
    ],
  );
  await table(
    'prices.csv',
    ['supplier_cuit', 'date', 'sku', 'cost'],
    'select s.cuit, c.date, p.sku, c.cost from price_changes c join suppliers s on s.id = c.supplier_id join products p on p.id = c.product_id order by c.date, s.cuit, p.sku_key',
    (r: { cuit: string; date: string; sku: string; cost: number }) => [r.cuit, r.date, writeText(r.sku), money(r.cost)],
  );
  await table('cpi.csv', ['month', 'index'], 'select * from cpi order by month', (r: CpiTable) => [r.month, String(r.index_value)]);
  await table(
    'receipts.csv',
    ['supplier_cuit', 'invoice_type', 'pos', 'number', 'date', 'received_on', 'posted_at', 'sku', 'qty', 'unit_cost', 'iva_rate', 'lot', 'expiry'],
    `select s.cuit, r.doc_type, r.pos, r.number, r.date, r.received_on, r.posted_at, p.sku, l.qty, l.unit_cost, l.iva_rate, l.lot_code, l.expiry
     from receipt_lines l join receipts r on r.id = l.receipt_id join suppliers s on s.id = r.supplier_id join products p on p.id = l.product_id
     order by r.posted_at, r.seq, l.line_no`,
    (r: ReceiptExportRow) => [r.cuit, r.doc_type, r.pos, r.number, r.date, r.received_on ?? r.date, at(r.posted_at), writeText(r.sku), qty(r.qty), money(r.unit_cost), rate(r.iva_rate), r.lot_code ? writeText(r.lot_code) : '', r.expiry ?? ''],
  );
  await table(
    'sales.csv',
    ['ticket', 'line', 'datetime', 'sku', 'qty', 'unit_price', 'discount', 'cashier', 'payment', 'voided'],
    // A split payment goes on the ticket's first line as method:amount pairs (the format's way); its other lines leave the cell empty.
    `select t.number, l.line_no, t.closed_at, p.sku, l.qty, l.unit_price, l.discount, t.cashier, t.payment, l.voided,
            case when l.line_no = (select min(l2.line_no) from sale_lines l2 where l2.ticket_id = t.id)
                 then (select group_concat(sp.method || ':' || sp.amount, '|') from (select method, amount from sale_payments where ticket_id = t.id order by part_no) sp) end as split,
            exists (select 1 from sale_payments where ticket_id = t.id) as is_split
     from sale_lines l join sale_tickets t on t.id = l.ticket_id join products p on p.id = l.product_id order by t.closed_at, t.seq, l.line_no`,
    (r: SaleExportRow) => [
      writeText(r.number),
      r.line_no,
      at(r.closed_at),
      writeText(r.sku),
      qty(r.qty),
      money(r.unit_price),
      money(r.discount),
      r.cashier ? writeText(r.cashier) : '',
      r.split ? splitCell(r.split) : r.is_split ? '' : (r.payment ?? ''),
      r.voided,
    ],
  );
  await table(
    'adjustments.csv',
    ['datetime', 'sku', 'qty', 'reason', 'user', 'note'],
    'select a.occurred_at, p.sku, a.qty, a.reason, a.user_name, a.note from adjustments a join products p on p.id = a.product_id order by a.occurred_at, a.seq',
    (r: { occurred_at: string; sku: string; qty: number; reason: string; user_name: string | null; note: string | null }) => [at(r.occurred_at), writeText(r.sku), qty(r.qty), r.reason, r.user_name ? writeText(r.user_name) : '', r.note ? writeText(r.note) : ''],
  );
  await table(
    'counts.csv',
    ['datetime', 'sku', 'counted', 'user'],
    `select s.closed_at, p.sku, l.counted, l.counted_by from count_lines l join count_sessions s on s.id = l.session_id join products p on p.id = l.product_id
     where s.status = 'aprobado' and l.counted is not null order by s.closed_at, s.seq, p.sku_key`,
    (r: { closed_at: string; sku: string; counted: number; counted_by: string | null }) => [at(r.closed_at), writeText(r.sku), qty(r.counted), r.counted_by ? writeText(r.counted_by) : ''],
  );
  return { folder, files };
}

/** A line of receipts.csv as its query reads it. */
interface ReceiptExportRow {
  cuit: string;
  doc_type: string;
  pos: number;
  number: number;
  date: string;
  received_on: string | null;
  posted_at: string;
  sku: string;
  qty: number;
  unit_cost: number;
  iva_rate: number;
  lot_code: string | null;
  expiry: string | null;
}

/** A line of sales.csv as its query reads it (split: a split payment's parts, on the ticket's first line). */
interface SaleExportRow {
  number: string;
  line_no: number;
  closed_at: string;
  sku: string;
  qty: number;
  unit_price: number;
  discount: number;
  cashier: string | null;
  payment: string | null;
  voided: number;
  split: string | null;
  is_split: number;
}

/** RFC 4180: quote a cell that holds the separator, a quote or a line break. */
function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** "efectivo:80000|debito:100050" (centavos, as stored) → "efectivo:800|debito:1000.5" (pesos, as the export writes money). */
function splitCell(stored: string): string {
  return stored
    .split('|')
    .map((part) => {
      const [method, centavos] = part.split(':');
      return `${method}:${writeScaled(Number(centavos), 2)}`;
    })
    .join('|');
}
