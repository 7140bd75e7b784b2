import { nbCdf, nbQuantile } from './quantiles';

/**
 * Periodic-review reorder maths for one product and one supplier order, pure.
 * The order placed on the next order day must keep the shelf stocked until the
 * order after it arrives: the order-up-to level is the demand quantile, at the
 * product's service level, over [today, next order day + review period + lead
 * time); what is ordered is that level minus what is available (on hand, less
 * lots expiring before the delivery, plus what is already on order), in whole
 * packs.
 */
export interface ReorderInput {
  /** Expected demand per day from today (at least `windowDays` values, or the last one repeats). */
  dailyMeans: ArrayLike<number>;
  windowDays: number;
  /** NB dispersion of the forecast errors. */
  alpha: number;
  serviceLevel: number;
  onHand: number;
  onOrder: number;
  /** Units in lots expiring before the delivery. */
  expiring: number;
  packSize: number;
  /** 1 for units; 10 for weighed goods (quantiles in 100 g steps). */
  countScale: number;
  shelfLifeDays: number | null;
  /** Days from today until the delivery. */
  daysToArrival: number;
  /** The plain 28-day moving average per day, for the comparison. */
  movingAverageDaily: number;
}

export interface ReorderLine {
  expected: number;
  orderUpTo: number;
  available: number;
  need: number;
  qty: number;
  movingAverageQty: number;
  stockoutRisk: number;
  notes: string[];
}

const fmt = (v: number) => (Math.round(v * 100) / 100).toLocaleString('es-AR');

export function windowSum(dailyMeans: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let d = from; d < to; d++) s += dailyMeans[Math.min(d, dailyMeans.length - 1)] ?? 0;
  return s;
}

export function roundUpToPack(qty: number, pack: number): number {
  if (qty <= 0) return 0;
  const p = pack > 0 ? pack : 1;
  return Math.ceil(qty / p - 1e-9) * p;
}

export function reorderLine(input: ReorderInput): ReorderLine {
  const notes: string[] = [];
  const expected = windowSum(input.dailyMeans, 0, input.windowDays);
  const scale = input.countScale;
  const orderUpTo = nbQuantile(expected * scale, input.alpha, input.serviceLevel) / scale;
  const available = Math.max(0, input.onHand - input.expiring) + input.onOrder;
  const need = orderUpTo - available;
  let qty = roundUpToPack(need, input.packSize);
  notes.push(`Demanda esperada hasta la entrega siguiente (${input.windowDays} días): ${fmt(expected)}; con ${Math.round(input.serviceLevel * 100)} % de nivel de servicio hace falta llegar a ${fmt(orderUpTo)}.`);
  if (input.expiring > 0) notes.push(`${fmt(input.expiring)} en lotes que vencen antes de la entrega no se cuentan.`);
  if (input.onOrder > 0) notes.push(`Ya hay ${fmt(input.onOrder)} pedidos sin recibir.`);
  if (need > 0 && qty !== need && input.packSize > 1) notes.push(`${fmt(need)} redondeado a bultos de ${fmt(input.packSize)}: ${fmt(qty)}.`);
  if (input.shelfLifeDays !== null && qty > 0) {
    // What can be sold before it expires: the shelf life's worth of demand after the delivery, less what will still be there.
    const sellable = windowSum(input.dailyMeans, input.daysToArrival, input.daysToArrival + input.shelfLifeDays);
    const leftAtArrival = Math.max(0, available - windowSum(input.dailyMeans, 0, input.daysToArrival));
    const cap = Math.max(0, sellable - leftAtArrival);
    if (qty > cap) {
      const capped = Math.max(input.packSize > 0 && cap >= input.packSize ? Math.floor(cap / input.packSize) * input.packSize : 0, cap > 0 ? Math.min(qty, input.packSize || 1) : 0);
      notes.push(`Vence a los ${input.shelfLifeDays} días: en ese tiempo se venden unos ${fmt(sellable)}; se pide ${fmt(capped)} en lugar de ${fmt(qty)}.`);
      qty = capped;
    }
  }
  const movingAverageQty = roundUpToPack(input.movingAverageDaily * input.windowDays - available, input.packSize);
  const stockoutRisk = expected > 0 ? 1 - nbCdf(available * scale, expected * scale, input.alpha) : 0;
  return { expected, orderUpTo, available, need, qty, movingAverageQty, stockoutRisk, notes };
}

/** Weekday numbers 0 = Sunday … 6 = Saturday of `lun`…`dom`. */
export const WEEKDAY_NUMBER: Record<string, number> = { dom: 0, lun: 1, mar: 2, mie: 3, jue: 4, vie: 5, sab: 6 };

/**
 * The next order day from today (today included) among the supplier's order
 * weekdays, and the days until the order day after it (the review period).
 * Without order days the supplier is taken as weekly, ordering today.
 */
export function nextOrderDay(todayWeekday: number, orderWeekdays: number[]): { inDays: number; reviewDays: number } {
  if (orderWeekdays.length === 0) return { inDays: 0, reviewDays: 7 };
  const days = new Set(orderWeekdays);
  let inDays = 0;
  while (!days.has((todayWeekday + inDays) % 7)) inDays++;
  let reviewDays = 1;
  while (!days.has((todayWeekday + inDays + reviewDays) % 7)) reviewDays++;
  return { inDays, reviewDays };
}

/** A by revenue share: the products making the first 80 % of revenue, B the next 15 %, C the rest. */
export function abcClasses(revenue: Map<string, number>): Map<string, 'A' | 'B' | 'C'> {
  const sorted = [...revenue].sort(([, a], [, b]) => b - a);
  const total = sorted.reduce((s, [, v]) => s + Math.max(0, v), 0);
  const out = new Map<string, 'A' | 'B' | 'C'>();
  let cumulative = 0;
  for (const [id, v] of sorted) {
    const share = total > 0 ? cumulative / total : 1;
    out.set(id, v <= 0 ? 'C' : share < 0.8 ? 'A' : share < 0.95 ? 'B' : 'C');
    cumulative += Math.max(0, v);
  }
  return out;
}

export interface OrderLine {
  qty: number;
  unitCost: number;
  packSize: number;
  /** Demand per day, to decide which lines grow first to reach a minimum. */
  dailyDemand: number;
  stockoutRisk: number;
  /** Margin per unit (price without IVA − cost), centavos. */
  margin: number;
  notes: string[];
}

/**
 * Brings an order up to the supplier's minimum by adding whole packs to the
 * fastest sellers (they will be needed soonest). Returns false when the order
 * is empty (nothing to bring up).
 */
export function reachMinimum(lines: OrderLine[], minOrder: number): boolean {
  const total = () => lines.reduce((s, l) => s + l.qty * l.unitCost, 0);
  if (minOrder <= 0 || total() >= minOrder || total() === 0) return total() > 0;
  const added = new Map<OrderLine, number>();
  const candidates = lines.filter((l) => l.unitCost > 0 && l.dailyDemand > 0).sort((a, b) => b.dailyDemand * b.unitCost - a.dailyDemand * a.unitCost);
  if (candidates.length === 0) return true;
  // Each pass adds one pack to each candidate in turn, fastest first, so the extra is spread by speed.
  for (let guard = 0; total() < minOrder && guard < 10_000; guard++) {
    const line = candidates[guard % candidates.length]!;
    const pack = line.packSize > 0 ? line.packSize : 1;
    line.qty += pack;
    added.set(line, (added.get(line) ?? 0) + pack);
  }
  for (const [line, qty] of added) line.notes.push(`+${fmt(qty)} para llegar al pedido mínimo del proveedor.`);
  return true;
}

/** Keeps the lines with the highest stock-out risk × margin within a budget (centavos); the others go to zero. */
export function applyBudget(lines: OrderLine[], budget: number): void {
  const ranked = lines.filter((l) => l.qty > 0).sort((a, b) => b.stockoutRisk * Math.max(1, b.margin) - a.stockoutRisk * Math.max(1, a.margin));
  let spent = 0;
  for (const line of ranked) {
    const cost = line.qty * line.unitCost;
    if (spent + cost <= budget) spent += cost;
    else {
      line.notes.push('Queda afuera por el presupuesto (tiene menos riesgo de faltante × margen que las líneas que entran).');
      line.qty = 0;
    }
  }
}
