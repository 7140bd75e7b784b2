import type { RawDatabase } from '../db/open';
import { formatMoney } from '../../locale';
import { addDays, localDate } from '../domain/time';
import { periodFlows, periodSaleLines } from './period-data';
import { counted, memo, phaseFindings, sqlOffset, type Rule, type RuleContext } from './types';

/**
 * Phase 4, performance: how well the stock works for the store over the
 * period — its figures (kpis) and two findings the owner can act on (stock that
 * no longer sells, lots about to expire). Money in centavos; inventory at the
 * cost each movement carried.
 */
export interface PerformanceKpis {
  days: number;
  /** Sales with IVA, and without it. */
  sales: number;
  netSales: number;
  costOfSales: number;
  grossMargin: number;
  /** Share of net sales, 0–1. */
  marginRate: number | null;
  inventoryStart: number;
  inventoryEnd: number;
  /** Cost of sales over average inventory, per year. */
  rotation: number | null;
  daysOfInventory: number | null;
  /** Gross margin per peso of average inventory, per year. */
  gmroi: number | null;
  /** Share of what was available (opening stock + receipts, at cost) that sold. */
  sellThrough: number | null;
  /** Share of product-days that closed with no stock, among products that sell. */
  stockOutRate: number | null;
  /** Adjustments for losses and count differences, at cost. */
  shrinkage: number;
  /** Shrinkage over cost of sales. */
  shrinkageRate: number | null;
  deadStock: { products: number; value: number };
  expiringSoon: { lots: number; value: number };
  /** 7-day WAPE of the recorded weekly forecasts whose weeks fell in the period; null without forecasts. */
  forecastWape: number | null;
}

const DAY = 86_400_000;

export function performanceKpis(db: RawDatabase, ctx: RuleContext): PerformanceKpis {
  const days = Math.round((Date.parse(ctx.toIso) - Date.parse(ctx.fromIso)) / DAY);
  const sales = { gross: 0, net: 0 };
  const lines = periodSaleLines(db, ctx);
  for (let i = 0; i < lines.count; i++) {
    if (lines.voided[i]) continue;
    sales.gross += lines.amount[i]!;
    sales.net += (lines.amount[i]! * 1000) / (1000 + lines.ivaRate[i]!);
  }
  // Returns (their own tickets) take their amounts back.
  const returned = db
    .prepare('select coalesce(sum(l.amount), 0) as gross, coalesce(sum(l.amount * 1000.0 / (1000 + l.iva_rate)), 0) as net from sale_tickets t join sale_lines l on l.ticket_id = t.id where t.original_ticket_id is not null and t.closed_at >= ? and t.closed_at < ?')
    .get(ctx.fromIso, ctx.toIso) as { gross: number; net: number };
  sales.gross += returned.gross;
  sales.net += returned.net;
  const flows = periodFlows(db, ctx);
  const now = db.prepare('select coalesce(sum(on_hand * avg_cost), 0) / 1000.0 as v from products').pluck().get() as number;
  const afterEnd = db.prepare('select coalesce(sum(qty * unit_cost), 0) / 1000.0 from stock_movements where occurred_at >= ?').pluck().get(ctx.toIso) as number;
  const inventoryEnd = Math.max(now - afterEnd, 0);
  const inventoryStart = Math.max(inventoryEnd - flows.net, 0);
  const average = (inventoryStart + inventoryEnd) / 2;
  const perYear = 365 / Math.max(days, 1);
  const margin = sales.net - flows.cogs;

  const dead = deadStock(db, ctx);
  const expiring = expiringLots(db, ctx);
  const weeks = db
    .prepare('select coalesce(sum(abs(forecast - actual)), 0) as err, coalesce(sum(actual), 0) as actual, count(*) as n from forecast_weeks where actual is not null and week_start >= ? and week_start <= ?')
    .get(ctx.from, ctx.to) as { err: number; actual: number; n: number };
  return {
    days,
    sales: Math.round(sales.gross),
    netSales: Math.round(sales.net),
    costOfSales: Math.round(flows.cogs),
    grossMargin: Math.round(margin),
    marginRate: sales.net > 0 ? margin / sales.net : null,
    inventoryStart: Math.round(inventoryStart),
    inventoryEnd: Math.round(inventoryEnd),
    rotation: average > 0 ? (flows.cogs / average) * perYear : null,
    daysOfInventory: flows.cogs > 0 ? average / (flows.cogs / Math.max(days, 1)) : null,
    gmroi: average > 0 ? (margin / average) * perYear : null,
    sellThrough: inventoryStart + flows.received > 0 ? flows.cogs / (inventoryStart + flows.received) : null,
    stockOutRate: stockOutRate(db, ctx),
    shrinkage: Math.round(flows.shrink),
    shrinkageRate: flows.cogs > 0 ? flows.shrink / flows.cogs : null,
    deadStock: { products: dead.length, value: Math.round(dead.reduce((s, d) => s + d.value, 0)) },
    expiringSoon: { lots: expiring.length, value: Math.round(expiring.reduce((s, l) => s + l.value, 0)) },
    forecastWape: weeks.n > 0 && weeks.actual > 0 ? weeks.err / weeks.actual : null,
  };
}

/**
 * Day-end balances of the products that sold in the period or the 90 days
 * before it, walked from each one's balance at the period's start.
 */
function stockOutRate(db: RawDatabase, ctx: RuleContext): number | null {
  const sellers = db.prepare("select distinct product_id from stock_movements where kind = 'sale' and occurred_at >= ? and occurred_at < ?").pluck().all(ctx.baselineFromIso, ctx.toIso) as string[];
  if (sellers.length === 0) return null;
  const opening = db.prepare('select balance_after from stock_movements where product_id = ? and occurred_at < ? order by occurred_at desc, seq desc limit 1').pluck();
  // Each product's balance at the end of each day it moved (SQL picks the day's last movement).
  const closing = db
    .prepare(
      // (SQLite takes the bare balance_after from the row holding max(seq): the day's last movement.)
      `select product_id, date(occurred_at, ?) as day, balance_after, max(seq) from stock_movements
       where occurred_at >= ? and occurred_at < ? group by product_id, day order by product_id, day`,
    )
    .raw()
    .all(sqlOffset(ctx), ctx.fromIso, ctx.toIso) as [string, string, number, number][];
  const byProduct = new Map<string, [string, number][]>();
  for (const [id, day, balance] of closing) {
    const list = byProduct.get(id);
    if (list) list.push([day, balance]);
    else byProduct.set(id, [[day, balance]]);
  }
  const dates: string[] = [];
  for (let d = ctx.from; d <= ctx.to; d = addDays(d, 1)) dates.push(d);
  let out = 0;
  for (const id of sellers) {
    let balance = (opening.get(id, ctx.fromIso) as number | undefined) ?? 0;
    const list = byProduct.get(id) ?? [];
    let i = 0;
    for (const date of dates) {
      while (i < list.length && list[i]![0] <= date) balance = list[i++]![1];
      if (balance <= 0) out++;
    }
  }
  return out / (sellers.length * dates.length);
}

/**
 * On hand, and not one sale in the 90 days up to the period's end nor a
 * receipt in the last 30 (new products get a chance). The products that did
 * move come from the time index in two passes, not one search per product.
 */
function deadStock(db: RawDatabase, ctx: RuleContext) {
  return memo(ctx, 'deadStock', () => {
    const end = Date.parse(ctx.toIso);
    const sold = new Set(db.prepare("select distinct product_id from stock_movements where kind = 'sale' and occurred_at >= ? and occurred_at < ?").pluck().all(new Date(end - 90 * DAY).toISOString(), ctx.toIso) as string[]);
    const received = new Set(db.prepare("select distinct product_id from stock_movements where kind = 'receipt' and occurred_at >= ? and occurred_at < ?").pluck().all(new Date(end - 30 * DAY).toISOString(), ctx.toIso) as string[]);
    const lastSale = db.prepare("select max(occurred_at) from stock_movements where product_id = ? and kind = 'sale' and occurred_at < ?").pluck();
    // A product on the shelf for less than 90 days cannot have gone 90 days unsold:
    // created in the catalog or first moved (an import's history counts) inside them.
    const since = new Date(end - 90 * DAY).toISOString();
    const firstMove = db.prepare('select min(occurred_at) from stock_movements where product_id = ?').pluck();
    return (db.prepare('select id, sku, name, on_hand, on_hand * avg_cost / 1000.0 as value, created_at from products where on_hand > 0 and active = 1 order by value desc').all() as { id: string; sku: string; name: string; on_hand: number; value: number; created_at: string }[])
      .filter((p) => !sold.has(p.id) && !received.has(p.id))
      .filter((p) => p.created_at < since && ((firstMove.get(p.id) as string | null) ?? '') < since)
      .map((p) => ({ ...p, last_sale: lastSale.get(p.id, ctx.toIso) as string | null }));
  });
}

function expiringLots(db: RawDatabase, ctx: RuleContext) {
  return db
    .prepare(
      `select p.sku, p.name, l.code, l.expiry, l.on_hand, l.on_hand * p.avg_cost / 1000.0 as value from lots l join products p on p.id = l.product_id
       where l.on_hand > 0 and l.expiry >= ? and l.expiry <= ? order by l.expiry, value desc`,
    )
    .all(ctx.to, addDays(ctx.to, 14)) as { sku: string; name: string; code: string; expiry: string; on_hand: number; value: number }[];
}

const { listing: finding } = phaseFindings('desempeno');

export const PERFORMANCE_RULES: Record<string, Rule> = {
  'stock-muerto'(db, ctx) {
    const rows = deadStock(db, ctx);
    const value = rows.reduce((s, r) => s + r.value, 0);
    return finding(ctx, 'stock-muerto', 'baja', `${counted(rows.length, 'Un producto', 'productos')} sin ventas en 90 días: ${formatMoney(Math.round(value))} inmovilizados`, 'Tienen stock y no se vendieron en los últimos 90 días (ni entraron en los últimos 30). Es plata parada: liquidalos, devolvelos al proveedor o dejá de pedirlos.', { sku: rows.slice(0, 50).map((r) => r.sku) }, ['sku', 'producto', 'stock', 'valor', 'última venta'], rows.map((r) => [r.sku, r.name, r.on_hand / 1000, formatMoney(Math.round(r.value)), r.last_sale ? localDate(r.last_sale, ctx.timeZone) : 'nunca']));
  },
  'por-vencer'(db, ctx) {
    const rows = expiringLots(db, ctx);
    const value = rows.reduce((s, r) => s + r.value, 0);
    return finding(ctx, 'por-vencer', 'baja', `${rows.length === 1 ? 'Un lote vence' : `${rows.length} lotes vencen`} en las próximas dos semanas: ${formatMoney(Math.round(value))}`, 'Lotes con stock que vencen en 14 días o menos desde el fin del período: ponelos adelante en la góndola o en oferta antes de tirarlos.', { sku: [...new Set(rows.map((r) => r.sku))].slice(0, 50) }, ['sku', 'producto', 'lote', 'vence', 'cantidad', 'valor'], rows.map((r) => [r.sku, r.name, r.code, r.expiry, r.on_hand / 1000, formatMoney(Math.round(r.value))]));
  },
};
