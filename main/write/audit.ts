import { createHash } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Statement } from 'better-sqlite3';
import type { AuditEntry, AuditHead, AuditVerifyResult } from '../../contract';
import type { RawDatabase } from '../db/open';
import type { AuditLogTable } from '../db/schema';

/**
 * Who is doing what, for the audit entry of every write. Dispatch opens a scope
 * per call (user and method); the CLI opens one per command with the
 * operating-system user. AsyncLocalStorage carries it across the awaits of an
 * async handler (an import reads files before it writes), so services do not
 * need to pass it along.
 */
export interface CallScope {
  user: string | null;
  method: string;
}

const scopes = new AsyncLocalStorage<CallScope>();

export function runInScope<T>(scope: CallScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

export function currentScope(): CallScope {
  return scopes.getStore() ?? { user: null, method: 'sistema' };
}

/** What a mutation says about itself; write() turns each into a chained entry. */
export interface AuditRecord {
  entity: string;
  id: string | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the previous hash and the entry's canonical content (a fixed-order JSON array). */
export function auditHash(prevHash: string, entry: Omit<AuditLogTable, 'prev_hash' | 'hash'>): string {
  const content = JSON.stringify([entry.seq, entry.at, entry.user_name, entry.method, entry.entity, entry.entity_id, entry.before, entry.after]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** Only the keys whose values differ: what an update entry keeps of before and after. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'version' || key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/**
 * The tamper-evident audit log: appended by the write path inside each
 * mutation's transaction, verified by recomputing the chain.
 */
export class AuditLog {
  private readonly s: Record<'head' | 'insert' | 'counter' | 'counterSet' | 'counterInsert' | 'all' | 'page', Statement>;

  constructor(private readonly db: RawDatabase) {
    this.s = {
      head: db.prepare('select seq, hash from audit_log order by seq desc limit 1'),
      insert: db.prepare(
        'insert into audit_log (seq, at, user_name, method, entity, entity_id, before, after, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      counter: db.prepare("select value from sequences where name = 'audit'").pluck(),
      counterSet: db.prepare("update sequences set value = ? where name = 'audit'"),
      counterInsert: db.prepare("insert into sequences (name, value) values ('audit', ?)"),
      all: db.prepare('select seq, at, user_name, method, entity, entity_id, before, after, prev_hash, hash from audit_log order by seq'),
      page: db.prepare('select seq, at, user_name, method, entity, entity_id, before, after, hash from audit_log where seq < ? order by seq desc limit ?'),
    };
  }

  /** Appends one entry; the caller's transaction is open. */
  append(at: string, scope: CallScope, record: AuditRecord | null): AuditHead {
    const head = this.head();
    // Numbered after the highest entry ever written, not after the last one
    // present: once the tail was deleted, the next entry leaves the gap in the
    // sequence for verify to find, instead of quietly refilling it.
    const written = (this.s.counter.get() as number | undefined) ?? 0;
    const entry = {
      seq: Math.max(head.seq, written) + 1,
      at,
      user_name: scope.user,
      method: scope.method,
      entity: record?.entity ?? null,
      entity_id: record?.id ?? null,
      before: compact(record?.before),
      after: compact(record?.after),
    };
    const hash = auditHash(head.hash, entry);
    this.s.insert.run(entry.seq, entry.at, entry.user_name, entry.method, entry.entity, entry.entity_id, entry.before, entry.after, head.hash, hash);
    // The counter remembers the highest entry ever written, so deleting the last
    // entries is noticed too (the chain alone cannot see a missing tail). It only
    // ever goes up: the entry is numbered past it.
    if (this.s.counterSet.run(entry.seq).changes === 0) this.s.counterInsert.run(entry.seq);
    return { seq: entry.seq, hash };
  }

  head(): AuditHead {
    const row = this.s.head.get() as { seq: number; hash: string } | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** Recomputes the whole chain; reads only (a check that wrote could repair what it should report). */
  verify(checkedAt: string): AuditVerifyResult {
    let prev = { seq: 0, hash: GENESIS_HASH };
    let entries = 0;
    let firstBad: AuditVerifyResult['firstBad'] = null;
    for (const row of this.s.all.iterate() as IterableIterator<AuditLogTable>) {
      entries++;
      if (row.seq !== prev.seq + 1) {
        firstBad = { seq: prev.seq + 1, reason: `falta la entrada ${prev.seq + 1} (fue borrada)` };
        break;
      }
      if (row.prev_hash !== prev.hash) {
        firstBad = { seq: row.seq, reason: `la entrada ${row.seq} no sigue a la anterior (insertada o reemplazada)` };
        break;
      }
      if (auditHash(prev.hash, row) !== row.hash) {
        firstBad = { seq: row.seq, reason: `la entrada ${row.seq} fue modificada: su contenido no coincide con su hash` };
        break;
      }
      prev = { seq: row.seq, hash: row.hash };
    }
    if (!firstBad) {
      const written = (this.s.counter.get() as number | undefined) ?? 0;
      if (written > prev.seq) firstBad = { seq: prev.seq + 1, reason: `faltan las entradas ${prev.seq + 1} a ${written} (borradas del final)` };
    }
    return { verified: firstBad === null, entries, head: this.head(), firstBad, checkedAt };
  }

  list(limit: number, beforeSeq?: number): AuditEntry[] {
    const rows = this.s.page.all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as Omit<AuditLogTable, 'prev_hash'>[];
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      user: r.user_name,
      method: r.method,
      entity: r.entity,
      entityId: r.entity_id,
      before: parse(r.before),
      after: parse(r.after),
      hash: r.hash,
    }));
  }
}

/** JSON of a value, cut to a bounded size: the audit keeps what changed, not whole documents. */
function compact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value);
  return text.length <= 4000 ? text : JSON.stringify({ truncated: true, head: text.slice(0, 3900) });
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
