import { invoiceRef } from '../domain/cuit';
import { formatCuit, formatMoney, formatPercent } from '../../locale';
import { addDays } from '../domain/time';
import { BENFORD, BENFORD_NONCONFORMITY, benfordTest, median, type BenfordTest } from './stats';
import { localStamp, phaseFindings, type Finding, type Rule } from './types';

/** Figures a supplier or person needs before their first digits are tested. */
const MIN_FIGURES = 50;

/** Pearson's chi-square of a first-digit count against expected shares. */
function chiSquare(t: BenfordTest, expected: readonly number[]): number {
  return t.counts.reduce((sum, c, i) => sum + (c - t.n * expected[i]!) ** 2 / (t.n * expected[i]!), 0);
}

/**
 * Phase 3, purchases and figures typed by hand: supplier costs that jump more
 * than inflation explains, invoices that look like another one of the same
 * supplier, and the first-digit (Benford) and round-number tests on invoice
 * totals and manual adjustments.
 */
const { one: pattern } = phaseFindings('patrones');

/** Chi-square critical value, 8 degrees of freedom, p ≈ 2·10⁻⁵: one in a thousand over fifty entities tested. */
const CHI2_8DF_CRITICAL = 36;
/** An invoice as people name it (and as every rule keys it): "30-71234567-1 A 00001-00000002". */
const invoiceKey = (r: { cuit: string; doc_type: string; pos: number; number: number }) => invoiceRef(r.cuit, r.doc_type, r.pos, r.number);
const monthsBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (30.44 * 86_400_000);

interface ReceiptRow {
  id: string;
  cuit: string;
  supplier: string;
  doc_type: string;
  pos: number;
  number: number;
  date: string;
  total: number;
}

export const SUPPLIER_RULES: Record<string, Rule> = {
  'costo-salta'(db, ctx) {
    const lines = db
      .prepare(
        `select l.product_id, p.sku, p.name, r.date, l.unit_cost, s.cuit, s.name as supplier, r.doc_type, r.pos, r.number
         from receipt_lines l join receipts r on r.id = l.receipt_id join suppliers s on s.id = r.supplier_id join products p on p.id = l.product_id
         where r.date >= ? and r.date <= ? and l.qty > 0 and l.unit_cost > 0 order by l.product_id, r.date, r.seq`,
      )
      .all(addDays(ctx.from, -365), ctx.to) as { product_id: string; sku: string; name: string; date: string; unit_cost: number; cuit: string; supplier: string; doc_type: string; pos: number; number: number }[];
    // Inflation per month: the CPI where it covers both dates, otherwise what the
    // store's own costs did (the median monthly change between consecutive receipts).
    const cpi = new Map((db.prepare('select month, index_value from cpi').all() as { month: string; index_value: number }[]).map((r) => [r.month, r.index_value]));
    const pairs: { prev: (typeof lines)[number]; cur: (typeof lines)[number] }[] = [];
    for (let i = 1; i < lines.length; i++) if (lines[i]!.product_id === lines[i - 1]!.product_id) pairs.push({ prev: lines[i - 1]!, cur: lines[i]! });
    const monthly = pairs.filter((p) => monthsBetween(p.prev.date, p.cur.date) >= 0.5).map((p) => Math.log(p.cur.unit_cost / p.prev.unit_cost) / monthsBetween(p.prev.date, p.cur.date));
    const storeRate = monthly.length >= 20 ? Math.max(median(monthly), 0) : 0;
    const expectedRatio = (from: string, to: string) => {
      const a = cpi.get(from.slice(0, 7));
      const b = cpi.get(to.slice(0, 7));
      if (a && b) return { ratio: b / a, source: 'el IPC' };
      return { ratio: Math.exp(storeRate * Math.max(monthsBetween(from, to), 0)), source: 'la suba mediana de los costos del local' };
    };
    const byProduct = new Map<string, typeof lines>();
    for (const l of lines) byProduct.set(l.product_id, [...(byProduct.get(l.product_id) ?? []), l]);
    const findings: Finding[] = [];
    for (const { prev, cur } of pairs) {
      if (cur.date < ctx.from) continue;
      const { ratio: expected, source } = expectedRatio(prev.date, cur.date);
      const real = cur.unit_cost / prev.unit_cost / expected;
      if (real < 1.3) continue;
      const history = byProduct.get(cur.product_id)!.filter((l) => l.date <= cur.date).slice(-12);
      findings.push(
        pattern(
          ctx,
          'costo-salta',
          real >= 1.6 ? 'alta' : 'media',
          `El costo de «${cur.name}» saltó ${formatPercent(cur.unit_cost / prev.unit_cost - 1)} en la factura ${invoiceKey(cur)}`,
          `De ${formatMoney(prev.unit_cost)} (${prev.date}) a ${formatMoney(cur.unit_cost)} (${cur.date}): ${formatPercent(real - 1)} por encima de lo que explica ${source} en ese lapso. Puede ser un error de carga, un proveedor que cobra de más o una compra a un precio pactado con alguien de adentro.`,
          { sku: [cur.sku], supplier: [cur.cuit], invoice: [invoiceKey(cur)] },
          ['fecha', 'factura', 'proveedor', 'costo unitario'],
          history.map((h) => [h.date, invoiceKey(h), h.supplier, formatMoney(h.unit_cost)]),
        ),
      );
    }
    return findings;
  },

  'factura-casi-duplicada'(db, ctx) {
    // Same supplier, a total within 0.5 %, at most 2 days apart, a different
    // number and mostly the same products: the same goods billed twice. (A
    // standing order repeats too, but on the supplier's cycle, not the next day.)
    const receipts = db
      .prepare(
        `select r.id, s.cuit, s.name as supplier, r.doc_type, r.pos, r.number, r.date, r.total from receipts r join suppliers s on s.id = r.supplier_id
         where r.date >= ? and r.date <= ? order by s.cuit, r.date`,
      )
      .all(addDays(ctx.from, -2), ctx.to) as ReceiptRow[];
    const products = db.prepare('select distinct product_id from receipt_lines where receipt_id = ?').pluck();
    const productSet = new Map<string, Set<string>>();
    const set = (id: string) => productSet.get(id) ?? productSet.set(id, new Set(products.all(id) as string[])).get(id)!;
    const findings: Finding[] = [];
    for (let i = 0; i < receipts.length; i++) {
      const b = receipts[i]!;
      if (b.date < ctx.from) continue;
      for (let j = i - 1; j >= 0; j--) {
        const a = receipts[j]!;
        if (a.cuit !== b.cuit || monthsBetween(a.date, b.date) * 30.44 > 2.01) break;
        if (a.number === b.number && a.pos === b.pos && a.doc_type === b.doc_type) continue;
        if (Math.abs(a.total - b.total) > 0.005 * Math.max(a.total, b.total)) continue;
        const sa = set(a.id);
        const sb = set(b.id);
        const shared = [...sa].filter((p) => sb.has(p)).length;
        if (shared / new Set([...sa, ...sb]).size < 0.8) continue;
        findings.push(
          pattern(
            ctx,
            'factura-casi-duplicada',
            'alta',
            `Dos facturas de ${a.supplier} casi iguales: ${invoiceKey(a)} y ${invoiceKey(b)}`,
            `Mismo proveedor, ${a.date} y ${b.date}, totales de ${formatMoney(a.total)} y ${formatMoney(b.total)} y ${shared} productos en común, con distinto número. Si la mercadería entró una sola vez, la segunda se está pagando de más.`,
            { invoice: [invoiceKey(a), invoiceKey(b)], supplier: [a.cuit] },
            ['factura', 'fecha', 'total', 'productos'],
            [a, b].map((r) => [invoiceKey(r), r.date, formatMoney(r.total), set(r.id).size]),
          ),
        );
      }
    }
    return findings;
  },

  benford(db, ctx) {
    // Each supplier's invoice totals and each person's adjustment values, over
    // the year to the period's end, against the first digits everyone else's
    // follow: Benford's law where the store's other figures conform to it,
    // otherwise their own distribution (a minimarket's adjustments — one unit
    // of a product — never follow Benford). Chi-square, 8 degrees of freedom,
    // at a level that holds with dozens of suppliers tested at once.
    const since = addDays(ctx.to, -364);
    const findings: Finding[] = [];
    const test = (what: string, rows: { value: number; who: string }[], entityKey: 'supplier' | 'user', label: (who: string) => string) => {
      const byWho = new Map<string, number[]>();
      for (const r of rows) byWho.set(r.who, [...(byWho.get(r.who) ?? []), r.value]);
      if (byWho.size < 3) return;
      const flagged: { who: string; n: number; chi: number; over: number[]; conforming: boolean }[] = [];
      // Benford is the reference when most of those with enough figures follow it on
      // their own: decided by heads, not by pooling, so a few made-up series cannot
      // pull the reference away and make everyone else look odd.
      // (Each by its chi-square against Benford: the MAD threshold is meant for thousands of figures.)
      const owns = new Map([...byWho].map(([who, values]) => [who, benfordTest(values)]));
      const tested = [...owns.values()].filter((t) => t.n >= MIN_FIGURES);
      const mostConform = tested.length >= 3 && tested.filter((t) => chiSquare(t, BENFORD) < CHI2_8DF_CRITICAL).length * 2 > tested.length;
      for (const [who, own] of owns) {
        // Below 50 figures a first-digit test says more about chance than about the figures.
        if (own.n < MIN_FIGURES) continue;
        const others = benfordTest(rows.filter((r) => r.who !== who).map((r) => r.value));
        if (others.n < 100) continue;
        const conforming = mostConform || others.mad <= BENFORD_NONCONFORMITY;
        const expected = conforming ? BENFORD : others.counts.map((c) => (c + 1) / (others.n + 9));
        const chi = chiSquare(own, expected);
        if (chi < CHI2_8DF_CRITICAL) continue;
        const over = own.counts.map((c, i) => ({ d: i + 1, excess: c / own.n - expected[i]! })).filter((x) => x.excess > 0.05).map((x) => x.d);
        flagged.push({ who, n: own.n, chi, over, conforming });
      }
      if (flagged.length === 0) return;
      // One finding for the test, listing whoever stands out: a list of suppliers is
      // one thing to look at, not one alert per supplier.
      flagged.sort((a, b) => b.chi - a.chi);
      const one = flagged.length === 1 ? flagged[0]! : null;
      findings.push(
        pattern(
          ctx,
          'benford',
          flagged[0]!.chi >= 3 * CHI2_8DF_CRITICAL ? 'media' : 'baja',
          one ? `Los primeros dígitos de los ${what} de ${label(one.who)} no son los esperables` : `Los primeros dígitos de los ${what} de ${flagged.length} ${entityKey === 'supplier' ? 'proveedores' : 'personas'} no son los esperables`,
          `En cifras que surgen solas (totales, valores) el primer dígito sigue un patrón estable: ${flagged[0]!.conforming ? 'la ley de Benford, que el resto de los ' + what + ' del local cumple' : 'el que muestra el resto de los ' + what + ' del local'}. ${one ? `Los ${one.n} ${what} de ${label(one.who)} del último año se apartan mucho (chi cuadrado ${one.chi.toFixed(0)}; el límite es ${CHI2_8DF_CRITICAL})` : `Los de ${flagged.map((f) => label(f.who)).join(', ')} se apartan mucho en el último año (chi cuadrado sobre ${CHI2_8DF_CRITICAL}; la tabla dice cuánto)`}. Solo se prueba con ${MIN_FIGURES} cifras o más de cada uno. Suele indicar montos inventados o ajustados para quedar bajo un límite; no prueba nada solo.`,
          { [entityKey]: flagged.map((f) => f.who) },
          [entityKey === 'supplier' ? 'proveedor' : 'persona', 'cifras', 'chi cuadrado', 'sobran los que empiezan con'],
          flagged.map((f) => [label(f.who), f.n, Math.round(f.chi), f.over.join(', ') || '—']),
        ),
      );
    };
    const invoices = db.prepare('select r.total, s.cuit, s.name from receipts r join suppliers s on s.id = r.supplier_id where r.date >= ? and r.date <= ?').all(since, ctx.to) as { total: number; cuit: string; name: string }[];
    const names = new Map(invoices.map((i) => [i.cuit, i.name]));
    test('totales de facturas', invoices.map((i) => ({ value: i.total / 100, who: i.cuit })), 'supplier', (cuit) => `${names.get(cuit)} (${formatCuit(cuit)})`);
    const adjustments = db
      .prepare("select -qty * unit_cost / 100000.0 as value, coalesce(user_name, '—') as who from stock_movements where kind = 'adjustment' and qty < 0 and reason <> 'vencido' and occurred_at >= ? and occurred_at < ?")
      .all(new Date(Date.parse(ctx.toIso) - 365 * 86_400_000).toISOString(), ctx.toIso) as { value: number; who: string }[];
    test('ajustes manuales', adjustments, 'user', (u) => u);
    return findings;
  },

  'numeros-redondos'(db, ctx) {
    const findings: Finding[] = [];
    // Invoice totals in whole thousands of pesos: real invoices with IVA almost never land there.
    const totals = db
      .prepare('select s.cuit, s.name, r.doc_type, r.pos, r.number, r.date, r.total from receipts r join suppliers s on s.id = r.supplier_id where r.date >= ? and r.date <= ? order by r.date')
      .all(ctx.from, ctx.to) as (ReceiptRow & { name: string })[];
    const bySupplier = new Map<string, typeof totals>();
    for (const t of totals) bySupplier.set(t.cuit, [...(bySupplier.get(t.cuit) ?? []), t]);
    for (const [cuit, list] of bySupplier) {
      const round = list.filter((t) => t.total > 0 && t.total % 100_000 === 0);
      if (round.length < 3 || round.length / list.length < 0.25) continue;
      findings.push(
        pattern(
          ctx,
          'numeros-redondos',
          'media',
          `${list[0]!.name}: ${round.length} de ${list.length} facturas con total en miles exactos`,
          'Una factura con precios e IVA casi nunca da un total redondo; varias seguidas suelen ser montos acordados de palabra o facturas armadas para justificar un pago.',
          { supplier: [cuit], invoice: round.slice(0, 50).map(invoiceKey) },
          ['factura', 'fecha', 'total'],
          round.map((t) => [invoiceKey(t), t.date, formatMoney(t.total)]),
        ),
      );
    }
    // Adjustments of whole tens of units: counted losses are rarely that tidy.
    const adjustments = db
      .prepare(
        `select coalesce(m.user_name, '—') as user, m.occurred_at, p.sku, p.name, m.reason, -m.qty as qty from stock_movements m join products p on p.id = m.product_id
         where m.kind = 'adjustment' and m.qty < 0 and m.reason <> 'vencido' and p.unit = 'un' and m.occurred_at >= ? and m.occurred_at < ? order by m.occurred_at`,
      )
      .all(ctx.fromIso, ctx.toIso) as { user: string; occurred_at: string; sku: string; name: string; reason: string; qty: number }[];
    const byUser = new Map<string, typeof adjustments>();
    for (const a of adjustments) byUser.set(a.user, [...(byUser.get(a.user) ?? []), a]);
    for (const [user, list] of byUser) {
      const round = list.filter((a) => a.qty >= 10_000 && a.qty % 10_000 === 0);
      if (round.length < 3 || round.length / list.length < 0.3) continue;
      findings.push(
        pattern(
          ctx,
          'numeros-redondos',
          'media',
          `${user}: ${round.length} de ${list.length} ajustes en decenas justas`,
          'Las bajas reales salen de contar lo roto o vencido y rara vez dan 10, 20 o 50 unidades justas; varias redondas de la misma persona sugieren cantidades estimadas o inventadas.',
          { user: [user], sku: [...new Set(round.map((a) => a.sku))].slice(0, 50) },
          ['fecha', 'sku', 'producto', 'motivo', 'cantidad'],
          round.map((a) => [localStamp(ctx, a.occurred_at), a.sku, a.name, a.reason, a.qty / 1000]),
        ),
      );
    }
    return findings;
  },
};
