import { sql, type Kysely } from 'kysely';

/** Forensic runs, kept as a history: when, which period, and what was found (JSON). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forensic_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    // JSON: { findings, kpis, audit }.
    .addColumn('result', 'text', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute();
}
