/**
 * `npm run bench`: benchmarks that print figures (never timed tests). Each
 * benchmark runs against a real store on a temp folder through dispatch, the
 * same path the screens use. Later areas add their own entries to BENCHMARKS.
 *
 *   npm run bench                 every benchmark
 *   npm run bench -- catalog      only the named ones
 */
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createApp, type App } from '../main/app';
import { seedDemoStore } from '../main/demo';
import { memoryLogger } from '../main/logger';
import { systemSession } from '../main/session';
import { repoRoot, tempDir } from '../main/testing';

interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

const session = systemSession('cli', 'bench');

async function withStore<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const dataDir = tempDir('gondola-bench');
  const app = await createApp({ dataDir, resourcesDir: repoRoot, logger: memoryLogger() });
  try {
    return await fn(app);
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Calls `fn` `n` times after a warm-up; returns latencies in ms, sorted. */
async function sample(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

function pct(sorted: number[], p: number): string {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return `${value.toFixed(3)} ms`;
}

async function expectOk(promise: Promise<{ ok: boolean }>): Promise<void> {
  const result = await promise;
  if (!result.ok) throw new Error(`benchmark call failed: ${JSON.stringify(result)}`);
}

const BENCHMARKS: Benchmark[] = [
  {
    name: 'catalog',
    description: 'demo catalog: load, search, lookup by barcode, price change (through dispatch)',
    async run() {
      await withStore(async (app) => {
        const seedStart = performance.now();
        const seeded = seedDemoStore(app);
        console.log(`  seed ${seeded.products} products in one transaction: ${(performance.now() - seedStart).toFixed(0)} ms`);
        const page = (await app.dispatch('products.list', { limit: 500 }, session)) as {
          ok: true;
          data: { items: { id: string; barcodes: string[]; version: number }[] };
        };
        const barcodes = page.data.items.flatMap((p) => p.barcodes);
        const words = ['yerba', 'leche', 'coca', 'fideos matarazzo', 'jabon', 'queso', 'cerveza lata', 'alfajor'];

        const firstPage = await sample(500, () => expectOk(app.dispatch('products.list', {}, session)));
        console.log(`  products.list first page (50 rows)   p50 ${pct(firstPage, 50)}  p99 ${pct(firstPage, 99)}`);
        const search = await sample(1000, (i) => expectOk(app.dispatch('products.list', { query: words[i % words.length] }, session)));
        console.log(`  products.list name search            p50 ${pct(search, 50)}  p99 ${pct(search, 99)}`);
        const scan = await sample(2000, (i) =>
          expectOk(app.dispatch('products.get', { barcode: barcodes[i % barcodes.length] }, session)),
        );
        console.log(`  products.get by barcode (a scan)     p50 ${pct(scan, 50)}  p99 ${pct(scan, 99)}`);
        const items = page.data.items;
        const update = await sample(500, (i) =>
          expectOk(app.dispatch('products.update', { id: items[i % items.length]!.id, changes: { price: 100000 + i } }, session)),
        );
        console.log(`  products.update price (one commit)   p50 ${pct(update, 50)}  p99 ${pct(update, 99)}`);
      });
    },
  },
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = wanted.length ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;
if (selected.length === 0) {
  console.error(`No benchmark named ${wanted.join(', ')}. Available: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
console.log(`Góndola benchmarks — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
for (const benchmark of selected) {
  console.log(`\n${benchmark.name}: ${benchmark.description}`);
  await benchmark.run();
}
