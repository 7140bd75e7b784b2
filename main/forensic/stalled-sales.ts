import { formatMoney } from '../../locale';
import { localDate } from '../domain/time';
import { phaseFindings, type Finding, type Rule } from './types';

const { one: pattern } = phaseFindings('patrones');

const DAY = 86_400_000;

/**
 * Phase 3, sales that stop while stock stays: a product that sold steadily,
 * then nothing for long enough that chance cannot explain it (under 1 in 1,000
 * at its own rate), while the shelf was never empty. Either it is hidden or
 * broken — or it is still being sold, off the till.
 */
export const STALLED_SALES_RULES: Record<string, Rule> = {
  'ventas-se-cortan'(db, ctx) {
    const end = Date.parse(ctx.toIso);
    const windowStart = new Date(end - 120 * DAY).toISOString();
    const sales = db
      .prepare(
        `select product_id, count(distinct doc_id) as n, min(occurred_at) as first, max(occurred_at) as last
         from stock_movements where kind = 'sale' and occurred_at >= ? and occurred_at < ? group by product_id having n >= 10`,
      )
      .all(windowStart, ctx.toIso) as { product_id: string; n: number; first: string; last: string }[];
    const after = db.prepare('select min(balance_after) as low, count(*) as n from stock_movements where product_id = ? and occurred_at > ? and occurred_at < ?');
    const balanceAt = db.prepare('select balance_after from stock_movements where product_id = ? and occurred_at < ? order by occurred_at desc, seq desc limit 1').pluck();
    const product = db.prepare('select sku, name, active, avg_cost from products where id = ?');
    const findings: Finding[] = [];
    // P(no sale in the gap) = e^(−rate × gap) below 1 % for the whole catalog (Bonferroni).
    const bar = Math.log(Math.max(sales.length, 1) / 0.01);
    for (const { product_id: id, n, first, last: lastAt } of sales) {
      const last = Date.parse(lastAt);
      const gapDays = (end - last) / DAY;
      if (gapDays < 7) continue;
      const activeDays = Math.max((last - Date.parse(first)) / DAY, 7);
      const rate = n / activeDays;
      // The rate's lower bound (two standard errors of a Poisson count) and a
      // bar that holds for the whole catalog at once: with hundreds of products
      // tested, "under 1 in 1,000" each would still flag some by chance.
      const cautious = Math.max(n - 2 * Math.sqrt(n), 0) / activeDays;
      if (cautious * gapDays < bar) continue;
      const since = after.get(id, lastAt, ctx.toIso) as { low: number | null; n: number };
      const onHand = balanceAt.get(id, ctx.toIso) as number | undefined;
      if (onHand === undefined || onHand <= 0 || (since.low !== null && since.low <= 0)) continue;
      const p = product.get(id) as { sku: string; name: string; active: number; avg_cost: number };
      if (!p.active) continue;
      findings.push(
        pattern(
          ctx,
          'ventas-se-cortan',
          cautious * gapDays >= 2 * bar ? 'alta' : 'media',
          `«${p.name}» no se vende hace ${Math.floor(gapDays)} días y hay stock`,
          `Se vendía ${rate.toFixed(1).replace('.', ',')} veces por día y desde el ${localDate(lastAt, ctx.timeZone)} no tuvo ninguna venta, con ${onHand / 1000} en stock todo ese tiempo: a su ritmo, pasar tantos días sin venderse es prácticamente imposible por casualidad (menos de 1 en 100 aun contando todos los productos del local). Mirá si está en la góndola, si el código escanea y si se está cobrando por fuera de la caja.`,
          { sku: [p.sku] },
          ['sku', 'producto', 'última venta', 'ventas por día antes', 'días sin ventas', 'stock', 'valor'],
          [[p.sku, p.name, localDate(lastAt, ctx.timeZone), Number(rate.toFixed(2)), Math.floor(gapDays), onHand / 1000, formatMoney(Math.round((onHand * p.avg_cost) / 1000))]],
        ),
      );
    }
    return findings;
  },
};
