import { sql, type Kysely } from 'kysely';

/**
 * The day goods were received, apart from the invoice's date. Stock enters on
 * the day it arrives: an invoice dated three years ago (or next week) must not
 * rewrite the stock history of that day. Receipts posted before this change
 * entered on their invoice date, so that is what they were received on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('receipts').addColumn('received_on', 'text').execute();
  await sql`update receipts set received_on = date`.execute(db);
}
