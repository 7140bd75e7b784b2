import type { ForecastProduct, ForecastSettings, ForecastStatus, MethodParsedInput } from '../../../contract';
import { AppError } from '../../domain/errors';
import { AR_HOLIDAYS } from '../../domain/holidays';
import { addDays, localDate, zonedToIso } from '../../domain/time';
import { baselineForecast, Calendar, categoryLevels, dateOf, dayNumber, forecastRows, nbQuantile, OnnxDemandModel, panelHistories, type ChoiceName } from '../../forecast';
import { write, type Core } from '../../write';
import { loadStorePanel } from '../demand-data';
import { saveSetting, type SettingsService } from '../settings';
import { AccuracyTracker } from './accuracy';
import { ModelRegistry, type ActiveModel } from './models';
import { CHOICE_LABELS, explainChoice, HORIZON, MIN_HISTORY_DAYS, round3, type StoreForecast } from './store-forecast';
import { ForecastTraining } from './training';

export { CHOICE_LABELS, HORIZON, MIN_HISTORY_DAYS, type StoreForecast } from './store-forecast';
export { loadDefaultModel } from './models';

const DEFAULT_SETTINGS: ForecastSettings = {
  serviceLevels: { A: 0.95, B: 0.9, C: 0.85 },
  extraHolidays: [],
  removedHolidays: [],
  weeklyRetraining: true,
};

/**
 * Demand forecasts for the store, the front door of four rooms: the model in
 * use (`models.ts`, the registry: the default model shipped in models/ until
 * the store trains its own), retraining in a worker thread and its weekly
 * schedule (`training.ts`), the weekly record of forecast against actual and
 * drift (`accuracy.ts`); here, the forecast settings and per-product forecasts
 * with their band and method.
 */
export class ForecastService {
  private readonly models: ModelRegistry;
  private readonly accuracy: AccuracyTracker;
  private readonly trainer: ForecastTraining;
  private session: OnnxDemandModel | null = null;
  private cache: StoreForecast | null = null;

  constructor(
    private readonly core: Core,
    private readonly store: SettingsService,
  ) {
    this.models = new ModelRegistry(core);
    this.accuracy = new AccuracyTracker(core);
    this.trainer = new ForecastTraining(core, store, this.models, {
      holidays: () => this.holidays(),
      weekly: () => this.settings().weeklyRetraining,
      historyDays: () => this.historyDays(),
      modelChanged: () => {
        this.cache = null;
      },
    });
  }

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

  /** Whether forecasts come from the default model or the store's own. */
  modelSource(): 'default' | 'store' {
    return this.models.active().source;
  }

  private async sessionFor(model: ActiveModel): Promise<OnnxDemandModel> {
    if (this.session?.sha256 === model.sha256) return this.session;
    const previous = this.session;
    this.session = await OnnxDemandModel.load(model.bytes);
    await previous?.close();
    return this.session;
  }

  // ---- forecasts ---------------------------------------------------------------

  /**
   * Today's forecast of every product, cached until what it reads changes:
   * the day, the model, the holidays, the catalog, or the ledger *before
   * today*. Today's sales are not in it (the panel ends yesterday), so a sale
   * at the counter no longer makes the next Pronóstico or Sugeridas compute it
   * all again on the core's main thread (about a second on a real store).
   */
  async storeForecast(): Promise<StoreForecast | null> {
    const settings = this.store.get();
    const today = localDate(this.core.clock.now(), settings.timeZone);
    const model = this.models.active();
    const raw = this.core.sql.raw;
    // Movements before today (an index range count: tens of milliseconds on millions, against a second to recompute).
    const past = raw.prepare('select count(*) from stock_movements where occurred_at < ?').pluck().get(zonedToIso(today, '00:00:00', settings.timeZone)) as number;
    const catalog = raw.prepare('select count(*) || \'|\' || coalesce(max(updated_at), \'\') from products').pluck().get() as string;
    const holidays = this.holidays();
    const key = `${today}|${model.sha256}|${past}|${catalog}|${holidays.join()}`;
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
    this.accuracy.recordWeek(this.cache);
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
      accuracy: this.accuracy.productWeeks(product.id),
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
    return this.models.everTrained()
      ? `la tienda ya tiene ${days} días de ventas, pero el modelo propio que entrenó no acertó mejor que el de base en su backtest`
      : `la tienda ya tiene ${days} días de ventas y todavía no entrenó su propio modelo (se entrena solo cada semana, o con «Reentrenar ahora»)`;
  }

  status(): ForecastStatus {
    const model = this.models.active();
    const historyDays = this.historyDays();
    return {
      model: { source: model.source, sha256: model.sha256, trainedAt: model.trainedAt, trainedUntil: model.trainedUntil, trainingRows: model.trainingRows, backtest: model.backtest },
      historyDays,
      minHistoryDays: MIN_HISTORY_DAYS,
      training: this.trainer.progress(),
      lastTraining: this.trainer.lastTraining(),
      nextTraining: this.trainer.nextTraining(historyDays),
      drift: this.accuracy.drift(model),
      weeks: this.accuracy.storeWeeks(),
    };
  }

  /** Starts a retraining unless one is running; answers the status once it has started. */
  train(): ForecastStatus {
    this.trainer.start();
    return this.status();
  }

  /** The running training's promise (tests and the CLI wait on it). */
  get training(): Promise<void> | null {
    return this.trainer.running;
  }

  startSchedule(): void {
    this.trainer.startSchedule();
  }

  /** Starts the weekly retraining if it is due; true when it started one. */
  checkSchedule(): boolean {
    return this.trainer.checkSchedule();
  }

  close(): void {
    this.trainer.close();
    void this.session?.close();
    this.session = null;
  }
}
