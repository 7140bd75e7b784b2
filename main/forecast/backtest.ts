import { baselineForecast, BASELINES, type BaselineName } from './baselines';
import { dateOf, type Calendar } from './calendar';
import type { GbdtOptions } from './gbdt';
import { forecastRows, levelAt, panelHistories, type ItemHistory } from './features';
import { OnnxDemandModel, trainModel } from './model';
import type { DemandPanel } from './panel';
import { simulatePolicies, type SimulationResult } from './simulate';
import { fitDispersion, nbQuantile, pinball, QUANTILE_LEVELS, type Observation } from './quantiles';

/**
 * Rolling-origin backtest. The last `testOrigins × horizon` days are forecast
 * from origins `horizon` days apart, each from what was known before it; the
 * origins before those (the calibration stretch) only feed what later origins
 * learn from their past: each method's demand distribution (NB dispersion) and
 * the per-product choice between the model and the fallbacks. The model is
 * retrained every 28 days of origins, on the history before it.
 */
export class NotEnoughHistory extends Error {
  constructor(
    readonly days: number,
    readonly firstOrigin: number,
    readonly needed: number,
  ) {
    super(`Hay ${days} días de ventas y el backtest necesita al menos ${needed} (120 de historia antes del primer origen más los de calibración y prueba).`);
  }
}

export type MethodName = 'model' | 'chosen' | 'current' | BaselineName;

/** A product is sparse when at least this share of its last 91 known days sold nothing. */
export const SPARSE_ZERO_SHARE = 0.5;

/** What a sparse product can be forecast with when the model is not the best for it. */
export const FALLBACKS = ['tsb', 'croston_sba', 'adida'] as const satisfies readonly BaselineName[];
export type FallbackName = (typeof FALLBACKS)[number];
export type ChoiceName = 'model' | FallbackName | 'category';

export interface MethodMetrics {
  method: MethodName;
  /** Root mean squared scaled error, mean over products and origins. */
  rmsse: number;
  /** Σ|error| / Σ actual. */
  wape: number;
  /** Σ(forecast − actual) / Σ actual. */
  bias: number;
  /** Pinball loss of P50, P90, P95 over review periods, scaled by the in-sample naive error. */
  spl: number;
  /** Share of review periods whose demand was at or under P90. */
  coverage90: number;
  /** WAPE of the review periods' sums (what weekly accuracy tracking compares with). */
  periodWape: number;
}

export interface BacktestOptions {
  horizon: number;
  testOrigins?: number;
  /** Days forecast before the test stretch to calibrate on. */
  calibrationDays?: number;
  /** Lead time + review period the quantiles are about. */
  periodDays?: number;
  trainWindow?: number;
  gbdt?: Partial<GbdtOptions>;
  /** An already trained model (ONNX bytes) scored on the same origins as 'current', without retraining. */
  current?: Uint8Array;
  onProgress?: (message: string) => void;
}

export interface BacktestResult {
  horizon: number;
  origins: number[];
  products: number;
  periodDays: number;
  methods: MethodMetrics[];
  /** How many products each choice won at the last origin. */
  choices: Record<string, number>;
  /** Per product (panel order): the choice for the next forecast and each candidate's mean squared error over the backtest. */
  productChoices: { choice: ChoiceName; errors: Partial<Record<ChoiceName, number>> }[];
  /** NB dispersion per method over every origin's review periods. */
  dispersion: Partial<Record<MethodName, number>>;
  /** The test period replayed with the model's ordering policy and the moving average's. */
  simulation: SimulationResult;
  trainSeconds: number[];
  trainRows: number[];
}

interface OriginForecasts {
  origin: number;
  /** method → product → H daily means. */
  means: Map<MethodName, Float64Array[]>;
  choice: ChoiceName[];
}

export async function backtest(panel: DemandPanel, calendar: Calendar, options: BacktestOptions): Promise<BacktestResult> {
  const H = options.horizon;
  const K = options.testOrigins ?? Math.round(112 / H);
  const L = options.periodDays ?? 7;
  const calibration = Math.max(1, Math.round((options.calibrationDays ?? 56) / H));
  const firstTest = panel.days - K * H;
  const origins: number[] = [];
  for (let k = -calibration; k < K; k++) origins.push(firstTest + k * H);
  if (origins[0]! < 120) throw new NotEnoughHistory(panel.days, origins[0]!, K * H + calibration * H + 120);
  const histories = panelHistories(panel);
  const log = options.onProgress ?? (() => {});

  const models = new Map<number, OnnxDemandModel>();
  const trainSeconds: number[] = [];
  const trainRows: number[] = [];
  const modelFor = async (origin: number): Promise<OnnxDemandModel> => {
    const cutoff = origins[0]! + Math.floor((origin - origins[0]!) / 28) * 28;
    let model = models.get(cutoff);
    if (!model) {
      const until = dateOf(panel.startDay + cutoff - 1);
      log(`backtest: entrenando con las ventas hasta el ${until.slice(8, 10)}/${until.slice(5, 7)}/${until.slice(0, 4)}…`);
      const trained = trainModel(panel, histories, calendar, { end: cutoff, window: options.trainWindow ?? 730, gbdt: options.gbdt ?? {} });
      trainSeconds.push(trained.seconds);
      trainRows.push(trained.rows);
      model = await OnnxDemandModel.load(trained.onnx);
      models.set(cutoff, model);
    }
    return model;
  };

  const current = options.current ? await OnnxDemandModel.load(options.current) : null;
  const results: OriginForecasts[] = [];
  for (const origin of origins) {
    const model = await modelFor(origin);
    const means = new Map<MethodName, Float64Array[]>();
    const rows = forecastRows(panel, histories, calendar, origin, H);
    const perProduct = (predicted: Float32Array) => histories.map((_, p) => Float64Array.from(predicted.subarray(p * H, (p + 1) * H)));
    means.set('model', perProduct(await model.predict(rows)));
    if (current) means.set('current', perProduct(await current.predict(rows)));
    for (const name of BASELINES) {
      means.set(
        name,
        histories.map((h) => Float64Array.from(baselineForecast(name, h.item.demand.subarray(0, origin), H))),
      );
    }
    const choice = chooseMethods(histories, origin, results);
    const category = categoryLevels(histories, origin);
    means.set(
      'chosen',
      histories.map((h, p) => {
        const c = choice[p]!;
        if (c === 'category') return new Float64Array(H).fill(category.get(h.category) ?? 0);
        return means.get(c)![p]!;
      }),
    );
    results.push({ origin, means, choice });
  }
  for (const model of models.values()) await model.close();
  await current?.close();

  const methods: MethodName[] = ['model', 'chosen', ...(current ? (['current'] as const) : []), ...BASELINES];
  const metrics = methods.map((method) => evaluate(method, histories, results, calibration, H, L));
  // What the next forecast (after the panel) uses: choices made knowing every origin.
  const next = panel.days;
  const productChoices = chooseMethodsWithErrors(histories, next, results);
  const choices: Record<string, number> = {};
  for (const c of productChoices) choices[c.choice] = (choices[c.choice] ?? 0) + 1;
  const dispersion: Partial<Record<MethodName, number>> = {};
  for (const method of methods) {
    const observations: Observation[] = [];
    for (const r of results) histories.forEach((h, p) => observations.push(...periodObservations(h.item.demand, r.origin, r.means.get(method)![p]!, L)));
    dispersion[method] = fitDispersion(observations);
  }
  const tests = results.slice(calibration);
  const simulation = simulatePolicies({
    histories,
    origins: tests.map((r) => r.origin),
    forecasts: tests.map((r) => r.means.get('chosen')!),
    from: firstTest,
    to: panel.days,
    alphaModel: dispersion.chosen ?? 0.3,
    alphaMovingAverage: dispersion.ma28 ?? 0.3,
  });
  return { horizon: H, origins: origins.slice(calibration), products: histories.length, periodDays: L, methods: metrics, choices, productChoices, dispersion, simulation, trainSeconds, trainRows };
}

/**
 * What a backtest puts in use: the model with its per-product fallbacks when
 * they helped (RMSSE no worse and pinball within 1 %), else the model alone.
 * The metrics of that method; undefined when the backtest has neither.
 */
export function metricsInUse(methods: readonly MethodMetrics[]): MethodMetrics | undefined {
  const model = methods.find((m) => m.method === 'model');
  const chosen = methods.find((m) => m.method === 'chosen');
  if (!model || !chosen) return model ?? chosen;
  return chosen.rmsse <= model.rmsse && chosen.spl <= model.spl * 1.01 ? chosen : model;
}

/**
 * Per product: under a week of history, its category's typical level; sparse
 * (most recent days without a sale), the candidate — model or an intermittent-
 * demand method — with the lowest squared error over the origins already
 * scored; otherwise the model. Regular sellers stay with the model because a
 * flat forecast loses its weekday, payday and price shape (and its quantiles
 * suffer for it) even where its squared error ties.
 */
export function chooseMethods(histories: ItemHistory[], origin: number, past: OriginForecasts[]): ChoiceName[] {
  return chooseMethodsWithErrors(histories, origin, past).map((c) => c.choice);
}

export function chooseMethodsWithErrors(histories: ItemHistory[], origin: number, past: OriginForecasts[]): BacktestResult['productChoices'] {
  return histories.map((h, p) => {
    const errors: Partial<Record<ChoiceName, number>> = {};
    if (h.first < 0 || origin - h.first < 7) return { choice: 'category' as const, errors };
    const a = Math.max(0, origin - 91);
    const known = h.known[Math.min(origin, h.known.length - 1)]! - h.known[Math.min(a, h.known.length - 1)]!;
    const zeros = h.zeros[Math.min(origin, h.zeros.length - 1)]! - h.zeros[Math.min(a, h.zeros.length - 1)]!;
    const sparse = known > 0 && zeros / known >= SPARSE_ZERO_SHARE;
    const candidates: ChoiceName[] = sparse ? ['model', ...FALLBACKS] : ['model'];
    let best: ChoiceName = 'model';
    let bestError = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      let error = 0;
      let n = 0;
      for (const r of past) {
        const f = r.means.get(c as MethodName)![p]!;
        for (let k = 0; k < f.length; k++) {
          const d = r.origin + k;
          if (d >= origin) break; // only outcomes known at this origin
          const y = h.item.demand[d]!;
          if (Number.isNaN(y)) continue;
          error += (y - f[k]!) ** 2;
          n++;
        }
      }
      if (n === 0) continue;
      errors[c] = error / n;
      // The model keeps a product unless a fallback is clearly better (5 %).
      const score = c === 'model' ? error : error * 1.05;
      if (score < bestError) {
        bestError = score;
        best = c;
      }
    }
    return { choice: best, errors };
  });
}

/** Median level of each category's products at an origin (the profile of a new product). */
export function categoryLevels(histories: ItemHistory[], origin: number): Map<number, number> {
  const byCategory = new Map<number, number[]>();
  for (const h of histories) {
    const level = levelAt(h, origin);
    if (level < 0) continue;
    const list = byCategory.get(h.category) ?? [];
    list.push(level);
    byCategory.set(h.category, list);
  }
  const out = new Map<number, number>();
  for (const [c, list] of byCategory) {
    list.sort((a, b) => a - b);
    out.set(c, list[Math.floor(list.length / 2)]!);
  }
  return out;
}

interface Scale {
  /** Mean squared one-day change in the known history. */
  squared: number;
  /** Mean absolute one-day change. */
  absolute: number;
}

function naiveScale(demand: Float32Array, end: number): Scale {
  let sq = 0;
  let abs = 0;
  let n = 0;
  let prev = Number.NaN;
  for (let i = 0; i < end; i++) {
    const v = demand[i]!;
    if (Number.isNaN(v)) continue;
    if (!Number.isNaN(prev)) {
      sq += (v - prev) ** 2;
      abs += Math.abs(v - prev);
      n++;
    }
    prev = v;
  }
  return n === 0 ? { squared: 0, absolute: 0 } : { squared: sq / n, absolute: abs / n };
}

/** Forecast and actual sums over the complete review periods inside one origin's horizon. */
export function periodObservations(demand: Float32Array, origin: number, means: Float64Array, periodDays: number): Observation[] {
  const out: Observation[] = [];
  for (let start = 0; start + periodDays <= means.length; start += periodDays) {
    let mu = 0;
    let actual = 0;
    let complete = true;
    for (let k = start; k < start + periodDays; k++) {
      const y = demand[origin + k];
      if (y === undefined || Number.isNaN(y)) complete = false;
      else actual += y;
      mu += means[k]!;
    }
    if (complete) out.push({ mu, actual });
  }
  return out;
}

function evaluate(method: MethodName, histories: ItemHistory[], results: OriginForecasts[], calibration: number, H: number, L: number): MethodMetrics {
  let rmsseSum = 0;
  let rmsseCount = 0;
  let absError = 0;
  let signedError = 0;
  let actualSum = 0;
  let splSum = 0;
  let splCount = 0;
  let covered = 0;
  let periods = 0;
  let periodError = 0;
  let periodActual = 0;
  for (let t = calibration; t < results.length; t++) {
    const r = results[t]!;
    // The dispersion is fitted on what this method saw at earlier origins.
    const past: Observation[] = [];
    for (let s = 0; s < t; s++) {
      const earlier = results[s]!;
      histories.forEach((h, p) => {
        for (const o of periodObservations(h.item.demand, earlier.origin, earlier.means.get(method)![p]!, L)) if (earlier.origin + H <= r.origin) past.push(o);
      });
    }
    const alpha = fitDispersion(past);
    histories.forEach((h, p) => {
      const f = r.means.get(method)![p]!;
      const scale = naiveScale(h.item.demand, r.origin);
      let sq = 0;
      let n = 0;
      for (let k = 0; k < H; k++) {
        const y = h.item.demand[r.origin + k]!;
        if (Number.isNaN(y)) continue;
        sq += (y - f[k]!) ** 2;
        absError += Math.abs(y - f[k]!);
        signedError += f[k]! - y;
        actualSum += y;
        n++;
      }
      if (n > 0 && scale.squared > 0) {
        rmsseSum += Math.sqrt(sq / n / scale.squared);
        rmsseCount++;
      }
      if (scale.absolute > 0) {
        for (const o of periodObservations(h.item.demand, r.origin, f, L)) {
          periodError += Math.abs(o.actual - o.mu);
          periodActual += o.actual;
          let loss = 0;
          for (const level of QUANTILE_LEVELS) loss += pinball(o.actual, nbQuantile(o.mu, alpha, level), level);
          splSum += loss / QUANTILE_LEVELS.length / (scale.absolute * L);
          splCount++;
          if (o.actual <= nbQuantile(o.mu, alpha, 0.9)) covered++;
          periods++;
        }
      }
    });
  }
  return {
    method,
    rmsse: rmsseSum / Math.max(1, rmsseCount),
    wape: absError / Math.max(1e-9, actualSum),
    bias: signedError / Math.max(1e-9, actualSum),
    spl: splSum / Math.max(1, splCount),
    coverage90: covered / Math.max(1, periods),
    periodWape: periodError / Math.max(1e-9, periodActual),
  };
}
