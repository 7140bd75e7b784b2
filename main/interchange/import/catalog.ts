import type { Store } from '../store';

/** What the rows point at, from the store and, as they are staged, from the files being imported. */
export interface Catalog {
  skus: Map<string, { sku: string; barcodes: string[]; unit: 'un' | 'kg' | 'l'; price?: number }>;
  barcodes: Map<string, string>;
  suppliers: Set<string>;
  supplierCodes: Map<string, string>;
}

export function loadCatalog(app: Store): Catalog {
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
  const suppliers = new Set(raw.prepare('select cuit from suppliers').pluck().all() as string[]);
  const supplierCodes = new Map<string, string>();
  for (const row of raw
    .prepare('select s.cuit, ps.supplier_code, p.sku from product_suppliers ps join suppliers s on s.id = ps.supplier_id join products p on p.id = ps.product_id where ps.supplier_code is not null')
    .all() as { cuit: string; supplier_code: string; sku: string }[]) {
    supplierCodes.set(`${row.cuit}|${row.supplier_code}`, row.sku);
  }
  return { skus, barcodes, suppliers, supplierCodes };
}

export type StoreLookups = ReturnType<typeof storeLookups>;

/** Whether a keyed row is already in the store (importing twice changes nothing). */
export function storeLookups(app: Store) {
  const raw = app.core.sql.raw;
  const receipt = raw.prepare('select 1 from receipts r join suppliers s on s.id = r.supplier_id where s.cuit = ? and r.doc_type = ? and r.pos = ? and r.number = ?').pluck();
  const ticket = raw.prepare('select 1 from sale_tickets where number = ?').pluck();
  const adjustment = raw
    .prepare("select 1 from adjustments a join products p on p.id = a.product_id where a.occurred_at = ? and p.sku_key = ? and a.reason = ? and coalesce(a.user_name, '') = ?")
    .pluck();
  const count = raw
    .prepare(
      "select 1 from count_lines l join products p on p.id = l.product_id join count_sessions s on s.id = l.session_id where s.status = 'aprobado' and s.closed_at = ? and p.sku_key = ? and l.counted is not null",
    )
    .pluck();
  const price = raw.prepare('select 1 from price_changes c join suppliers s on s.id = c.supplier_id join products p on p.id = c.product_id where s.cuit = ? and c.date = ? and p.sku_key = ?').pluck();
  return {
    receipt: (cuit: string, type: string, pos: number, number: number) => !!receipt.get(cuit, type, pos, number),
    ticket: (number: string) => !!ticket.get(number),
    adjustment: (at: string, sku: string, reason: string, user: string | null) => !!adjustment.get(at, sku.toUpperCase(), reason, user ?? ''),
    count: (at: string, sku: string) => !!count.get(at, sku.toUpperCase()),
    price: (cuit: string, date: string, sku: string) => !!price.get(cuit, date, sku.toUpperCase()),
    cpi: (month: string) => app.services.cpi.get(month),
  };
}
