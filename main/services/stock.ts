import { sql } from 'kysely';
import type { DashboardSummary, MethodParsedInput, Movement, ScanResult, StockRow } from '../../contract';
import type { StockMovementsTable } from '../db/schema';
import { invoiceRef } from '../domain/cuit';
import { AppError } from '../domain/errors';
import { stockValue } from '../domain/ledger';
import { decodeScaleLabel, isScaleLabelCandidate } from '../domain/scale-label';
import { foldForSearch } from '../domain/text';
import { addDays, dayRange, localDate, zoneOffsetMinutes } from '../domain/time';
import type { Core } from '../write';
import { productTextFilter } from './search';
import type { SettingsService } from './settings';

/** Read-only views of the ledger: on-hand and value, kardex, lots, scans, home figures. */
export class StockQueries {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
  ) {}

  private today(): string {
    return localDate(this.core.clock.now(), this.settings.get().timeZone);
  }

  list(input: MethodParsedInput<'stock.list'>) {
    const { q } = this.core.sql;
    let base = q
      .selectFrom('products')
      .leftJoin('categories', 'categories.id', 'products.category_id')
      .leftJoin('suppliers', 'suppliers.id', 'products.supplier_id')
      .where('products.active', '=', 1);
    if (input.query) base = base.where(productTextFilter(input.query));
    if (input.category) base = base.where('categories.name_key', '=', foldForSearch(input.category));
    if (input.supplierCuit) base = base.where('suppliers.cuit', '=', input.supplierCuit.replace(/-/g, ''));
    if (input.belowMin) base = base.where('products.min_stock', '>', 0).whereRef('products.on_hand', '<', 'products.min_stock');
    if (input.expiringWithinDays !== undefined) {
      const limit = addDays(this.today(), input.expiringWithinDays);
      base = base.where('products.id', 'in', q.selectFrom('lots').select('product_id').where('on_hand', '>', 0).where('expiry', '<=', limit));
    }
    const totals = this.core.sql.first(
      base.select([
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum((products.on_hand * products.avg_cost + 500) / 1000), 0)`.as('value'),
      ]),
    );
    const rows = this.core.sql.all(
      base
        .select([
          'products.id',
          'products.sku',
          'products.name',
          'products.unit',
          'products.on_hand',
          'products.min_stock',
          'products.avg_cost',
          'categories.name as category_name',
          (eb) =>
            eb
              .selectFrom('lots')
              .whereRef('lots.product_id', '=', 'products.id')
              .where('lots.on_hand', '>', 0)
              .select((e) => e.fn.min('lots.expiry').as('e'))
              .as('next_expiry'),
        ])
        .orderBy('products.search_text')
        .limit(input.limit)
        .offset(input.offset),
    );
    const items: StockRow[] = rows.map((r) => ({
      productId: r.id,
      sku: r.sku,
      name: r.name,
      category: r.category_name,
      unit: r.unit,
      onHand: r.on_hand,
      minStock: r.min_stock,
      avgCost: r.avg_cost,
      value: stockValue(r.on_hand, r.avg_cost),
      nextExpiry: (r.next_expiry as string | null) ?? null,
    }));
    return { items, total: Number(totals?.n ?? 0), totalValue: Number(totals?.value ?? 0) };
  }

  /** Every product's on-hand (thousandths) and average cost, by SKU: `gondola stock`. */
  onHandAll(): { sku: string; name: string; unit: string; onHand: number; avgCost: number }[] {
    return this.core.sql.raw.prepare('select sku, name, unit, on_hand as onHand, avg_cost as avgCost from products order by sku_key').all() as {
      sku: string;
      name: string;
      unit: string;
      onHand: number;
      avgCost: number;
    }[];
  }

  kardex(input: MethodParsedInput<'stock.kardex'>) {
    const base = this.movementQuery().where('m.product_id', '=', input.productId);
    const total = Number(
      this.core.sql.first(this.core.sql.q.selectFrom('stock_movements').where('product_id', '=', input.productId).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0,
    );
    const rows = this.core.sql.all(base.orderBy('m.seq', 'desc').limit(input.limit).offset(input.offset));
    return { items: rows.map(toMovement), total };
  }

  movement(id: string): Movement {
    const row = this.core.sql.first(this.movementQuery().where('m.id', '=', id));
    if (!row) throw new AppError('NOT_FOUND', 'No se encontró el movimiento', { id });
    return toMovement(row);
  }

  lots(input: MethodParsedInput<'stock.lots'>) {
    return this.core.sql
      .all(
        this.core.sql.q
          .selectFrom('lots')
          .select(['id', 'code', 'expiry', 'on_hand'])
          .where('product_id', '=', input.productId)
          .where('on_hand', '!=', 0)
          .orderBy(sql`expiry is null`)
          .orderBy('expiry')
          .orderBy('created_at'),
      )
      .map((l) => ({ id: l.id, code: l.code, expiry: l.expiry, onHand: l.on_hand }));
  }

  expiring(input: MethodParsedInput<'stock.expiring'>) {
    const { q } = this.core.sql;
    let base = q
      .selectFrom('lots')
      .innerJoin('products', 'products.id', 'lots.product_id')
      .leftJoin('categories', 'categories.id', 'products.category_id')
      .where('lots.on_hand', '>', 0)
      .where('lots.expiry', 'is not', null)
      .where('lots.expiry', '<=', addDays(this.today(), input.withinDays));
    if (input.category) base = base.where('categories.name_key', '=', foldForSearch(input.category));
    const total = Number(this.core.sql.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
    const rows = this.core.sql.all(
      base
        .select(['lots.id', 'lots.code', 'lots.expiry', 'lots.on_hand', 'products.id as product_id', 'products.sku', 'products.name', 'products.unit', 'products.on_hand as product_on_hand', 'categories.name as category'])
        .orderBy('lots.expiry')
        .orderBy('products.search_text')
        .orderBy('lots.code')
        .limit(input.limit)
        .offset(input.offset),
    );
    return {
      items: rows.map((r) => ({
        lotId: r.id,
        code: r.code,
        expiry: r.expiry!,
        onHand: r.on_hand,
        productId: r.product_id,
        sku: r.sku,
        name: r.name,
        unit: r.unit,
        category: r.category,
        productOnHand: r.product_on_hand,
      })),
      total,
    };
  }

  scan(code: string): ScanResult {
    const { q } = this.core.sql;
    const product = (where: 'barcode' | 'plu' | 'sku', value: string | number) => {
      let query = q.selectFrom('products').select(['products.id', 'products.sku', 'products.name', 'products.unit', 'products.price', 'products.active', 'products.iva_rate', 'products.on_hand']);
      if (where === 'barcode') query = query.innerJoin('product_barcodes', 'product_barcodes.product_id', 'products.id').where('product_barcodes.barcode', '=', String(value));
      else if (where === 'plu') query = query.where('products.scale_plu', '=', Number(value));
      else query = query.where('products.sku_key', '=', String(value).toUpperCase());
      return this.core.sql.first(query);
    };
    const byBarcode = product('barcode', code);
    if (byBarcode) return { productId: byBarcode.id, sku: byBarcode.sku, name: byBarcode.name, unit: byBarcode.unit, price: byBarcode.price, ivaRate: byBarcode.iva_rate / 10, onHand: byBarcode.on_hand, qty: null, amount: null, source: 'barcode' };
    const layout = this.settings.get().scaleLayout;
    if (isScaleLabelCandidate(code, layout)) {
      const label = decodeScaleLabel(code, layout);
      if (!label) throw new AppError('NOT_FOUND', `La etiqueta de balanza ${code} no es válida: revisá el último dígito o la configuración de la balanza`);
      const weighed = product('plu', label.plu);
      if (!weighed) throw new AppError('NOT_FOUND', `Ningún producto tiene el PLU de balanza ${label.plu}`, { plu: label.plu });
      const base = { productId: weighed.id, sku: weighed.sku, name: weighed.name, unit: weighed.unit, price: weighed.price, ivaRate: weighed.iva_rate / 10, onHand: weighed.on_hand, source: 'scale' as const };
      if (label.kind === 'weight') return { ...base, qty: label.grams, amount: null };
      // A price label: the quantity follows from the shelf price.
      const qty = weighed.price > 0 ? Math.round((label.centavos * 1000) / weighed.price) : 0;
      return { ...base, qty, amount: label.centavos };
    }
    const bySku = product('sku', code);
    if (bySku) return { productId: bySku.id, sku: bySku.sku, name: bySku.name, unit: bySku.unit, price: bySku.price, ivaRate: bySku.iva_rate / 10, onHand: bySku.on_hand, qty: null, amount: null, source: 'sku' };
    throw new AppError('NOT_FOUND', `No hay ningún producto con el código ${code}`, { code });
  }

  dashboard(): DashboardSummary {
    const { q } = this.core.sql;
    const tz = this.settings.get().timeZone;
    const today = this.today();
    const { from, to } = dayRange(today, tz);
    const sales = this.core.sql.first(
      q
        .selectFrom('sale_tickets')
        .where('closed_at', '>=', from)
        .where('closed_at', '<', to)
        .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(total), 0)`.as('total')]),
    );
    const value = this.core.sql.first(
      q.selectFrom('products').where('active', '=', 1).select(sql<number>`coalesce(sum((on_hand * avg_cost + 500) / 1000), 0)`.as('v')),
    );
    const belowMin = this.core.sql.first(
      q
        .selectFrom('products')
        .where('active', '=', 1)
        .where('min_stock', '>', 0)
        .whereRef('on_hand', '<', 'min_stock')
        .select((eb) => eb.fn.countAll<number>().as('n')),
    );
    const expiring = this.core.sql.first(
      q.selectFrom('lots').where('on_hand', '>', 0).where('expiry', '<=', addDays(today, 7)).select((eb) => eb.fn.countAll<number>().as('n')),
    );
    // Fourteen days in one query: each ticket's store day from its UTC instant and the zone offset.
    const first = addDays(today, -13);
    const since = dayRange(first, tz).from;
    const rows = this.core.sql.raw
      .prepare('select closed_at, total from sale_tickets where closed_at >= ? and closed_at < ?')
      .all(since, to) as { closed_at: string; total: number }[];
    const byDay = new Map<string, { tickets: number; total: number }>();
    for (let d = 0; d < 14; d++) byDay.set(addDays(first, d), { tickets: 0, total: 0 });
    for (const r of rows) {
      const ms = Date.parse(r.closed_at);
      const entry = byDay.get(new Date(ms + zoneOffsetMinutes(ms, tz) * 60_000).toISOString().slice(0, 10));
      if (entry) {
        entry.tickets++;
        entry.total += r.total;
      }
    }
    return {
      today,
      salesByDay: [...byDay].map(([date, v]) => ({ date, ...v })),
      salesToday: { tickets: Number(sales?.n ?? 0), total: Number(sales?.total ?? 0) },
      stockValue: Number(value?.v ?? 0),
      belowMin: Number(belowMin?.n ?? 0),
      expiringThisWeek: Number(expiring?.n ?? 0),
    };
  }

  private movementQuery() {
    return this.core.sql.q
      .selectFrom('stock_movements as m')
      .leftJoin('lots', 'lots.id', 'm.lot_id')
      .leftJoin('receipts', (j) => j.onRef('receipts.id', '=', 'm.doc_id').on('m.doc_type', '=', 'receipt'))
      .leftJoin('suppliers', 'suppliers.id', 'receipts.supplier_id')
      .leftJoin('sale_tickets', (j) => j.onRef('sale_tickets.id', '=', 'm.doc_id').on('m.doc_type', '=', 'ticket'))
      .leftJoin('count_sessions', (j) => j.onRef('count_sessions.id', '=', 'm.doc_id').on('m.doc_type', '=', 'count'))
      .selectAll('m')
      .select([
        'lots.code as lot_code',
        'suppliers.cuit as supplier_cuit',
        'receipts.doc_type as receipt_type',
        'receipts.pos as receipt_pos',
        'receipts.number as receipt_number',
        'sale_tickets.number as ticket_number',
        'count_sessions.name as count_name',
      ]);
  }
}

interface MovementRow extends StockMovementsTable {
  lot_code: string | null;
  supplier_cuit: string | null;
  receipt_type: string | null;
  receipt_pos: number | null;
  receipt_number: number | null;
  ticket_number: string | null;
  count_name: string | null;
}

/** How people name a movement's document: the invoice as CUIT-letter-pos-number, the ticket, the count. */
function docRef(r: MovementRow): string {
  switch (r.doc_type) {
    case 'receipt':
      return r.supplier_cuit
        ? invoiceRef(r.supplier_cuit, r.receipt_type!, r.receipt_pos!, r.receipt_number!)
        : 'Recepción';
    case 'ticket':
      return `Ticket ${r.ticket_number ?? ''}`.trim();
    case 'count':
      return `Conteo ${r.count_name ?? ''}`.trim();
    default:
      return 'Ajuste';
  }
}

function toMovement(r: MovementRow): Movement {
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    reason: r.reason,
    productId: r.product_id,
    lot: r.lot_code,
    qty: r.qty,
    unitCost: r.unit_cost,
    unitPrice: r.unit_price,
    occurredAt: r.occurred_at,
    userName: r.user_name,
    docType: r.doc_type,
    docId: r.doc_id,
    docRef: docRef(r),
    balanceAfter: r.balance_after,
    oversold: r.oversold === 1,
    note: r.note,
  };
}
