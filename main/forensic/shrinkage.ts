import type { RawDatabase } from '../db/open';
import { formatPercent, formatMoney } from '../../locale';
import { periodFlows } from './period-data';
import { poissonTail, robustZ } from './stats';
import { localStamp, phaseFindings, type Finding, type Rule, type RuleContext } from './types';

/**
 * Phase 3, shrinkage: stock that left without a sale — waste and losses
 * written as adjustments, and what counts found missing — compared across
 * categories, shifts and users. 'vencido' (expired lots taken off the shelf)
 * is left out where people are compared: it follows the lots' dates, not who
 * was on duty. 'correccion' is a typo fixed, not a loss.
 */
// Losses: reason in ('merma', 'rotura', 'robo', 'consumo', 'vencido'); people: the same without
// 'vencido'. Written out in each statement (SQL text is never assembled, even from constants).

const { one: pattern } = phaseFindings('patrones');

const units = (thousandths: number) => thousandths / 1000;

interface Adjustment {
  occurred_at: string;
  user_name: string | null;
  sku: string;
  name: string;
  category: string;
  reason: string;
  qty: number;
  value: number;
}

function personalAdjustments(db: RawDatabase, fromIso: string, toIso: string): Adjustment[] {
  return db
    .prepare(
      `select m.occurred_at, m.user_name, p.sku, p.name, coalesce(c.name, 'Sin categoría') as category, m.reason, m.qty, -m.qty * m.unit_cost / 1000.0 as value
       from stock_movements m join products p on p.id = m.product_id left join categories c on c.id = p.category_id
       where m.kind = 'adjustment' and m.qty < 0 and m.reason in ('merma', 'rotura', 'robo', 'consumo') and m.occurred_at >= ? and m.occurred_at < ? order by m.occurred_at`,
    )
    .all(fromIso, toIso) as Adjustment[];
}

/** Whether the store has at least 60 days of ledger before the period: rules that hold something to its own past wait until then. */
function hasPast(db: RawDatabase, ctx: RuleContext): boolean {
  const first = db.prepare('select min(occurred_at) from stock_movements').pluck().get() as string | null;
  return first !== null && Date.parse(ctx.fromIso) - Date.parse(first) >= 60 * 86_400_000;
}

const adjustmentRow = (ctx: RuleContext, a: Adjustment) => {
  return [localStamp(ctx, a.occurred_at), a.user_name ?? '—', a.sku, a.name, a.reason, units(-a.qty), formatMoney(Math.round(a.value))];
};
const ADJUSTMENT_COLUMNS = ['fecha', 'usuario', 'sku', 'producto', 'motivo', 'cantidad', 'valor'];

export const SHRINKAGE_RULES: Record<string, Rule> = {
  'merma-por-categoria'(db, ctx) {
    if (!hasPast(db, ctx)) return [];
    const byCategory = (fromIso: string, toIso: string) =>
      db
        .prepare(
          `select coalesce(c.name, 'Sin categoría') as category,
             sum(case when m.kind in ('sale', 'return') then -m.qty * m.unit_cost else 0 end) / 1000.0 as cogs,
             sum(case when m.kind = 'adjustment' and m.reason in ('merma', 'rotura', 'robo', 'consumo', 'vencido') then -m.qty * m.unit_cost else 0 end) / 1000.0 as shrink,
             sum(case when m.kind = 'count' then -m.qty * m.unit_cost else 0 end) / 1000.0 as counted
           from stock_movements m join products p on p.id = m.product_id left join categories c on c.id = p.category_id
           where m.occurred_at >= ? and m.occurred_at < ? group by 1`,
        )
        .all(fromIso, toIso) as { category: string; cogs: number; shrink: number; counted: number }[];
    const rows = byCategory(ctx.fromIso, ctx.toIso);
    // Perishables always lose more than dry goods: a category is also held to its own past.
    const past = new Map(byCategory(ctx.baselineFromIso, ctx.fromIso).map((r) => [r.category, r]));
    const withSales = rows.filter((r) => r.cogs > 0);
    if (withSales.length < 4) return [];
    const totalCogs = withSales.reduce((s, r) => s + r.cogs, 0);
    const storeRate = withSales.reduce((s, r) => s + Math.max(r.shrink, 0), 0) / totalCogs;
    const rates = withSales.map((r) => Math.max(r.shrink, 0) / r.cogs);
    const z = robustZ(rates);
    const findings: Finding[] = [];
    withSales.forEach((r, i) => {
      const rate = rates[i]!;
      // Material (at least 0.2 % of the store's cost of sales) and well above both the peers and the store.
      if (z[i]! < 3.5 || rate < 2 * storeRate || r.shrink < 0.002 * totalCogs) return;
      const before = past.get(r.category);
      const pastRate = before && before.cogs > 0 ? Math.max(before.shrink, 0) / before.cogs : null;
      if (pastRate !== null && pastRate > 0 && rate < 2 * pastRate) return;
      const detail = db
        .prepare(
          `select p.sku, p.name, group_concat(distinct coalesce(m.reason, 'conteo')) as reasons, sum(-m.qty) as qty, sum(-m.qty * m.unit_cost) / 1000.0 as value
           from stock_movements m join products p on p.id = m.product_id left join categories c on c.id = p.category_id
           where coalesce(c.name, 'Sin categoría') = ? and ((m.kind = 'adjustment' and m.reason in ('merma', 'rotura', 'robo', 'consumo', 'vencido')) or m.kind = 'count')
             and m.occurred_at >= ? and m.occurred_at < ?
           group by p.id having value > 0 order by value desc`,
        )
        .all(r.category, ctx.fromIso, ctx.toIso) as { sku: string; name: string; reasons: string; qty: number; value: number }[];
      findings.push(
        pattern(
          ctx,
          'merma-por-categoria',
          rate >= 5 * storeRate ? 'alta' : 'media',
          `Merma de ${formatPercent(rate)} en ${r.category} (el local: ${formatPercent(storeRate)})`,
          `Lo que se dio de baja en ${r.category} (merma, rotura, robo, consumo o vencimiento) vale ${formatMoney(Math.round(r.shrink))}, el ${formatPercent(rate)} de su costo de ventas; el local está en ${formatPercent(storeRate)} (z robusto ${z[i]!.toFixed(1)} entre categorías)${pastRate !== null ? ` y la misma categoría estaba en ${formatPercent(pastRate)} en los 90 días anteriores` : ''}.${r.counted ? ` Los conteos del período encontraron además ${formatMoney(Math.round(r.counted))} de diferencia.` : ''} Conviene contar la categoría y revisar quién registra esas bajas.`,
          { category: [r.category], sku: detail.slice(0, 50).map((d) => d.sku) },
          ['sku', 'producto', 'motivos', 'cantidad', 'valor'],
          detail.map((d) => [d.sku, d.name, d.reasons, units(d.qty), formatMoney(Math.round(d.value))]),
        ),
      );
    });
    return findings;
  },

  'merma-por-turno'(db, ctx) {
    // Each shift against its own past: the closing shift always records more
    // waste (the shelf is checked then), so shifts are not compared with each other.
    if (!hasPast(db, ctx)) return [];
    // Local "HH:MM" compared as text with the settings' "HH:MM".
    const { open, shiftChange, close } = ctx.hours;
    const shiftOf = (iso: string) => {
      const time = localStamp(ctx, iso).slice(11);
      if (time < open || time >= close) return null;
      return time < shiftChange ? 'mañana' : 'tarde';
    };
    const sales = (fromIso: string, toIso: string) => {
      const totals = new Map<string, number>();
      for (const t of db.prepare("select closed_at, total from sale_tickets where closed_at >= ? and closed_at < ? and original_ticket_id is null").all(fromIso, toIso) as { closed_at: string; total: number }[]) {
        const shift = shiftOf(t.closed_at);
        if (shift) totals.set(shift, (totals.get(shift) ?? 0) + t.total);
      }
      return totals;
    };
    const baseline = personalAdjustments(db, ctx.baselineFromIso, ctx.fromIso);
    const current = personalAdjustments(db, ctx.fromIso, ctx.toIso);
    const baseSales = sales(ctx.baselineFromIso, ctx.fromIso);
    const periodSales = sales(ctx.fromIso, ctx.toIso);
    // Events expected at the past rate per peso sold (half an event when the past had none).
    const shifts = ['mañana', 'tarde'].map((shift) => {
      const before = baseline.filter((a) => shiftOf(a.occurred_at) === shift);
      const now = current.filter((a) => shiftOf(a.occurred_at) === shift);
      const baseSold = baseSales.get(shift) ?? 0;
      const expected = baseSold > 0 ? Math.max(before.length, 0.5) * ((periodSales.get(shift) ?? 0) / baseSold) : null;
      return { shift, before, now, expected, ratio: expected ? now.length / expected : 0 };
    });
    const findings: Finding[] = [];
    for (const s of shifts) {
      const other = shifts.find((o) => o !== s)!;
      // Up against its own past, by more than chance, and more than the other shift went up (a store-wide rise is not a shift's doing).
      if (s.expected === null || s.now.length < 5 || s.ratio < 2 || poissonTail(s.now.length, s.expected) > 0.001 || s.ratio < 1.5 * other.ratio) continue;
      const value = s.now.reduce((sum, a) => sum + a.value, 0);
      findings.push(
        pattern(
          ctx,
          'merma-por-turno',
          s.ratio >= 4 ? 'alta' : 'media',
          `El turno ${s.shift} registró ${s.now.length} bajas de stock (se esperaban ${s.expected.toFixed(1)})`,
          `En los 90 días anteriores el turno ${s.shift} registraba ${s.before.length} bajas por merma, rotura, robo o consumo; con lo que vendió en este período se esperaban ${s.expected.toFixed(1)} y hubo ${s.now.length} por ${formatMoney(Math.round(value))} (que sea casualidad tiene menos de 1 en 1.000 de probabilidad); el otro turno está en ${other.ratio.toFixed(1)} veces lo suyo.`,
          { user: [...new Set(s.now.map((a) => a.user_name ?? '—'))], sku: [...new Set(s.now.map((a) => a.sku))].slice(0, 50) },
          ADJUSTMENT_COLUMNS,
          s.now.map((a) => adjustmentRow(ctx, a)),
        ),
      );
    }
    return findings;
  },

  'ajustes-atipicos-por-usuario'(db, ctx) {
    const adjustments = personalAdjustments(db, ctx.fromIso, ctx.toIso);
    const byUser = new Map<string, Adjustment[]>();
    for (const a of adjustments) byUser.set(a.user_name ?? '—', [...(byUser.get(a.user_name ?? '—') ?? []), a]);
    // Peers: the people who write such adjustments at all; with fewer than three there is no "usual".
    if (byUser.size < 3) return [];
    const users = [...byUser.keys()];
    const values = users.map((u) => byUser.get(u)!.reduce((s, a) => s + a.value, 0));
    const z = robustZ(values);
    const sorted = [...values].sort((a, b) => a - b);
    const typical = sorted[sorted.length >> 1]!;
    // Material: the excess over the usual is at least 0.5 % of the period's cost of sales
    // (a few expensive items written off by one person are noise with six people).
    const cogs = periodFlows(db, ctx).cogs;
    const findings: Finding[] = [];
    users.forEach((user, i) => {
      if (z[i]! < 3.5 || values[i]! < 2 * typical || values[i]! - typical < 0.005 * cogs) return;
      const list = byUser.get(user)!;
      findings.push(
        pattern(
          ctx,
          'ajustes-atipicos-por-usuario',
          z[i]! >= 6 ? 'alta' : 'media',
          `${user} dio de baja ${formatMoney(Math.round(values[i]!))} en ajustes (lo usual: ${formatMoney(Math.round(typical))})`,
          `Entre las ${users.length} personas que registran mermas, roturas, robos o consumo, ${user} está muy por encima del resto (z robusto ${z[i]!.toFixed(1)}, con mediana y desvío absoluto mediano: un solo caso extremo no puede taparse a sí mismo). Revisá los ajustes: motivo, producto y horario.`,
          { user: [user], sku: [...new Set(list.map((a) => a.sku))].slice(0, 50) },
          ADJUSTMENT_COLUMNS,
          [...list].sort((a, b) => b.value - a.value).map((a) => adjustmentRow(ctx, a)),
        ),
      );
    });
    return findings;
  },

  'ajustes-repetidos'(db, ctx) {
    // Small amounts (up to 2 units or 2 kg) stay under anyone's radar one by one; five or more in a period is a pattern.
    const small = personalAdjustments(db, ctx.fromIso, ctx.toIso).filter((a) => -a.qty <= 2000);
    const bySku = new Map<string, Adjustment[]>();
    for (const a of small) bySku.set(a.sku, [...(bySku.get(a.sku) ?? []), a]);
    const findings: Finding[] = [];
    for (const [sku, list] of bySku) {
      if (list.length < 5) continue;
      const value = list.reduce((s, a) => s + a.value, 0);
      findings.push(
        pattern(
          ctx,
          'ajustes-repetidos',
          list.length >= 8 ? 'alta' : 'media',
          `«${list[0]!.name}» se ajustó para abajo ${list.length} veces de a poco`,
          `${list.length} bajas chicas del mismo producto en el período (${formatMoney(Math.round(value))} en total). De a una no llaman la atención; repetidas suelen tapar un faltante que se repite: revisá dónde está el producto y quién registra las bajas.`,
          { sku: [sku], user: [...new Set(list.map((a) => a.user_name ?? '—'))] },
          ADJUSTMENT_COLUMNS,
          list.map((a) => adjustmentRow(ctx, a)),
        ),
      );
    }
    return findings;
  },
};
