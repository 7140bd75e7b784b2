import { sql, type Kysely } from 'kysely';

/**
 * What a store trips on in its first week, first part.
 *
 * The day goods were received, apart from the invoice's date: stock enters on
 * the day it arrives, so an invoice dated three years ago (or next week) must
 * not rewrite the stock history of that day. Receipts posted before this
 * change entered on their invoice date, so that is what they were received on.
 *
 * The ticket being rung up and tickets on hold (en espera), kept in the core:
 * a reloaded or crashed window gets its open ticket back, and a customer who
 * went to fetch something waits while the next one is served. One open ticket
 * per user; the lines are the screen's own (JSON), checked by the contract.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('receipts').addColumn('received_on', 'text').execute();
  await sql`update receipts set received_on = date`.execute(db);

  await db.schema
    .createTable('sale_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'held')`))
    .addColumn('label', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute();
  await sql`create unique index sale_drafts_open on sale_drafts (user_name) where status = 'open'`.execute(db);
}
