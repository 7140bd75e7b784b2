/**
 * The forecast's scale figures, in their own process so peak RSS is theirs:
 * train on 2,000 products × 2 years, then predict 2,000 products × 28 days
 * through onnxruntime-node. Prints one JSON line.
 */
import { AR_HOLIDAYS } from '../main/domain/holidays';
import { Calendar, forecastRows, OnnxDemandModel, panelHistories, trainModel } from '../main/forecast';
import { syntheticPanel } from '../main/testing/synthetic-demand';

const products = Number(process.argv[2] ?? 2000);
const days = Number(process.argv[3] ?? 730);
const panel = syntheticPanel(products, days, 42);
const calendar = new Calendar(AR_HOLIDAYS);
const t0 = performance.now();
const histories = panelHistories(panel);
const trained = trainModel(panel, histories, calendar, { end: panel.days, window: 730 });
const trainSeconds = (performance.now() - t0) / 1000;
const model = await OnnxDemandModel.load(trained.onnx);
// Warm-up once (session creation and first run allocate), then the timed prediction from the panel.
await model.predict(forecastRows(panel, histories, calendar, panel.days, 1));
const t1 = performance.now();
const rows = forecastRows(panel, histories, calendar, panel.days, 28);
const means = await model.predict(rows);
const predictSeconds = (performance.now() - t1) / 1000;
await model.close();
console.log(
  JSON.stringify({
    products,
    days,
    trainingRows: trained.rows,
    trees: trained.trees,
    trainSeconds,
    predictRows: means.length,
    predictSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
