import type { Payment } from '../../contract';
import type { App } from '../app';
import { isHoliday } from '../domain/holidays';
import { weightedPicker } from '../domain/random';
import { addDays, localDate, zonedToIso } from '../domain/time';
import type { WriteTx } from '../write';

/**
 * Eighteen months of a minimarket's life, posted through the real services in
 * one transaction: deliveries when stock runs low (with lots and expiry for
 * perishables), daily tickets shaped by weekday, payday (first days of the
 * month), season and national holidays, monthly inflation of 2–6 % in costs and
 * shelf prices, some shrinkage and a quarterly count. Deterministic from its
 * random source and the last day.
 */
export interface HistoryProduct {
  id: string;
  category: string;
  unit: 'un' | 'kg';
  supplierCuit: string;
  /** Cost and price at the start of history, centavos. */
  cost: number;
  markup: number;
  /** Mean units (or kg) sold per open day. */
  demand: number;
  /** Thousandths: the shelf is restocked before it drops under this. */
  minStock: number;
  perishable: boolean;
  /** Days a lot lasts (perishables); orders never cover more than most of it. */
  shelfLife: number | null;
}

export interface HistoryOptions {
  days: number;
  random: () => number;
  onProgress?: (day: number, days: number) => void;
}

const CASHIERS = ['ana', 'beto', 'carla'];
const PAYMENTS: Payment[] = ['efectivo', 'efectivo', 'efectivo', 'debito', 'debito', 'credito', 'qr', 'qr', 'cuenta'];

/** Category peaks: summer drinks and ice cream, winter yerba and soups. */
function seasonFactor(category: string, date: string): number {
  const day = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000;
  const summer = Math.cos((2 * Math.PI * (day - 15)) / 365); // 1 mid-January, -1 mid-July
  if (category === 'Bebidas' || category === 'Congelados') return 1 + 0.35 * summer;
  if (category === 'Almacén') return 1 - 0.1 * summer;
  return 1 + 0.05 * summer;
}

function weekdayFactor(date: string): number {
  // Sunday 0 … Saturday 6: Saturdays busiest, Sundays quiet.
  return [0.7, 0.9, 0.95, 0.95, 1.05, 1.2, 1.35][new Date(`${date}T12:00:00Z`).getUTCDay()]!;
}

function paydayFactor(date: string): number {
  const dom = Number(date.slice(8, 10));
  return dom <= 5 ? 1.25 : dom >= 25 ? 0.88 : 1;
}

/** An ordinary weekday's tickets in the demo almacén, before weekday, payday and holiday effects. */
const TICKETS_PER_DAY = 220;

export function simulateHistory(app: App, tx: WriteTx, products: HistoryProduct[], options: HistoryOptions): { tickets: number; lines: number; receipts: number } {
  const { random } = options;
  const tz = app.services.settings.get().timeZone;
  const lastDay = addDays(localDate(app.core.clock.now(), tz), -1);
  const firstDay = addDays(lastDay, -(options.days - 1));
  const bySupplier = new Map<string, HistoryProduct[]>();
  for (const p of products) bySupplier.set(p.supplierCuit, [...(bySupplier.get(p.supplierCuit) ?? []), p]);
  const suppliers = new Map(app.services.suppliers.list({ query: null, includeInactive: true }).map((s) => [s.cuit, s]));
  const invoiceNumbers = new Map<string, number>();
  const pending: { arrives: string; cuit: string; lines: { p: HistoryProduct; qty: number }[] }[] = [];
  let inflation = 1;
  let ticketNo = 0;
  let lines = 0;
  let receipts = 0;
  const weights = products.map((p) => p.demand);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pick = weightedPicker(products, weights, random);
  // What each product really sells per day in this simulation (its share of the
  // day's ticket lines times the usual quantity), which is what ordering plans for.
  const linesPerDay = TICKETS_PER_DAY * 1.7;
  const daily = new Map(products.map((p) => [p.id, (p.demand / totalWeight) * linesPerDay * (p.unit === 'kg' ? 0.375 : 1.2)]));
  const cost = (p: HistoryProduct) => Math.round(p.cost * inflation);
  const price = (p: HistoryProduct) => shelfRound(p.cost * inflation * p.markup * 1.21);
  const onHand = (p: HistoryProduct) => tx.ledger.product(p.id)!.on_hand;
  const at = (date: string, minutes: number) =>
    zonedToIso(date, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`, tz);

  // Twice a month for eighteen months is ~23,000 price changes: written with one
  // prepared statement (price and version, as a price edit changes them)
  // rather than through the service, which would triple the demo's run time.
  const reprice = () => {
    for (const p of products) {
      tx.sql.raw.prepare('update products set price = ?, version = version + 1 where id = ?').run(price(p), p.id);
    }
  };

  for (let d = 0; d < options.days; d++) {
    const date = addDays(firstDay, d);
    // Inflation moves on the first of each month; prices follow on the first and the fifteenth.
    if (date.endsWith('-01')) {
      inflation *= 1 + (0.02 + random() * 0.04);
    }
    if (date.endsWith('-01') || date.endsWith('-15') || d === 0) reprice();

    // Deliveries due today.
    for (let i = pending.length - 1; i >= 0; i--) {
      const order = pending[i]!;
      if (order.arrives !== date) continue;
      pending.splice(i, 1);
      const number = (invoiceNumbers.get(order.cuit) ?? 1000) + 1;
      invoiceNumbers.set(order.cuit, number);
      app.services.receipts.postInTx(
        tx,
        {
          supplierCuit: order.cuit,
          docType: 'A',
          pos: 2,
          number,
          date,
          lines: order.lines.map(({ p, qty }) => ({ productId: p.id, qty, unitCost: cost(p) })),
        },
        'ana',
        at(date, 8 * 60 + 30),
      );
      receipts++;
    }

    // Orders on the suppliers' order days for what will run short before the next delivery.
    const weekday = ['dom', 'lun', 'mar', 'mie', 'jue', 'vie', 'sab'][new Date(`${date}T12:00:00Z`).getUTCDay()]!;
    for (const [cuit, list] of bySupplier) {
      const supplier = suppliers.get(cuit)!;
      if (!supplier.orderWeekdays.includes(weekday as 'lun') || pending.some((o) => o.cuit === cuit)) continue;
      const cover = supplier.leadTimeDays + 8;
      const order = list
        .map((p) => {
          // Order up to the cover needed (never less than twice the shelf minimum)
          // when what is left would not last until the delivery, or is under the minimum.
          // Perishables: only what sells well before it expires.
          const rate = daily.get(p.id)!;
          const target = p.shelfLife
            ? Math.max(Math.ceil(rate * Math.min(cover, p.shelfLife * 0.6) * 1.2) * 1000, 1000)
            : Math.max(Math.ceil(rate * cover * 1.3) * 1000, p.minStock * 2);
          const have = onHand(p);
          const need = target - have;
          const low = p.shelfLife ? have < rate * (supplier.leadTimeDays + 1) * 1000 : have <= rate * (supplier.leadTimeDays + 3) * 1000 || have < p.minStock;
          if (!low || need <= 0) return null;
          const qty = p.unit === 'kg' ? Math.ceil(need / 1000) * 1000 : Math.ceil(need / 1000) * 1000;
          return { p, qty };
        })
        .filter((l): l is { p: HistoryProduct; qty: number } => l !== null);
      if (order.length > 0) pending.push({ arrives: addDays(date, supplier.leadTimeDays), cuit, lines: order });
    }

    // The day's tickets.
    const holiday = isHoliday(date);
    const expected = TICKETS_PER_DAY * weekdayFactor(date) * paydayFactor(date) * (holiday ? 0.6 : 1);
    const count = Math.max(10, Math.round(expected * (0.85 + random() * 0.3)));
    const minutes = Array.from({ length: count }, () => 8 * 60 + Math.floor(random() * (13.5 * 60))).sort((a, b) => a - b);
    for (const minute of minutes) {
      const size = 1 + Math.floor(random() * random() * 6);
      const ticketLines: { lineNo: number; productId: string; qty: number; unitPrice: number; discount: number; voided: boolean }[] = [];
      for (let k = 0; k < size; k++) {
        const p = pick();
        if (random() > seasonFactor(p.category, date) / 1.35) continue;
        const qty = p.unit === 'kg' ? 100 + Math.floor(random() * 12) * 50 : random() < 0.8 ? 1000 : 2000;
        if (onHand(p) - ticketLines.filter((l) => l.productId === p.id && !l.voided).reduce((s, l) => s + l.qty, 0) < qty) continue;
        ticketLines.push({ lineNo: ticketLines.length + 1, productId: p.id, qty, unitPrice: price(p), discount: 0, voided: random() < 0.015 });
      }
      if (ticketLines.length === 0) continue;
      ticketNo++;
      app.services.sales.postHistoricInTx(tx, {
        number: String(ticketNo).padStart(8, '0'),
        closedAt: at(date, minute),
        cashier: CASHIERS[Math.floor(random() * CASHIERS.length)]!,
        payment: PAYMENTS[Math.floor(random() * PAYMENTS.length)]!,
        lines: ticketLines,
      });
      lines += ticketLines.length;
    }

    // Expired lots come off the shelf at closing time, as a 'vencido' adjustment.
    const expired = tx.sql.raw
      .prepare('select product_id as productId, sum(on_hand) as qty from lots where on_hand > 0 and expiry < ? group by product_id')
      .all(date) as { productId: string; qty: number }[];
    for (const lot of expired) {
      app.services.adjustments.adjustInTx(tx, { productId: lot.productId, qty: -lot.qty, reason: 'vencido', note: 'Lote vencido', occurredAt: at(date, 21 * 60 + 50), actor: 'ana' });
    }

    // Shrinkage: a broken bottle now and then, expired perishables, some own use.
    if (random() < 0.35) {
      const p = pick();
      const reason = p.perishable ? (random() < 0.6 ? 'vencido' : 'merma') : random() < 0.7 ? 'rotura' : 'consumo';
      const qty = p.unit === 'kg' ? 200 + Math.floor(random() * 6) * 100 : 1000;
      if (onHand(p) >= qty) {
        app.services.adjustments.adjustInTx(tx, { productId: p.id, qty: -qty, reason, note: null, occurredAt: at(date, 21 * 60 + 40), actor: 'beto' });
      }
    }

    // A count of one category each quarter, finding a little less than the ledger says.
    if (d > 0 && d % 90 === 0) {
      const categories = [...new Set(products.map((p) => p.category))];
      const category = categories[Math.floor(d / 90) % categories.length]!;
      for (const p of products.filter((x) => x.category === category)) {
        const have = onHand(p);
        const counted = Math.max(0, have - (random() < 0.3 ? (p.unit === 'kg' ? 150 : 1000) : 0));
        app.services.counts.postHistoricInTx(tx, { productId: p.id, counted, at: at(date, 22 * 60), user: 'ana', sessionName: `Conteo de ${category}` });
      }
    }
    options.onProgress?.(d + 1, options.days);
  }
  reprice();
  return { tickets: ticketNo, lines, receipts };
}

/** Shelf prices look like $ 3.490 or $ 990: whole hundreds minus ten pesos, or whole tens. */
export function shelfRound(centavos: number): number {
  const pesos = centavos / 100;
  const rounded = pesos >= 1000 ? Math.round(pesos / 100) * 100 - 10 : Math.max(10, Math.round(pesos / 10) * 10);
  return rounded * 100;
}
