import type { RawDatabase } from '../../db/open';
import { ProductCreateInput, ProductUpdateInput, SupplierCreateInput, SupplierUpdateInput } from '../../../contract';
import { changedFields, timing, write, type WriteTx } from '../../write';
import type { Store } from '../store';
import { decodeEvent, type ImportEvent, type ReceiptLine } from './events';
import type { FileReport } from './report';
import type { Staging } from './staging';

export interface ApplyContext {
  app: Store;
  staging: Staging;
  reports: FileReport[];
  actor: string | null;
  /** The folder's name, for the import's audit entry. */
  folder: string;
  /** The header mappings to remember, when the person gave some. */
  mappings: Record<string, Record<string, string>> | null;
  onProgress?: ((progress: { file: string; rows: number }) => void) | undefined;
}

/**
 * Applies what was staged, in one transaction through the services: reference
 * data first (suppliers, products, price lists, CPI), then receipts,
 * adjustments, counts and sales replayed in time order, then one audit entry
 * for the whole import.
 */
export function applyStaged(c: ApplyContext): void {
  const raw = c.app.core.sql.raw;
  // Foreign keys are checked row by row by SQLite, which doubled the cost of the
  // bulk inserts; what the import writes references rows by construction (inner
  // joins on rows it just read), and SalesBulk counts what each insert wrote.
  // The pragma only takes effect outside a transaction, so it wraps the write.
  const enforced = !raw.inTransaction && (raw.pragma('foreign_keys', { simple: true }) as number) === 1;
  if (enforced) raw.pragma('foreign_keys = OFF');
  try {
    write(c.app.core, (tx) => {
      const report = (file: string) => c.reports.find((r) => r.file === file)!;
      applyReferenceData(tx, c, report);
      timing('reference data');
      replay(tx, c, raw, report);
      // The header mappings the person gave are remembered for the next import of these files.
      if (c.mappings) c.app.services.settings.saveImportMappingsInTx(tx, c.mappings);
      // One audit entry for the whole import: what it applied, file by file.
      tx.audit({ entity: 'import', id: c.folder.split(/[\\/]/).at(-1) ?? null, after: { files: c.reports.map((r) => [r.file, r.rows, r.applied, r.unchanged, r.rejected]) } });
      tx.emit('products.changed', { ids: [] });
      tx.emit('stock.changed', { productIds: [] });
    });
  } finally {
    if (enforced) raw.pragma('foreign_keys = ON');
  }
}

function applyReferenceData(tx: WriteTx, c: ApplyContext, report: (file: string) => FileReport): void {
  const { services } = c.app;
  for (const { row } of c.staging.suppliers) {
    const current = services.suppliers.byCuit(row.cuit);
    if (!current) {
      services.suppliers.createInTx(tx, SupplierCreateInput.parse({ ...row }));
      report('suppliers.csv').applied++;
      continue;
    }
    const fields = { name: row.name, leadTimeDays: row.leadTimeDays, minOrder: row.minOrder, orderWeekdays: row.orderWeekdays };
    if (Object.keys(changedFields(pick(current, fields), fields).after).length === 0) {
      report('suppliers.csv').unchanged++;
      continue;
    }
    services.suppliers.updateInTx(tx, SupplierUpdateInput.parse({ id: current.id, changes: fields }));
    report('suppliers.csv').applied++;
  }
  for (const { row } of c.staging.products) {
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
    const id = services.products.idBySku(row.sku);
    if (!id) {
      services.products.createInTx(tx, ProductCreateInput.parse(fields));
      report('products.csv').applied++;
      continue;
    }
    const before = services.products.get({ id });
    // Once goods have come in, receipts and price lists own the cost; the file's
    // cost only seeds products never received (so importing twice changes nothing).
    if (services.products.everReceived(id)) fields.cost = before.cost ?? 0;
    if (Object.keys(changedFields(pick(before, fields), fields).after).length === 0) {
      report('products.csv').unchanged++;
      continue;
    }
    services.products.updateInTx(tx, ProductUpdateInput.parse({ id, changes: fields }));
    report('products.csv').applied++;
  }
  for (const p of c.staging.prices) {
    const supplier = services.suppliers.byCuit(p.supplierCuit)!;
    services.priceLists.recordInTx(tx, { supplierId: supplier.id, productId: services.products.idBySku(p.sku)!, date: p.date, cost: p.cost });
    report('prices.csv').applied++;
  }
  for (const m of c.staging.cpi) {
    services.cpi.setInTx(tx, m.month, m.index);
    report('cpi.csv').applied++;
  }
}

/** The keys of `shape` as `from` has them: what an update would compare. */
function pick<T extends object>(from: T, shape: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) out[key] = (from as Record<string, unknown>)[key];
  return out;
}

/**
 * Replays receipts, adjustments and counts (staged events) and the staged
 * tickets (SalesBulk) together, in time order, and at the same instant in
 * the files' order.
 */
function replay(tx: WriteTx, c: ApplyContext, raw: RawDatabase, report: (file: string) => FileReport): void {
  const { services } = c.app;
  const productIds = new Map<string, string>();
  const productId = (sku: string) => {
    let id = productIds.get(sku.toUpperCase());
    if (!id) {
      id = services.products.idBySku(sku)!;
      productIds.set(sku.toUpperCase(), id);
    }
    return id;
  };
  const page = raw.prepare('select ord, kind, key, ts, payload from imp_event where (ts, ord) > (?, ?) order by ts, ord limit 2000');
  const receiptLines = raw.prepare('select payload from imp_receipt_line where key = ?').pluck();
  type Staged = { ord: number; kind: string; key: string; ts: string; payload: string };
  let buffer: Staged[] = [];
  let next = 0;
  let last = { ts: '', ord: 0 };
  let done = 0;
  const fill = () => {
    if (next < buffer.length) return;
    buffer = page.all(last.ts, last.ord) as Staged[];
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
      const staged = buffer[next++]!;
      post(decodeEvent(staged.kind, staged.payload), staged.key, staged.ts, settle);
      done++;
      if (done % 2_000 === 0) c.onProgress?.({ file: 'aplicando', rows: done });
    },
  };

  /** One staged event through its service; `settle` writes back the bulk path's state of the products it touches first. */
  function post(event: ImportEvent, key: string, ts: string, settle: (productIds: string[]) => void): void {
    switch (event.kind) {
      case 'receipt': {
        const lines = (receiptLines.all(key) as string[]).map((l) => JSON.parse(l) as ReceiptLine).sort((a, b) => a.line - b.line);
        settle(lines.map((l) => productId(l.sku)));
        const h = event.head;
        services.receipts.postInTx(
          tx,
          {
            supplierCuit: h.supplierCuit,
            docType: h.type,
            pos: h.pos,
            number: h.number,
            date: h.date,
            ...(h.receivedOn ? { receivedOn: h.receivedOn } : {}),
            lines: lines.map((l) => ({
              productId: productId(l.sku),
              qty: l.qty,
              unitCost: l.unitCost,
              ...(l.ivaRate === null ? {} : { ivaRate: l.ivaRate as 21 }),
              ...(l.lot ? { lot: l.lot } : {}),
              ...(l.expiry ? { expiry: l.expiry } : {}),
            })),
          },
          c.actor,
          ts,
        );
        report('receipts.csv').applied += lines.length;
        return;
      }
      case 'adjustment':
        settle([productId(event.sku)]);
        services.adjustments.adjustInTx(tx, {
          productId: productId(event.sku),
          qty: event.qty,
          reason: event.reason,
          note: event.note,
          occurredAt: ts,
          actor: event.user ?? c.actor,
          historic: true,
        });
        report('adjustments.csv').applied++;
        return;
      case 'count':
        settle([productId(event.sku)]);
        services.counts.postHistoricInTx(tx, { productId: productId(event.sku), counted: event.counted, at: ts, user: event.user ?? c.actor, sessionName: 'Conteo importado' });
        report('counts.csv').applied++;
        return;
    }
  }

  const saleLines = c.staging.sales.replay(tx, c.actor, others, (lines) => c.onProgress?.({ file: 'aplicando ventas', rows: lines }));
  if (c.reports.some((r) => r.file === 'sales.csv')) report('sales.csv').applied += saleLines;
}
