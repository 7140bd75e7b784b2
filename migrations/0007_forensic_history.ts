import { sql, type Kysely } from 'kysely';

/**
 * Forensic history, second step: how a run was started (by hand or by the
 * nightly schedule, which catches up by looking for its own runs), and the
 * owner's acknowledgements of findings. An acknowledgement holds the evidence
 * it was given for: while a later run shows the same evidence the finding
 * stays acknowledged; when the evidence changes it comes back. And two
 * indexes: one the return path was missing, one for reading adjustments by date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('forensic_runs').addColumn('trigger', 'text', (c) => c.notNull().defaultTo('manual').check(sql`trigger in ('manual', 'programada')`)).execute();
  await db.schema.createIndex('forensic_runs_started').on('forensic_runs').column('started_at').execute();
  await db.schema
    .createTable('forensic_acks')
    .addColumn('finding_id', 'text', (c) => c.primaryKey())
    .addColumn('evidence_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute();
  // A return looks up the earlier returns against its ticket, and the forensic
  // rules count returns: without this index each return read every sale line.
  await sql`create index sale_tickets_original on sale_tickets (original_ticket_id) where original_ticket_id is not null`.execute(db);
  // Manual adjustments are a sliver of the ledger; the forensic patterns read them by date.
  await sql`create index stock_movements_adjustments on stock_movements (occurred_at) where kind = 'adjustment'`.execute(db);
}
