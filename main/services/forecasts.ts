import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ForecastProduct, ForecastSettings, ForecastStatus, MethodParsedInput } from '../../contract';
import { AppError } from '../domain/errors';
import { AR_HOLIDAYS } from '../domain/holidays';
import { addDays, localDate } from '../domain/time';
import {
  baselineForecast,
  Calendar,
  categoryLevels,
  dateOf,
  dayNumber,
  forecastRows,
  metricsInUse,
  nbQuantile,
  OnnxDemandModel,
  panelHistories,
  sha256,
  startTraining,
  type BacktestResult,
  type ChoiceName,
  type ItemHistory,
  type MethodMetrics,
  type TrainingJob,
} from '../forecast';
import { loadStorePanel, type StorePanel } from './demand-data';
import { JobCancelledError, startChecks } from '../jobs';
import { write, type Core } from '../write';
import { saveSetting, type SettingsService } from './settings';

/** What the store needs before it trains its own model: the backtest's origins plus 120 days before them. */
export const MIN_HISTORY_DAYS = 240;
export const HORIZON = 28;
const DEFAULT_MODEL = 'demand-default';

const DEFAULT_SETTINGS: ForecastSettings = {
  serviceLevels: { A: 0.95, B: 0.9, C: 0.85 },
  extraHolidays: [],
  removedHolidays: [],
  weeklyRetraining: true,
};

/** The model in use and what is known about it. */
interface ActiveModel {
  source: 'default' | 'store';
  bytes: Uint8Array;
  sha256: string;
  trainedAt: string | null;
  trainedUntil: string | null;
  trainingRows: number;
  backtest: { horizon: number; origins: number; products: number; methods: MethodMetrics[]; usesFallbacks?: boolean } | null;
  dispersion: Partial<Record<string, number>>;
  choices: Record<string, { choice: ChoiceName; errors: Partial<Record<ChoiceName, number>> }>;
}

/** Every active product's daily forecast from today, with its method and dispersion. */
export interface StoreForecast {
  key: string;
  store: StorePanel;
  histories: ItemHistory[];
  /** Day index of today in the panel (= panel.days). */
  origin: number;
  today: string;
  /** Product id → index. */
  index: Map<string, number>;
  means: Float64Array[];
  choices: ChoiceName[];
  alpha: number;
  model: ActiveModel;
}

export const CHOICE_LABELS: Record<ChoiceName, string> = {
  model: 'modelo de pronóstico',
  tsb: 'demanda intermitente que se apaga (TSB)',
  croston_sba: 'demanda intermitente (Croston)',
  adida: 'suma semanal suavizada (ADIDA)',
  category: 'perfil de su categoría',
};

/**
 * Demand forecasts for the store: the model in use (the default one shipped in
 * models/ until the store trains its own), retraining in a worker thread with
 * the replace-only-if-no-worse rule, per-product forecasts with their band and
 * method, and the weekly record of forecast against actual.
 */
export class ForecastService {
  private model: ActiveModel | null = null;
  private session: OnnxDemandModel | null = null;
  private cache: StoreForecast | null = null;
  private job: { job: TrainingJob; progress: number; message: string; startedAt: string } | null = null;
  private last: ForecastStatus['lastTraining'] = null;
  private stopChecks: (() => void) | null = null;

  constructor(
    private readonly core: Core,
    private readonly store: SettingsService,
  ) {}

  // ---- settings -------------------------------------------------------------

  settings(): ForecastSettings {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('settings').select('value').where('key', '=', 'forecast'));
    return { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<ForecastSettings>) : {}) };
  }

  updateSettings(input: MethodParsedInput<'forecast.updateSettings'>): ForecastSettings {
    const previous = this.settings();
    const next: ForecastSettings = {
      serviceLevels: input.serviceLevels ?? previous.serviceLevels,
      extraHolidays: [...new Set(input.extraHolidays ?? previous.extraHolidays)].sort(),
      removedHolidays: [...new Set(input.removedHolidays ?? previous.removedHolidays)].sort(),
      weeklyRetraining: input.weeklyRetraining ?? previous.weeklyRetraining,
    };
    write(this.core, (tx) => {
      tx.audit({ entity: 'settings', id: 'forecast', before: previous, after: next });
      saveSetting(tx, 'forecast', next);
      tx.emit('forecast.changed', {});
    });
    this.cache = null;
    return next;
  }

  /** The national calendar with the store's own changes. */
  holidays(): string[] {
    const s = this.settings();
    const removed = new Set(s.removedHolidays);
    return [...new Set([...AR_HOLIDAYS, ...s.extraHolidays])].filter((d) => !removed.has(d)).sort();
  }

  // ---- the model in use ------------------------------------------------------

  /** Whether forecasts come from the default model or the store's own. */
  modelSource(): 'default' | 'store' {
    return this.activeModel().source;
  }

  private activeModel(): ActiveModel {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('forecast_models').selectAll().where('active', '=', 1));
    if (row && this.model?.sha256 === row.sha256) return this.model;
    if (!row && this.model?.source === 'default') return this.model;
    if (row) {
      const bytes = new Uint8Array(readFileSync(join(this.core.dataDir, row.file)));
      if (sha256(bytes) !== row.sha256) {
        this.core.logger.log('error', 'store model file does not match its checksum; using the default model', { file: row.file });
      } else {
        this.model = {
          source: 'store',
          bytes,
          sha256: row.sha256,
          trainedAt: row.trained_at,
          trainedUntil: row.trained_until,
          trainingRows: row.training_rows,
          backtest: JSON.parse(row.backtest) as ActiveModel['backtest'],
          dispersion: JSON.parse(row.dispersion) as ActiveModel['dispersion'],
          choices: JSON.parse(row.choices) as ActiveModel['choices'],
        };
        return this.model;
      }
    }
    this.model = loadDefaultModel(this.core.resourcesDir);
    return this.model;
  }

  private async sessionFor(model: ActiveModel): Promise<OnnxDemandModel> {
    if (this.session?.sha256 === model.sha256) return this.session;
    const previous = this.session;
    this.session = await OnnxDemandModel.load(model.bytes);
    await previous?.close();
    return this.session;
  }

  // ---- forecasts ---------------------------------------------------------------

  /** Today's forecast of every product, cached until the ledger, the model or the day changes. */
  async storeForecast(): Promise<StoreForecast | null> {
    const settings = this.store.get();
    const today = localDate(this.core.clock.now(), settings.timeZone);
    const model = this.activeModel();
    const head = this.core.sql.first(this.core.sql.q.selectFrom('stock_movements').select((eb) => eb.fn.max('seq').as('seq')));
    const holidays = this.holidays();
    const key = `${today}|${model.sha256}|${head?.seq ?? 0}|${holidays.join()}`;
    if (this.cache?.key === key) return this.cache;
    const store = loadStorePanel(this.core, settings.timeZone, today);
    if (!store) return null;
    const calendar = new Calendar(holidays);
    const histories = panelHistories(store.panel);
    const origin = store.panel.days;
    const session = await this.sessionFor(model);
    const predicted = await session.predict(forecastRows(store.panel, histories, calendar, origin, HORIZON));
    const categories = categoryLevels(histories, origin);
    const choices: ChoiceName[] = [];
    const means = histories.map((h, p) => {
      const stored = model.choices[h.item.id]?.choice;
      const known = h.first >= 0 && origin - h.first >= 7;
      const choice: ChoiceName = !known ? 'category' : stored && stored !== 'category' ? stored : 'model';
      choices.push(choice);
      if (choice === 'model') return Float64Array.from(predicted.subarray(p * HORIZON, (p + 1) * HORIZON));
      if (choice === 'category') return new Float64Array(HORIZON).fill(categories.get(h.category) ?? 0);
      return Float64Array.from(baselineForecast(choice, h.item.demand, HORIZON));
    });
    // The default model forecasts every product itself; a store model's 'chosen' is what it put in use.
    const alpha = (model.source === 'default' ? model.dispersion['model'] : model.dispersion['chosen']) ?? model.dispersion['model'] ?? 0.3;
    this.cache = { key, store, histories, origin, today, index: new Map(store.products.map((p, i) => [p.id, i])), means, choices, alpha, model };
    this.recordWeek(this.cache);
    return this.cache;
  }

  async product(input: MethodParsedInput<'forecast.product'>): Promise<ForecastProduct> {
    const product = this.core.sql.first(
      this.core.sql.q
        .selectFrom('products')
        .leftJoin('categories', 'categories.id', 'products.category_id')
        .select(['products.id', 'products.sku', 'products.name', 'products.unit', 'categories.name as category'])
        .where('products.id', '=', input.productId),
    );
    if (!product) throw new AppError('NOT_FOUND', 'No existe ese producto');
    const forecast = await this.storeForecast();
    const p = forecast?.index.get(product.id);
    if (!forecast || p === undefined) {
      return {
        product,
        history: [],
        forecast: [],
        total: { mean: 0, p50: 0, p90: 0, p95: 0 },
        method: { choice: 'category', label: CHOICE_LABELS.category, why: 'Todavía no hay ventas de este producto: se pronostica con el nivel típico de su categoría.', errors: {} },
        accuracy: [],
      };
    }
    const h = forecast.histories[p]!;
    const { panel } = forecast.store;
    const history: ForecastProduct['history'] = [];
    for (let d = Math.max(0, forecast.origin - 120); d < forecast.origin; d++) {
      const v = h.item.demand[d]!;
      history.push({ date: dateOf(panel.startDay + d), demand: Number.isNaN(v) ? null : round3(v), censored: Number.isNaN(v) && d >= h.first && h.first >= 0 });
    }
    const means = forecast.means[p]!.subarray(0, input.horizon);
    const scale = product.unit === 'un' ? 1 : 10; // weighed goods: quantiles in 100 g steps
    const q = (mu: number, level: number) => nbQuantile(mu * scale, forecast.alpha, level) / scale;
    const total = means.reduce((s, v) => s + v, 0);
    const choice = forecast.choices[p]!;
    const errors = forecast.model.choices[product.id]?.errors ?? {};
    return {
      product,
      history,
      forecast: [...means].map((mean, k) => ({ date: addDays(forecast.today, k), mean: round3(mean), p50: q(mean, 0.5), p90: q(mean, 0.9) })),
      total: { mean: round3(total), p50: q(total, 0.5), p90: q(total, 0.9), p95: q(total, 0.95) },
      method: { choice, label: CHOICE_LABELS[choice], why: explainChoice(choice, errors, forecast.model.source, h, forecast.origin, this.defaultReason()), errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, round3(v!)])) },
      accuracy: this.core.sql
        .all(this.core.sql.q.selectFrom('forecast_weeks').select(['week_start', 'forecast', 'actual']).where('product_id', '=', product.id).orderBy('week_start', 'desc').limit(12))
        .reverse()
        .map((w) => ({ weekStart: w.week_start, forecast: round3(w.forecast), actual: w.actual === null ? null : round3(w.actual) })),
    };
  }

  // ---- weekly accuracy ------------------------------------------------------------

  /**
   * Once a week the next seven days' forecast of every product is written down;
   * when those days have passed, what happened is written beside it. Drift is
   * this record against the backtest.
   */
  private recordWeek(forecast: StoreForecast): void {
    const last = this.core.sql.first(this.core.sql.q.selectFrom('forecast_weeks').select((eb) => eb.fn.max('week_start').as('week')));
    const due = !last?.week || addDays(last.week, 7) <= forecast.today;
    const { panel } = forecast.store;
    const open = this.core.sql.all(this.core.sql.q.selectFrom('forecast_weeks').select(['week_start', 'product_id']).where('actual', 'is', null).where('week_start', '<=', addDays(forecast.today, -7)));
    if (!due && open.length === 0) return;
    write(this.core, (tx) => {
      for (const w of open) {
        const p = forecast.index.get(w.product_id);
        if (p === undefined) continue;
        const start = dayNumber(w.week_start) - panel.startDay;
        let actual = 0;
        for (let d = start; d < start + 7; d++) {
          const v = forecast.histories[p]!.item.demand[d];
          if (v !== undefined && !Number.isNaN(v)) actual += v;
        }
        tx.sql.run(tx.sql.q.updateTable('forecast_weeks').set({ actual }).where('week_start', '=', w.week_start).where('product_id', '=', w.product_id));
      }
      if (due) {
        forecast.histories.forEach((h, p) => {
          const week = forecast.means[p]!.subarray(0, 7).reduce((s, v) => s + v, 0);
          tx.sql.run(
            tx.sql.q
              .insertInto('forecast_weeks')
              .values({ week_start: forecast.today, product_id: h.item.id, forecast: week, p90: nbQuantile(week, forecast.alpha, 0.9), actual: null, model_sha256: forecast.model.sha256 })
              .onConflict((oc) => oc.doNothing()),
          );
        });
      }
      tx.audit({ entity: 'forecastWeek', id: forecast.today, after: { recorded: due ? forecast.histories.length : 0, closed: open.length } });
    });
  }

  /** Weekly accuracy of the whole store: the last eight recorded weeks. */
  private storeWeeks(): ForecastStatus['weeks'] {
    const rows = this.core.sql.all(
      this.core.sql.q
        .selectFrom('forecast_weeks')
        .select([
          'week_start',
          (eb) => eb.fn.sum<number>('forecast').as('f'),
          (eb) => eb.fn.sum<number | null>('actual').as('a'),
          (eb) => eb.fn.sum<number | null>(eb.fn('abs', [eb('forecast', '-', eb.ref('actual'))])).as('e'),
          (eb) => eb.fn.count<number>('actual').as('closed'),
        ])
        .groupBy('week_start')
        .orderBy('week_start', 'desc')
        .limit(8),
    );
    return rows.reverse().map((w) => ({
      weekStart: w.week_start,
      forecast: round3(w.f),
      actual: w.closed > 0 && w.a !== null ? round3(w.a) : null,
      wape: w.closed > 0 && w.a !== null && w.a > 0 && w.e !== null ? round3(w.e / w.a) : null,
    }));
  }

  private drift(model: ActiveModel): ForecastStatus['drift'] {
    const weeks = this.core.sql.all(
      this.core.sql.q
        .selectFrom('forecast_weeks')
        .select(['week_start', (eb) => eb.fn.sum<number>('forecast').as('f'), (eb) => eb.fn.sum<number>('actual').as('a'), (eb) => eb.fn.sum<number>(eb.fn('abs', [eb('forecast', '-', eb.ref('actual'))])).as('e')])
        .where('actual', 'is not', null)
        .groupBy('week_start')
        .orderBy('week_start', 'desc')
        .limit(4),
    );
    const reference = model.backtest ? metricsInUse(model.backtest.methods) : undefined;
    const backtestWape = reference?.periodWape ?? null;
    if (weeks.length === 0) return { alert: false, recentWape: null, backtestWape, message: 'Todavía no hay semanas completas para comparar el pronóstico con lo vendido.' };
    const actual = weeks.reduce((s, w) => s + w.a, 0);
    const error = weeks.reduce((s, w) => s + w.e, 0);
    const recentWape = actual > 0 ? error / actual : null;
    // Both are errors of 7-day sums; a quarter worse than the backtest over at least two weeks is drift, not noise.
    const alert = recentWape !== null && backtestWape !== null && weeks.length >= 2 && recentWape > backtestWape * 1.25;
    const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
    return {
      alert,
      recentWape,
      backtestWape,
      message: alert
        ? `El error de las últimas ${weeks.length} semanas (${pct(recentWape)}) supera al del backtest (${pct(backtestWape)}): conviene reentrenar.`
        : `Error de las últimas ${weeks.length} semanas: ${pct(recentWape)} (backtest: ${pct(backtestWape)}).`,
    };
  }

  // ---- status and training ----------------------------------------------------------

  /** Store days since the first sale. */
  private historyDays(): number {
    const settings = this.store.get();
    const today = localDate(this.core.clock.now(), settings.timeZone);
    const first = this.core.sql.first(this.core.sql.q.selectFrom('sale_tickets').select((eb) => eb.fn.min('closed_at').as('first')));
    return first?.first ? Math.max(0, dayNumber(today) - dayNumber(localDate(first.first, settings.timeZone))) : 0;
  }

  /**
   * Why the default model is in use, in the owner's words, as the facts are:
   * not enough history yet; enough, but no training yet; or the store's own
   * model was trained and did not forecast better than the default.
   */
  private defaultReason(): string {
    const days = this.historyDays();
    if (days < MIN_HISTORY_DAYS) return `la tienda tiene ${days} días de ventas y entrena su propio modelo a partir de ${MIN_HISTORY_DAYS}`;
    const trained = this.core.sql.first(this.core.sql.q.selectFrom('forecast_models').select((eb) => eb.fn.countAll<number>().as('n')));
    return Number(trained?.n ?? 0) > 0
      ? `la tienda ya tiene ${days} días de ventas, pero el modelo propio que entrenó no acertó mejor que el de base en su backtest`
      : `la tienda ya tiene ${days} días de ventas y todavía no entrenó su propio modelo (se entrena solo cada semana, o con «Reentrenar ahora»)`;
  }

  status(): ForecastStatus {
    const model = this.activeModel();
    const historyDays = this.historyDays();
    const lastStore = this.core.sql.first(this.core.sql.q.selectFrom('forecast_models').select((eb) => eb.fn.max('trained_at').as('at')));
    const next = this.settings().weeklyRetraining && historyDays >= MIN_HISTORY_DAYS ? new Date(Math.max(this.core.clock.now().getTime(), lastStore?.at ? Date.parse(lastStore.at) + 7 * 86_400_000 : 0)).toISOString() : null;
    return {
      model: { source: model.source, sha256: model.sha256, trainedAt: model.trainedAt, trainedUntil: model.trainedUntil, trainingRows: model.trainingRows, backtest: model.backtest },
      historyDays,
      minHistoryDays: MIN_HISTORY_DAYS,
      training: this.job ? { progress: this.job.progress, message: this.job.message, startedAt: this.job.startedAt } : null,
      lastTraining: this.last ?? this.lastFromStore(),
      nextTraining: next,
      drift: this.drift(model),
      weeks: this.storeWeeks(),
    };
  }

  /** After a restart: the latest training as recorded. */
  private lastFromStore(): ForecastStatus['lastTraining'] {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('forecast_models').select(['trained_at', 'file', 'note', 'backtest']).orderBy('trained_at', 'desc').limit(1));
    if (!row) return null;
    const backtest = JSON.parse(row.backtest) as NonNullable<ActiveModel['backtest']>;
    return { finishedAt: row.trained_at, replaced: row.file !== '', message: row.note, candidate: backtest.methods, current: [] };
  }

  /** Starts a retraining unless one is running; resolves when it has started. */
  train(): ForecastStatus {
    if (this.job) return this.status();
    const settings = this.store.get();
    const today = localDate(this.core.clock.now(), settings.timeZone);
    const store = loadStorePanel(this.core, settings.timeZone, today);
    if (!store || store.panel.days < MIN_HISTORY_DAYS) {
      throw new AppError('VALIDATION', `Para entrenar un modelo propio hacen falta al menos ${MIN_HISTORY_DAYS} días de ventas; la tienda tiene ${store?.panel.days ?? 0}. Mientras tanto se usa el modelo de base.`);
    }
    const current = this.activeModel();
    const startedAt = this.core.clock.now().toISOString();
    write(this.core, (tx) => tx.audit({ entity: 'forecastModel', id: 'training', after: { started: startedAt, days: store.panel.days, products: store.panel.items.length, current: current.sha256 } }));
    const job = startTraining({ panel: store.panel, holidays: this.holidays(), current: current.source === 'default' ? current.bytes : null, horizon: HORIZON }, (progress, message) => {
      if (!this.job) return;
      this.job.progress = progress;
      this.job.message = message;
      this.core.events.emit('forecast.progress', { running: true, progress, message });
    });
    this.job = { job, progress: 0, message: 'preparando los datos…', startedAt };
    this.core.events.emit('forecast.progress', { running: true, progress: 0, message: this.job.message });
    this.training = job.done.then(
      (outcome) => this.finishTraining(store, outcome, current),
      (error: Error) => {
        const cancelled = error instanceof JobCancelledError;
        this.core.logger.log(cancelled ? 'info' : 'error', 'forecast training failed', { error: error.message, stack: error.stack });
        this.last = { finishedAt: this.core.clock.now().toISOString(), replaced: false, message: cancelled ? 'El entrenamiento se canceló.' : `El entrenamiento falló: ${error.message}`, candidate: [], current: [] };
      },
    ).finally(() => {
      this.job = null;
      this.core.events.emit('forecast.progress', { running: false, progress: 1, message: this.last?.message ?? '' });
      this.core.events.emit('forecast.changed', {});
    });
    return this.status();
  }

  /** The running training's promise (tests and the CLI wait on it). */
  training: Promise<void> | null = null;

  private finishTraining(store: StorePanel, outcome: import('../forecast').TrainingOutcome, previous: ActiveModel): void {
    const bt = outcome.backtest;
    // Fallbacks are kept only where they help this store: otherwise every product with history uses the model.
    const candidate = metricsInUse(bt.methods)!;
    const useFallbacks = candidate.method === 'chosen';
    // The model in use is scored on the same origins when it never saw this store's sales (the default
    // model); a store model was trained on most of those days, so it is held to the backtest it had when
    // it was accepted instead (scoring it in-sample would keep every new model out).
    const current = bt.methods.find((m) => m.method === 'current') ?? (previous.backtest ? metricsInUse(previous.backtest.methods) : undefined);
    // No worse: RMSSE and scaled pinball both within 0.5 % of the model in use.
    const noWorse = !current || (candidate.rmsse <= current.rmsse * 1.005 && candidate.spl <= current.spl * 1.005);
    const summary = { horizon: bt.horizon, origins: bt.origins.length, products: bt.products, methods: bt.methods.filter((m) => m.method !== 'current'), usesFallbacks: useFallbacks };
    const choices: ActiveModel['choices'] = {};
    store.panel.items.forEach((item, i) => {
      const c = bt.productChoices[i]!;
      choices[item.id] = useFallbacks || c.choice === 'category' ? c : { choice: 'model', errors: c.errors };
    });
    const dispersion = { ...bt.dispersion, chosen: useFallbacks ? bt.dispersion.chosen : bt.dispersion.model };
    const fmt = (m: MethodMetrics | undefined) => (m ? `RMSSE ${m.rmsse.toFixed(3)}, pinball ${m.spl.toFixed(3)}`.replace(/\./g, ',') : '—');
    // Said plainly first (which one forecast better, which one is in use), the figures after.
    const message = !current
      ? `Se usa el modelo nuevo, el primero de la tienda (${fmt(candidate)}).`
      : noWorse
        ? `El modelo nuevo acertó ${candidate.rmsse < current.rmsse ? 'mejor' : 'igual'} que el anterior en las mismas semanas: desde ahora se usa el nuevo (nuevo: ${fmt(candidate)}; anterior: ${fmt(current)}).`
        : `El modelo anterior acertó mejor que el nuevo en las mismas semanas: se sigue usando el anterior (anterior: ${fmt(current)}; nuevo: ${fmt(candidate)}).`;
    const dir = join(this.core.dataDir, 'models');
    mkdirSync(dir, { recursive: true });
    const file = join('models', `demand-${outcome.sha256.slice(0, 16)}.onnx`);
    if (noWorse) {
      const tmp = join(this.core.dataDir, `${file}.tmp`);
      writeFileSync(tmp, outcome.onnx);
      renameSync(tmp, join(this.core.dataDir, file));
    }
    write(this.core, (tx) => {
      if (noWorse) tx.sql.run(tx.sql.q.updateTable('forecast_models').set({ active: 0 }).where('active', '=', 1));
      tx.sql.run(
        tx.sql.q.insertInto('forecast_models').values({
          id: tx.newId(),
          sha256: outcome.sha256,
          file: noWorse ? file : '',
          trained_at: tx.now,
          trained_until: addDays(store.until, -1),
          training_rows: outcome.rows,
          backtest: JSON.stringify(summary),
          dispersion: JSON.stringify(dispersion),
          choices: JSON.stringify(choices),
          active: noWorse ? 1 : 0,
          note: message,
        }),
      );
      tx.audit({ entity: 'forecastModel', id: outcome.sha256, after: { replaced: noWorse, candidate: fmt(candidate), current: fmt(current), seconds: Math.round(outcome.seconds) } });
    });
    this.cache = null;
    this.last = { finishedAt: this.core.clock.now().toISOString(), replaced: noWorse, message, candidate: summary.methods, current: current ? [current] : [] };
  }

  /** Weekly retraining: checked a few minutes after start (a store may open the app only briefly) and then every hour. */
  startSchedule(): void {
    // Five minutes after start, then hourly.
    this.stopChecks ??= startChecks(() => void this.checkSchedule(), 5 * 60_000, 3_600_000);
  }

  /** Starts the weekly retraining if it is due; true when it started one. */
  checkSchedule(): boolean {
    try {
      const status = this.status();
      if (this.job || !status.nextTraining || Date.parse(status.nextTraining) > this.core.clock.now().getTime()) return false;
      this.train();
      return true;
    } catch (error) {
      this.core.logger.log('warn', 'scheduled forecast training did not start', { error: String(error) });
      return false;
    }
  }

  close(): void {
    this.stopChecks?.();
    this.stopChecks = null;
    this.job?.job.cancel();
    void this.session?.close();
    this.session = null;
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function explainChoice(choice: ChoiceName, errors: Partial<Record<ChoiceName, number>>, source: 'default' | 'store', h: ItemHistory, origin: number, defaultReason: string): string {
  if (choice === 'category') return 'Tiene menos de una semana de ventas: se pronostica con el nivel típico de los productos de su categoría.';
  const list = Object.entries(errors)
    .sort(([, a], [, b]) => a! - b!)
    .map(([k, v]) => `${CHOICE_LABELS[k as ChoiceName]}: ${v!.toFixed(2).replace('.', ',')}`)
    .join('; ');
  if (source === 'default' && Object.keys(errors).length === 0) {
    return `Se usa el modelo de base que trae Góndola: ${defaultReason} (este producto tiene ${Math.max(0, origin - h.first)} días de ventas).`;
  }
  if (choice === 'model' && Object.keys(errors).length <= 1) {
    return `Se vende casi todos los días: el modelo sigue su día de la semana, los días de cobro, los feriados y su precio${list ? ` (error cuadrático diario en el backtest de la tienda: ${list})` : ''}.`;
  }
  if (choice === 'model') return `Vende de a ratos, así que en el backtest de la tienda se lo comparó con los métodos para demanda intermitente y el modelo tuvo el menor error cuadrático diario (${list}).`;
  return `Vende de a ratos y en el backtest de la tienda este método le ganó al modelo por más de 5 % (${list}).`;
}

/** The default model shipped in models/, with its card's figures. */
export function loadDefaultModel(resourcesDir: string): ActiveModel {
  const onnx = join(resourcesDir, 'models', `${DEFAULT_MODEL}.onnx`);
  const card = join(resourcesDir, 'models', `${DEFAULT_MODEL}.json`);
  if (!existsSync(onnx) || !existsSync(card)) throw new AppError('INTERNAL', `Falta el modelo de pronóstico de base (${onnx}). Reinstalá la aplicación.`);
  const bytes = new Uint8Array(readFileSync(onnx));
  const meta = JSON.parse(readFileSync(card, 'utf8')) as { sha256: string; trainedAt: string; trainedUntil: string; trainingRows: number; backtest: ActiveModel['backtest']; dispersion: ActiveModel['dispersion'] };
  if (sha256(bytes) !== meta.sha256) throw new AppError('INTERNAL', 'El modelo de pronóstico de base está dañado (no coincide su sha256). Reinstalá la aplicación.');
  return { source: 'default', bytes, sha256: meta.sha256, trainedAt: meta.trainedAt, trainedUntil: meta.trainedUntil, trainingRows: meta.trainingRows, backtest: meta.backtest, dispersion: meta.dispersion, choices: {} };
}

export type { BacktestResult };
