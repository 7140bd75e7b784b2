import type { RawDatabase } from '../db/open';
import { formatPesos } from '../domain/format';
import { binomialZ } from './stats';
import { findingOf, localClock, sqlOffset, type Finding, type Rule, type RuleContext } from './types';

/**
 * Phase 3, the till: each cashier's rate of voided lines, returns and sales
 * below the shelf price, tested against the pooled rate of the other cashiers
 * (binomial z ≥ 4 and at least twice their rate, with enough of their own
 * work to judge); and anything done outside opening hours.
 */
const pattern = (ctx: RuleContext, rule: string, severity: Finding['severity'], title: string, explanation: string, entities: Finding['entities'], columns: string[], rows: (string | number | null)[][]) =>
  findingOf('patrones', ctx, rule, severity, title, explanation, entities, columns, rows);

const percent = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')} %`;
const MIN_TRIALS = 50;

interface Rate {
  cashier: string;
  hits: number;
  trials: number;
}

/** Cashiers whose rate stands out from everyone else's together. */
function outliers(rates: Rate[]): { rate: Rate; own: number; others: number; z: number }[] {
  const hits = rates.reduce((s, r) => s + r.hits, 0);
  const trials = rates.reduce((s, r) => s + r.trials, 0);
  const out: { rate: Rate; own: number; others: number; z: number }[] = [];
  if (rates.length < 2) return out;
  for (const r of rates) {
    if (r.trials < MIN_TRIALS) continue;
    const others = (hits - r.hits) / Math.max(trials - r.trials, 1);
    const own = r.hits / r.trials;
    const z = binomialZ(r.hits, r.trials, others);
    if (z >= 4 && own >= 2 * others && r.hits >= 5) out.push({ rate: r, own, others, z });
  }
  return out;
}

function when(ctx: RuleContext, iso: string): string {
  const local = localClock(ctx.timeZone)(iso);
  return `${local.date} ${local.time}`;
}

/**
 * Lines charged below the day's shelf price. The shelf price of a product on
 * a day is what most of its lines were charged that day. Two whole statements
 * sharing their CTEs by copy (SQL text is never assembled).
 */
const BELOW_PRICE_RATES = `
  with lines as materialized (
    select coalesce(t.cashier, '—') as cashier, l.product_id, l.qty, l.unit_price, l.amount, date(t.closed_at, ?) as day
    from sale_lines l join sale_tickets t on t.id = l.ticket_id
    where t.closed_at >= ? and t.closed_at < ? and t.original_ticket_id is null and l.voided = 0 and l.qty > 0),
  shelf as materialized (
    select product_id, day, unit_price as shelf from (
      select product_id, day, unit_price, row_number() over (partition by product_id, day order by count(*) desc, unit_price desc) as rank
      from lines group by product_id, day, unit_price)
    where rank = 1)
  select cashier, count(*) as trials, sum(lines.amount * 1000.0 / lines.qty < 0.97 * shelf.shelf) as hits
  from lines join shelf using (product_id, day) group by cashier`;

const BELOW_PRICE_LINES = `
  with lines as materialized (
    select coalesce(t.cashier, '—') as cashier, t.number, t.closed_at, l.product_id, l.qty, l.unit_price, l.amount, date(t.closed_at, ?) as day
    from sale_lines l join sale_tickets t on t.id = l.ticket_id
    where t.closed_at >= ? and t.closed_at < ? and t.original_ticket_id is null and l.voided = 0 and l.qty > 0),
  shelf as materialized (
    select product_id, day, unit_price as shelf from (
      select product_id, day, unit_price, row_number() over (partition by product_id, day order by count(*) desc, unit_price desc) as rank
      from lines group by product_id, day, unit_price)
    where rank = 1)
  select lines.number, lines.closed_at, p.sku, p.name, shelf.shelf, lines.amount * 1000.0 / lines.qty as charged
  from lines join shelf using (product_id, day) join products p on p.id = lines.product_id
  where lines.cashier = ? and lines.amount * 1000.0 / lines.qty < 0.97 * shelf.shelf order by lines.closed_at`;

export const CASHIER_RULES: Record<string, Rule> = {
  'anulaciones-por-cajero'(db, ctx) {
    const rates = db
      .prepare(
        `select coalesce(t.cashier, '—') as cashier, sum(l.voided) as hits, count(*) as trials
         from sale_lines l join sale_tickets t on t.id = l.ticket_id
         where t.closed_at >= ? and t.closed_at < ? and t.original_ticket_id is null group by 1`,
      )
      .all(ctx.fromIso, ctx.toIso) as Rate[];
    return outliers(rates).map(({ rate, own, others, z }) => {
      const lines = db
        .prepare(
          `select t.number, t.closed_at, p.sku, p.name, l.amount from sale_lines l join sale_tickets t on t.id = l.ticket_id join products p on p.id = l.product_id
           where l.voided = 1 and coalesce(t.cashier, '—') = ? and t.closed_at >= ? and t.closed_at < ? and t.original_ticket_id is null order by t.closed_at`,
        )
        .all(rate.cashier, ctx.fromIso, ctx.toIso) as { number: string; closed_at: string; sku: string; name: string; amount: number }[];
      return pattern(
        ctx,
        'anulaciones-por-cajero',
        own >= 4 * others ? 'alta' : 'media',
        `${rate.cashier} anuló el ${percent(own)} de los renglones (el resto: ${percent(others)})`,
        `${rate.hits} de ${rate.trials} renglones anulados antes de cobrar, contra ${percent(others)} de los demás cajeros (z ${z.toFixed(1)}). Anular después de que el cliente pagó y quedarse con el efectivo es la forma más común de faltante en caja.`,
        { user: [rate.cashier], ticket: [...new Set(lines.map((l) => l.number))].slice(0, 50) },
        ['ticket', 'fecha', 'sku', 'producto', 'importe anulado'],
        lines.map((l) => [l.number, when(ctx, l.closed_at), l.sku, l.name, formatPesos(l.amount)]),
      );
    });
  },

  'devoluciones-por-cajero'(db, ctx) {
    const rates = db
      .prepare(
        `select coalesce(cashier, '—') as cashier, sum(original_ticket_id is not null) as hits, count(*) as trials
         from sale_tickets where closed_at >= ? and closed_at < ? group by 1`,
      )
      .all(ctx.fromIso, ctx.toIso) as Rate[];
    return outliers(rates).map(({ rate, own, others, z }) => {
      const returns = db
        .prepare(
          `select t.number, t.closed_at, o.number as original, t.total from sale_tickets t join sale_tickets o on o.id = t.original_ticket_id
           where coalesce(t.cashier, '—') = ? and t.closed_at >= ? and t.closed_at < ? order by t.closed_at`,
        )
        .all(rate.cashier, ctx.fromIso, ctx.toIso) as { number: string; closed_at: string; original: string; total: number }[];
      return pattern(
        ctx,
        'devoluciones-por-cajero',
        own >= 4 * others ? 'alta' : 'media',
        `${rate.cashier} hizo devoluciones en el ${percent(own)} de sus tickets (el resto: ${percent(others)})`,
        `${rate.hits} devoluciones en ${rate.trials} tickets, contra ${percent(others)} de los demás (z ${z.toFixed(1)}). Una devolución sin cliente devuelve plata de la caja: mirá si los productos volvieron a la góndola.`,
        { user: [rate.cashier], ticket: returns.slice(0, 50).map((r) => r.number) },
        ['devolución', 'fecha', 'del ticket', 'importe'],
        returns.map((r) => [r.number, when(ctx, r.closed_at), r.original, formatPesos(r.total)]),
      );
    });
  },

  'venta-bajo-precio'(db, ctx) {
    const params = [sqlOffset(ctx), ctx.fromIso, ctx.toIso];
    const rates = db.prepare(BELOW_PRICE_RATES).all(...params) as Rate[];
    const below = db.prepare(BELOW_PRICE_LINES);
    return outliers(rates).map(({ rate, own, others, z }) => {
      const rows = (below.all(...params, rate.cashier) as { number: string; closed_at: string; sku: string; name: string; shelf: number; charged: number }[]).map((r) => [
        r.number,
        when(ctx, r.closed_at),
        r.sku,
        r.name,
        formatPesos(r.shelf),
        formatPesos(Math.round(r.charged)),
      ]);
      return pattern(
        ctx,
        'venta-bajo-precio',
        own >= 4 * others ? 'alta' : 'media',
        `${rate.cashier} cobró por debajo del precio de góndola en el ${percent(own)} de los renglones (el resto: ${percent(others)})`,
        `${rate.hits} renglones cobrados más de un 3 % por debajo de lo que ese día se cobró la mayoría de las veces el mismo producto (descuentos o precios cambiados a mano), contra ${percent(others)} de los demás cajeros (z ${z.toFixed(1)}).`,
        { user: [rate.cashier], ticket: [...new Set(rows.map((r) => String(r[0])))].slice(0, 50), sku: [...new Set(rows.map((r) => String(r[2])))].slice(0, 50) },
        ['ticket', 'fecha', 'sku', 'producto', 'precio de góndola', 'cobrado por unidad'],
        rows,
      );
    });
  },

  'fuera-de-horario'(db, ctx) {
    // Only what falls outside the hours is grouped (SQL compares the local time of day).
    const window = [ctx.fromIso, ctx.toIso, sqlOffset(ctx), `${ctx.hours.open}:00`, sqlOffset(ctx), `${ctx.hours.close}:00`];
    // A receipt's movements carry the invoice's date (local midnight), not a clock time: receipts are timed by when they were posted.
    const outside = db
      .prepare(
        `select m.doc_type, m.doc_id, min(m.occurred_at) as at, coalesce(m.user_name, '—') as user, count(*) as n, group_concat(distinct p.sku) as skus
         from stock_movements m join products p on p.id = m.product_id
         where m.occurred_at >= ? and m.occurred_at < ? and m.doc_type <> 'receipt' and (time(m.occurred_at, ?) < ? or time(m.occurred_at, ?) >= ?)
         group by m.doc_type, m.doc_id
         union all
         select 'receipt', r.id, r.posted_at, coalesce(r.user_name, '—'), count(*), group_concat(distinct p.sku)
         from receipts r join receipt_lines l on l.receipt_id = r.id join products p on p.id = l.product_id
         where r.posted_at >= ? and r.posted_at < ? and (time(r.posted_at, ?) < ? or time(r.posted_at, ?) >= ?) group by r.id
         order by 3`,
      )
      .all(...window, ...window) as {
      doc_type: string;
      doc_id: string;
      at: string;
      user: string;
      n: number;
      skus: string;
    }[];
    const ticketNumber = db.prepare('select number from sale_tickets where id = ?').pluck();
    const KIND: Record<string, string> = { receipt: 'recepción', ticket: 'ticket', adjustment: 'ajuste', count: 'conteo' };
    const byUser = new Map<string, typeof outside>();
    for (const d of outside) byUser.set(d.user, [...(byUser.get(d.user) ?? []), d]);
    return [...byUser].map(([user, list]) => {
      const tickets = list.filter((d) => d.doc_type === 'ticket').map((d) => String(ticketNumber.get(d.doc_id) ?? d.doc_id));
      const adjustments = list.filter((d) => d.doc_type === 'adjustment').length;
      return pattern(
        ctx,
        'fuera-de-horario',
        adjustments > 0 ? 'alta' : 'media',
        `${user}: ${list.length} operaciones fuera del horario del local`,
        `El local abre de ${ctx.hours.open} a ${ctx.hours.close}; ${user} registró ${list.length} operaciones fuera de ese horario${adjustments ? `, ${adjustments} de ellas ajustes de stock` : ''}. Si el horario cambió, actualizalo en Forense › Configuración; si no, preguntá quién estaba en el local.`,
        { user: [user], ticket: tickets.slice(0, 50), sku: [...new Set(list.flatMap((d) => d.skus.split(',')))].slice(0, 50) },
        ['fecha', 'tipo', 'comprobante', 'productos', 'movimientos'],
        list.map((d) => [when(ctx, d.at), KIND[d.doc_type] ?? d.doc_type, d.doc_type === 'ticket' ? String(ticketNumber.get(d.doc_id) ?? d.doc_id) : d.doc_id, d.skus, d.n]),
      );
    });
  },
};
