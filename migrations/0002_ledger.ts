import { sql, type Kysely } from 'kysely';

/**
 * The store's source of truth: suppliers, the full catalog, the append-only
 * stock ledger with its caches, lots, and the documents that post movements
 * (receipts, sale tickets, adjustments, counts, purchase orders).
 *
 * Money is integer centavos, quantities integer thousandths of the product's
 * unit, rates in tenths of a percent (210 = 21 %). Ledger rows and documents
 * carry a UUIDv7 id and a gap-free per-store sequence number, the outbox a
 * later head-office sync reads. Triggers refuse UPDATE and DELETE on the ledger.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const strict = sql`strict`;

  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('suppliers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cuit', 'text', (c) => c.notNull().unique()) // 11 digits, no dashes
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lead_time_days', 'integer', (c) => c.notNull().defaultTo(2).check(sql`lead_time_days between 0 and 365`))
    .addColumn('order_weekdays', 'text', (c) => c.notNull().defaultTo('')) // "lun,mie,vie"
    .addColumn('min_order', 'integer', (c) => c.notNull().defaultTo(0).check(sql`min_order >= 0`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  // The rest of products.csv, plus the caches the ledger keeps in step.
  const products = () => db.schema.alterTable('products');
  await products()
    .addColumn('iva_rate', 'integer', (c) => c.notNull().defaultTo(210).check(sql`iva_rate in (0, 25, 50, 105, 210, 270)`))
    .execute();
  await products().addColumn('cost', 'integer', (c) => c.notNull().defaultTo(0).check(sql`cost >= 0`)).execute();
  await products().addColumn('min_stock', 'integer', (c) => c.notNull().defaultTo(0).check(sql`min_stock >= 0`)).execute();
  await products().addColumn('pack_size', 'integer', (c) => c.notNull().defaultTo(1).check(sql`pack_size >= 1`)).execute();
  await products().addColumn('shelf_life_days', 'integer', (c) => c.check(sql`shelf_life_days > 0`)).execute();
  await products().addColumn('supplier_id', 'text', (c) => c.references('suppliers.id')).execute();
  await products().addColumn('scale_plu', 'integer', (c) => c.check(sql`scale_plu > 0`)).execute();
  await products().addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await products().addColumn('avg_cost', 'integer', (c) => c.notNull().defaultTo(0).check(sql`avg_cost >= 0`)).execute();
  await sql`create unique index products_scale_plu on products (scale_plu) where scale_plu is not null`.execute(db);
  await db.schema.createIndex('products_supplier').on('products').column('supplier_id').execute();

  await db.schema
    .createTable('product_suppliers')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    .addColumn('supplier_code', 'text')
    .addColumn('pack_size', 'integer', (c) => c.notNull().defaultTo(1).check(sql`pack_size >= 1`))
    .addPrimaryKeyConstraint('product_suppliers_pk', ['product_id', 'supplier_id'])
    .modifyEnd(strict)
    .execute();
  await sql`create unique index product_suppliers_code on product_suppliers (supplier_id, supplier_code)
    where supplier_code is not null`.execute(db);

  await db.schema
    .createTable('lots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('expiry', 'text') // YYYY-MM-DD
    .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('lots_product_code', ['product_id', 'code'])
    .modifyEnd(strict)
    .execute();
  await db.schema.createIndex('lots_expiry').on('lots').columns(['product_id', 'expiry']).execute();

  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('receipt', 'sale', 'return', 'adjustment', 'count')`))
    .addColumn('reason', 'text', (c) =>
      c.check(sql`reason is null or reason in ('merma', 'rotura', 'vencido', 'robo', 'consumo', 'correccion')`),
    )
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('lot_id', 'text', (c) => c.references('lots.id'))
    .addColumn('qty', 'integer', (c) => c.notNull()) // signed thousandths
    .addColumn('unit_cost', 'integer', (c) => c.notNull()) // centavos, without IVA
    .addColumn('unit_price', 'integer') // centavos, IVA included (sales and returns)
    .addColumn('occurred_at', 'text', (c) => c.notNull()) // business time
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('doc_type', 'text', (c) => c.notNull().check(sql`doc_type in ('receipt', 'ticket', 'adjustment', 'count')`))
    .addColumn('doc_id', 'text', (c) => c.notNull())
    // Running on-hand of the product after this movement, for the kardex.
    .addColumn('balance_after', 'integer', (c) => c.notNull())
    // 1 when a sale took stock below zero because the store allows it.
    .addColumn('oversold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .modifyEnd(strict)
    .execute();
  await db.schema.createIndex('stock_movements_product').on('stock_movements').columns(['product_id', 'seq']).execute();
  await db.schema.createIndex('stock_movements_doc').on('stock_movements').columns(['doc_type', 'doc_id']).execute();
  await db.schema.createIndex('stock_movements_time').on('stock_movements').column('occurred_at').execute();
  // Lot balances are checked against their movements (consistency checks, lot reports).
  await sql`create index stock_movements_lot on stock_movements (lot_id) where lot_id is not null`.execute(db);
  await sql`create trigger stock_movements_no_update before update on stock_movements
    begin select raise(abort, 'stock_movements is append-only'); end`.execute(db);
  await sql`create trigger stock_movements_no_delete before delete on stock_movements
    begin select raise(abort, 'stock_movements is append-only'); end`.execute(db);

  await db.schema
    .createTable('receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull().check(sql`doc_type in ('A', 'B', 'C', 'R')`))
    .addColumn('pos', 'integer', (c) => c.notNull().check(sql`pos between 0 and 99999`))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number between 0 and 99999999`))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('purchase_order_id', 'text')
    .addColumn('net_total', 'integer', (c) => c.notNull())
    .addColumn('iva_total', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('receipts_invoice', ['supplier_id', 'doc_type', 'pos', 'number'])
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createTable('receipt_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('receipt_id', 'text', (c) => c.notNull().references('receipts.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('unit_cost', 'integer', (c) => c.notNull().check(sql`unit_cost >= 0`))
    .addColumn('iva_rate', 'integer', (c) => c.notNull())
    .addColumn('lot_code', 'text')
    .addColumn('expiry', 'text')
    .addUniqueConstraint('receipt_lines_no', ['receipt_id', 'line_no'])
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('sale_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('cashier', 'text')
    .addColumn('payment', 'text', (c) => c.check(sql`payment is null or payment in ('efectivo', 'debito', 'credito', 'qr', 'cuenta')`))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('original_ticket_id', 'text', (c) => c.references('sale_tickets.id'))
    .addColumn('oversold', 'integer', (c) => c.notNull().defaultTo(0))
    .modifyEnd(strict)
    .execute();
  await db.schema.createIndex('sale_tickets_closed').on('sale_tickets').column('closed_at').execute();
  await db.schema
    .createTable('sale_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('sale_tickets.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('qty', 'integer', (c) => c.notNull()) // negative on returns
    .addColumn('unit_price', 'integer', (c) => c.notNull())
    .addColumn('discount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('iva_rate', 'integer', (c) => c.notNull())
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0).check(sql`voided in (0, 1)`))
    .addUniqueConstraint('sale_lines_no', ['ticket_id', 'line_no'])
    .modifyEnd(strict)
    .execute();
  await db.schema.createIndex('sale_lines_product').on('sale_lines').column('product_id').execute();

  await db.schema
    .createTable('adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('qty', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('note', 'text')
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('count_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('categories.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('abierto', 'cerrado', 'aprobado', 'anulado')`))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createTable('count_lines')
    .addColumn('session_id', 'text', (c) => c.notNull().references('count_sessions.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('counted', 'integer') // null until counted
    .addColumn('counted_at', 'text')
    .addColumn('counted_by', 'text')
    .addColumn('expected', 'integer') // on-hand at close, hidden from the counter
    .addPrimaryKeyConstraint('count_lines_pk', ['session_id', 'product_id'])
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('purchase_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('borrador', 'enviada', 'parcial', 'recibida', 'anulada')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createTable('purchase_order_lines')
    .addColumn('order_id', 'text', (c) => c.notNull().references('purchase_orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('unit_cost', 'integer', (c) => c.notNull().check(sql`unit_cost >= 0`))
    .addColumn('received_qty', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('purchase_order_lines_pk', ['order_id', 'line_no'])
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('price_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull().check(sql`cost >= 0`))
    .addUniqueConstraint('price_changes_key', ['supplier_id', 'date', 'product_id'])
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('cpi')
    .addColumn('month', 'text', (c) => c.primaryKey()) // YYYY-MM
    .addColumn('index_value', 'real', (c) => c.notNull().check(sql`index_value > 0`))
    .modifyEnd(strict)
    .execute();
}
