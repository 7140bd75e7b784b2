import { sql, type Kysely } from 'kysely';

/**
 * Users with roles, and the tamper-evident audit log.
 *
 * Passwords and PINs are stored as scrypt hashes (`scrypt$N$r$p$salt$hash`, so the
 * cost can be raised later without a migration). Failed attempts and the
 * temporary lock live on the user row so they survive a restart.
 *
 * The audit log is hash-chained: every entry stores the previous entry's hash
 * and its own (SHA-256 of that and its canonical content). Triggers refuse
 * UPDATE and DELETE; someone who bypasses them with a SQLite shell still breaks
 * the chain, which `audit.verify` reports at the first entry that does not match.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const strict = sql`strict`;

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-cased, accents kept: "Ana" and "ana" are the same person at the login prompt.
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('dueño', 'encargado', 'cajero')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('pin_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`failed_attempts >= 0`))
    .addColumn('locked_until', 'text')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0).check(sql`must_change_password in (0, 1)`))
    .addColumn('last_login_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text') // compact JSON
    .addColumn('after', 'text') // compact JSON
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}
