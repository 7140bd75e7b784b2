import type { AuditEntry, AuditHead, AuditVerifyResult, MethodParsedInput } from '../../contract';
import { auditCrossCheck } from '../forensic/audit-crosscheck';
import { anchorMismatch, write, type Core } from '../write';

/**
 * What the owner reads of the audit log (Sistema, `gondola audit`): the chain
 * verified end to end, its head, and its entries newest first. Appending is
 * the write path's (write/audit.ts), never a service's.
 */
export class AuditService {
  constructor(private readonly core: Core) {}

  /**
   * The chain recomputed, then checked against the anchors kept outside the
   * database, then the data against the chain (tickets, users, settings must
   * be what their latest entries say).
   */
  verify(): AuditVerifyResult {
    const result = this.core.audit.verify(this.core.clock.now().toISOString());
    if (!result.verified) return result;
    const mismatch = anchorMismatch(this.core.sql.raw, this.core.anchors.read());
    if (mismatch) return { ...result, verified: false, firstBad: mismatch };
    const row = auditCrossCheck(this.core.sql.raw)[0];
    return row ? { ...result, verified: false, firstBad: { seq: row.seq, reason: `${row.what} ${row.which}: ${row.reason}` } } : result;
  }

  head(): AuditHead {
    return this.core.audit.head();
  }

  list(input: MethodParsedInput<'audit.list'>): { items: AuditEntry[] } {
    return { items: this.core.audit.list(input.limit, input.beforeSeq) };
  }

  /** That a CLI command working on the data folder ran, with how it ended (its own entry). */
  recordCommand(command: string, details: Record<string, unknown>): void {
    write(this.core, (tx) => tx.audit({ entity: 'command', id: command, after: details }));
  }
}
