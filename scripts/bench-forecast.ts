/**
 * npm run bench:forecast — the demand forecast's figures:
 * 1. the rolling-origin backtest (horizons 28 and 14) on the real Italian pasta
 *    store (../shared/datasets/italian_pasta_store, converted to the
 *    interchange sales.csv and read back through it) and on the demo store,
 *    each against the baselines, with the targets checked;
 * 2. the inventory simulation over each backtest period (model vs 28-day MA);
 * 3. scale: train on 2,000 products × 2 years and predict 2,000 × 28 days
 *    (in a child process, for its own peak RSS).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { AR_HOLIDAYS } from '../main/domain/holidays';
import { backtest, Calendar, metricsInUse, type BacktestResult, type DemandPanel } from '../main/forecast';
import { demoPanel, pastaPanel } from './train-default-model';
import { rmSync } from 'node:fs';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function report(name: string, r: BacktestResult): void {
  console.log(`\n${name} — horizon ${r.horizon}, ${r.products} products, ${r.origins.length} test origins, quantiles over ${r.periodDays}-day periods`);
  console.log(`${'method'.padEnd(16)} ${'RMSSE'.padStart(7)} ${'WAPE'.padStart(7)} ${'bias'.padStart(8)} ${'pinball'.padStart(8)} ${'P90 cov'.padStart(8)}`);
  for (const m of r.methods) console.log(`${m.method.padEnd(16)} ${m.rmsse.toFixed(3).padStart(7)} ${m.wape.toFixed(3).padStart(7)} ${pct(m.bias).padStart(8)} ${m.spl.toFixed(3).padStart(8)} ${pct(m.coverage90).padStart(8)}`);
  // What the app would put in use: the model with its fallbacks only where they helped (services/forecasts.ts).
  const model = metricsInUse(r.methods)!;
  const baselines = r.methods.filter((m) => !['model', 'chosen', 'current'].includes(m.method));
  const bestRmsse = baselines.reduce((a, b) => (b.rmsse < a.rmsse ? b : a));
  const bestSpl = baselines.reduce((a, b) => (b.spl < a.spl ? b : a));
  const gain = (a: number, b: number) => 1 - a / b;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log(`targets (${model.method === 'chosen' ? 'model with fallbacks, "chosen"' : 'the model: its fallbacks did not help here'}):`);
  console.log(`  RMSSE ${model.rmsse.toFixed(3)} vs best baseline ${bestRmsse.method} ${bestRmsse.rmsse.toFixed(3)}: ${pct(gain(model.rmsse, bestRmsse.rmsse))} better (target ≥ 5 %) ${mark(gain(model.rmsse, bestRmsse.rmsse) >= 0.05)}`);
  console.log(`  scaled pinball ${model.spl.toFixed(3)} vs best baseline ${bestSpl.method} ${bestSpl.spl.toFixed(3)}: ${pct(gain(model.spl, bestSpl.spl))} better (target ≥ 5 %) ${mark(gain(model.spl, bestSpl.spl) >= 0.05)}`);
  console.log(`  bias ${pct(model.bias)} (target within ±5 %) ${mark(Math.abs(model.bias) <= 0.05)}`);
  console.log(`  P90 coverage ${pct(model.coverage90)} (target 85–95 %) ${mark(model.coverage90 >= 0.85 && model.coverage90 <= 0.95)}`);
  const s = r.simulation;
  const simOk = s.model.fillRate > s.movingAverage.fillRate && s.model.averageStock <= s.movingAverage.averageStock;
  const same = s.modelAtSameStock;
  const sameOk = !!same && same.fillRate > s.movingAverage.fillRate;
  console.log(`inventory simulation (review ${s.reviewDays} d, lead ${s.leadDays} d, service level ${pct(s.serviceLevel)}, lost sales):`);
  const pct2 = (v: number) => `${(v * 100).toFixed(2)} %`;
  console.log(`  model policy:          fill rate ${pct2(s.model.fillRate)}, average stock ${s.model.averageStock.toFixed(2)} per product`);
  console.log(`  moving-average policy: fill rate ${pct2(s.movingAverage.fillRate)}, average stock ${s.movingAverage.averageStock.toFixed(2)} per product`);
  console.log(`  at the same service level: higher fill rate with no more stock ${mark(simOk)}`);
  console.log(
    same
      ? `  model policy with no more stock than the MA's (service level ${pct(same.serviceLevel)}): fill rate ${pct2(same.fillRate)}, average stock ${same.averageStock.toFixed(2)} — higher fill rate with no more stock ${mark(sameOk)}`
      : '  the model policy needs more stock than the MA policy even at 90 % ✗',
  );
  console.log(`  trainings: ${r.trainSeconds.map((t) => t.toFixed(1)).join(', ')} s on ${r.trainRows.map((n) => n.toLocaleString('en')).join(', ')} rows`);
}

async function run(name: string, panel: DemandPanel, calendar: Calendar): Promise<void> {
  for (const horizon of [28, 14]) report(name, await backtest(panel, calendar, { horizon }));
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
await run('Italian pasta store (real)', await pastaPanel(), new Calendar([]));
const demo = await demoPanel();
await run('Demo store (generated, 18 months)', demo.panel, new Calendar(AR_HOLIDAYS));
rmSync(demo.dir, { recursive: true, force: true });

const scale = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'bench-forecast-scale.ts'), '2000', '730'], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!,
) as { trainingRows: number; trees: number; trainSeconds: number; predictRows: number; predictSeconds: number; peakRssMb: number };
console.log(`\nscale — synthetic store, 2,000 products × 730 days (scripts/forecast-synthetic.ts):`);
console.log(`  train: ${scale.trainSeconds.toFixed(1)} s (${scale.trainingRows.toLocaleString('en')} rows sampled, ${scale.trees} trees; target < 60 s) ${scale.trainSeconds < 60 ? '✓' : '✗'}`);
console.log(`  predict 2,000 × 28 through onnxruntime-node: ${scale.predictSeconds.toFixed(2)} s (target < 2 s) ${scale.predictSeconds < 2 ? '✓' : '✗'}`);
console.log(`  peak RSS: ${scale.peakRssMb.toFixed(0)} MB (target < 1.5 GB) ${scale.peakRssMb < 1536 ? '✓' : '✗'}`);
