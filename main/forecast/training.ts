import { backtest, type BacktestResult } from './backtest';
import { Calendar } from './calendar';
import { panelHistories } from './features';
import { trainModel } from './model';
import type { DemandPanel } from './panel';

/**
 * One retraining of the store's model: the rolling-origin backtest of the
 * training recipe (which also scores the model in use on the same origins, and
 * picks each product's method), then the model trained on all the history.
 * Runs in the worker thread (worker.ts); pure computation, no store.
 */
export interface TrainingRequest {
  panel: DemandPanel;
  holidays: string[];
  /** The model in use, to compare on the same origins. */
  current: Uint8Array | null;
  horizon: number;
}

export interface TrainingOutcome {
  onnx: Uint8Array;
  sha256: string;
  rows: number;
  seconds: number;
  backtest: BacktestResult;
}

export async function runTraining(request: TrainingRequest, report: (progress: number, message: string) => void): Promise<TrainingOutcome> {
  const calendar = new Calendar(request.holidays);
  const started = performance.now();
  // The backtest trains one model per 28 days of origins (4 here), the final training one more.
  let trainings = 0;
  const total = 5;
  const result = await backtest(request.panel, calendar, {
    horizon: request.horizon,
    testOrigins: Math.max(1, Math.round(56 / request.horizon)),
    calibrationDays: 56,
    current: request.current ?? undefined,
    onProgress: (message) => {
      trainings++;
      report((trainings - 1) / total, `Paso ${trainings} de ${total} — ${message}`);
    },
  });
  report(trainings / total, `Paso ${trainings + 1} de ${total} — el modelo final, con toda la historia…`);
  const histories = panelHistories(request.panel);
  const final = trainModel(request.panel, histories, calendar, {
    end: request.panel.days,
    window: 730,
    hooks: { onTree: (done, of) => report((trainings + done / of) / (trainings + 1), `Paso ${trainings + 1} de ${total} — el modelo final con toda la historia (${done} de ${of} árboles)`) },
  });
  return { onnx: final.onnx, sha256: final.sha256, rows: final.rows, seconds: (performance.now() - started) / 1000, backtest: result };
}
