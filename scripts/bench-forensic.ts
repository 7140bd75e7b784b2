/**
 * The forensic analysis's figures (`npm run bench:forensic`):
 *
 * 1. Accuracy: the scenario generator's store with one anomaly of every
 *    pattern kind, over several seeds: recall and precision per rule.
 * 2. Clean stores (same seeds, no anomalies): findings per 1,000 movements and
 *    high-severity findings (target: at most 5).
 * 3. Speed: a store of ≥ 1,000,000 movements (built once through the real
 *    services and kept in the system's temp folder), a full run over its whole
 *    history in a child process so time and peak RSS are the run's own.
 * 4. A 30-page PDF report.
 *
 * `-- --quick`: one seed and a smaller speed store.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../main/app';
import { openDatabase } from '../main/db/open';
import { addDays } from '../main/domain/time';
import { DEFAULT_HOURS, ruleContext } from '../main/forensic';
import { runForensicJob } from '../main/forensic/job';
import { memoryLogger } from '../main/logger';
import { forensicPdf } from '../main/reports';
import { fixedClock, openTestApp, repoRoot } from '../main/testing';
import { buildScenario, score } from './forensic-scenario';

const TZ = 'America/Argentina/Buenos_Aires';
const args = process.argv.slice(2);

if (args[0] === '--child') {
  // The speed run, alone in this process: open the store read-only and run every rule.
  const [, dbPath, from, to] = args as [string, string, string, string];
  const ctx = ruleContext(from, to, TZ, DEFAULT_HOURS, new Date().toISOString());
  const t0 = performance.now();
  const result = runForensicJob({ dbPath, ctx }, () => undefined);
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, findings: result.findings.length, movements: result.kpis.movements, timings: result.timings }));
  process.exit(0);
}

const quick = args.includes('--quick');
const seeds = quick ? [7] : [7, 11, 23];
const pct = (x: number | null) => (x === null ? '   —  ' : `${(x * 100).toFixed(1).padStart(5)} %`);

console.log(`Forensic benchmark · ${new Date().toISOString().slice(0, 10)} · seeds ${seeds.join(', ')}\n`);

// 1 and 2: accuracy on injected anomalies, noise on clean stores.
const perRule = new Map<string, { truths: number; hit: number; findings: number; right: number }>();
const clean: { seed: number; movements: number; findings: number; alta: number }[] = [];
let sampleRun: Awaited<ReturnType<typeof runScenario>> | null = null;

async function runScenario(seed: number, anomalies: boolean) {
  const app = await openTestApp({ clock: fixedClock('2026-11-22T15:00:00.000Z') });
  try {
    const scenario = buildScenario(app, { seed, days: 150, anomalies });
    const run = await app.services.forensics.run(scenario.period);
    return { scenario, run };
  } finally {
    app.dispose();
  }
}

for (const seed of seeds) {
  const { scenario, run } = await runScenario(seed, true);
  sampleRun ??= { scenario, run };
  for (const s of score(run.findings, scenario.truth)) {
    const entry = perRule.get(s.rule) ?? { truths: 0, hit: 0, findings: 0, right: 0 };
    entry.truths += s.truths;
    entry.hit += s.recall === null ? 0 : Math.round(s.recall * s.truths);
    entry.findings += s.findings;
    entry.right += s.precision === null ? 0 : Math.round(s.precision * s.findings);
    perRule.set(s.rule, entry);
  }
  const quiet = await runScenario(seed, false);
  clean.push({ seed, movements: quiet.run.kpis.movements, findings: quiet.run.findings.length, alta: quiet.run.kpis.findings.alta });
}

console.log('Injected anomalies (pattern rules), all seeds together:');
console.log('rule                            anomalies  found  findings  right   recall  precision');
let truths = 0;
let hit = 0;
let findings = 0;
let right = 0;
for (const [rule, e] of [...perRule].sort(([a], [b]) => a.localeCompare(b))) {
  truths += e.truths;
  hit += e.hit;
  findings += e.findings;
  right += e.right;
  console.log(`${rule.padEnd(32)}${String(e.truths).padStart(9)}${String(e.hit).padStart(7)}${String(e.findings).padStart(10)}${String(e.right).padStart(7)}  ${pct(e.truths ? e.hit / e.truths : null)}  ${pct(e.findings ? e.right / e.findings : null)}`);
}
const recall = hit / truths;
const precision = right / Math.max(findings, 1);
console.log(`${'all'.padEnd(32)}${String(truths).padStart(9)}${String(hit).padStart(7)}${String(findings).padStart(10)}${String(right).padStart(7)}  ${pct(recall)}  ${pct(precision)}`);
console.log(`Targets: recall ≥ 90 % ${recall >= 0.9 ? '✓' : '✗'} · precision ≥ 80 % ${precision >= 0.8 ? '✓' : '✗'}\n`);

console.log('Clean stores (no anomalies), the same 30-day period:');
for (const c of clean) console.log(`  seed ${String(c.seed).padEnd(4)} ${c.movements} movements · ${c.findings} findings (${((c.findings * 1000) / c.movements).toFixed(2)} per 1,000 movements) · ${c.alta} high ${c.alta <= 5 ? '✓' : '✗'}`);
console.log('');

// 3: speed over ≥ 1M movements.
const days = quick ? 120 : 400;
const ticketsPerDay = quick ? 400 : 1400;
const dir = join(tmpdir(), `gondola-bench-forensic-${days}d-${ticketsPerDay}t`);
const dbPath = join(dir, 'gondola.db');
if (!existsSync(join(dir, 'ready'))) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`Building the speed store (${days} days × ~${ticketsPerDay} tickets a day, through the services; kept in ${dir})… `);
  const t0 = performance.now();
  const app = await createApp({ dataDir: dir, resourcesDir: repoRoot, clock: fixedClock('2026-11-22T15:00:00.000Z'), logger: memoryLogger() });
  const built = buildScenario(app, { seed: 99, days, ticketsPerDay });
  app.close();
  mkdirSync(join(dir, 'ready'));
  console.log(`${built.movements.toLocaleString('en')} movements in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
function speedRun(from: string, label: string) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', dbPath, from, '2026-11-21'], { encoding: 'utf8', cwd: repoRoot, maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`speed run failed: ${child.stderr}`);
  const speed = JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; peakRssMb: number; findings: number; movements: number; timings: Record<string, number> };
  console.log(`${label} (${from} to 2026-11-21): ${speed.movements.toLocaleString('en')} movements in the period, ${speed.findings} findings`);
  console.log(`  ${speed.seconds.toFixed(1)} s ${speed.seconds < 20 ? '✓' : '✗'} (target < 20 s) · peak RSS ${speed.peakRssMb.toFixed(0)} MB ${speed.peakRssMb < 1024 ? '✓' : '✗'} (target < 1 GB)`);
  console.log(`  per phase (ms): ${Object.entries(speed.timings).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
}
const total = (() => {
  const app = openDatabase(dbPath, { readonly: true });
  try {
    return app.prepare('select count(*) from stock_movements').pluck().get() as number;
  } finally {
    app.close();
  }
})();
console.log(`Speed store: ${total.toLocaleString('en')} movements over ${days} days.`);
// Consistency rules read the whole ledger either way; the pattern rules read the period (and its past).
speedRun(addDays('2026-11-21', -29), 'Nightly run (the default 30 days)');
speedRun(addDays('2026-11-21', -(days - 1)), 'Full run over the whole history');
console.log('');

// 4: a 30-page PDF: the anomaly run's findings, repeated until the report is at least 30 pages.
const { run } = sampleRun!;
let copies = 1;
let pages: number;
let seconds: number;
for (;;) {
  const big = { ...run, findings: Array.from({ length: copies }, (_, k) => run.findings.map((f) => ({ ...f, id: `${f.id}-${k}` }))).flat() };
  const t0 = performance.now();
  const bytes = await forensicPdf(big, { storeName: 'Mi almacén', timeZone: TZ, madeAt: new Date() });
  seconds = (performance.now() - t0) / 1000;
  pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  if (pages >= 30 || copies > 20) break;
  copies++;
}
console.log(`PDF report: ${pages} pages (${run.findings.length * copies} findings with their evidence) in ${seconds.toFixed(2)} s ${seconds < 5 ? '✓' : '✗'} (target < 5 s)`);
