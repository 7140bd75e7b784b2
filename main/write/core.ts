import type { EventName, EventPayload } from '../../contract';
import type { Sql } from '../db/sql';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { Clock, Ids } from '../runtime';
import { currentScope, type AuditLog, type AuditRecord } from './audit';
import type { AnchorFile } from './anchors';
import type { ExternalChanges } from './external-changes';
import type { Ledger } from './ledger';

/** What every service is built from: the store's connection and the injected edges. */
export interface Core {
  sql: Sql;
  /** The single writer of stock movements and on-hand caches. */
  ledger: Ledger;
  /** The hash-chained audit log; write() appends to it in every transaction. */
  audit: AuditLog;
  /** Commits by another process on the same store: caches follow them (checked by every write). */
  external: ExternalChanges;
  /** The audit chain's head kept outside the database (gondola.db.anclas). */
  anchors: AnchorFile;
  clock: Clock;
  ids: Ids;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  /** Read-only assets shipped with the app (models/, language data). */
  resourcesDir: string;
  dbPath: string;
  /** better-sqlite3's native binding when not the default (Electron), for connections opened in workers. */
  nativeBinding?: string | undefined;
  appVersion: string;
}

/** Handed to code running inside a write transaction. */
export interface WriteTx {
  sql: Sql;
  ledger: Ledger;
  /** One timestamp for the whole transaction, so its rows agree on when it happened. */
  now: string;
  newId(): string;
  /** Queues an event; it is emitted only if the transaction commits. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Says what this mutation changed, for its audit entry (several calls, several entries). */
  audit(record: AuditRecord): void;
}

/**
 * The one write path: every mutation runs here, in a single BEGIN IMMEDIATE
 * transaction, synchronously, and leaves at least one hash-chained audit entry
 * in that same transaction (who and which method come from the call scope;
 * what changed from `tx.audit`). Events go out after commit.
 */
export function write<T>(core: Core, fn: (tx: WriteTx) => T): T {
  const queued: { name: EventName; payload: unknown }[] = [];
  const records: AuditRecord[] = [];
  const tx: WriteTx = {
    sql: core.sql,
    ledger: core.ledger,
    now: core.clock.now().toISOString(),
    newId: () => core.ids.newId(),
    emit: (name, payload) => queued.push({ name, payload }),
    audit: (record) => records.push(record),
  };
  const nested = core.sql.raw.inTransaction;
  // A write inside a write (a savepoint): settle the outer one's counters first,
  // so rolling back the inner one cannot hand out the same numbers twice.
  if (nested) core.ledger.flush();
  // What another process committed since our last look invalidates what we keep in memory.
  else core.external.check();
  let result: T;
  try {
    result = core.sql.transaction(() => {
      const value = fn(tx);
      const scope = currentScope();
      if (records.length === 0) core.audit.append(tx.now, scope, null);
      for (const record of records) core.audit.append(tx.now, scope, record);
      core.ledger.flush();
      return value;
    });
  } finally {
    // Counters are re-read by the next transaction: after a rollback the cached
    // values are wrong, and after a commit nothing else should trust them either.
    core.ledger.discard();
  }
  if (!nested) core.anchors.maybeWrite(() => core.audit.head());
  for (const event of queued) core.events.emit(event.name, event.payload as never);
  return result;
}
