import type { RawDatabase } from '../db/open';
import { DEFAULT_SETTINGS } from '../domain/settings-defaults';
import { secretsFingerprint } from '../security/passwords';

/** A row that is not what its audit entries say it must be. */
export interface RowMismatch {
  /** The audit entry the row was checked against (0: the row has none). */
  seq: number;
  what: 'ticket' | 'usuario' | 'configuración';
  /** How a person names the row: the ticket's number, the user's name, the setting. */
  which: string;
  reason: string;
}

/**
 * The data held against the audit log: every ticket sold at the counter, every
 * user and the store settings must be what their latest audit entries say. A
 * row edited with a SQLite shell while the chain is left alone (a ticket's
 * total halved, its lines repriced, its cashier changed, the last ticket
 * deleted; a cashier made dueño; a setting flipped) no longer matches.
 * Imported history has one entry for the whole import, so its tickets are not
 * checked one by one. Read-only: the forensic worker and audit verify run it.
 */
export function auditCrossCheck(db: RawDatabase): RowMismatch[] {
  return [...tickets(db), ...users(db), ...settings(db)];
}

function latest(db: RawDatabase, entity: string): { seq: number; entity_id: string; user_name: string | null; after: string | null }[] {
  return db
    .prepare(
      `select seq, entity_id, user_name, after from (
         select seq, entity_id, user_name, after, row_number() over (partition by entity_id order by seq desc) as rn
           from audit_log where entity = ? and entity_id is not null)
        where rn = 1 order by seq`,
    )
    .all(entity) as { seq: number; entity_id: string; user_name: string | null; after: string | null }[];
}

function parse(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function tickets(db: RawDatabase): RowMismatch[] {
  const found: RowMismatch[] = [];
  const head = db.prepare('select number, total, payment, cashier from sale_tickets where id = ?');
  const lines = db.prepare('select product_id, qty, unit_price, voided from sale_lines where ticket_id = ? order by line_no').raw();
  for (const entry of latest(db, 'ticket')) {
    const after = parse(entry.after);
    if (!after || after.truncated || typeof after.number !== 'string') continue;
    const row = head.get(entry.entity_id) as { number: string; total: number; payment: string | null; cashier: string | null } | undefined;
    const which = `ticket ${after.number}`;
    if (!row) {
      found.push({ seq: entry.seq, what: 'ticket', which, reason: 'fue borrado: está en el registro de auditoría y no en los tickets' });
      continue;
    }
    const differs: string[] = [];
    if (row.number !== after.number) differs.push(`número ${row.number} (el registro dice ${String(after.number)})`);
    if (row.total !== after.total) differs.push(`total ${row.total} (el registro dice ${String(after.total)})`);
    if ((row.payment ?? null) !== (after.payment ?? null)) differs.push(`pago ${row.payment} (el registro dice ${String(after.payment)})`);
    if (entry.user_name !== null && row.cashier !== entry.user_name) differs.push(`cajero ${row.cashier} (lo cobró ${entry.user_name})`);
    if (JSON.stringify(lines.all(entry.entity_id)) !== JSON.stringify(after.lines)) differs.push('sus líneas (productos, cantidades o precios)');
    if (differs.length > 0) found.push({ seq: entry.seq, what: 'ticket', which, reason: `cambió por fuera de Góndola: ${differs.join('; ')}` });
  }
  return found;
}

function users(db: RawDatabase): RowMismatch[] {
  const expected = new Map<string, { seq: number; name: string; role: unknown; active: unknown; secrets?: unknown }>();
  for (const entry of db.prepare("select seq, entity_id, after from audit_log where entity = 'user' and entity_id is not null order by seq").all() as { seq: number; entity_id: string; after: string | null }[]) {
    const after = parse(entry.after);
    if (!after) continue;
    const known = expected.get(entry.entity_id);
    if (typeof after.name === 'string' && after.role !== undefined) expected.set(entry.entity_id, { seq: entry.seq, name: after.name, role: after.role, active: true, secrets: after.secrets });
    else if (known && (after.role !== undefined || after.active !== undefined || after.secrets !== undefined)) {
      expected.set(entry.entity_id, { seq: entry.seq, name: known.name, role: after.role ?? known.role, active: after.active ?? known.active, secrets: after.secrets ?? known.secrets });
    }
  }
  const found: RowMismatch[] = [];
  for (const row of db.prepare('select id, name, role, active, password_hash, pin_hash from users').all() as { id: string; name: string; role: string; active: number; password_hash: string; pin_hash: string | null }[]) {
    const want = expected.get(row.id);
    if (!want) {
      found.push({ seq: 0, what: 'usuario', which: row.name, reason: 'no tiene registro de auditoría: se agregó por fuera de Góndola' });
      continue;
    }
    if (row.role !== want.role) found.push({ seq: want.seq, what: 'usuario', which: row.name, reason: `tiene el rol ${row.role} y el registro dice ${String(want.role)}` });
    // Entries written before fingerprints existed have none: those users are checked from their next change on.
    if (want.secrets !== undefined && secretsFingerprint(row.password_hash, row.pin_hash) !== want.secrets) {
      found.push({ seq: want.seq, what: 'usuario', which: row.name, reason: 'su contraseña o su PIN se cambiaron por fuera de Góndola' });
    }
    if ((row.active === 1) !== want.active) found.push({ seq: want.seq, what: 'usuario', which: row.name, reason: `está ${row.active === 1 ? 'activo' : 'inactivo'} y el registro dice lo contrario` });
  }
  return found;
}

function settings(db: RawDatabase): RowMismatch[] {
  const expected: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  let seq = 0;
  for (const entry of db.prepare("select seq, after from audit_log where entity = 'settings' and entity_id = 'store' order by seq").all() as { seq: number; after: string | null }[]) {
    Object.assign(expected, parse(entry.after) ?? {});
    seq = entry.seq;
  }
  const stored = db.prepare("select value from settings where key = 'store'").pluck().get() as string | undefined;
  const actual: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...(stored ? (parse(stored) ?? {}) : {}) };
  return Object.keys(DEFAULT_SETTINGS)
    .filter((key) => JSON.stringify(actual[key]) !== JSON.stringify(expected[key]))
    .map((key) => ({ seq, what: 'configuración' as const, which: key, reason: `vale ${JSON.stringify(actual[key])} y el registro dice ${JSON.stringify(expected[key])}` }));
}
