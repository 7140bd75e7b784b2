import type { ForecastProduct, ForecastStatus } from '../../../contract';
import { addDays } from '../../domain/time';
import { dayNumber, metricsInUse, nbQuantile } from '../../forecast';
import { write, type Core } from '../../write';
import type { ActiveModel } from './models';
import { round3, type StoreForecast } from './store-forecast';

/**
 * Accuracy tracking: once a week the next seven days' forecast of every
 * product is written down; when those days have passed, what happened is
 * written beside it. Drift is this record against the model's backtest.
 */
export class AccuracyTracker {
  constructor(private readonly core: Core) {}

  /** Writes this week's forecasts when due, and the actuals of weeks that have passed. */
  recordWeek(forecast: StoreForecast): void {
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

  /** A product's last twelve recorded weeks, oldest first. */
  productWeeks(productId: string): ForecastProduct['accuracy'] {
    return this.core.sql
      .all(this.core.sql.q.selectFrom('forecast_weeks').select(['week_start', 'forecast', 'actual']).where('product_id', '=', productId).orderBy('week_start', 'desc').limit(12))
      .reverse()
      .map((w) => ({ weekStart: w.week_start, forecast: round3(w.forecast), actual: w.actual === null ? null : round3(w.actual) }));
  }

  /** Weekly accuracy of the whole store: the last eight recorded weeks. */
  storeWeeks(): ForecastStatus['weeks'] {
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

  /** The last four closed weeks against the backtest of the model in use. */
  drift(model: ActiveModel): ForecastStatus['drift'] {
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
}
