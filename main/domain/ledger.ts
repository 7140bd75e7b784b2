import { MAX_CENTAVOS } from '../../contract';
/**
 * Ledger arithmetic. Pure: the services apply it inside their transactions and
 * the property tests check it against a model.
 */

/**
 * Weighted average cost after a receipt, in centavos (rounded half up).
 * With nothing (or less than nothing) on hand the new cost stands alone:
 * averaging against negative stock would give nonsense.
 */
export function nextAverageCost(onHand: number, avgCost: number, receivedQty: number, unitCost: number): number {
  if (receivedQty <= 0) return avgCost;
  if (onHand <= 0) return unitCost;
  return Math.round((onHand * avgCost + receivedQty * unitCost) / (onHand + receivedQty));
}

export interface LotStock {
  id: string;
  /** YYYY-MM-DD or null (no expiry). */
  expiry: string | null;
  onHand: number;
  /** Tie-breaker: lots created earlier go first. */
  createdAt: string;
}

export interface Allocation {
  /** null: the product's stock that is not in any lot. */
  lotId: string | null;
  qty: number;
}

/**
 * Takes `qty` (> 0) out of stock, earliest expiry first (FEFO). Lots without an
 * expiry go after dated lots; what no lot covers comes from the unlotted stock,
 * which may go negative when the store allows selling without stock.
 */
export function allocateFefo(lots: readonly LotStock[], qty: number): Allocation[] {
  const ordered = [...lots]
    .filter((l) => l.onHand > 0)
    .sort((a, b) => {
      if (a.expiry !== b.expiry) {
        if (a.expiry === null) return 1;
        if (b.expiry === null) return -1;
        return a.expiry < b.expiry ? -1 : 1;
      }
      return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
    });
  const allocations: Allocation[] = [];
  let left = qty;
  for (const lot of ordered) {
    if (left <= 0) break;
    const take = Math.min(lot.onHand, left);
    allocations.push({ lotId: lot.id, qty: take });
    left -= take;
  }
  if (left > 0) allocations.push({ lotId: null, qty: left });
  return allocations;
}

/** Line amount of a sale in centavos: qty in thousandths × unit price − discount, rounded. */
/**
 * The largest amount of a line, a document or a movement's value: $ 10.000.000.000
 * (MAX_CENTAVOS). Far above anything a store records, and far below where
 * qty × price stops being exact in JavaScript and SQLite (2^53).
 */
export const MAX_AMOUNT = MAX_CENTAVOS;

/** Whether qty (thousandths) × a unit amount (centavos) stays within MAX_AMOUNT; checked before multiplying. */
export function amountFits(qty: number, unitAmount: number): boolean {
  const q = Math.abs(qty);
  return q === 0 || Math.abs(unitAmount) <= (MAX_AMOUNT * 1000) / q;
}

export function lineAmount(qty: number, unitPrice: number, discount: number): number {
  return Math.round((qty * unitPrice) / 1000) - discount;
}

/**
 * IVA contained in an amount that includes it (Factura B / ticket prices), in
 * centavos: amount × rate / (1 + rate). `rateTenths` is 210 for 21 %.
 */
export function ivaIncluded(amount: number, rateTenths: number): number {
  return Math.round((amount * rateTenths) / (1000 + rateTenths));
}

/** Value of stock at average cost, centavos: thousandths × centavos / 1000. */
export function stockValue(onHand: number, avgCost: number): number {
  return Math.round((onHand * avgCost) / 1000);
}
