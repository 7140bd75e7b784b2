import type { Statement } from 'better-sqlite3';
import type { RawDatabase } from '../../db/open';
import { RowError } from '../../domain/errors';
import { zonedToIso } from '../../domain/time';
import { SalesBulk } from '../../write';
import type { AdjustmentRow, CountRow, CpiRow, PriceRow, ProductRef, ProductRow, ReceiptRow, SaleRow, SupplierRow } from '../files';
import type { Store } from '../store';
import { loadCatalog, storeLookups, type Catalog, type StoreLookups } from './catalog';
import { encodeEvent, type ImportEvent, type ReceiptLine } from './events';

export type Outcome = 'staged' | 'unchanged';

/** What the import would change in the catalog, for the preview to say. */
export interface CatalogChanges {
  newProducts: number;
  priceChanges: number;
  newSuppliers: number;
}

/** One stager per file: checks a parsed row against the store and the rows before it, and stages it. */
type Stagers = {
  'suppliers.csv': (row: SupplierRow, line: number) => Outcome;
  'products.csv': (row: ProductRow, line: number) => Outcome;
  'prices.csv': (row: PriceRow, line: number) => Outcome;
  'cpi.csv': (row: CpiRow, line: number) => Outcome;
  'receipts.csv': (row: ReceiptRow, line: number) => Outcome;
  'sales.csv': (row: SaleRow, line: number) => Outcome;
  'adjustments.csv': (row: AdjustmentRow, line: number) => Outcome;
  'counts.csv': (row: CountRow, line: number) => Outcome;
};

/**
 * Everything read from the files, checked and waiting to be applied: the
 * reference data (suppliers, products, price lists, CPI) in memory (small);
 * receipts, adjustments and counts as events in temporary tables; sales in
 * SalesBulk's own. The staging tables belong to the connection and are
 * dropped by `drop()` whatever happens.
 */
export class Staging {
  readonly suppliers: { row: SupplierRow; line: number }[] = [];
  readonly products: { row: ProductRow; line: number }[] = [];
  readonly prices: (PriceRow & { sku: string })[] = [];
  readonly cpi: CpiRow[] = [];
  readonly changes: CatalogChanges = { newProducts: 0, priceChanges: 0, newSuppliers: 0 };
  readonly sales: SalesBulk;
  private readonly catalog: Catalog;
  private readonly exists: StoreLookups;
  private readonly st: Record<'event' | 'eventGet' | 'receiptLine' | 'single', Statement>;
  private readonly stagers: Stagers;

  constructor(
    private readonly raw: RawDatabase,
    app: Store,
    private readonly timeZone: string,
  ) {
    raw.exec(`
      drop table if exists temp.imp_event; drop table if exists temp.imp_receipt_line; drop table if exists temp.imp_single;
      create temp table imp_event (ord integer primary key, kind text not null, key text not null, ts text not null, payload text, unique (kind, key));
      create temp table imp_receipt_line (key text not null, sku text not null, payload text not null, primary key (key, sku));
      create temp table imp_single (kind text not null, key text not null, primary key (kind, key));
    `);
    this.st = {
      event: raw.prepare('insert into imp_event (kind, key, ts, payload) values (?, ?, ?, ?) on conflict (kind, key) do nothing'),
      eventGet: raw.prepare('select ts, payload from imp_event where kind = ? and key = ?'),
      receiptLine: raw.prepare('insert into imp_receipt_line (key, sku, payload) values (?, ?, ?)'),
      single: raw.prepare('insert into imp_single (kind, key) values (?, ?)'),
    };
    this.catalog = loadCatalog(app);
    this.exists = storeLookups(app);
    this.sales = new SalesBulk(raw, this.exists.ticket);
    this.stagers = {
      'suppliers.csv': (r, line) => this.supplier(r, line),
      'products.csv': (r, line) => this.product(r, line),
      'prices.csv': (r) => this.price(r),
      'cpi.csv': (r) => this.cpiMonth(r),
      'receipts.csv': (r, line) => this.receiptLine(r, line),
      'sales.csv': (r, line) => this.sales.stage({ row: r, sku: this.resolve(r.ref), line }),
      'adjustments.csv': (r) => this.adjustment(r),
      'counts.csv': (r) => this.count(r),
    };
  }

  /** Stages a parsed row of `file`; throws RowError naming the column when the row cannot be taken. */
  stage(file: string, row: unknown, line: number): Outcome {
    const stager = this.stagers[file as keyof Stagers] as ((row: unknown, line: number) => Outcome) | undefined;
    if (!stager) throw new Error(`unknown file ${file}`);
    return stager(row, line);
  }

  /** A product's unit by a reference, once known (a quantity's decimals depend on it). */
  unitOf(ref: ProductRef): 'un' | 'kg' | 'l' | null {
    const key = ref.sku ? ref.sku.toUpperCase() : ref.barcode ? this.catalog.barcodes.get(ref.barcode) : undefined;
    return (key && this.catalog.skus.get(key)?.unit) || null;
  }

  drop(): void {
    this.raw.exec('drop table if exists temp.imp_event; drop table if exists temp.imp_receipt_line; drop table if exists temp.imp_single;');
    this.sales.drop();
  }

  // ── one stager per file ────────────────────────────────────────────────────

  private supplier(r: SupplierRow, line: number): Outcome {
    this.unique('supplier', r.cuit, 'cuit');
    if (!this.catalog.suppliers.has(r.cuit)) this.changes.newSuppliers++;
    this.suppliers.push({ row: r, line });
    this.catalog.suppliers.add(r.cuit);
    return 'staged';
  }

  private product(r: ProductRow, line: number): Outcome {
    const key = r.sku.toUpperCase();
    this.unique('product', key, 'sku');
    if (r.supplierCuit && !this.catalog.suppliers.has(r.supplierCuit)) throw new RowError('supplier_cuit', `no existe el proveedor ${r.supplierCuit}`);
    for (const code of r.barcodes) {
      const owner = this.catalog.barcodes.get(code);
      if (owner && owner !== key) throw new RowError('barcode', `el código ${code} ya es del producto ${this.catalog.skus.get(owner)?.sku ?? owner}`);
    }
    const previous = this.catalog.skus.get(key);
    if (!previous) this.changes.newProducts++;
    else if (previous.price !== undefined && previous.price !== r.price) this.changes.priceChanges++;
    for (const code of previous?.barcodes ?? []) if (!r.barcodes.includes(code)) this.catalog.barcodes.delete(code);
    for (const code of r.barcodes) this.catalog.barcodes.set(code, key);
    this.catalog.skus.set(key, { sku: r.sku, barcodes: r.barcodes, unit: r.unit, price: r.price });
    this.products.push({ row: r, line });
    return 'staged';
  }

  private price(r: PriceRow): Outcome {
    if (!this.catalog.suppliers.has(r.supplierCuit)) throw new RowError('supplier_cuit', `no existe el proveedor ${r.supplierCuit}`);
    const sku = this.resolve(r.ref, r.supplierCuit);
    this.unique('price', `${r.supplierCuit}|${r.date}|${sku}`, 'sku');
    if (this.exists.price(r.supplierCuit, r.date, sku)) return 'unchanged';
    this.prices.push({ ...r, sku });
    return 'staged';
  }

  private cpiMonth(r: CpiRow): Outcome {
    this.unique('cpi', r.month, 'month');
    if (this.exists.cpi(r.month) === r.index) return 'unchanged';
    this.cpi.push(r);
    return 'staged';
  }

  private receiptLine(r: ReceiptRow, line: number): Outcome {
    if (!this.catalog.suppliers.has(r.supplierCuit)) throw new RowError('supplier_cuit', `no existe el proveedor ${r.supplierCuit}: agregalo en suppliers.csv`);
    const sku = this.resolve(r.ref);
    const key = `${r.supplierCuit}|${r.type}|${r.pos}|${r.number}`;
    if (this.exists.receipt(r.supplierCuit, r.type, r.pos, r.number)) return 'unchanged';
    const ts = r.postedAt ?? zonedToIso(r.receivedOn ?? r.date, '00:00:00', this.timeZone);
    this.event('receipt', key, ts, { kind: 'receipt', head: { supplierCuit: r.supplierCuit, type: r.type, pos: r.pos, number: r.number, date: r.date, receivedOn: r.receivedOn } });
    const staged = JSON.parse((this.st.eventGet.get('receipt', key) as { payload: string }).payload) as { head: { date: string } };
    if (staged.head.date !== r.date) throw new RowError('date', `el comprobante ya tiene otra fecha (${staged.head.date}) en otra línea`);
    const receiptLine: ReceiptLine = { sku, qty: r.qty, unitCost: r.unitCost, ivaRate: r.ivaRate, lot: r.lot, expiry: r.expiry, line };
    try {
      this.st.receiptLine.run(key, sku, JSON.stringify(receiptLine));
    } catch {
      throw new RowError('sku', `el producto ${sku} ya está en otra línea del mismo comprobante (clave repetida)`);
    }
    return 'staged';
  }

  private adjustment(r: AdjustmentRow): Outcome {
    const sku = this.resolve(r.ref);
    const key = `${r.datetime}|${sku}|${r.reason}|${r.user ?? ''}`;
    this.unique('adjustment', key, 'datetime');
    if (this.exists.adjustment(r.datetime, sku, r.reason, r.user)) return 'unchanged';
    this.event('adjustment', key, r.datetime, { kind: 'adjustment', sku, qty: r.qty, reason: r.reason, user: r.user, note: r.note });
    return 'staged';
  }

  private count(r: CountRow): Outcome {
    const sku = this.resolve(r.ref);
    const key = `${r.datetime}|${sku}`;
    this.unique('count', key, 'datetime');
    if (this.exists.count(r.datetime, sku)) return 'unchanged';
    this.event('count', key, r.datetime, { kind: 'count', sku, counted: r.counted, user: r.user });
    return 'staged';
  }

  // ── shared checks ──────────────────────────────────────────────────────────

  /** Stages an event once per key (a receipt's second line finds its head already there). */
  private event(kind: ImportEvent['kind'], key: string, ts: string, event: ImportEvent): void {
    this.st.event.run(kind, key, ts, encodeEvent(event));
  }

  /** A key seen twice in the files is a bad row (the second time). */
  private unique(kind: string, key: string, column: string): void {
    try {
      this.st.single.run(kind, key);
    } catch {
      throw new RowError(column, 'clave repetida: esta fila repite una anterior del archivo');
    }
  }

  /** The sku a reference points at, in the store or in products.csv. */
  private resolve(ref: ProductRef, supplierCuit?: string): string {
    if (ref.sku) {
      const found = this.catalog.skus.get(ref.sku.toUpperCase());
      if (!found) throw new RowError('sku', `no existe el producto ${ref.sku}`);
      return found.sku;
    }
    if (ref.barcode) {
      const owner = this.catalog.barcodes.get(ref.barcode);
      if (!owner) throw new RowError('barcode', `ningún producto tiene el código ${ref.barcode}`);
      return this.catalog.skus.get(owner)!.sku;
    }
    const owner = this.catalog.supplierCodes.get(`${supplierCuit}|${ref.supplierCode}`);
    if (!owner) throw new RowError('supplier_code', `el proveedor no tiene el código ${ref.supplierCode}`);
    return owner;
  }
}
