import { invoiceRef } from '../domain/cuit';
import { formatPercent, formatMoney } from '../../locale';
import { periodSaleLines } from './period-data';
import { binomialZ } from './stats';
import { KIND_LABEL, localStamp, phaseFindings, sqlOffset, type Rule } from './types';

/**
 * Phase 3, the till: each cashier's rate of voided lines, returns and sales
 * below the shelf price, tested against the pooled rate of the other cashiers
 * (binomial z ≥ 4 and at least twice their rate, with enough of their own
 * work to judge); and anything done outside opening hours.
 */
const { one: pattern } = phaseFindings('patrones');

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

export const CASHIER_RULES: Record<string, Rule> = {
  'anulaciones-por-cajero'(db, ctx) {
    const lines = periodSaleLines(db, ctx);
    const byCashier = new Map<string, Rate>();
    for (let i = 0; i < lines.count; i++) {
      const cashier = lines.cashiers[lines.cashier[i]!]!;
      const rate = byCashier.get(cashier) ?? { cashier, hits: 0, trials: 0 };
      rate.trials++;
      rate.hits += lines.voided[i]!;
      byCashier.set(cashier, rate);
    }
    const rates = [...byCashier.values()];
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
        `${rate.cashier} anuló el ${formatPercent(own)} de los renglones (el resto: ${formatPercent(others)})`,
        `${rate.hits} de ${rate.trials} renglones anulados antes de cobrar, contra ${formatPercent(others)} de los demás cajeros (z ${z.toFixed(1)}). Anular después de que el cliente pagó y quedarse con el efectivo es la forma más común de faltante en caja.`,
        { user: [rate.cashier], ticket: [...new Set(lines.map((l) => l.number))].slice(0, 50) },
        ['ticket', 'fecha', 'sku', 'producto', 'importe anulado'],
        lines.map((l) => [l.number, localStamp(ctx, l.closed_at), l.sku, l.name, formatMoney(l.amount)]),
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
        `${rate.cashier} hizo devoluciones en el ${formatPercent(own)} de sus tickets (el resto: ${formatPercent(others)})`,
        `${rate.hits} devoluciones en ${rate.trials} tickets, contra ${formatPercent(others)} de los demás (z ${z.toFixed(1)}). Una devolución sin cliente devuelve plata de la caja: mirá si los productos volvieron a la góndola.`,
        { user: [rate.cashier], ticket: returns.slice(0, 50).map((r) => r.number) },
        ['devolución', 'fecha', 'del ticket', 'importe'],
        returns.map((r) => [r.number, localStamp(ctx, r.closed_at), r.original, formatMoney(r.total)]),
      );
    });
  },

  'venta-bajo-precio'(db, ctx) {
    // The shelf price of a product on a day is what most of its lines were charged that day.
    const lines = periodSaleLines(db, ctx);
    const sold = (i: number) => lines.voided[i] === 0 && lines.qty[i]! > 0;
    const key = (product: number, day: number) => product * 65_536 + day;
    const counts = new Map<number, Map<number, number>>();
    for (let i = 0; i < lines.count; i++) {
      if (!sold(i)) continue;
      const k = key(lines.product[i]!, lines.day[i]!);
      let prices = counts.get(k);
      if (!prices) counts.set(k, (prices = new Map()));
      prices.set(lines.unitPrice[i]!, (prices.get(lines.unitPrice[i]!) ?? 0) + 1);
    }
    const shelf = new Map<number, number>();
    for (const [k, prices] of counts) {
      let best = 0;
      let bestCount = -1;
      for (const [price, n] of prices) if (n > bestCount || (n === bestCount && price > best)) [best, bestCount] = [price, n];
      shelf.set(k, best);
    }
    const productIndex = new Map(lines.products.map((id, i) => [id, i]));
    const dayIndex = new Map(lines.days.map((d, i) => [d, i]));
    const shelfOf = (productId: string, day: string) => shelf.get(key(productIndex.get(productId) ?? -1, dayIndex.get(day) ?? -1));
    const below = (reference: number | undefined, amount: number, qty: number) => reference !== undefined && (amount * 1000) / qty < 0.97 * reference;
    const byCashier = new Map<string, Rate>();
    for (let i = 0; i < lines.count; i++) {
      if (!sold(i)) continue;
      const cashier = lines.cashiers[lines.cashier[i]!]!;
      const rate = byCashier.get(cashier) ?? { cashier, hits: 0, trials: 0 };
      rate.trials++;
      if (below(shelf.get(key(lines.product[i]!, lines.day[i]!)), lines.amount[i]!, lines.qty[i]!)) rate.hits++;
      byCashier.set(cashier, rate);
    }
    const detail = db.prepare(
      `select t.number, t.closed_at, date(t.closed_at, ?) as day, l.product_id, p.sku, p.name, l.amount, l.qty
       from sale_tickets t join sale_lines l on l.ticket_id = t.id join products p on p.id = l.product_id
       where coalesce(t.cashier, '—') = ? and t.closed_at >= ? and t.closed_at < ? and t.original_ticket_id is null and l.voided = 0 and l.qty > 0 order by t.closed_at`,
    );
    return outliers([...byCashier.values()]).map(({ rate, own, others, z }) => {
      const rows = (detail.all(sqlOffset(ctx), rate.cashier, ctx.fromIso, ctx.toIso) as { number: string; closed_at: string; day: string; product_id: string; sku: string; name: string; amount: number; qty: number }[])
        .filter((r) => below(shelfOf(r.product_id, r.day), r.amount, r.qty))
        .map((r) => [r.number, localStamp(ctx, r.closed_at), r.sku, r.name, formatMoney(shelfOf(r.product_id, r.day)!), formatMoney(Math.round((r.amount * 1000) / r.qty))]);
      return pattern(
        ctx,
        'venta-bajo-precio',
        own >= 4 * others ? 'alta' : 'media',
        `${rate.cashier} cobró por debajo del precio de góndola en el ${formatPercent(own)} de los renglones (el resto: ${formatPercent(others)})`,
        `${rate.hits} renglones cobrados más de un 3 % por debajo de lo que ese día se cobró la mayoría de las veces el mismo producto (descuentos o precios cambiados a mano), contra ${formatPercent(others)} de los demás cajeros (z ${z.toFixed(1)}).`,
        { user: [rate.cashier], ticket: [...new Set(rows.map((r) => String(r[0])))].slice(0, 50), sku: [...new Set(rows.map((r) => String(r[2])))].slice(0, 50) },
        ['ticket', 'fecha', 'sku', 'producto', 'precio de góndola', 'cobrado por unidad'],
        rows,
      );
    });
  },

  'fuera-de-horario'(db, ctx) {
    // Only what falls outside the hours is grouped (SQL compares the local time of day).
    const window = [ctx.fromIso, ctx.toIso, sqlOffset(ctx), `${ctx.hours.open}:00`, sqlOffset(ctx), `${ctx.hours.close}:00`];
    // A receipt's movements carry the day the goods arrived (local midnight when it was not today), not a clock time: receipts are timed by when they were posted.
    // History brought in by an import is not someone working at that hour: an
    // import is one operation, its movements recorded at the instant of its audit entry.
    const imports = JSON.stringify(db.prepare("select at from audit_log where method in ('import.run', 'cli.import')").pluck().all());
    const outside = db
      .prepare(
        `select m.doc_type, m.doc_id, min(m.occurred_at) as at, coalesce(m.user_name, '—') as user, count(*) as n, group_concat(distinct p.sku) as skus
         from stock_movements m join products p on p.id = m.product_id
         where m.occurred_at >= ? and m.occurred_at < ? and m.doc_type <> 'receipt' and (time(m.occurred_at, ?) < ? or time(m.occurred_at, ?) >= ?)
           and m.recorded_at not in (select value from json_each(?))
         group by m.doc_type, m.doc_id
         union all
         select 'receipt', r.id, r.posted_at, coalesce(r.user_name, '—'), count(*), group_concat(distinct p.sku)
         from receipts r join receipt_lines l on l.receipt_id = r.id join products p on p.id = l.product_id
         where r.posted_at >= ? and r.posted_at < ? and (time(r.posted_at, ?) < ? or time(r.posted_at, ?) >= ?)
           and not exists (select 1 from stock_movements m2 where m2.doc_type = 'receipt' and m2.doc_id = r.id and m2.recorded_at in (select value from json_each(?)))
         group by r.id
         order by 3`,
      )
      .all(...window, imports, ...window, imports) as {
      doc_type: string;
      doc_id: string;
      at: string;
      user: string;
      n: number;
      skus: string;
    }[];
    const ticketNumber = db.prepare('select number from sale_tickets where id = ?').pluck();
    const receipt = db.prepare('select s.cuit, r.doc_type, r.pos, r.number from receipts r join suppliers s on s.id = r.supplier_id where r.id = ?');
    // The document as people name it: the ticket's number, the invoice as CUIT-letter-pos-number.
    const adjustmentReason = db.prepare('select reason from adjustments where id = ?').pluck();
    const countName = db.prepare('select name from count_sessions where id = ?').pluck();
    const documentOf = (d: { doc_type: string; doc_id: string }): string => {
      if (d.doc_type === 'ticket') return String(ticketNumber.get(d.doc_id) ?? d.doc_id);
      if (d.doc_type === 'adjustment') return `ajuste por ${String(adjustmentReason.get(d.doc_id) ?? 'motivo desconocido')}`;
      if (d.doc_type === 'count') return String(countName.get(d.doc_id) ?? 'conteo');
      const r = receipt.get(d.doc_id) as { cuit: string; doc_type: string; pos: number; number: number } | undefined;
      return r ? invoiceRef(r.cuit, r.doc_type, r.pos, r.number) : 'recepción';
    };
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
        list.map((d) => [localStamp(ctx, d.at), KIND_LABEL[d.doc_type] ?? d.doc_type, documentOf(d), d.skus, d.n]),
      );
    });
  },
};
