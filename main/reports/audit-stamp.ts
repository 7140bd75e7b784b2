import type { AuditHead } from '../../contract';

/**
 * The line every printed report carries at its foot: the audit chain head it
 * was made from. Anyone holding the paper can later ask `gondola audit verify`
 * whether the store still agrees with it.
 */
export function auditStamp(head: AuditHead): string {
  return `Auditoría: entrada ${head.seq} · ${head.hash.slice(0, 16)}`;
}
