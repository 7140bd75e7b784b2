import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { ProductCreateInput, ProductUpdateInput, SupplierCreateInput } from '../../contract';
import type { Store } from './store';

import { zonedToIso } from '../domain/time';
import { formatPesos } from '../domain/format';
import { AppError } from '../domain/errors';
import { SalesBulk, timing, write, type WriteTx } from '../write';
import {
  FILES,
  NeedsStyle,
  RowError,
  type AdjustmentRow,
  type CountRow,
  type CpiRow,
  type FileSpec,
  type PriceRow,
  type ProductRef,
  type ProductRow,
  type ReceiptRow,
  type RowContext,
  type SaleRow,
  type SupplierRow,
} from './files';
import { detectEncoding, detectSeparator, readRecordBatches, type Encoding } from './read';
import { readNumber, type DecimalStyle } from './values';
import { columnLabel, resolveColumns } from './headers';
import { saveSetting } from '../services/settings';

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
  changes: { newProducts: number; priceChanges: number; newSuppliers: number };
}

const MAX_LISTED_ERRORS = 1000;

/** What the events point at, from the store and from the files being imported. */
interface Catalog {
  skus: Map<string, { sku: string; barcodes: string[]; unit: 'un' | 'kg' | 'l'; price?: number }>;
  barcodes: Map<string, string>;
  suppliers: Set<string>;
  supplierCodes: Map<string, string>;
}

interface Staging {
  event: Statement;
  eventGet: Statement;
  receiptLine: Statement;
  single: Statement;
}

/**
 * Imports a folder in the interchange format. Every row is read, checked and
 * staged first (streamed through temporary tables, so a million-line sales.csv
 * is never held in memory); only then, if no row is bad (or bad rows are to be
 * skipped), everything is applied in one transaction: reference data first,
 * then receipts, sales, adjustments and counts replayed in time order.
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
  const timeZone = app.services.settings.get().timeZone;
  const actor = options.actor ?? null;
  const errors: string[] = [];
  let errorCount = 0;
  const reports: FileReport[] = [];
  const addError = (message: string) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(message);
  };

  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return summary(folder, false, [], [`${folder}: no existe la carpeta`], 1, `No existe la carpeta ${folder}`);
  }
  const present = new Map(readdirSync(folder).map((name) => [name.toLowerCase(), name]));

  raw.exec(`
    drop table if exists temp.imp_event; drop table if exists temp.imp_receipt_line; drop table if exists temp.imp_single;
    create temp table imp_event (ord integer primary key, kind text not null, key text not null, ts text not null, payload text, unique (kind, key));
    create temp table imp_receipt_line (key text not null, sku text not null, payload text not null, primary key (key, sku));
    create temp table imp_single (kind text not null, key text not null, primary key (kind, key));
  `);
  const st: Staging = {
    event: raw.prepare('insert into imp_event (kind, key, ts, payload) values (?, ?, ?, ?) on conflict (kind, key) do nothing'),
    eventGet: raw.prepare('select ts, payload from imp_event where kind = ? and key = ?'),
    receiptLine: raw.prepare('insert into imp_receipt_line (key, sku, payload) values (?, ?, ?)'),
    single: raw.prepare('insert into imp_single (kind, key) values (?, ?)'),
  };
  const catalog = loadCatalog(app);
  const suppliers: { row: SupplierRow; line: number }[] = [];
  const products: { row: ProductRow; line: number }[] = [];
  const prices: PriceRow[] = [];
  const cpi: CpiRow[] = [];
  const exists = storeLookups(app);
  const sales = new SalesBulk(raw, exists.ticket);

  // The person's header mappings: what they said now, over what they said before (remembered per file).
  const remembered = JSON.parse((raw.prepare("select value from settings where key = 'import.mapping'").pluck().get() as string | undefined) ?? '{}') as Record<string, Record<string, string>>;
  const mappings: Record<string, Record<string, string>> = { ...remembered };
  for (const [file, map] of Object.entries(options.mapping ?? {})) mappings[file] = { ...remembered[file], ...map };
  // What the import would change in the catalog, for the preview to say.
  const changes = { newProducts: 0, priceChanges: 0, newSuppliers: 0 };
  const unitOf = (ref: ProductRef) => {
    const key = ref.sku ? ref.sku.toUpperCase() : ref.barcode ? catalog.barcodes.get(ref.barcode) : undefined;
    return (key && catalog.skus.get(key)?.unit) || null;
  };

  try {
    timing('start');
    // Every file's encoding and separator first: the number style belongs to the whole import.
    const formats = new Map<string, { path: string; encoding: Encoding; separator: ',' | ';' } | null>();
    for (const spec of FILES) {
      const name = present.get(spec.file);
      if (!name) continue;
      const path = join(folder, name);
      const encoding = await detectEncoding(path);
      formats.set(spec.file, encoding ? { path, encoding, separator: await detectSeparator(path, encoding) } : null);
    }
    const importStyle = options.decimals ?? (await folderStyle([...formats.values()].filter((f) => f !== null)));
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
        addError(`${spec.file}: ${reason}`);
      };
      const format = formats.get(spec.file);
      if (!format) {
        refuse('no está en UTF-8 ni en Windows-1252 (¿es un archivo de texto CSV?)');
        continue;
      }
      const { path, encoding, separator } = format;
      const ctx: RowContext = { timeZone, style: null, importStyle, stated: options.decimals !== undefined, final: false, unitOf };
      let columns: Map<string, number> | null = null;
      const pending: { line: number; cells: string[] }[] = [];

      const handle = (line: number, cells: string[]) => {
        const get = (column: string) => {
          const index = columns!.get(column);
          return index === undefined ? undefined : cells[index];
        };
        try {
          const row = (spec as FileSpec<unknown>).parse(get, ctx);
          const outcome = stage(spec.file, row, line);
          if (outcome === 'unchanged') report.unchanged++;
        } catch (error) {
          if (error instanceof NeedsStyle) {
            pending.push({ line, cells });
            return;
          }
          if (!(error instanceof RowError)) throw error;
          report.rejected++;
          addError(`${spec.file}:${line}: ${error.column}: ${error.reason}`);
        }
      };

      try {
        // Each batch is staged in one transaction of its own: autocommitted inserts into
        // the temporary tables cost a journal write each and dominated large imports.
        // The batch runs synchronously, so no other call shares the transaction.
        const stageBatch = raw.transaction((batch: { line: number; cells: string[] }[]): 'go' | 'stop' => {
          for (const record of batch) {
            if (!columns) {
              const resolved = resolveColumns(spec.file, spec.known, record.cells, mappings[spec.file]);
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
            if (report.rows % 20_000 === 0) options.onProgress?.({ file: spec.file, rows: report.rows });
          }
          return 'go';
        });
        for await (const batch of readRecordBatches(path, encoding, separator)) {
          if (stageBatch(batch) === 'stop') break;
        }
      } catch (error) {
        refuse(`no se pudo leer como CSV (${(error as Error).message.split('\n')[0]})`);
      }
      if (!columns && !report.refused) refuse('está vacío (falta la línea de encabezados)');
      // Numbers that waited for the file's decimal style.
      ctx.final = true;
      raw.transaction(() => {
        for (const p of pending) handle(p.line, p.cells);
      })();
    }

    // A split payment is checked once all of its ticket's lines are in.
    for (const m of sales.rejectSplitMismatches()) {
      const report = reports.find((r) => r.file === 'sales.csv')!;
      report.rejected += m.lines;
      addError(`sales.csv:${m.line}: payment: los pagos del ticket ${m.ticket} suman ${formatPesos(m.paid)} y sus líneas ${formatPesos(m.total)}`);
    }

    const bad = errorCount > 0;
    if (options.dryRun) {
      const staged = reports.reduce((s, r) => s + r.rows - r.rejected - r.unchanged, 0);
      return summary(
        folder,
        false,
        reports,
        errors,
        errorCount,
        bad
          ? `Vista previa: hay ${errorCount} ${errorCount === 1 ? 'error' : 'errores'}; ${staged} filas están bien.`
          : staged === 0
            ? 'Vista previa: todo lo de estos archivos ya está cargado.'
            : `Vista previa: ${staged} filas listas para importar, sin errores.`,
        changes,
      );
    }
    if (bad && !options.skipBadRows) {
      return summary(
        folder,
        false,
        reports,
        errors,
        errorCount,
        `No se aplicó nada: hay ${errorCount} ${errorCount === 1 ? 'error' : 'errores'}. Corregí los archivos o importá con --skip-bad-rows para dejar afuera las filas con error.`,
      );
    }
    const applyStart = performance.now();
    timing('staging');
    apply();
    if (process.env.GONDOLA_IMPORT_TIMING) process.stderr.write(`apply ${((performance.now() - applyStart) / 1000).toFixed(2)} s\n`);
    const applied = reports.reduce((s, r) => s + r.applied, 0);
    return summary(
      folder,
      true,
      reports,
      errors,
      errorCount,
      bad
        ? `Se importaron ${applied} filas; ${errorCount} con errores quedaron afuera.`
        : applied === 0
          ? 'No hubo cambios: todo lo de estos archivos ya estaba cargado.'
          : `Se importaron ${applied} filas.`,
      changes,
    );
  } finally {
    raw.exec('drop table if exists temp.imp_event; drop table if exists temp.imp_receipt_line; drop table if exists temp.imp_single;');
    sales.drop();
  }

  // ── staging ──────────────────────────────────────────────────────────────

  function stage(file: string, row: unknown, line: number): 'staged' | 'unchanged' {
    switch (file) {
      case 'suppliers.csv': {
        const r = row as SupplierRow;
        unique('supplier', r.cuit, 'cuit');
        if (!catalog.suppliers.has(r.cuit)) changes.newSuppliers++;
        suppliers.push({ row: r, line });
        catalog.suppliers.add(r.cuit);
        return 'staged';
      }
      case 'products.csv': {
        const r = row as ProductRow;
        unique('product', r.sku.toUpperCase(), 'sku');
        if (r.supplierCuit && !catalog.suppliers.has(r.supplierCuit)) throw new RowError('supplier_cuit', `no existe el proveedor ${r.supplierCuit}`);
        for (const code of r.barcodes) {
          const owner = catalog.barcodes.get(code);
          if (owner && owner !== r.sku.toUpperCase()) throw new RowError('barcode', `el código ${code} ya es del producto ${catalog.skus.get(owner)?.sku ?? owner}`);
        }
        const previous = catalog.skus.get(r.sku.toUpperCase());
        if (!previous) changes.newProducts++;
        else if (previous.price !== undefined && previous.price !== r.price) changes.priceChanges++;
        for (const code of previous?.barcodes ?? []) if (!r.barcodes.includes(code)) catalog.barcodes.delete(code);
        for (const code of r.barcodes) catalog.barcodes.set(code, r.sku.toUpperCase());
        catalog.skus.set(r.sku.toUpperCase(), { sku: r.sku, barcodes: r.barcodes, unit: r.unit, price: r.price });
        products.push({ row: r, line });
        return 'staged';
      }
      case 'prices.csv': {
        const r = row as PriceRow;
        if (!catalog.suppliers.has(r.supplierCuit)) throw new RowError('supplier_cuit', `no existe el proveedor ${r.supplierCuit}`);
        const sku = resolve(r.ref, r.supplierCuit);
        unique('price', `${r.supplierCuit}|${r.date}|${sku}`, 'sku');
        if (exists.price(r.supplierCuit, r.date, sku)) return 'unchanged';
        prices.push({ ...r, ref: { sku } });
        return 'staged';
      }
      case 'cpi.csv': {
        const r = row as CpiRow;
        unique('cpi', r.month, 'month');
        if (exists.cpi(r.month) === r.index) return 'unchanged';
        cpi.push(r);
        return 'staged';
      }
      case 'receipts.csv': {
        const r = row as ReceiptRow;
        if (!catalog.suppliers.has(r.supplierCuit)) throw new RowError('supplier_cuit', `no existe el proveedor ${r.supplierCuit}: agregalo en suppliers.csv`);
        const sku = resolve(r.ref);
        const key = `${r.supplierCuit}|${r.type}|${r.pos}|${r.number}`;
        if (exists.receipt(r.supplierCuit, r.type, r.pos, r.number)) return 'unchanged';
        const ts = r.postedAt ?? zonedToIso(r.receivedOn ?? r.date, '00:00:00', timeZone);
        st.event.run('receipt', key, ts, JSON.stringify({ supplierCuit: r.supplierCuit, type: r.type, pos: r.pos, number: r.number, date: r.date, receivedOn: r.receivedOn }));
        const head = st.eventGet.get('receipt', key) as { ts: string; payload: string };
        const staged = JSON.parse(head.payload) as { date: string };
        if (staged.date !== r.date) throw new RowError('date', `el comprobante ya tiene otra fecha (${staged.date}) en otra línea`);
        try {
          st.receiptLine.run(key, sku, JSON.stringify({ sku, qty: r.qty, unitCost: r.unitCost, ivaRate: r.ivaRate, lot: r.lot, expiry: r.expiry, line }));
        } catch {
          throw new RowError('sku', `el producto ${sku} ya está en otra línea del mismo comprobante (clave repetida)`);
        }
        return 'staged';
      }
      case 'sales.csv': {
        const r = row as SaleRow;
        return sales.stage({ row: r, sku: resolve(r.ref), line });
      }
      case 'adjustments.csv': {
        const r = row as AdjustmentRow;
        const sku = resolve(r.ref);
        const key = `${r.datetime}|${sku}|${r.reason}|${r.user ?? ''}`;
        unique('adjustment', key, 'datetime');
        if (exists.adjustment(r.datetime, sku, r.reason, r.user)) return 'unchanged';
        st.event.run('adjustment', key, r.datetime, JSON.stringify({ sku, qty: r.qty, reason: r.reason, user: r.user, note: r.note }));
        return 'staged';
      }
      case 'counts.csv': {
        const r = row as CountRow;
        const sku = resolve(r.ref);
        const key = `${r.datetime}|${sku}`;
        unique('count', key, 'datetime');
        if (exists.count(r.datetime, sku)) return 'unchanged';
        st.event.run('count', key, r.datetime, JSON.stringify({ sku, counted: r.counted, user: r.user }));
        return 'staged';
      }
      default:
        throw new Error(`unknown file ${file}`);
    }
  }

  /** A key seen twice in the files is a bad row (the second time). */
  function unique(kind: string, key: string, column: string): void {
    try {
      st.single.run(kind, key);
    } catch {
      throw new RowError(column, 'clave repetida: esta fila repite una anterior del archivo');
    }
  }

  /** The sku a reference points at, in the store or in products.csv. */
  function resolve(ref: ProductRef, supplierCuit?: string): string {
    if (ref.sku) {
      const found = catalog.skus.get(ref.sku.toUpperCase());
      if (!found) throw new RowError('sku', `no existe el producto ${ref.sku}`);
      return found.sku;
    }
    if (ref.barcode) {
      const owner = catalog.barcodes.get(ref.barcode);
      if (!owner) throw new RowError('barcode', `ningún producto tiene el código ${ref.barcode}`);
      return catalog.skus.get(owner)!.sku;
    }
    const owner = catalog.supplierCodes.get(`${supplierCuit}|${ref.supplierCode}`);
    if (!owner) throw new RowError('supplier_code', `el proveedor no tiene el código ${ref.supplierCode}`);
    return owner;
  }

  // ── applying ─────────────────────────────────────────────────────────────

  function apply(): void {
    // Foreign keys are checked row by row by SQLite, which doubled the cost of the
    // bulk inserts; what the import writes references rows by construction (inner
    // joins on rows it just read), and SalesBulk counts what each insert wrote.
    // The pragma only takes effect outside a transaction, so it wraps the write.
    const enforced = !raw.inTransaction && (raw.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (enforced) raw.pragma('foreign_keys = OFF');
    try {
      applyInTransaction();
    } finally {
      if (enforced) raw.pragma('foreign_keys = ON');
    }
  }

  function applyInTransaction(): void {
    const report = (file: string) => reports.find((r) => r.file === file)!;
    write(app.core, (tx) => {
      for (const { row } of suppliers) {
        const current = app.services.suppliers.byCuit(row.cuit);
        if (!current) {
          app.services.suppliers.createInTx(tx, SupplierCreateInput.parse({ ...row }));
          report('suppliers.csv').applied++;
        } else if (current.name !== row.name || current.leadTimeDays !== row.leadTimeDays || current.minOrder !== row.minOrder || current.orderWeekdays.join() !== row.orderWeekdays.join()) {
          tx.sql.run(
            tx.sql.q
              .updateTable('suppliers')
              .set({ name: row.name, lead_time_days: row.leadTimeDays, order_weekdays: row.orderWeekdays.join(','), min_order: row.minOrder, version: current.version + 1, updated_at: tx.now })
              .where('id', '=', current.id),
          );
          report('suppliers.csv').applied++;
        } else report('suppliers.csv').unchanged++;
      }
      for (const { row } of products) {
        const fields = {
          sku: row.sku,
          name: row.name,
          brand: row.brand,
          category: row.category,
          unit: row.unit,
          price: row.price,
          barcodes: row.barcodes,
          active: row.active,
          ivaRate: row.ivaRate,
          cost: row.cost,
          minStock: row.minStock,
          packSize: row.packSize,
          shelfLifeDays: row.shelfLifeDays,
          supplierCuit: row.supplierCuit,
        };
        const current = tx.sql.first(tx.sql.q.selectFrom('products').select('id').where('sku_key', '=', row.sku.toUpperCase()));
        if (!current) {
          app.services.products.createInTx(tx, ProductCreateInput.parse(fields));
          report('products.csv').applied++;
          continue;
        }
        const before = app.services.products.get({ id: current.id });
        // Once goods have come in, receipts and price lists own the cost; the file's
        // cost only seeds products never received (so importing twice changes nothing).
        const received = !!tx.sql.raw.prepare("select 1 from stock_movements where product_id = ? and kind = 'receipt' limit 1").get(current.id);
        if (received) fields.cost = before.cost ?? 0;
        const same =
          before.sku === fields.sku &&
          before.name === fields.name &&
          before.brand === fields.brand &&
          before.category === fields.category &&
          before.unit === fields.unit &&
          before.price === fields.price &&
          before.barcodes.join() === fields.barcodes.join() &&
          before.active === fields.active &&
          before.ivaRate === fields.ivaRate &&
          before.cost === fields.cost &&
          before.minStock === fields.minStock &&
          before.packSize === fields.packSize &&
          before.shelfLifeDays === fields.shelfLifeDays &&
          before.supplierCuit === fields.supplierCuit;
        if (same) {
          report('products.csv').unchanged++;
          continue;
        }
        app.services.products.updateInTx(tx, ProductUpdateInput.parse({ id: current.id, changes: fields }));
        report('products.csv').applied++;
      }
      timing('reference data');
      const productId = productIds(tx);
      for (const p of prices) {
        const supplier = app.services.suppliers.byCuit(p.supplierCuit)!;
        const id = productId(p.ref.sku!);
        tx.sql.run(tx.sql.q.insertInto('price_changes').values({ id: tx.newId(), supplier_id: supplier.id, product_id: id, date: p.date, cost: p.cost }));
        // The newest list in effect sets the product's cost.
        const newest = tx.sql.first(
          tx.sql.q.selectFrom('price_changes').select('date').where('product_id', '=', id).where('date', '<=', tx.now.slice(0, 10)).orderBy('date', 'desc').limit(1),
        );
        if (newest?.date === p.date) tx.sql.run(tx.sql.q.updateTable('products').set({ cost: p.cost }).where('id', '=', id));
        report('prices.csv').applied++;
      }
      for (const c of cpi) {
        tx.sql.run(
          tx.sql.q
            .insertInto('cpi')
            .values({ month: c.month, index_value: c.index })
            .onConflict((oc) => oc.column('month').doUpdateSet({ index_value: c.index })),
        );
        report('cpi.csv').applied++;
      }
      replayEvents(tx, productId, report);
      // The header mappings the person gave are remembered for the next import of these files.
      if (options.mapping && Object.keys(options.mapping).length > 0) saveSetting(tx, 'import.mapping', mappings);
      // One audit entry for the whole import: what it applied, file by file.
      tx.audit({ entity: 'import', id: folder.split(/[\\/]/).at(-1) ?? null, after: { files: reports.map((r) => [r.file, r.rows, r.applied, r.unchanged, r.rejected]) } });
      tx.emit('products.changed', { ids: [] });
      tx.emit('stock.changed', { productIds: [] });
    });
  }

  /**
   * Replays receipts, adjustments and counts (from imp_event) and the staged
   * tickets (SalesBulk) together, in time order, and at the same instant in
   * the files' order.
   */
  function replayEvents(tx: WriteTx, productId: (sku: string) => string, report: (file: string) => FileReport): void {
    const page = raw.prepare('select ord, kind, key, ts, payload from imp_event where (ts, ord) > (?, ?) order by ts, ord limit 2000');
    const receiptLines = raw.prepare('select payload from imp_receipt_line where key = ?');
    type Event = { ord: number; kind: string; key: string; ts: string; payload: string };
    let buffer: Event[] = [];
    let next = 0;
    let last = { ts: '', ord: 0 };
    let done = 0;
    const fill = () => {
      if (next < buffer.length) return;
      buffer = page.all(last.ts, last.ord) as Event[];
      next = 0;
      const tail = buffer[buffer.length - 1];
      if (tail) last = { ts: tail.ts, ord: tail.ord };
    };
    const others = {
      peek(): { ts: string; kind: string } | null {
        fill();
        return next < buffer.length ? buffer[next]! : null;
      },
      runNext(settle: (productIds: string[]) => void): void {
        fill();
        const event = buffer[next++]!;
        run(event, settle);
        done++;
        if (done % 2_000 === 0) options.onProgress?.({ file: 'aplicando', rows: done });
      },
    };

    function run(event: Event, settle: (productIds: string[]) => void): void {
      const data = JSON.parse(event.payload) as Record<string, unknown>;
      switch (event.kind) {
        case 'receipt': {
          const lines = (receiptLines.all(event.key) as { payload: string }[])
            .map((l) => JSON.parse(l.payload) as { sku: string; qty: number; unitCost: number; ivaRate: number | null; lot: string | null; expiry: string | null; line: number })
            .sort((a, b) => a.line - b.line);
          settle(lines.map((l) => productId(l.sku)));
          app.services.receipts.postInTx(
            tx,
            {
              supplierCuit: data.supplierCuit as string,
              docType: data.type as 'A',
              pos: data.pos as number,
              number: data.number as number,
              date: data.date as string,
              ...(data.receivedOn ? { receivedOn: data.receivedOn as string } : {}),
              lines: lines.map((l) => ({
                productId: productId(l.sku),
                qty: l.qty,
                unitCost: l.unitCost,
                ...(l.ivaRate === null ? {} : { ivaRate: l.ivaRate as 21 }),
                ...(l.lot ? { lot: l.lot } : {}),
                ...(l.expiry ? { expiry: l.expiry } : {}),
              })),
            },
            actor,
            event.ts,
          );
          report('receipts.csv').applied += lines.length;
          break;
        }
        case 'adjustment':
          settle([productId(data.sku as string)]);
          app.services.adjustments.adjustInTx(tx, {
            productId: productId(data.sku as string),
            qty: data.qty as number,
            reason: data.reason as 'merma',
            note: (data.note as string | null) ?? null,
            occurredAt: event.ts,
            actor: (data.user as string | null) ?? actor,
            historic: true,
          });
          report('adjustments.csv').applied++;
          break;
        case 'count':
          settle([productId(data.sku as string)]);
          app.services.counts.postHistoricInTx(tx, {
            productId: productId(data.sku as string),
            counted: data.counted as number,
            at: event.ts,
            user: (data.user as string | null) ?? actor,
            sessionName: 'Conteo importado',
          });
          report('counts.csv').applied++;
          break;
      }
    }

    const saleLines = sales.replay(tx, actor, others, (lines) => options.onProgress?.({ file: 'aplicando ventas', rows: lines }));
    if (reports.some((r) => r.file === 'sales.csv')) report('sales.csv').applied += saleLines;
  }
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

function summary(folder: string, applied: boolean, files: FileReport[], errors: string[], errorCount: number, message: string, changes: ImportSummary['changes'] = { newProducts: 0, priceChanges: 0, newSuppliers: 0 }): ImportSummary {
  return { folder, applied, files, errors, errorCount, message, changes };
}

function productIds(tx: WriteTx): (sku: string) => string {
  const cache = new Map<string, string>();
  const find = tx.sql.raw.prepare('select id from products where sku_key = ?').pluck();
  return (sku) => {
    const key = sku.toUpperCase();
    let id = cache.get(key);
    if (!id) {
      id = find.get(key) as string;
      cache.set(key, id);
    }
    return id;
  };
}

function loadCatalog(app: Store): Catalog {
  const raw = app.core.sql.raw;
  const skus = new Map<string, { sku: string; barcodes: string[]; unit: 'un' | 'kg' | 'l'; price?: number }>();
  for (const p of raw.prepare('select sku, sku_key, unit, price from products').all() as { sku: string; sku_key: string; unit: 'un' | 'kg' | 'l'; price: number }[]) {
    skus.set(p.sku_key, { sku: p.sku, barcodes: [], unit: p.unit, price: p.price });
  }
  const barcodes = new Map<string, string>();
  for (const b of raw.prepare('select b.barcode, p.sku_key from product_barcodes b join products p on p.id = b.product_id').all() as { barcode: string; sku_key: string }[]) {
    barcodes.set(b.barcode, b.sku_key);
    skus.get(b.sku_key)!.barcodes.push(b.barcode);
  }
  const suppliers = new Set((raw.prepare('select cuit from suppliers').pluck().all() as string[]));
  const supplierCodes = new Map<string, string>();
  for (const row of raw
    .prepare('select s.cuit, ps.supplier_code, p.sku from product_suppliers ps join suppliers s on s.id = ps.supplier_id join products p on p.id = ps.product_id where ps.supplier_code is not null')
    .all() as { cuit: string; supplier_code: string; sku: string }[]) {
    supplierCodes.set(`${row.cuit}|${row.supplier_code}`, row.sku);
  }
  return { skus, barcodes, suppliers, supplierCodes };
}

/** Whether a keyed row is already in the store (importing twice changes nothing). */
function storeLookups(app: Store) {
  const raw = app.core.sql.raw;
  const receipt = raw.prepare('select 1 from receipts r join suppliers s on s.id = r.supplier_id where s.cuit = ? and r.doc_type = ? and r.pos = ? and r.number = ?').pluck();
  const ticket = raw.prepare('select 1 from sale_tickets where number = ?').pluck();
  const adjustment = raw.prepare(
    'select 1 from adjustments a join products p on p.id = a.product_id where a.occurred_at = ? and p.sku_key = ? and a.reason = ? and coalesce(a.user_name, \'\') = ?',
  ).pluck();
  const count = raw.prepare(
    "select 1 from count_lines l join products p on p.id = l.product_id join count_sessions s on s.id = l.session_id where s.status = 'aprobado' and s.closed_at = ? and p.sku_key = ? and l.counted is not null",
  ).pluck();
  const price = raw.prepare('select 1 from price_changes c join suppliers s on s.id = c.supplier_id join products p on p.id = c.product_id where s.cuit = ? and c.date = ? and p.sku_key = ?').pluck();
  const cpi = raw.prepare('select index_value from cpi where month = ?').pluck();
  return {
    receipt: (cuit: string, type: string, pos: number, number: number) => !!receipt.get(cuit, type, pos, number),
    ticket: (number: string) => !!ticket.get(number),
    adjustment: (at: string, sku: string, reason: string, user: string | null) => !!adjustment.get(at, sku.toUpperCase(), reason, user ?? ''),
    count: (at: string, sku: string) => !!count.get(at, sku.toUpperCase()),
    price: (cuit: string, date: string, sku: string) => !!price.get(cuit, date, sku.toUpperCase()),
    cpi: (month: string) => cpi.get(month) as number | undefined,
  };
}
