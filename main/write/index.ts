/**
 * The write path, below the use-cases: `write()` (one BEGIN IMMEDIATE
 * transaction with its audit entries, events after commit), the ledger (the
 * single writer of stock movements, lots and on-hand caches inside a write),
 * the hash-chained audit log with the call scope, and the bulk sales path of
 * an import (the ledger's second writer, for a million historic lines).
 * Services build on it; it imports nothing above db/ and domain/.
 */
export { write, type Core, type WriteTx } from './core';
export { AuditLog, changedFields, currentScope, runInScope, type AuditRecord, type CallScope } from './audit';
export { AnchorFile, anchorMismatch, type Anchor } from './anchors';
export { ExternalChanges } from './external-changes';
export { Ledger, type MovementInput, type ProductStock } from './ledger';
export { SalesBulk, timing, type BulkSaleRow, type SplitMismatch, type StagedSaleLine } from './sales-bulk';
