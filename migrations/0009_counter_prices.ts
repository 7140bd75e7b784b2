import { sql, type Kysely } from 'kysely';

/**
 * What a store trips on in its first week, second part: the counter's prices,
 * split payments and returns.
 *
 * A line charged at other than the shelf price (an override or a discount)
 * keeps the shelf price it replaced and why; a ticket keeps who authorized,
 * with their PIN, what it needed, and a return its reason.
 *
 * Split payments: `sale_payments` holds a ticket's parts only when it was paid
 * with more than one method; a ticket of one method is still `payment` for its
 * whole `total`, so the history (and the bulk import path) need no rows here.
 * Whoever sums by method takes the parts when a ticket has them, else the ticket.
 *
 * A supplier invoice keeps what it printed (net, IVA, other taxes, total: the
 * purchase book needs them) beside the totals its lines make, and the cents
 * between the two when they are rounding.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sale_lines').addColumn('shelf_price', 'integer').execute();
  await db.schema.alterTable('sale_lines').addColumn('price_reason', 'text').execute();
  await db.schema.alterTable('sale_tickets').addColumn('reason', 'text').execute();
  await db.schema.alterTable('sale_tickets').addColumn('authorized_by', 'text').execute();

  for (const column of ['printed_net', 'printed_iva', 'printed_other', 'printed_total']) {
    await db.schema.alterTable('receipts').addColumn(column, 'integer').execute();
  }
  await db.schema.alterTable('receipts').addColumn('rounding', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('sale_payments')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('sale_tickets.id'))
    .addColumn('part_no', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('efectivo', 'debito', 'credito', 'qr', 'cuenta')`))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sale_payments_pk', ['ticket_id', 'part_no'])
    .modifyEnd(sql`strict`)
    .execute();
}
