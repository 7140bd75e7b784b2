import { z } from 'zod';
import { centavos, entityId, isoDate, isoInstant } from './fields';
import type { EventName, MethodName } from './names';
import type { EventSpec, MethodSpec } from './spec';

/**
 * Demand forecasts and purchase recommendations. Quantities here are in the
 * product's unit as decimals (a forecast is not a stock movement), money in
 * centavos. Managers only: cashiers never see forecasts or costs.
 */

const metrics = z.object({
  method: z.string(),
  rmsse: z.number(),
  wape: z.number(),
  bias: z.number(),
  spl: z.number(),
  coverage90: z.number(),
  /** WAPE of 7-day sums. */
  periodWape: z.number(),
});
export type ForecastMetrics = z.infer<typeof metrics>;

export const ForecastStatus = z.object({
  model: z.object({
    source: z.enum(['default', 'store']),
    sha256: z.string(),
    trainedAt: isoInstant.nullable(),
    /** Last day of sales the model learned from. */
    trainedUntil: z.string().nullable(),
    trainingRows: z.number().int(),
    backtest: z
      .object({
        horizon: z.number().int(),
        origins: z.number().int(),
        products: z.number().int(),
        methods: z.array(metrics),
        /** Whether sparse products may use a fallback method (only when that helped this store's backtest). */
        usesFallbacks: z.boolean().optional(),
      })
      .nullable(),
  }),
  /** Days of sales history the store has. */
  historyDays: z.number().int(),
  /** Days of history before the store trains its own model. */
  minHistoryDays: z.number().int(),
  training: z.object({ progress: z.number(), message: z.string(), startedAt: isoInstant }).nullable(),
  lastTraining: z
    .object({ finishedAt: isoInstant, replaced: z.boolean(), message: z.string(), candidate: z.array(metrics), current: z.array(metrics) })
    .nullable(),
  /** When the weekly retraining runs next (if on). */
  nextTraining: isoInstant.nullable(),
  /** Accuracy drift: the last weeks' error against the backtest's. */
  drift: z.object({ alert: z.boolean(), recentWape: z.number().nullable(), backtestWape: z.number().nullable(), message: z.string() }),
  /** The whole store, week by week (newest last): what was forecast, what sold, and the error (Σ|error| ÷ sold) once the week is over. */
  weeks: z.array(z.object({ weekStart: z.string(), forecast: z.number(), actual: z.number().nullable(), wape: z.number().nullable() })),
});
export type ForecastStatus = z.infer<typeof ForecastStatus>;

export const ForecastProductInput = z.strictObject({
  productId: entityId,
  horizon: z.union([z.literal(14), z.literal(28)]).default(28),
});

export const CHOICES = ['model', 'tsb', 'croston_sba', 'adida', 'category'] as const;

export const ForecastProduct = z.object({
  product: z.object({ id: z.string(), sku: z.string(), name: z.string(), unit: z.string(), category: z.string().nullable() }),
  /** The last 120 days: demand (null when unknown) and why it is unknown. */
  history: z.array(z.object({ date: z.string(), demand: z.number().nullable(), censored: z.boolean() })),
  forecast: z.array(z.object({ date: z.string(), mean: z.number(), p50: z.number(), p90: z.number() })),
  total: z.object({ mean: z.number(), p50: z.number(), p90: z.number(), p95: z.number() }),
  method: z.object({
    choice: z.enum(CHOICES),
    label: z.string(),
    why: z.string(),
    /** Mean squared daily error of each candidate over the store's backtest. */
    errors: z.record(z.string(), z.number()),
  }),
  /** Weeks already forecast: what was expected and what happened. */
  accuracy: z.array(z.object({ weekStart: z.string(), forecast: z.number(), actual: z.number().nullable() })),
});
export type ForecastProduct = z.infer<typeof ForecastProduct>;

export const RecommendationsInput = z.strictObject({
  supplierId: entityId.optional(),
  /** Spend at most this much (centavos, without IVA) per supplier order; the lines with the highest stock-out risk × margin are kept. */
  budget: centavos('El presupuesto').optional(),
});

const recommendationLine = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  abc: z.enum(['A', 'B', 'C']),
  serviceLevel: z.number(),
  method: z.enum(CHOICES),
  /** Expected demand from today until the order after this one arrives. */
  expected: z.number(),
  /** The demand quantile at the service level over that window (the order-up-to level). */
  orderUpTo: z.number(),
  onHand: z.number(),
  onOrder: z.number(),
  /** Stock in lots that expire before this order arrives (not counted as available). */
  expiring: z.number(),
  packSize: z.number(),
  /** Order-up-to minus what is available, before rounding. */
  need: z.number(),
  qty: z.number(),
  /** What a plain 28-day moving average would have ordered. */
  movingAverageQty: z.number(),
  unitCost: z.number().int(),
  amount: z.number().int(),
  /** Probability of running out before the next delivery if nothing is ordered. */
  stockoutRisk: z.number(),
  /** Why the quantity is what it is, in words. */
  notes: z.array(z.string()),
});
export type RecommendationLine = z.infer<typeof recommendationLine>;

export const Recommendations = z.object({
  generatedAt: isoInstant,
  modelSource: z.enum(['default', 'store']),
  suppliers: z.array(
    z.object({
      supplierId: z.string(),
      name: z.string(),
      cuit: z.string(),
      orderDate: z.string(),
      arrivalDate: z.string(),
      /** The order must last until the next order arrives. */
      coverUntil: z.string(),
      leadTimeDays: z.number().int(),
      minOrder: z.number().int(),
      total: z.number().int(),
      movingAverageTotal: z.number().int(),
      notes: z.array(z.string()),
      lines: z.array(recommendationLine),
    }),
  ),
});
export type Recommendations = z.infer<typeof Recommendations>;

export const ForecastSettings = z.object({
  /** Service level per ABC class (share of review periods without a stock-out). */
  serviceLevels: z.object({ A: z.number(), B: z.number(), C: z.number() }),
  /** Holidays added to the national calendar (a local feast day) and national ones the store ignores. */
  extraHolidays: z.array(z.string()),
  removedHolidays: z.array(z.string()),
  weeklyRetraining: z.boolean(),
});
export type ForecastSettings = z.infer<typeof ForecastSettings>;

const level = (label: string) => z.number({ error: `${label} tiene que ser un número` }).min(0.5, `${label} tiene que ser al menos 50 %`).max(0.995, `${label} es como máximo 99,5 %`);

export const ForecastSettingsInput = z.strictObject({
  serviceLevels: z.strictObject({ A: level('El nivel de servicio A'), B: level('El nivel de servicio B'), C: level('El nivel de servicio C') }).optional(),
  extraHolidays: z.array(isoDate('El feriado')).max(200, 'Son demasiados feriados').optional(),
  removedHolidays: z.array(isoDate('El feriado')).max(200, 'Son demasiados feriados').optional(),
  weeklyRetraining: z.boolean().optional(),
});

export const ForecastProgress = z.object({ running: z.boolean(), progress: z.number(), message: z.string() });

/** The forecast methods: what each does and its schemas (combined in methods.ts). */
export const forecastMethods = {
  'forecast.status': {
    doc: 'The demand model in use (default or the store\'s own), its backtest against the classic methods, training in progress, the last training\'s outcome and the accuracy drift alert.',
    input: z.strictObject({}),
    output: ForecastStatus,
    kind: 'query',
  },
  'forecast.train': {
    doc: 'Starts retraining the store\'s model in the background (progress in forecast.progress events). The new model replaces the current one only if its backtest is no worse. VALIDATION when the store has too little history.',
    input: z.strictObject({}),
    output: ForecastStatus,
    kind: 'mutation',
  },
  'forecast.product': {
    doc: 'One product\'s daily demand history (unknown days marked), its forecast with the P50–P90 band, the method chosen for it and why, and its weekly accuracy so far. NOT_FOUND when there is no such product.',
    input: ForecastProductInput,
    output: ForecastProduct,
    kind: 'query',
  },
  'forecast.recommendations': {
    doc: 'Suggested purchases per supplier for its next order day: order-up-to levels from demand quantiles at each ABC class\'s service level, minus on-hand and open orders, in whole packs, with the supplier\'s minimum, shelf life and an optional budget; each line explains itself beside the 28-day moving-average suggestion.',
    input: RecommendationsInput,
    output: Recommendations,
    kind: 'query',
  },
  'forecast.settings': {
    doc: 'Service levels per ABC class, the holiday calendar\'s local changes and whether the model retrains weekly.',
    input: z.strictObject({}),
    output: ForecastSettings,
    kind: 'query',
  },
  'forecast.updateSettings': {
    doc: 'Changes service levels, local holidays or weekly retraining.',
    input: ForecastSettingsInput,
    output: ForecastSettings,
    kind: 'mutation',
  },
} as const satisfies Partial<Record<MethodName, MethodSpec>>;

/** The forecast events the core pushes. */
export const forecastEvents = {
  'forecast.progress': {
    doc: 'Model training progress (0..1) with what it is doing.',
    payload: ForecastProgress,
  },
  'forecast.changed': {
    doc: 'A training finished (the model may have been replaced) or forecast settings changed.',
    payload: z.object({}),
  },
} as const satisfies Partial<Record<EventName, EventSpec>>;
