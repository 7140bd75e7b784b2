/**
 * A store simulated through the real services, with known anomalies injected
 * into its last weeks and the ground truth of each: what `npm run
 * bench:forensic` measures the forensic rules against, and what the forensic
 * tests use. Deterministic from its seed.
 *
 * The store: the demo catalog and suppliers, six people in two shifts (the
 * morning ana, beto, carla; the afternoon dario, eva, fede), tickets by
 * weekday, a few voided lines and returns, waste written off by whoever is on
 * duty, deliveries when stock runs low, a monthly count of one category. No
 * inflation: costs only move where an anomaly moves them.
 */
import type { App } from '../main/app';
import { seedDemoStore } from '../main/demo';
import { invoiceRef, withCuitCheckDigit } from '../main/domain/cuit';
import { mulberry32, weightedPicker } from '../main/domain/random';
import { addDays, localDate, zonedToIso } from '../main/domain/time';
import { write, type WriteTx } from '../main/write';

export interface ScenarioOptions {
  seed?: number;
  /** Days of history; the anomalies go into the last `periodDays`. */
  days?: number;
  periodDays?: number;
  anomalies?: boolean;
  ticketsPerDay?: number;
  onProgress?: (day: number, days: number) => void;
}

/** One injected anomaly: the rule that should find it and the entity it should name. */
export interface Truth {
  rule: string;
  entity: 'sku' | 'user' | 'ticket' | 'invoice' | 'supplier' | 'category';
  value: string;
  what: string;
}

export interface Scenario {
  period: { from: string; to: string };
  truth: Truth[];
  movements: number;
}

const MORNING = ['ana', 'beto', 'carla'];
const AFTERNOON = ['dario', 'eva', 'fede'];
const OPEN = 8 * 60;
const CHANGE = 14 * 60;
const CLOSE = 21 * 60 + 30;

interface Item {
  id: string;
  sku: string;
  name: string;
  unit: 'un' | 'kg' | 'l';
  category: string;
  cost: number;
  price: number;
  supplierCuit: string;
  weight: number;
}

export function buildScenario(app: App, options: ScenarioOptions = {}): Scenario {
  const seed = options.seed ?? 7;
  const days = options.days ?? 150;
  const periodDays = options.periodDays ?? 30;
  const anomalies = options.anomalies ?? true;
  const ticketsPerDay = options.ticketsPerDay ?? 120;
  const random = mulberry32(seed * 7919 + 1);
  seedDemoStore(app, { days: 0, seed });
  const tz = app.services.settings.get().timeZone;
  const lastDay = addDays(localDate(app.core.clock.now(), tz), -1);
  const firstDay = addDays(lastDay, -(days - 1));
  const periodFrom = addDays(lastDay, -(periodDays - 1));
  const db = app.core.sql.raw;

  const rows = db
    .prepare(
      `select p.id, p.sku, p.name, p.unit, coalesce(c.name, 'Sin categoría') as category, p.cost, p.price, s.cuit as supplierCuit
       from products p left join categories c on c.id = p.category_id join suppliers s on s.id = p.supplier_id where p.active = 1 and p.cost > 0 and p.price > 0 order by p.sku`,
    )
    .all() as Omit<Item, 'weight'>[];
  // Demand: a long tail, a few products sell most (Zipf-like, order shuffled by the seed).
  const order = rows.map((_, i) => i).sort(() => random() - 0.5);
  const items: Item[] = rows.map((r, i) => ({ ...r, weight: 1 / Math.pow(order[i]! + 1, 0.8) }));
  const totalWeight = items.reduce((s, p) => s + p.weight, 0);
  const pickFrom = weightedPicker(items, items.map((p) => p.weight), random);
  const linesPerDay = ticketsPerDay * 2;
  const dailyUnits = (p: Item) => (p.weight / totalWeight) * linesPerDay * (p.unit === 'kg' ? 0.5 : 1.2);
  const unitQty = (p: Item) => (p.unit === 'kg' ? 500 : 1000);
  const at = (date: string, minutes: number) =>
    zonedToIso(date, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`, tz);
  const onDuty = (minutes: number) => (minutes < CHANGE ? MORNING : AFTERNOON)[Math.floor(random() * 3)]!;
  const any = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;

  // The anomalies' actors and targets, chosen up front so the simulation can act on them.
  const byCategory = new Map<string, Item[]>();
  for (const p of items) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  for (const list of byCategory.values()) list.sort((a, b) => b.weight - a.weight);
  const categories = [...byCategory.keys()].filter((c) => byCategory.get(c)!.length >= 15).sort();
  const popular = [...items].sort((a, b) => b.weight - a.weight);
  const lossCategory = categories[Math.floor(random() * categories.length)]!;
  const stopped = popular.find((p) => p.unit === 'un')!;
  const repeated = popular.find((p) => p.unit === 'un' && p !== stopped && p.category !== lossCategory)!;
  const jump = popular.slice(10, 60).find((p) => p.unit === 'un' && p.category !== lossCategory && p !== repeated)!;
  const truth: Truth[] = [];
  // beto's goods: mid-priced, from the two biggest categories (so no category's shrinkage is his doing).
  const sales = (c: string) => byCategory.get(c)!.reduce((s, p) => s + p.weight * p.cost, 0);
  const biggest = categories.filter((c) => c !== lossCategory).sort((a, b) => sales(b) - sales(a)).slice(0, 2);
  const betoGoods = items
    .filter((p) => biggest.includes(p.category) && p.unit === 'un' && p !== repeated && p !== stopped && p !== jump)
    .sort((a, b) => Math.abs(a.cost - 200_000) - Math.abs(b.cost - 200_000))
    .slice(0, 5);
  const period = (date: string) => anomalies && date >= periodFrom;

  let ticketNo = 0;
  const nextTicket = () => String(++ticketNo).padStart(8, '0');
  const invoiceNumbers = new Map<string, number>();
  const nextInvoice = (cuit: string) => {
    const n = (invoiceNumbers.get(cuit) ?? 100) + 1;
    invoiceNumbers.set(cuit, n);
    return n;
  };
  const lastDelivery = new Map<string, string>();
  const recentTickets: { number: string; date: string; lines: { productId: string; qty: number }[] }[] = [];
  const returned = new Set<string>();
  let pendingDuplicate: { cuit: string; date: string; lines: { productId: string; qty: number; unitCost: number }[] } | null = null;

  // A transaction per day, as the store would have written them (one for 400 days grows the WAL without end).
  let tx!: WriteTx;
  const onHand = (p: Item) => tx.ledger.product(p.id)!.on_hand;
  const receive = (cuit: string, date: string, lines: { productId: string; qty: number; unitCost: number; ivaRate?: 21 }[], user: string) =>
    app.services.receipts.postInTx(tx, { supplierCuit: cuit, docType: 'A', pos: 3, number: nextInvoice(cuit), date, lines }, user, at(date, 8 * 60 + 20));
  const adjust = (p: Item, qty: number, reason: 'merma' | 'rotura' | 'robo' | 'consumo', date: string, minutes: number, user: string) => {
    if (onHand(p) < qty) return false;
    app.services.adjustments.adjustInTx(tx, { productId: p.id, qty: -qty, reason, note: null, occurredAt: at(date, minutes), actor: user });
    return true;
  };
  const bySupplier = new Map<string, Item[]>();
  for (const p of items) bySupplier.set(p.supplierCuit, [...(bySupplier.get(p.supplierCuit) ?? []), p]);
  let ghostCuit: string | null = null;
  const ghostItems = popular.slice(100, 110);

  write(app.core, (first: WriteTx) => {
    tx = first;
    // Opening stock: three weeks of each product.
    for (const [cuit, list] of bySupplier) {
      receive(cuit, firstDay, list.map((p) => ({ productId: p.id, qty: Math.max(Math.ceil(dailyUnits(p) * 21), 3) * 1000, unitCost: p.cost })), 'fede');
      lastDelivery.set(cuit, firstDay);
    }
    // Anomaly: a ghost supplier whose invoices were made up to stay under $ 100.000 (Benford: too many 9s).
    if (anomalies) {
      for (let n = 0; !ghostCuit; n++) ghostCuit = withCuitCheckDigit(`30719${String(99_990 + n).padStart(5, '0')}`);
      app.services.suppliers.createInTx(tx, { cuit: ghostCuit, name: 'Distribuidora del Sur (fantasma)', leadTimeDays: 2, orderWeekdays: [], minOrder: 0 });
      truth.push({ rule: 'benford', entity: 'supplier', value: ghostCuit, what: '70 facturas inventadas de $ 90.000 a $ 99.999' });
    }
  });
  for (let d = 0; d < days; d++) {
    write(app.core, (day: WriteTx) => {
      tx = day;
      const date = addDays(firstDay, d);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      const inPeriod = period(date);

      // Deliveries: a supplier comes at most every 3 days, for what would not last 5 more days.
      for (const [cuit, list] of bySupplier) {
        if (date === firstDay || addDays(lastDelivery.get(cuit)!, 3) > date) continue;
        const low = list.filter((p) => p !== (inPeriod ? stopped : null) && onHand(p) < dailyUnits(p) * 5 * 1000);
        if (low.length === 0) continue;
        const lines = low.map((p) => ({ productId: p.id, qty: Math.max(Math.ceil(dailyUnits(p) * 14), 2) * 1000, unitCost: p === jump && inPeriod && !truth.some((t) => t.rule === 'costo-salta') ? Math.round(p.cost * 1.7) : p.cost }));
        const id = receive(cuit, date, lines, any(['ana', 'fede']));
        lastDelivery.set(cuit, date);
        if (lines.some((l) => l.productId === jump.id && l.unitCost !== jump.cost)) {
          const r = db.prepare('select r.pos, r.number from receipts r where r.id = ?').get(id) as { pos: number; number: number };
          truth.push({ rule: 'costo-salta', entity: 'invoice', value: invoiceRef(cuit, 'A', r.pos, r.number), what: `«${jump.name}» facturado 70 % más caro` });
        }
        // Anomaly: the same delivery billed again two days later with another number.
        if (inPeriod && !truth.some((t) => t.rule === 'factura-casi-duplicada') && date >= addDays(periodFrom, 5) && lines.length >= 3) {
          const again = addDays(date, 2);
          pendingDuplicate ??= { cuit, date: again, lines };
        }
      }
      if (pendingDuplicate && pendingDuplicate.date === date) {
        const { cuit, lines } = pendingDuplicate;
        const id = receive(cuit, date, lines, 'fede');
        const r = db.prepare('select r.pos, r.number from receipts r where r.id = ?').get(id) as { pos: number; number: number };
        truth.push({ rule: 'factura-casi-duplicada', entity: 'invoice', value: invoiceRef(cuit, 'A', r.pos, r.number), what: 'una entrega facturada dos veces' });
        pendingDuplicate = null;
      }

      // Ghost invoices, about one every two days over the last 140 days.
      if (ghostCuit && d >= days - 140 && random() < 0.5) {
        const target = 9_000_000 + Math.floor(random() * 999_000);
        const products = [ghostItems[d % 10]!, ghostItems[(d + 3) % 10]!];
        const first = Math.floor((target * 0.6) / (products[0]!.cost * 1.21));
        const second = Math.max(1, Math.round((target - first * products[0]!.cost * 1.21) / (products[1]!.cost * 1.21)));
        receive(ghostCuit, date, [
          { productId: products[0]!.id, qty: Math.max(first, 1) * 1000, unitCost: products[0]!.cost, ivaRate: 21 },
          { productId: products[1]!.id, qty: second * 1000, unitCost: products[1]!.cost, ivaRate: 21 },
        ], 'fede');
      }

      // Anomaly: a supplier's invoices with totals in whole thousands ($ 121.000: net $ 100.000 at 21 %).
      if (inPeriod && d % 6 === 0) {
        const supplier = [...bySupplier.keys()].sort()[3]!;
        const product = bySupplier.get(supplier)!.find((p) => p.cost >= 80_000 && p.cost <= 120_000) ?? bySupplier.get(supplier)![0]!;
        receive(supplier, date, [{ productId: product.id, qty: Math.round(10_000_000 / 100_000) * 1000, unitCost: 100_000, ivaRate: 21 }], 'ana');
        if (!truth.some((t) => t.rule === 'numeros-redondos' && t.entity === 'supplier')) truth.push({ rule: 'numeros-redondos', entity: 'supplier', value: supplier, what: 'facturas de $ 121.000 justos' });
      }

      // Tickets.
      const count = Math.round(ticketsPerDay * [0.7, 0.9, 0.95, 0.95, 1.05, 1.2, 1.35][weekday]! * (0.85 + random() * 0.3));
      const minutes = Array.from({ length: count }, () => OPEN + Math.floor(random() * (CLOSE - OPEN))).sort((a, b) => a - b);
      for (const minute of minutes) {
        const cashier = onDuty(minute);
        const size = 1 + Math.floor(random() * random() * 5);
        const lines: { lineNo: number; productId: string; qty: number; unitPrice: number; discount: number; voided: boolean }[] = [];
        for (let k = 0; k < size; k++) {
          const p = pickFrom();
          if (inPeriod && p === stopped) continue;
          const qty = unitQty(p) * (random() < 0.85 ? 1 : 2);
          if (onHand(p) - lines.filter((l) => l.productId === p.id && !l.voided).reduce((s, l) => s + l.qty, 0) < qty) continue;
          let unitPrice = p.price;
          if (inPeriod && cashier === 'dario' && random() < 0.1) unitPrice = Math.round(p.price * 0.75);
          const voidRate = inPeriod && cashier === 'eva' ? 0.1 : 0.015;
          lines.push({ lineNo: lines.length + 1, productId: p.id, qty, unitPrice, discount: 0, voided: random() < voidRate });
        }
        if (lines.length === 0) continue;
        const number = nextTicket();
        app.services.sales.postHistoricInTx(tx, { number, closedAt: at(date, minute), cashier, payment: 'efectivo', lines });
        const kept = lines.filter((l) => !l.voided);
        if (kept.length > 0) recentTickets.push({ number, date, lines: kept.map((l) => ({ productId: l.productId, qty: l.qty })) });
      }
      while (recentTickets.length > 0 && recentTickets[0]!.date < addDays(date, -3)) recentTickets.shift();

      // Returns: about one ticket in 200, a day or two later, by whoever is on duty.
      const returnMinutes = Array.from({ length: count }, () => OPEN + Math.floor(random() * (CLOSE - OPEN))).filter(() => random() < 0.005);
      // Anomaly: carla takes back goods on about 6 % of her tickets.
      if (inPeriod) for (let k = 0; k < Math.round(count * 0.5 * 0.06 * 0.66); k++) returnMinutes.push(OPEN + Math.floor(random() * (CHANGE - OPEN)));
      for (const minute of returnMinutes.sort((a, b) => a - b)) {
        const original = recentTickets.find((t) => t.date < date && !returned.has(t.number));
        if (!original) continue;
        const forcedCarla = inPeriod && minute < CHANGE && random() < 0.9;
        const cashier = forcedCarla ? 'carla' : onDuty(minute);
        returned.add(original.number);
        // History as it happened: the scenario's returns were authorized at the counter, so the
        // caller is not held to a cashier's PIN rules.
        app.services.sales.returnInTx(tx, { originalNumber: original.number, number: nextTicket(), closedAt: at(date, minute), payment: 'efectivo', reason: 'fallado', lines: [original.lines[0]!] }, { name: cashier, role: 'encargado' });
      }

      // Waste: about one write-off a day, by whoever is on duty.
      if (random() < 0.9) {
        const minute = OPEN + Math.floor(random() * (CLOSE - OPEN));
        const p = pickFrom();
        if (!(inPeriod && (p === stopped || p === repeated))) adjust(p, unitQty(p), any(['merma', 'rotura', 'consumo']), date, minute, onDuty(minute));
      }

      if (inPeriod) {
        const dayInPeriod = Math.round((Date.parse(date) - Date.parse(periodFrom)) / 86_400_000);
        // The afternoon shift writes off far more than it used to (30 more over the period).
        for (let k = 0; k < (dayInPeriod % 2 === 0 ? 2 : 1); k++) {
          const minute = CHANGE + 30 + Math.floor(random() * (CLOSE - CHANGE - 60));
          const p = items[Math.floor(random() * items.length)]!;
          if (p !== repeated && p !== stopped && p.category !== lossCategory) adjust(p, unitQty(p), any(['merma', 'rotura']), date, minute, onDuty(minute));
        }
        // One category loses stock: ten larger losses over the period, by whoever is on duty.
        if (dayInPeriod % 3 === 1) {
          const list = byCategory.get(lossCategory)!;
          const p = list.slice(0, 8)[Math.floor(random() * Math.min(list.length, 8))]!;
          const minute = OPEN + Math.floor(random() * (CLOSE - OPEN));
          const qty = unitQty(p) * (5 + Math.floor(random() * 4));
          if (onHand(p) < qty) receive(p.supplierCuit, date, [{ productId: p.id, qty: qty * 2, unitCost: p.cost }], 'ana');
          adjust(p, qty, 'robo', date, minute, onDuty(minute));
        }
        // beto writes off expensive goods in round tens, five times.
        if (dayInPeriod % 6 === 2) {
          // Mid-priced goods, each from another category (so no category's shrinkage is his doing).
          const p = betoGoods[Math.floor(dayInPeriod / 6) % betoGoods.length]!;
          const qty = 20_000;
          if (onHand(p) < qty) receive(p.supplierCuit, date, [{ productId: p.id, qty: qty * 2, unitCost: p.cost }], 'ana');
          adjust(p, qty, 'merma', date, 10 * 60 + Math.floor(random() * 180), 'beto');
        }
        // The same product, one unit at a time, again and again.
        if (dayInPeriod % 4 === 0) adjust(repeated, 1000, 'merma', date, OPEN + Math.floor(random() * (CLOSE - OPEN)), any([...MORNING, ...AFTERNOON]));
        // Work outside opening hours: fede's adjustments at night, ana's late tickets.
        if (dayInPeriod % 7 === 3) {
          const p = items[Math.floor(random() * items.length)]!;
          if (p !== repeated && p !== stopped) adjust(p, unitQty(p), 'consumo', date, 60 + Math.floor(random() * 120), 'fede');
          const q = pickFrom();
          if (onHand(q) >= unitQty(q)) app.services.sales.postHistoricInTx(tx, { number: nextTicket(), closedAt: at(date, 23 * 60 + 20 + Math.floor(random() * 30)), cashier: 'ana', payment: 'efectivo', lines: [{ lineNo: 1, productId: q.id, qty: unitQty(q), unitPrice: q.price, discount: 0, voided: false }] });
        }
      }

      // A monthly count of one category, closing time: a little missing here and there.
      if (d > 0 && d % 30 === 0) {
        const category = categories[(d / 30) % categories.length]!;
        for (const p of byCategory.get(category)!) {
          const have = onHand(p);
          const counted = Math.max(0, have - (random() < 0.15 ? unitQty(p) : 0));
          app.services.counts.postHistoricInTx(tx, { productId: p.id, counted, at: at(date, 21 * 60), user: 'fede', sessionName: `Conteo de ${category}` });
        }
      }
      options.onProgress?.(d + 1, days);
    });
  }

  if (anomalies) {
    truth.push(
      { rule: 'merma-por-categoria', entity: 'category', value: lossCategory, what: `robos en ${lossCategory}` },
      { rule: 'merma-por-turno', entity: 'user', value: 'dario', what: 'el turno tarde da de baja 45 veces más de lo usual en el período' },
      { rule: 'ajustes-atipicos-por-usuario', entity: 'user', value: 'beto', what: 'beto da de baja mercadería cara' },
      { rule: 'numeros-redondos', entity: 'user', value: 'beto', what: 'ajustes de 10 y 20 unidades justas' },
      { rule: 'ajustes-repetidos', entity: 'sku', value: repeated.sku, what: `«${repeated.name}» ajustado de a una unidad` },
      { rule: 'anulaciones-por-cajero', entity: 'user', value: 'eva', what: 'eva anula el 10 % de los renglones' },
      { rule: 'devoluciones-por-cajero', entity: 'user', value: 'carla', what: 'carla hace devoluciones en el 6 % de sus tickets' },
      { rule: 'venta-bajo-precio', entity: 'user', value: 'dario', what: 'dario cobra 25 % menos en el 10 % de los renglones' },
      { rule: 'fuera-de-horario', entity: 'user', value: 'fede', what: 'ajustes de madrugada' },
      { rule: 'fuera-de-horario', entity: 'user', value: 'ana', what: 'tickets después del cierre' },
      { rule: 'ventas-se-cortan', entity: 'sku', value: stopped.sku, what: `«${stopped.name}» deja de venderse con stock` },
    );
  }
  const movements = (db.prepare('select count(*) from stock_movements').pluck().get() as number) ?? 0;
  return { period: { from: periodFrom, to: lastDay }, truth, movements };
}


/** Which findings match which truths: recall per rule over the truths, precision per rule over the pattern findings. */
export function score(findings: { rule: string; phase: string; entities: Partial<Record<Truth['entity'], string[]>> }[], truth: Truth[]) {
  const rules = [...new Set([...truth.map((t) => t.rule), ...findings.filter((f) => f.phase === 'patrones').map((f) => f.rule)])].sort();
  const matches = (f: (typeof findings)[number], t: Truth) => f.rule === t.rule && (f.entities[t.entity] ?? []).includes(t.value);
  return rules.map((rule) => {
    const truths = truth.filter((t) => t.rule === rule);
    const found = findings.filter((f) => f.rule === rule);
    const hit = truths.filter((t) => found.some((f) => matches(f, t))).length;
    const right = found.filter((f) => truths.some((t) => matches(f, t))).length;
    return { rule, truths: truths.length, findings: found.length, recall: truths.length ? hit / truths.length : null, precision: found.length ? right / found.length : null };
  });
}
