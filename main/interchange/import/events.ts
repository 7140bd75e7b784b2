import type { AdjustmentReason } from '../../../contract';
import type { ReceiptRow } from '../files';

/**
 * What the replay posts in time order besides sales (sales take the bulk path):
 * a receipt, an adjustment, a count. Staged as JSON in a temporary table so a
 * big import is never held in memory; `encodeEvent`/`decodeEvent` are the only
 * two places that know the stored shape, and the replay switches on `kind`
 * with every case typed.
 */
export type ImportEvent =
  | { kind: 'receipt'; head: ReceiptHead }
  | { kind: 'adjustment'; sku: string; qty: number; reason: AdjustmentReason; user: string | null; note: string | null }
  | { kind: 'count'; sku: string; counted: number; user: string | null };

/** What a receipt's lines share: the head of receipts.csv's rows. */
export type ReceiptHead = Pick<ReceiptRow, 'supplierCuit' | 'type' | 'pos' | 'number' | 'date' | 'receivedOn'>;

/** One line of a staged receipt (its lines are staged apart, keyed by the receipt). */
export interface ReceiptLine {
  sku: string;
  qty: number;
  unitCost: number;
  ivaRate: number | null;
  lot: string | null;
  expiry: string | null;
  /** The line in receipts.csv, to keep the file's order. */
  line: number;
}

export function encodeEvent(event: ImportEvent): string {
  const { kind: _kind, ...payload } = event;
  return JSON.stringify(payload);
}

export function decodeEvent(kind: string, payload: string): ImportEvent {
  const data = JSON.parse(payload) as object;
  switch (kind) {
    case 'receipt':
      return { kind, ...(data as { head: ReceiptHead }) };
    case 'adjustment':
      return { kind, ...(data as Omit<Extract<ImportEvent, { kind: 'adjustment' }>, 'kind'>) };
    case 'count':
      return { kind, ...(data as Omit<Extract<ImportEvent, { kind: 'count' }>, 'kind'>) };
    default:
      throw new Error(`unknown staged event ${kind}`);
  }
}
