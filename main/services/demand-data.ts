import { sql } from 'kysely';
import { localDate, zoneOffsetMinutes } from '../domain/time';
import { carryForward, dateOf, dayNumber, type DemandPanel, type PanelItem } from '../forecast';
import type { Core } from '../write';

/**
 * The store's daily demand per product, read from the ledger: units sold net
 * of returns on each local day. A day the product closed out of stock is
 * censored (NaN: it sold what there was, demand is unknown, not that number);
 * so is every day before its first movement, and days the store sold nothing
 * at all (closed). Prices are what tickets charged, carried forward.
 */
export interface StoreProductInfo {
  id: string;
  sku: string;
  name: string;
  unit: 'un' | 'kg' | 'l';
  category: string | null;
  price: number;
  supplierId: string | null;
}

export interface StorePanel {
  panel: DemandPanel;
  products: StoreProductInfo[];
  /** Local date of the panel's first day and of the day after its last. */
  from: string;
  until: string;
}

/**
 * The longest history a forecast reads: three years, enough for yearly
 * seasonality twice over. Whatever dates the ledger holds (a ticket typed as
 * year 2000), the panel never grows past this.
 */
export const MAX_PANEL_DAYS = 3 * 365 + 1;

/**
 * Days [first movement, until), at most MAX_PANEL_DAYS — `until` is normally today, whose sales are not
 * finished. Argentina keeps one UTC offset all year, so the local day is the UTC
 * instant shifted by the zone's current offset.
 */
export function loadStorePanel(core: Core, timeZone: string, until?: string): StorePanel | null {
  const now = core.clock.now();
  const end = until ?? localDate(now, timeZone);
  const offset = zoneOffsetMinutes(now.getTime(), timeZone);
  const shift = `${offset >= 0 ? '+' : '-'}${Math.abs(offset)} minutes`;
  const day = sql<string>`date(occurred_at, ${shift})`;
  const products = core.sql.all(
    core.sql.q
      .selectFrom('products')
      .leftJoin('categories', 'categories.id', 'products.category_id')
      .select(['products.id', 'products.sku', 'products.name', 'products.unit', 'products.price', 'products.supplier_id', 'categories.name as category'])
      .where('products.active', '=', 1)
      .orderBy('products.sku'),
  );
  const firsts = core.sql.all(
    core.sql.q
      .selectFrom('stock_movements')
      .select(['product_id', sql<string>`min(${day})`.as('first')])
      .where(sql<string>`date(occurred_at, ${shift})`, '<', end)
      .groupBy('product_id'),
  );
  const firstByProduct = new Map(firsts.map((f) => [f.product_id, f.first]));
  const earliest = firsts.reduce<string | null>((min, f) => (min === null || f.first < min ? f.first : min), null);
  if (!earliest || earliest >= end) return null;
  const floor = dateOf(dayNumber(end) - MAX_PANEL_DAYS);
  const start = earliest < floor ? floor : earliest;
  const startDay = dayNumber(start);
  const days = dayNumber(end) - startDay;

  const open = new Uint8Array(days);
  const ticketDays = core.sql.all(
    core.sql.q
      .selectFrom('sale_tickets')
      .select(sql<string>`date(closed_at, ${shift})`.as('day'))
      .distinct()
      .where(sql<string>`date(closed_at, ${shift})`, '>=', start)
      .where(sql<string>`date(closed_at, ${shift})`, '<', end),
  );
  for (const t of ticketDays) open[dayNumber(t.day) - startDay] = 1;

  const sales = core.sql.all(
    core.sql.q
      .selectFrom('stock_movements')
      .select([
        'product_id',
        day.as('day'),
        sql<number>`-sum(qty)`.as('net'),
        sql<number>`sum(case when kind = 'sale' then -qty else 0 end)`.as('sold'),
        sql<number>`sum(case when kind = 'sale' then -qty * unit_price else 0 end)`.as('revenue'),
      ])
      .where('kind', 'in', ['sale', 'return'])
      .where(day, '>=', start)
      .where(day, '<', end)
      .groupBy(['product_id', 'day']),
  );
  // Closing stock of each day with movements: the balance after its last posting.
  const closings = core.sql.all(
    core.sql.q
      .selectFrom(
        core.sql.q
          .selectFrom('stock_movements')
          .select(['product_id', day.as('day'), 'balance_after', sql<number>`row_number() over (partition by product_id, ${day} order by seq desc)`.as('rn')])
          .where(day, '<', end)
          .as('m'),
      )
      .select(['product_id', 'day', 'balance_after'])
      .where('rn', '=', 1),
  );

  const index = new Map(products.map((p, i) => [p.id, i]));
  const demand = products.map(() => new Float32Array(days).fill(Number.NaN));
  const price = products.map(() => new Float32Array(days).fill(Number.NaN));
  const closing = products.map(() => new Float64Array(days).fill(Number.NaN));
  // Stock on the panel's first morning, for products that moved before the window.
  const opening = new Map<number, { day: string; balance: number }>();
  for (const c of closings) {
    const i = index.get(c.product_id);
    const d = dayNumber(c.day) - startDay;
    if (i === undefined) continue;
    if (d >= 0) closing[i]![d] = c.balance_after;
    else if (!opening.has(i) || opening.get(i)!.day < c.day) opening.set(i, { day: c.day, balance: c.balance_after });
  }
  products.forEach((p, i) => {
    const first = firstByProduct.get(p.id);
    if (!first) return;
    let stock = opening.get(i)?.balance ?? 0;
    for (let d = Math.max(0, dayNumber(first) - startDay); d < days; d++) {
      if (!Number.isNaN(closing[i]![d]!)) stock = closing[i]![d]!;
      // Known zero unless the store was closed or the shelf ended the day empty.
      if (open[d] && stock > 0) demand[i]![d] = 0;
      else if (open[d]) demand[i]![d] = Number.NaN;
    }
  });
  for (const s of sales) {
    const i = index.get(s.product_id);
    if (i === undefined) continue;
    const d = dayNumber(s.day) - startDay;
    if (d < 0 || d >= days) continue;
    if (!Number.isNaN(demand[i]![d]!)) demand[i]![d] = Math.max(0, s.net / 1000);
    if (s.sold > 0) price[i]![d] = s.revenue / s.sold / 100;
  }
  const items: PanelItem[] = products.map((p, i) => ({
    id: p.id,
    sku: p.sku,
    name: p.name,
    category: p.category,
    demand: demand[i]!,
    price: carryForward(price[i]!),
    currentPrice: p.price / 100,
  }));
  return {
    panel: { startDay, days, items },
    products: products.map((p) => ({ id: p.id, sku: p.sku, name: p.name, unit: p.unit, category: p.category, price: p.price, supplierId: p.supplier_id })),
    from: start,
    until: end,
  };
}

