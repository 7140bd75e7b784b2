import type { MethodParsedInput, Receipt } from '../../contract';
import type { Sql } from '../db/sql';
import { AppError, validationError } from '../domain/errors';
import { addDays, daysBetween, localDate, zonedToIso } from '../domain/time';
import { formatCuit, formatDay, formatMoney } from '../../locale';
import { invoiceNumber } from '../domain/cuit';
import { write, type Core, type WriteTx } from '../write';
import type { SettingsService } from './settings';
import { checkedCuit } from './suppliers';
import { rateToTenths, tenthsToRate } from './products';
import type { PurchaseOrderService } from './purchase-orders';
import type { Caller } from './sales';
import { amountFits, MAX_AMOUNT } from '../domain/ledger';

/** A receipt to post; an invoice read from its document also brings what it printed. */
type PostInput = MethodParsedInput<'receipts.post'> & { printed?: Printed };

/** What a supplier invoice printed, as read and confirmed by the person. */
export interface Printed {
  net?: number | undefined;
  iva?: number | undefined;
  other?: number | undefined;
  total?: number | undefined;
}

/**
 * The cents between what an invoice printed and what its lines make, when they
 * are rounding: the supplier rounds per line or on the total, so a cent or so
 * per line (at least two) is rounding; more than that is not, and is left for
 * the person to see (printed and computed stay side by side).
 */
export function roundingOf(printed: Printed | undefined, computed: { net: number; iva: number }, lines: number): number {
  if (!printed) return 0;
  const made = computed.net + computed.iva;
  const said = printed.net !== undefined && printed.iva !== undefined ? printed.net + printed.iva : printed.total !== undefined ? printed.total - (printed.other ?? 0) : null;
  if (said === null) return 0;
  const difference = said - made;
  return Math.abs(difference) <= Math.max(2, lines) ? difference : 0;
}

/** The receipt of this supplier document, if it was received already (the same invoice is received once). */
export function findReceivedInvoice(sql: Sql, doc: { supplierId: string; docType: Receipt['docType']; pos: number; number: number }) {
  return sql.first(
    sql.q
      .selectFrom('receipts')
      .select(['id', 'date', 'posted_at'])
      .where('supplier_id', '=', doc.supplierId)
      .where('doc_type', '=', doc.docType)
      .where('pos', '=', doc.pos)
      .where('number', '=', doc.number),
  );
}

/** Receiving goods (recepción): one document, its lines, lots and movements, in one transaction. */
export class ReceiptService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
    private readonly orders: PurchaseOrderService,
  ) {}

  /**
   * A receipt posted by a person. A cashier receives quantities, lots and
   * expiry but never sets a cost: whatever the call says, each line's cost is
   * the purchase order's, else the product's last (a cost of one centavo would
   * drag the average cost down for every later sale).
   */
  post(input: PostInput, caller: Caller | null): Receipt {
    const received = this.receivedOn(input);
    const lines: PostInput['lines'] = caller?.role === 'cajero' ? input.lines.map(({ unitCost: _ignored, ...line }) => line) : input.lines;
    const actor = caller?.name ?? null;
    const id = write(this.core, (tx) => {
      const id = this.postInTx(tx, { ...input, lines, receivedOn: received }, actor);
      const head = tx.sql.raw.prepare('select supplier_id, doc_type, pos, number, date, received_on, total from receipts where id = ?').get(id);
      tx.audit({ entity: 'receipt', id, after: { ...(head as object), lines: lines.map((l) => [l.productId, l.qty, l.unitCost ?? null, l.lot ?? null]) } });
      return id;
    });
    return this.get(id);
  }

  /**
   * The day the goods of a receipt posted by a person arrived: the one given or
   * today, never after today; and an invoice dated over 30 days before that, or
   * after today, only once the person confirmed it (NEEDS_CONFIRMATION).
   */
  receivedOn(input: Pick<PostInput, 'date' | 'receivedOn' | 'confirmDate'>): string {
    const today = localDate(this.core.clock.now(), this.settings.get().timeZone);
    const received = input.receivedOn ?? today;
    if (received > today) {
      throw validationError([{ path: 'receivedOn', message: `La fecha de recepción (${formatDay(received)}) es posterior a hoy: la mercadería entra el día que llega` }]);
    }
    if (!input.confirmDate) {
      const age = daysBetween(input.date, received);
      if (input.date > today) {
        throw new AppError('NEEDS_CONFIRMATION', `La factura tiene fecha ${formatDay(input.date)}, posterior a hoy. ¿Es correcta? La mercadería entra igual con fecha ${formatDay(received)}.`, { confirm: 'date', field: 'date' });
      }
      if (age > 30) {
        throw new AppError('NEEDS_CONFIRMATION', `La factura es del ${formatDay(input.date)}, ${age} días antes de recibirla. ¿Es correcta? La mercadería entra con fecha ${formatDay(received)}, no la de la factura.`, { confirm: 'date', field: 'date' });
      }
    }
    return received;
  }

  /**
   * Posts inside a caller's transaction; returns the receipt id. Imports pass
   * when the receipt was originally posted, so an exported store re-imports the same.
   */
  postInTx(tx: WriteTx, input: PostInput, actor: string | null, postedAt: string = tx.now): string {
    const cuit = checkedCuit(input.supplierCuit, 'supplierCuit');
    const supplier = tx.sql.first(tx.sql.q.selectFrom('suppliers').select(['id', 'name']).where('cuit', '=', cuit));
    if (!supplier) throw validationError([{ path: 'supplierCuit', message: `No hay ningún proveedor con CUIT ${formatCuit(cuit)}: cargalo primero` }]);
    const duplicate = findReceivedInvoice(tx.sql, { supplierId: supplier.id, docType: input.docType, pos: input.pos, number: input.number });
    if (duplicate) {
      throw new AppError(
        'DUPLICATE_INVOICE',
        `El comprobante ${input.docType} ${invoiceNumber(input.pos, input.number)} de ${supplier.name} ya se recibió (fecha ${duplicate.date}).`,
        { receiptId: duplicate.id },
      );
    }
    const products = input.lines.map((line, i) => {
      const product = tx.ledger.product(line.productId);
      if (!product) throw validationError([{ path: `lines.${i}.productId`, message: `La línea ${i + 1} no tiene un producto válido` }]);
      return product;
    });

    const tz = this.settings.get().timeZone;
    // Stock enters the day the goods arrived: when posted that same day, at the
    // moment of posting; else at the start of that day (history from an import
    // or the demo without a received day: the invoice's date).
    const receivedOn = input.receivedOn ?? input.date;
    const occurredAt = receivedOn === localDate(postedAt, tz) ? postedAt : zonedToIso(receivedOn, '00:00:00', tz);
    const receiptId = tx.newId();
    let netTotal = 0;
    let ivaTotal = 0;
    const orderCost = input.purchaseOrderId
      ? tx.sql.raw.prepare('select unit_cost from purchase_order_lines where order_id = ? and product_id = ?').pluck()
      : null;
    const lines = input.lines.map((given, i) => {
      const product = products[i]!;
      // A cashier receiving does not see costs: the order's cost, else the last one, stands in.
      const unitCost = given.unitCost ?? ((orderCost?.get(input.purchaseOrderId, given.productId) as number | undefined) ?? product.cost);
      const line = { ...given, unitCost };
      const rate = line.ivaRate === undefined ? product.iva_rate : rateToTenths(line.ivaRate);
      if (!amountFits(line.qty, line.unitCost)) throw validationError([{ path: `lines.${i}.qty`, message: `La línea de «${product.name}» da más de ${formatMoney(MAX_AMOUNT)}: revisá la cantidad y el costo` }]);
      const net = Math.round((line.qty * line.unitCost) / 1000);
      netTotal += net;
      ivaTotal += Math.round((net * rate) / 1000);
      // Perishables get a lot even when the delivery note names none: the expiry is what matters.
      const expiry = line.expiry ?? (product.shelf_life_days ? addDays(receivedOn, product.shelf_life_days) : null);
      const lotCode = line.lot ?? (expiry ? `V${expiry}` : null);
      return { line, product, rate, expiry, lotCode };
    });
    if (netTotal + ivaTotal > MAX_AMOUNT) throw validationError([{ path: 'lines', message: `El comprobante suma más de ${formatMoney(MAX_AMOUNT)}: revisá las cantidades y los costos` }]);
    tx.sql.run(
      tx.sql.q.insertInto('receipts').values({
        id: receiptId,
        seq: tx.ledger.next('store'),
        supplier_id: supplier.id,
        doc_type: input.docType,
        pos: input.pos,
        number: input.number,
        date: input.date,
        received_on: receivedOn,
        purchase_order_id: input.purchaseOrderId ?? null,
        net_total: netTotal,
        iva_total: ivaTotal,
        total: netTotal + ivaTotal,
        user_name: actor,
        posted_at: postedAt,
        printed_net: input.printed?.net ?? null,
        printed_iva: input.printed?.iva ?? null,
        printed_other: input.printed?.other ?? null,
        printed_total: input.printed?.total ?? null,
        rounding: roundingOf(input.printed, { net: netTotal, iva: ivaTotal }, input.lines.length),
      }),
    );
    lines.forEach(({ line, rate, expiry, lotCode }, i) => {
      tx.sql.run(
        tx.sql.q.insertInto('receipt_lines').values({
          id: tx.newId(),
          receipt_id: receiptId,
          line_no: i + 1,
          product_id: line.productId,
          qty: line.qty,
          unit_cost: line.unitCost,
          iva_rate: rate,
          lot_code: lotCode,
          expiry,
        }),
      );
      const lotId = lotCode ? tx.ledger.lotFor(line.productId, lotCode, expiry, tx.newId, tx.now) : null;
      tx.ledger.post({
        id: tx.newId(),
        kind: 'receipt',
        productId: line.productId,
        lotId,
        qty: line.qty,
        unitCost: line.unitCost,
        occurredAt,
        recordedAt: tx.now,
        userName: actor,
        docType: 'receipt',
        docId: receiptId,
      });
    });
    if (input.purchaseOrderId) {
      this.orders.receiveInTx(tx, input.purchaseOrderId, supplier.id, input.lines.map((l) => ({ productId: l.productId, qty: l.qty })));
    }
    tx.emit('stock.changed', { productIds: [...new Set(input.lines.map((l) => l.productId))] });
    return receiptId;
  }

  get(id: string): Receipt {
    const { q } = this.core.sql;
    const head = this.core.sql.first(
      q
        .selectFrom('receipts')
        .innerJoin('suppliers', 'suppliers.id', 'receipts.supplier_id')
        .leftJoin('purchase_orders', 'purchase_orders.id', 'receipts.purchase_order_id')
        .selectAll('receipts')
        .select(['suppliers.cuit', 'suppliers.name as supplier_name', 'purchase_orders.number as order_number'])
        .where('receipts.id', '=', id),
    );
    if (!head) throw new AppError('NOT_FOUND', 'No se encontró la recepción', { id });
    const lines = this.core.sql.all(
      q
        .selectFrom('receipt_lines')
        .innerJoin('products', 'products.id', 'receipt_lines.product_id')
        .selectAll('receipt_lines')
        .select(['products.sku', 'products.name'])
        .where('receipt_id', '=', id)
        .orderBy('line_no'),
    );
    return {
      ...toReceiptHead(head),
      lines: lines.map((l) => ({
        lineNo: l.line_no,
        productId: l.product_id,
        sku: l.sku,
        name: l.name,
        qty: l.qty,
        unitCost: l.unit_cost,
        ivaRate: tenthsToRate(l.iva_rate),
        lot: l.lot_code,
        expiry: l.expiry,
      })),
    };
  }

  list(input: MethodParsedInput<'receipts.list'>) {
    const { q } = this.core.sql;
    let base = q
      .selectFrom('receipts')
      .innerJoin('suppliers', 'suppliers.id', 'receipts.supplier_id')
      .leftJoin('purchase_orders', 'purchase_orders.id', 'receipts.purchase_order_id');
    if (input.supplierCuit) base = base.where('suppliers.cuit', '=', input.supplierCuit.replace(/-/g, ''));
    const total = Number(this.core.sql.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
    const rows = this.core.sql.all(
      base
        .selectAll('receipts')
        .select(['suppliers.cuit', 'suppliers.name as supplier_name', 'purchase_orders.number as order_number'])
        .orderBy('receipts.date', 'desc')
        .orderBy('receipts.seq', 'desc')
        .limit(input.limit)
        .offset(input.offset),
    );
    return { items: rows.map(toReceiptHead), total };
  }
}

interface HeadRow {
  id: string;
  seq: number;
  cuit: string;
  supplier_name: string;
  doc_type: 'A' | 'B' | 'C' | 'R';
  pos: number;
  number: number;
  date: string;
  received_on: string | null;
  net_total: number;
  iva_total: number;
  total: number;
  printed_net: number | null;
  printed_iva: number | null;
  printed_other: number | null;
  printed_total: number | null;
  rounding: number;
  posted_at: string;
  user_name: string | null;
  order_number: number | null;
}

function toReceiptHead(r: HeadRow): Omit<Receipt, 'lines'> {
  return {
    id: r.id,
    seq: r.seq,
    supplierCuit: r.cuit,
    supplierName: r.supplier_name,
    docType: r.doc_type,
    pos: r.pos,
    number: r.number,
    date: r.date,
    receivedOn: r.received_on ?? r.date,
    netTotal: r.net_total,
    ivaTotal: r.iva_total,
    total: r.total,
    printedNet: r.printed_net,
    printedIva: r.printed_iva,
    printedOther: r.printed_other,
    printedTotal: r.printed_total,
    rounding: r.rounding,
    postedAt: r.posted_at,
    userName: r.user_name,
    purchaseOrderNumber: r.order_number,
  };
}
