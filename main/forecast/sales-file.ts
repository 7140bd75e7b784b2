import { dayNumber } from './calendar';
import { carryForward, type DemandPanel, type PanelItem } from './panel';

/**
 * A sales file's daily totals as a demand panel. A file knows nothing of stock,
 * so no day is censored; days on which nothing at all was sold are taken as
 * closed (unknown, not zero), and each product starts on its first sale.
 */
/** A sales file summed per product and local day (interchange/daily-sales.ts reads one): key → date → [units, amount charged in ARS]. */
export interface DailySales {
  products: Map<string, Map<string, [number, number]>>;
  firstDate: string;
  lastDate: string;
  rows: number;
}

export function panelFromDailySales(sales: DailySales): DemandPanel {
  const startDay = dayNumber(sales.firstDate);
  const days = dayNumber(sales.lastDate) - startDay + 1;
  const open = new Uint8Array(days);
  for (const byDate of sales.products.values()) for (const date of byDate.keys()) open[dayNumber(date) - startDay] = 1;
  const items: PanelItem[] = [];
  for (const [key, byDate] of [...sales.products].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const demand = new Float32Array(days).fill(Number.NaN);
    const price = new Float32Array(days).fill(Number.NaN);
    let first = days;
    for (const date of byDate.keys()) first = Math.min(first, dayNumber(date) - startDay);
    for (let d = first; d < days; d++) if (open[d]) demand[d] = 0;
    for (const [date, [qty, amount]] of byDate) {
      const d = dayNumber(date) - startDay;
      demand[d] = Math.max(0, qty);
      if (qty > 0) price[d] = amount / qty;
    }
    carryForward(price);
    items.push({ id: key, sku: key, name: key, category: null, demand, price, currentPrice: Number.NaN });
  }
  return { startDay, days, items };
}
