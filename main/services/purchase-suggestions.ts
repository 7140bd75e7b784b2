import type { MethodParsedInput, RecommendationLine, Recommendations } from '../../contract';
import { addDays } from '../domain/time';
import { abcClasses, applyBudget, movingAverage, nextOrderDay, reachMinimum, reorderLine, weekday, WEEKDAY_NUMBER, type OrderLine } from '../forecast';
import { formatMoney } from '../../locale';
import type { Core } from '../write';

/** Below this share of the supplier's minimum, the suggestion is to wait rather than top up. */
const MIN_ORDER_TOP_UP = 0.5;
import type { ForecastService } from './forecasts';

/**
 * Compras sugeridas: for each supplier, what to order on its next order day
 * (forecast/reorder.ts does the maths, this gathers the store's facts: stock,
 * lots, open orders, packs, costs, the supplier's days, lead time and minimum).
 */
export class PurchaseSuggestions {
  constructor(
    private readonly core: Core,
    private readonly forecasts: ForecastService,
  ) {}

  async recommend(input: MethodParsedInput<'forecast.recommendations'>): Promise<Recommendations> {
    const generatedAt = this.core.clock.now().toISOString();
    const forecast = await this.forecasts.storeForecast();
    if (!forecast) return { generatedAt, modelSource: this.forecasts.modelSource(), suppliers: [] };
    const { sql } = this.core;
    const levels = this.forecasts.settings().serviceLevels;
    const { panel } = forecast.store;

    // ABC by the last 90 days' revenue.
    const revenue = new Map<string, number>();
    forecast.histories.forEach((h) => {
      let r = 0;
      for (let d = Math.max(0, forecast.origin - 90); d < forecast.origin; d++) {
        const v = h.item.demand[d]!;
        const p = h.item.price[d]!;
        if (!Number.isNaN(v) && !Number.isNaN(p)) r += v * p;
      }
      revenue.set(h.item.id, r);
    });
    const abc = abcClasses(revenue);

    let supplierQuery = sql.q.selectFrom('suppliers').select(['id', 'name', 'cuit', 'lead_time_days', 'order_weekdays', 'min_order']).where('active', '=', 1).orderBy('name');
    if (input.supplierId) supplierQuery = supplierQuery.where('id', '=', input.supplierId);
    const suppliers = sql.all(supplierQuery);
    const onOrderRows = sql.all(
      sql.q
        .selectFrom('purchase_order_lines')
        .innerJoin('purchase_orders', 'purchase_orders.id', 'purchase_order_lines.order_id')
        .select(['purchase_order_lines.product_id', (eb) => eb.fn.sum<number>(eb('purchase_order_lines.qty', '-', eb.ref('purchase_order_lines.received_qty'))).as('open')])
        .where('purchase_orders.status', 'in', ['borrador', 'enviada', 'parcial'])
        .groupBy('purchase_order_lines.product_id'),
    );
    const onOrder = new Map(onOrderRows.map((r) => [r.product_id, Math.max(0, r.open) / 1000]));
    const todayWeekday = weekday(panel.startDay + forecast.origin);

    const out: Recommendations['suppliers'] = [];
    for (const s of suppliers) {
      const { inDays, reviewDays } = nextOrderDay(
        todayWeekday,
        s.order_weekdays ? s.order_weekdays.split(',').map((w) => WEEKDAY_NUMBER[w]!).filter((w) => w !== undefined) : [],
      );
      const orderDate = addDays(forecast.today, inDays);
      const arrivalDate = addDays(orderDate, s.lead_time_days);
      const windowDays = inDays + reviewDays + s.lead_time_days;
      const coverUntil = addDays(forecast.today, windowDays);
      const products = sql.all(
        sql.q
          .selectFrom('products')
          .leftJoin('product_suppliers', (j) => j.onRef('product_suppliers.product_id', '=', 'products.id').onRef('product_suppliers.supplier_id', '=', 'products.supplier_id'))
          .select(['products.id', 'products.sku', 'products.name', 'products.unit', 'products.on_hand', 'products.cost', 'products.price', 'products.iva_rate', 'products.shelf_life_days', 'products.pack_size', 'product_suppliers.pack_size as supplier_pack'])
          .where('products.supplier_id', '=', s.id)
          .where('products.active', '=', 1)
          .orderBy('products.name'),
      );
      const expiringRows = sql.all(
        sql.q
          .selectFrom('lots')
          .innerJoin('products', 'products.id', 'lots.product_id')
          .select(['lots.product_id', (eb) => eb.fn.sum<number>('lots.on_hand').as('qty')])
          .where('products.supplier_id', '=', s.id)
          .where('lots.on_hand', '>', 0)
          .where('lots.expiry', '<', arrivalDate)
          .groupBy('lots.product_id'),
      );
      const expiring = new Map(expiringRows.map((r) => [r.product_id, r.qty / 1000]));
      const lines: (RecommendationLine & { order: OrderLine })[] = [];
      for (const p of products) {
        const i = forecast.index.get(p.id);
        if (i === undefined) continue;
        const means = forecast.means[i]!;
        const h = forecast.histories[i]!;
        const cls = abc.get(p.id) ?? 'C';
        const packSize = Math.max(1, p.supplier_pack ?? p.pack_size);
        const r = reorderLine({
          dailyMeans: means,
          windowDays,
          alpha: forecast.alpha,
          serviceLevel: levels[cls],
          onHand: Math.max(0, p.on_hand / 1000),
          onOrder: onOrder.get(p.id) ?? 0,
          expiring: expiring.get(p.id) ?? 0,
          packSize,
          countScale: p.unit === 'un' ? 1 : 10,
          shelfLifeDays: p.shelf_life_days,
          daysToArrival: inDays + s.lead_time_days,
          movingAverageDaily: movingAverage(h.item.demand, 1)[0]!,
        });
        if (r.qty <= 0 && r.movingAverageQty <= 0) continue;
        const netPrice = p.price / (1 + p.iva_rate / 1000);
        const order: OrderLine = { qty: r.qty, unitCost: p.cost, packSize, dailyDemand: r.expected / windowDays, stockoutRisk: r.stockoutRisk, margin: netPrice - p.cost, notes: r.notes };
        lines.push({
          productId: p.id,
          sku: p.sku,
          name: p.name,
          unit: p.unit,
          abc: cls,
          serviceLevel: levels[cls],
          method: forecast.choices[i]!,
          expected: round2(r.expected),
          orderUpTo: round2(r.orderUpTo),
          onHand: round2(Math.max(0, p.on_hand / 1000)),
          onOrder: round2(onOrder.get(p.id) ?? 0),
          expiring: round2(expiring.get(p.id) ?? 0),
          packSize,
          need: round2(Math.max(0, r.need)),
          qty: r.qty,
          movingAverageQty: r.movingAverageQty,
          unitCost: p.cost,
          amount: 0,
          stockoutRisk: Math.round(r.stockoutRisk * 1000) / 1000,
          notes: r.notes,
          order,
        });
      }
      const notes: string[] = [];
      const orders = lines.map((l) => l.order);
      if (input.budget !== undefined) applyBudget(orders, input.budget);
      const before = orders.reduce((sum, l) => sum + l.qty * l.unitCost, 0);
      if (before > 0 && before < s.min_order) {
        if (input.budget !== undefined && s.min_order > input.budget) notes.push('El pedido mínimo del proveedor supera el presupuesto: el pedido queda por debajo del mínimo.');
        else if (before < s.min_order * MIN_ORDER_TOP_UP) {
          // Far below the minimum, topping up would mean buying weeks of stock early: better to wait.
          notes.push(
            `Lo que hace falta (${formatMoney(before)}) no llega a la mitad del pedido mínimo (${formatMoney(s.min_order)}): conviene esperar al próximo día de pedido, salvo que el riesgo de faltante de algún producto no lo permita.`,
          );
        } else {
          reachMinimum(orders, s.min_order);
          notes.push(`El pedido sugerido no llegaba al mínimo del proveedor (${formatMoney(s.min_order)}): se sumaron bultos de lo que más se vende.`);
        }
      }
      const finalLines = lines.map(({ order, ...line }) => ({ ...line, qty: order.qty, amount: Math.round(order.qty * line.unitCost), notes: order.notes }));
      const total = finalLines.reduce((sum, l) => sum + l.amount, 0);
      const movingAverageTotal = finalLines.reduce((sum, l) => sum + Math.round(l.movingAverageQty * l.unitCost), 0);
      if (finalLines.length === 0) continue;
      out.push({
        supplierId: s.id,
        name: s.name,
        cuit: s.cuit,
        orderDate,
        arrivalDate,
        coverUntil,
        leadTimeDays: s.lead_time_days,
        minOrder: s.min_order,
        total,
        movingAverageTotal,
        notes,
        lines: finalLines.sort((a, b) => b.stockoutRisk - a.stockoutRisk || a.name.localeCompare(b.name, 'es')),
      });
    }
    out.sort((a, b) => (a.orderDate < b.orderDate ? -1 : a.orderDate > b.orderDate ? 1 : a.name.localeCompare(b.name, 'es')));
    return { generatedAt, modelSource: forecast.model.source, suppliers: out };
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
