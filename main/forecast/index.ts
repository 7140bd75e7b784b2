/**
 * Demand forecasting (front door): the demand panel, features, the histogram
 * GBDT and its ONNX export, the ONNX runner, baselines and fallbacks, count
 * quantiles, the rolling-origin backtest. Needs no store: the services build
 * panels from the ledger, the CLI from a sales file.
 */
export { Calendar, dayNumber, dateOf, weekday } from './calendar';
export { carryForward, firstKnown, type DemandPanel, type PanelItem } from './panel';
export { FEATURE_NAMES, FEATURE_COUNT, MAX_HORIZON, forecastRows, panelHistories, levelAt, type ItemHistory } from './features';
export { train, type GbdtModel, type GbdtOptions } from './gbdt';
export { exportOnnx } from './onnx';
export { OnnxDemandModel, trainModel, trainModelOn, sha256, MODEL_TRAINING, type TrainedModel } from './model';
export { baselineForecast, BASELINES, movingAverage, type BaselineName } from './baselines';
export { nbQuantile, nbCdf, fitDispersion, QUANTILE_LEVELS } from './quantiles';
export { startTraining, type TrainingJob } from './thread';
export type { TrainingOutcome, TrainingRequest } from './training';
export { backtest, metricsInUse, NotEnoughHistory, chooseMethods, categoryLevels, periodObservations, FALLBACKS, type BacktestResult, type MethodMetrics, type MethodName, type ChoiceName } from './backtest';
export { panelFromDailySales } from './sales-file';
export { abcClasses, applyBudget, nextOrderDay, reachMinimum, reorderLine, roundUpToPack, WEEKDAY_NUMBER, type OrderLine, type ReorderLine } from './reorder';
export { simulatePolicies, type SimulationResult } from './simulate';
