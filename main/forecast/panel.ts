/**
 * The demand panel: one row of daily demand per product over a run of days.
 * Built from the store's ledger (store-data.ts) or from a sales file
 * (sales-file.ts); everything else in forecast/ reads only this.
 */
export interface PanelItem {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  /**
   * Units (or kg) demanded per day, net of returns. NaN where demand is unknown:
   * out of stock at close (censored: it sold what there was), store closed, or
   * before the product's first sale.
   */
  demand: Float32Array;
  /** Price charged that day, carried forward over days without sales; NaN before the first. */
  price: Float32Array;
  /** Price from now on (the catalog's), for days after the panel. NaN when unknown. */
  currentPrice: number;
}

export interface DemandPanel {
  /** Day number (see calendar.ts) of index 0. */
  startDay: number;
  days: number;
  items: PanelItem[];
}

/** Index of the first day with known demand, or -1. */
export function firstKnown(demand: Float32Array): number {
  for (let i = 0; i < demand.length; i++) if (!Number.isNaN(demand[i]!)) return i;
  return -1;
}

/** Carries each known price forward over the NaN days after it. */
export function carryForward(values: Float32Array): Float32Array {
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!)) values[i] = last;
    else last = values[i]!;
  }
  return values;
}
