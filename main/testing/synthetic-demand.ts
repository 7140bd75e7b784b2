import { AR_HOLIDAYS } from '../domain/holidays';
import { mulberry32 } from '../domain/random';
import { Calendar, dateOf, dayNumber } from '../forecast/calendar';
import { carryForward, type DemandPanel, type PanelItem } from '../forecast/panel';

/**
 * A synthetic store's demand panel with known structure, for tests and the
 * forecast benchmark's scale figures (2,000 products × 2 years): per-product levels from
 * a long-tailed distribution (intermittent to fast), weekday profile, payday
 * and holiday lifts, seasons, promotions as 20 % price cuts with a lift,
 * negative-binomial noise and stock-out days (censored).
 */
export function syntheticPanel(products: number, days: number, seed = 1, end = '2026-11-22'): DemandPanel {
  const random = mulberry32(seed);
  const gamma = (shape: number): number => {
    // Marsaglia–Tsang (shape ≥ 1; boosted below 1).
    if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        const u1 = random();
        const u2 = random();
        x = Math.sqrt(-2 * Math.log(u1 || 1e-12)) * Math.cos(2 * Math.PI * u2);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = random();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const poisson = (mu: number): number => {
    if (mu > 30) return Math.max(0, Math.round(mu + Math.sqrt(mu) * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random())));
    const l = Math.exp(-mu);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= random();
    } while (p > l);
    return k - 1;
  };
  const calendar = new Calendar(AR_HOLIDAYS);
  const startDay = dayNumber(end) - days;
  const weekdayProfile = [0.7, 0.9, 0.95, 0.95, 1.05, 1.2, 1.35];
  const items: PanelItem[] = [];
  for (let p = 0; p < products; p++) {
    const level = Math.exp(Math.log(0.05) + random() * Math.log(600)); // 0.05 … 30 a day
    const category = `cat-${p % 12}`;
    const seasonal = (p % 12) / 12 - 0.5;
    const lift = 1.3 + random() * 1.5;
    const dispersion = 0.1 + random() * 0.4;
    const demand = new Float32Array(days);
    const price = new Float32Array(days).fill(Number.NaN);
    let promo = 0;
    let out = 0;
    const basePrice = 500 + Math.round(random() * 5000);
    for (let d = 0; d < days; d++) {
      const facts = calendar.facts(startDay + d);
      if (promo > 0) promo--;
      else if (random() < 0.01) promo = 3 + Math.floor(random() * 10);
      const season = 1 + seasonal * 0.4 * Math.cos((2 * Math.PI * (facts.month - 1)) / 12);
      const mu = level * weekdayProfile[facts.weekday]! * (facts.payday ? 1.2 : 1) * (facts.dayBeforeHoliday ? 1.3 : 1) * (facts.holiday ? 0.8 : 1) * season * (promo ? lift : 1);
      const y = poisson(mu * gamma(1 / dispersion) * dispersion);
      if (out > 0) {
        out--;
        demand[d] = Number.NaN;
      } else if (random() < 0.004) {
        out = 1 + Math.floor(random() * 4);
        demand[d] = Number.NaN;
      } else demand[d] = y;
      price[d] = basePrice * (promo ? 0.8 : 1);
    }
    items.push({ id: `p${p}`, sku: `P${p}`, name: `Producto ${p}`, category, demand, price: carryForward(price), currentPrice: basePrice });
  }
  return { startDay, days, items };
}

/** The panel as an interchange sales.csv: one ticket line per product and day with sales. */
export function salesCsv(panel: DemandPanel): string {
  const lines = ['ticket,line,datetime,sku,qty,unit_price'];
  for (let d = 0; d < panel.days; d++) {
    const date = dateOf(panel.startDay + d);
    for (const item of panel.items) {
      const qty = item.demand[d]!;
      if (!(qty > 0)) continue;
      lines.push(`${date}-${item.sku},1,${date}T12:00:00-03:00,${item.sku},${qty},${item.price[d]!.toFixed(2)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
