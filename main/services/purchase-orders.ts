import { sql } from 'kysely';
import type { FileOutput, MethodParsedInput, PurchaseOrder } from '../../contract';
import type { OrderStatus } from '../db/schema';
import { formatCuit, formatMoney } from '../../locale';
import { AppError, validationError } from '../domain/errors';
import { purchaseOrderCsv, purchaseOrderPdf } from '../reports';
import { write, type Core, type WriteTx } from '../write';
import type { SettingsService } from './settings';
import { checkedCuit } from './suppliers';
import { amountFits, MAX_AMOUNT } from '../domain/ledger';

type Lines = MethodParsedInput<'purchaseOrders.create'>['lines'];

/**
 * Purchase orders: borrador → enviada → parcial → recibida, or anulada.
 * Drafts are edited freely; once sent, receipts posted against the order move
 * its received quantities and its status.
 */
export class PurchaseOrderService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
  ) {}

  /** The order as the supplier receives it: a PDF headed with the store's identity. */
  pdf(id: string): Promise<FileOutput> {
    return purchaseOrderPdf(this.get(id), this.settings.get(), this.core.clock.now());
  }

  /** The order's lines as CSV, for suppliers who load it into their system. */
  csv(id: string): FileOutput {
    return purchaseOrderCsv(this.get(id));
  }

  create(input: MethodParsedInput<'purchaseOrders.create'>): PurchaseOrder {
    const id = write(this.core, (tx) => {
      const cuit = checkedCuit(input.supplierCuit, 'supplierCuit');
      const supplier = tx.sql.first(tx.sql.q.selectFrom('suppliers').select('id').where('cuit', '=', cuit));
      if (!supplier) throw validationError([{ path: 'supplierCuit', message: `No hay ningún proveedor con CUIT ${formatCuit(cuit)}` }]);
      const orderId = tx.newId();
      tx.sql.run(
        tx.sql.q.insertInto('purchase_orders').values({
          id: orderId,
          seq: tx.ledger.next('store'),
          number: tx.ledger.next('purchase_order'),
          supplier_id: supplier.id,
          status: 'borrador',
          created_at: tx.now,
          sent_at: null,
          note: input.note,
          version: 1,
        }),
      );
      this.writeLines(tx, orderId, input.lines);
      tx.emit('purchaseOrders.changed', { id: orderId });
      tx.audit({ entity: 'purchaseOrder', id: orderId, after: { supplierCuit: cuit, status: 'borrador', lines: input.lines.map((l) => [l.productId, l.qty]) } });
      return orderId;
    });
    return this.get(id);
  }

  update(input: MethodParsedInput<'purchaseOrders.update'>): PurchaseOrder {
    write(this.core, (tx) => {
      const order = this.require(tx, input.id, ['borrador'], 'Solo se editan los pedidos en borrador');
      if (input.expectedVersion !== undefined && input.expectedVersion !== order.version) {
        throw new AppError('CONFLICT', 'Otra persona modificó este pedido. Volvé a abrirlo para ver los cambios.');
      }
      tx.sql.run(tx.sql.q.deleteFrom('purchase_order_lines').where('order_id', '=', order.id));
      this.writeLines(tx, order.id, input.lines);
      tx.sql.run(tx.sql.q.updateTable('purchase_orders').set({ note: input.note, version: order.version + 1 }).where('id', '=', order.id));
      tx.emit('purchaseOrders.changed', { id: order.id });
      tx.audit({ entity: 'purchaseOrder', id: order.id, after: { note: input.note, lines: input.lines.map((l) => [l.productId, l.qty, l.unitCost ?? null]) } });
    });
    return this.get(input.id);
  }

  send(input: MethodParsedInput<'purchaseOrders.send'>): PurchaseOrder {
    write(this.core, (tx) => {
      const order = this.require(tx, input.id, ['borrador'], 'El pedido ya fue enviado');
      tx.sql.run(tx.sql.q.updateTable('purchase_orders').set({ status: 'enviada', sent_at: tx.now, version: order.version + 1 }).where('id', '=', order.id));
      tx.emit('purchaseOrders.changed', { id: order.id });
      tx.audit({ entity: 'purchaseOrder', id: order.id, before: { status: 'borrador' }, after: { status: 'enviada' } });
    });
    return this.get(input.id);
  }

  cancel(input: MethodParsedInput<'purchaseOrders.cancel'>): PurchaseOrder {
    write(this.core, (tx) => {
      const order = this.require(tx, input.id, ['borrador', 'enviada'], 'No se puede anular: ya se recibió mercadería de este pedido');
      tx.sql.run(tx.sql.q.updateTable('purchase_orders').set({ status: 'anulada', version: order.version + 1 }).where('id', '=', order.id));
      tx.emit('purchaseOrders.changed', { id: order.id });
      tx.audit({ entity: 'purchaseOrder', id: order.id, before: { status: order.status }, after: { status: 'anulada' } });
    });
    return this.get(input.id);
  }

  /**
   * Called by the receipt service inside its transaction: checks the order can
   * be received against, adds what arrived, and moves the status.
   */
  receiveInTx(tx: WriteTx, orderId: string, supplierId: string, received: { productId: string; qty: number }[]): number {
    const order = this.require(tx, orderId, ['enviada', 'parcial'], 'Solo se recibe contra un pedido enviado');
    if (order.supplier_id !== supplierId) throw validationError([{ path: 'purchaseOrderId', message: 'El pedido es de otro proveedor' }]);
    const lines = tx.sql.all(tx.sql.q.selectFrom('purchase_order_lines').selectAll().where('order_id', '=', orderId));
    for (const r of received) {
      const line = lines.find((l) => l.product_id === r.productId);
      if (!line) continue; // extra goods are received, just not against the order
      line.received_qty += r.qty;
      tx.sql.run(
        tx.sql.q.updateTable('purchase_order_lines').set({ received_qty: line.received_qty }).where('order_id', '=', orderId).where('line_no', '=', line.line_no),
      );
    }
    const complete = lines.every((l) => l.received_qty >= l.qty);
    tx.sql.run(tx.sql.q.updateTable('purchase_orders').set({ status: complete ? 'recibida' : 'parcial', version: order.version + 1 }).where('id', '=', orderId));
    tx.emit('purchaseOrders.changed', { id: orderId });
    return order.number;
  }

  get(id: string): PurchaseOrder {
    const { q } = this.core.sql;
    const head = this.core.sql.first(
      q
        .selectFrom('purchase_orders')
        .innerJoin('suppliers', 'suppliers.id', 'purchase_orders.supplier_id')
        .selectAll('purchase_orders')
        .select(['suppliers.cuit', 'suppliers.name as supplier_name'])
        .where('purchase_orders.id', '=', id),
    );
    if (!head) throw new AppError('NOT_FOUND', 'No se encontró el pedido', { id });
    const lines = this.core.sql.all(
      q
        .selectFrom('purchase_order_lines as l')
        .innerJoin('products as p', 'p.id', 'l.product_id')
        .leftJoin('product_suppliers as ps', (j) => j.onRef('ps.product_id', '=', 'l.product_id').on('ps.supplier_id', '=', head.supplier_id))
        .select(['l.line_no', 'l.product_id', 'l.qty', 'l.unit_cost', 'l.received_qty', 'p.sku', 'p.name', 'p.unit', 'p.iva_rate', 'ps.supplier_code'])
        // The product's first barcode: what the supplier's system finds it by.
        .select((eb) =>
          eb.selectFrom('product_barcodes as b').select('b.barcode').whereRef('b.product_id', '=', 'l.product_id').orderBy('b.position').limit(1).as('barcode'),
        )
        .where('l.order_id', '=', id)
        .orderBy('l.line_no'),
    );
    return {
      id: head.id,
      number: head.number,
      supplierCuit: head.cuit,
      supplierName: head.supplier_name,
      status: head.status,
      createdAt: head.created_at,
      sentAt: head.sent_at,
      note: head.note,
      version: head.version,
      total: lines.reduce((s, l) => s + Math.round((l.qty * l.unit_cost) / 1000), 0),
      lines: lines.map((l) => ({
        lineNo: l.line_no,
        productId: l.product_id,
        sku: l.sku,
        name: l.name,
        unit: l.unit,
        qty: l.qty,
        unitCost: l.unit_cost,
        receivedQty: l.received_qty,
        ivaRate: l.iva_rate / 10,
        supplierCode: l.supplier_code,
        barcode: l.barcode ?? null,
      })),
    };
  }

  list(input: MethodParsedInput<'purchaseOrders.list'>) {
    const { q } = this.core.sql;
    let base = q.selectFrom('purchase_orders').innerJoin('suppliers', 'suppliers.id', 'purchase_orders.supplier_id');
    if (input.status) base = base.where('purchase_orders.status', '=', input.status);
    if (input.supplierCuit) base = base.where('suppliers.cuit', '=', input.supplierCuit.replace(/-/g, ''));
    const total = Number(this.core.sql.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
    const rows = this.core.sql.all(
      base
        .selectAll('purchase_orders')
        .select(['suppliers.cuit', 'suppliers.name as supplier_name'])
        .select((eb) => [
          eb.selectFrom('purchase_order_lines as l').whereRef('l.order_id', '=', 'purchase_orders.id').select(eb.fn.countAll<number>().as('n')).as('line_count'),
          eb
            .selectFrom('purchase_order_lines as l')
            .whereRef('l.order_id', '=', 'purchase_orders.id')
            .select(sql<number>`coalesce(sum((l.qty * l.unit_cost + 500) / 1000), 0)`.as('t'))
            .as('total'),
        ])
        .orderBy('purchase_orders.number', 'desc')
        .limit(input.limit)
        .offset(input.offset),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        supplierCuit: r.cuit,
        supplierName: r.supplier_name,
        status: r.status,
        createdAt: r.created_at,
        sentAt: r.sent_at,
        note: r.note,
        version: r.version,
        total: Math.round(Number(r.total ?? 0)),
        lineCount: Number(r.line_count ?? 0),
      })),
      total,
    };
  }

  private writeLines(tx: WriteTx, orderId: string, lines: Lines): void {
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      const product = tx.ledger.product(line.productId);
      if (!product) throw validationError([{ path: `lines.${i}.productId`, message: `La línea ${i + 1} no tiene un producto válido` }]);
      if (seen.has(line.productId)) throw validationError([{ path: `lines.${i}.productId`, message: `«${product.name}» está dos veces en el pedido` }]);
      seen.add(line.productId);
      if (!amountFits(line.qty, line.unitCost ?? product.cost)) {
        throw validationError([{ path: `lines.${i}.qty`, message: `La línea de «${product.name}» da más de ${formatMoney(MAX_AMOUNT)}: revisá la cantidad y el costo` }]);
      }
      tx.sql.run(
        tx.sql.q.insertInto('purchase_order_lines').values({
          order_id: orderId,
          line_no: i + 1,
          product_id: line.productId,
          qty: line.qty,
          unit_cost: line.unitCost ?? product.cost,
          received_qty: 0,
        }),
      );
    });
  }

  private require(tx: WriteTx, id: string, allowed: OrderStatus[], message: string) {
    const order = tx.sql.first(tx.sql.q.selectFrom('purchase_orders').selectAll().where('id', '=', id));
    if (!order) throw new AppError('NOT_FOUND', 'No se encontró el pedido', { id });
    if (!allowed.includes(order.status)) throw new AppError('INVALID_STATE', message, { status: order.status });
    return order;
  }
}
