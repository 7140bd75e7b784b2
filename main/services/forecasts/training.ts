import type { ForecastStatus } from '../../../contract';
import { AppError } from '../../domain/errors';
import { addDays, localDate } from '../../domain/time';
import { metricsInUse, startTraining, type MethodMetrics, type TrainingJob, type TrainingOutcome } from '../../forecast';
import { JobCancelledError, startChecks } from '../../jobs';
import { write, type Core } from '../../write';
import { loadStorePanel, type StorePanel } from '../demand-data';
import type { SettingsService } from '../settings';
import type { ActiveModel, ModelRegistry } from './models';
import { HORIZON, MIN_HISTORY_DAYS } from './store-forecast';

export interface TrainingHooks {
  /** The holidays the store forecasts with (national calendar with its changes). */
  holidays(): string[];
  /** Whether weekly retraining is on. */
  weekly(): boolean;
  /** Store days since the first sale. */
  historyDays(): number;
  /** A model was kept: cached forecasts are stale. */
  modelChanged(): void;
}

/**
 * Retraining the store's model in a worker thread, with the
 * replace-only-if-no-worse rule, and its weekly schedule.
 */
export class ForecastTraining {
  private job: { job: TrainingJob; progress: number; message: string; startedAt: string } | null = null;
  private last: ForecastStatus['lastTraining'] = null;
  private stopChecks: (() => void) | null = null;
  /** The running training's promise (tests and the CLI wait on it). */
  running: Promise<void> | null = null;

  constructor(
    private readonly core: Core,
    private readonly store: SettingsService,
    private readonly models: ModelRegistry,
    private readonly hooks: TrainingHooks,
  ) {}

  /** The training under way, for the status. */
  progress(): ForecastStatus['training'] {
    return this.job ? { progress: this.job.progress, message: this.job.message, startedAt: this.job.startedAt } : null;
  }

  /** The latest training: of this run, or as recorded. */
  lastTraining(): ForecastStatus['lastTraining'] {
    return this.last ?? this.models.lastTraining();
  }

  /** When the weekly retraining is due, or null when it is off or the store has too little history. */
  nextTraining(historyDays: number): string | null {
    if (!this.hooks.weekly() || historyDays < MIN_HISTORY_DAYS) return null;
    const last = this.models.lastTrainedAt();
    return new Date(Math.max(this.core.clock.now().getTime(), last ? Date.parse(last) + 7 * 86_400_000 : 0)).toISOString();
  }

  /** Starts a retraining unless one is running; returns once it has started. */
  start(): void {
    if (this.job) return;
    const settings = this.store.get();
    const today = localDate(this.core.clock.now(), settings.timeZone);
    const store = loadStorePanel(this.core, settings.timeZone, today);
    if (!store || store.panel.days < MIN_HISTORY_DAYS) {
      throw new AppError('VALIDATION', `Para entrenar un modelo propio hacen falta al menos ${MIN_HISTORY_DAYS} días de ventas; la tienda tiene ${store?.panel.days ?? 0}. Mientras tanto se usa el modelo de base.`);
    }
    const current = this.models.active();
    const startedAt = this.core.clock.now().toISOString();
    write(this.core, (tx) => tx.audit({ entity: 'forecastModel', id: 'training', after: { started: startedAt, days: store.panel.days, products: store.panel.items.length, current: current.sha256 } }));
    const job = startTraining({ panel: store.panel, holidays: this.hooks.holidays(), current: current.source === 'default' ? current.bytes : null, horizon: HORIZON }, (progress, message) => {
      if (!this.job) return;
      this.job.progress = progress;
      this.job.message = message;
      this.core.events.emit('forecast.progress', { running: true, progress, message });
    });
    this.job = { job, progress: 0, message: 'preparando los datos…', startedAt };
    this.core.events.emit('forecast.progress', { running: true, progress: 0, message: this.job.message });
    this.running = job.done
      .then(
        (outcome) => this.finish(store, outcome, current),
        (error: Error) => {
          const cancelled = error instanceof JobCancelledError;
          this.core.logger.log(cancelled ? 'info' : 'error', 'forecast training failed', { error: error.message, stack: error.stack });
          this.last = { finishedAt: this.core.clock.now().toISOString(), replaced: false, message: cancelled ? 'El entrenamiento se canceló.' : `El entrenamiento falló: ${error.message}`, candidate: [], current: [] };
        },
      )
      .finally(() => {
        this.job = null;
        this.core.events.emit('forecast.progress', { running: false, progress: 1, message: this.last?.message ?? '' });
        this.core.events.emit('forecast.changed', {});
      });
  }

  /** The replace-only-if-no-worse decision, said plainly, and the model kept either way. */
  private finish(store: StorePanel, outcome: TrainingOutcome, previous: ActiveModel): void {
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
    this.models.save(
      { sha256: outcome.sha256, onnx: outcome.onnx, trainedUntil: addDays(store.until, -1), rows: outcome.rows, backtest: summary, dispersion, choices, note: message },
      noWorse,
      { replaced: noWorse, candidate: fmt(candidate), current: fmt(current), seconds: Math.round(outcome.seconds) },
    );
    this.hooks.modelChanged();
    this.last = { finishedAt: this.core.clock.now().toISOString(), replaced: noWorse, message, candidate: summary.methods, current: current ? [current] : [] };
  }

  /** Weekly retraining: checked a few minutes after start (a store may open the app only briefly) and then every hour. */
  startSchedule(): void {
    this.stopChecks ??= startChecks(() => void this.checkSchedule(), 5 * 60_000, 3_600_000);
  }

  /** Starts the weekly retraining if it is due; true when it started one. */
  checkSchedule(): boolean {
    try {
      const next = this.nextTraining(this.hooks.historyDays());
      if (this.job || !next || Date.parse(next) > this.core.clock.now().getTime()) return false;
      this.start();
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
  }
}
