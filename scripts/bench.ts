/**
 * `npm run bench`: benchmarks that print figures (never timed tests). Each
 * benchmark runs against a real store on a temp folder through dispatch, the
 * same path the screens use. Later areas add their own entries to BENCHMARKS.
 *
 *   npm run bench                 every benchmark
 *   npm run bench -- catalog      only the named ones
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ProductCreateInput } from '../contract';
import { createApp, type App } from '../main/app';
import { seedDemoStore } from '../main/demo';
import { generateStoreFolder } from '../main/testing/store-folder';
import { memoryLogger } from '../main/logger';
import { write } from '../main/write';
import { systemSession } from '../main/session';
import { repoRoot, tempDir } from '../main/testing';

interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

const session = systemSession('cli', 'bench');

/** Logs the benchmark's session in as an owner of this store (the calls go through the permission check). */
async function signIn(app: App): Promise<void> {
  await app.services.users.createUser({ name: 'bench', role: 'dueño', password: 'bench-password' }, { mustChange: false });
  const result = await app.dispatch('auth.login', { user: 'bench', password: 'bench-password' }, session);
  if (!result.ok) throw new Error(`bench login failed: ${JSON.stringify(result.error)}`);
}

async function withStore<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const dataDir = tempDir('gondola-bench');
  const app = await createApp({ dataDir, resourcesDir: repoRoot, logger: memoryLogger() });
  try {
    await signIn(app);
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
    name: 'sale',
    description: 'closing a 20-line ticket through dispatch, against the same rows written by bare prepared statements',
    async run() {
      await withStore(async (app) => {
        seedDemoStore(app, { days: 0 });
        const products = (app.core.sql.raw.prepare("select id, price from products where unit = 'un' limit 20").all() as { id: string; price: number }[]);
        app.core.sql.raw.prepare('update products set on_hand = 1000000000').run(); // plenty on hand: measure the write, not refusals
        const lines = products.map((p) => ({ productId: p.id, qty: 1000 }));
        const viaDispatch = await sample(1000, () => expectOk(app.dispatch('sales.close', { payment: 'efectivo', lines }, session)));
        // The floor: the same rows (ticket, 20 lines, 20 movements, 20 cache updates, sequence) in one transaction.
        const raw = app.core.sql.raw;
        const ticket = raw.prepare("insert into sale_tickets (id, seq, number, closed_at, cashier, payment, total, original_ticket_id, oversold) values (?, ?, ?, ?, null, 'efectivo', 0, null, 0)");
        const line = raw.prepare('insert into sale_lines (id, ticket_id, line_no, product_id, qty, unit_price, discount, amount, iva_rate, voided) values (?, ?, ?, ?, 1000, ?, 0, ?, 210, 0)');
        const move = raw.prepare("insert into stock_movements (id, seq, kind, reason, product_id, lot_id, qty, unit_cost, unit_price, occurred_at, recorded_at, user_name, doc_type, doc_id, balance_after, oversold, note) values (?, ?, 'sale', null, ?, null, -1000, 0, ?, ?, ?, null, 'ticket', ?, 0, 0, null)");
        const cache = raw.prepare('update products set on_hand = on_hand - 1000 where id = ?');
        const seq = raw.prepare("update sequences set value = value + 1 where name = 'store' returning value").pluck();
        let n = 0;
        const bare = raw.transaction(() => {
          const id = `bench-${++n}`;
          const now = new Date().toISOString();
          ticket.run(id, seq.get(), `B${n}`, now);
          products.forEach((p, i) => {
            line.run(`${id}-l${i}`, id, i + 1, p.id, p.price, p.price);
            move.run(`${id}-m${i}`, seq.get(), p.id, p.price, now, now, id);
            cache.run(p.id);
          });
        });
        const viaStatements = await sample(1000, async () => bare.immediate());
        const p99 = (xs: number[]) => xs[Math.floor(0.99 * xs.length)]!;
        const p50 = (xs: number[]) => xs[Math.floor(0.5 * xs.length)]!;
        console.log(`  sales.close, 20 lines, through dispatch   p50 ${pct(viaDispatch, 50)}  p99 ${pct(viaDispatch, 99)}`);
        console.log(`  same rows, bare prepared statements       p50 ${pct(viaStatements, 50)}  p99 ${pct(viaStatements, 99)}`);
        console.log(`  ratio dispatch / bare                     p50 ${(p50(viaDispatch) / p50(viaStatements)).toFixed(2)}  p99 ${(p99(viaDispatch) / p99(viaStatements)).toFixed(2)}   (target: p99 < 5 ms, ratio ≤ 3)`);
      });
    },
  },
  {
    name: 'stock',
    description: 'on-hand and stock value for 5,000 products with 3 years of history (stock.list, dashboard.summary)',
    async run() {
      await withStore(async (app) => {
        const raw = app.core.sql.raw;
        const start = performance.now();
        // 5,000 products through the service; the history's rows are bulk-written
        // straight into the ledger tables (caches kept equal to their sums), since
        // this measures reading, and posting three years through the services
        // would take longer than the benchmark itself.
        write(app.core, (tx) => {
          for (let i = 0; i < 5000; i++) {
            app.services.products.createInTx(
              tx,
              ProductCreateInput.parse({ sku: `B${i}`, name: `Producto de prueba ${i}`, category: `Categoría ${i % 25}`, price: 100_000 + i, cost: 60_000 + i, minStock: (i % 7) * 1000, shelfLifeDays: i % 5 === 0 ? 30 : undefined }),
            );
          }
        });
        const ids = raw.prepare('select id from products').pluck().all() as string[];
        const move = raw.prepare("insert into stock_movements (id, seq, kind, reason, product_id, lot_id, qty, unit_cost, unit_price, occurred_at, recorded_at, user_name, doc_type, doc_id, balance_after, oversold, note) values (?, ?, ?, null, ?, ?, ?, 60000, null, ?, ?, null, 'ticket', 'bench', 0, 0, null)");
        const lot = raw.prepare("insert into lots (id, product_id, code, expiry, on_hand, created_at) values (?, ?, ?, ?, 0, '2024-01-01')");
        const day0 = Date.parse('2023-11-22T12:00:00Z');
        let seq = 1_000_000;
        // Building millions of rows at once: a big page cache keeps the per-product index from thrashing.
        raw.pragma('cache_size = -1000000');
        raw.transaction(() => {
          const lotIds = ids.map((id, p) => {
            if (p % 5 !== 0) return null;
            lot.run(`lot-${p}`, id, `L${p}`, new Date(day0 + (1095 + (p % 20)) * 86_400_000).toISOString().slice(0, 10));
            return `lot-${p}`;
          });
          // Day by day, as a store writes them (time-ordered indexes append rather than scatter).
          // Three years: a weekly receipt and sales on about every third day per product.
          for (let d = 0; d < 1095; d++) {
            const at = new Date(day0 + d * 86_400_000).toISOString();
            ids.forEach((id, p) => {
              if (d % 7 === p % 7) move.run(String(++seq).padStart(12, '0'), seq, 'receipt', id, lotIds[p], 7000, at, at);
              if (d % 3 === p % 3) move.run(String(++seq).padStart(12, '0'), seq, 'sale', id, lotIds[p], -2000, at, at);
            });
          }
          raw.exec("update products set on_hand = (select sum(qty) from stock_movements m where m.product_id = products.id), avg_cost = 60000");
          raw.exec('update lots set on_hand = (select sum(qty) from stock_movements m where m.lot_id = lots.id)');
        })();
        raw.pragma('cache_size = -65536');
        const movements = raw.prepare('select count(*) from stock_movements').pluck().get() as number;
        console.log(`  built ${ids.length} products and ${movements.toLocaleString('en')} movements in ${((performance.now() - start) / 1000).toFixed(1)} s`);
        const list = await sample(300, () => expectOk(app.dispatch('stock.list', { limit: 50 }, session)));
        console.log(`  stock.list (page + total value)          p50 ${pct(list, 50)}  p99 ${pct(list, 99)}   (target: p50 < 30 ms)`);
        const filtered = await sample(300, () => expectOk(app.dispatch('stock.list', { belowMin: true, expiringWithinDays: 30, limit: 50 }, session)));
        console.log(`  stock.list below minimum + expiring      p50 ${pct(filtered, 50)}  p99 ${pct(filtered, 99)}`);
        const home = await sample(300, () => expectOk(app.dispatch('dashboard.summary', {}, session)));
        console.log(`  dashboard.summary                        p50 ${pct(home, 50)}  p99 ${pct(home, 99)}`);
      });
    },
  },
  {
    name: 'import',
    description: 'importing 1,000,000 sales lines (gondola import), in its own process for a clean peak-memory figure',
    async run() {
      const folder = tempDir('gondola-bench-import');
      const dataDir = tempDir('gondola-bench-import-db');
      try {
        const generated = performance.now();
        await generateStoreFolder(folder, { products: 1000, saleLines: 1_000_000 });
        console.log(`  generated 1,000 products and 1,000,000 sale lines in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
        // The built CLI: `npm run bench` builds it first (scripts/build.mjs).
        const child = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'bench-import-child.mjs'), folder, dataDir], { encoding: 'utf8', cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
        const lines = child.stdout.trim().split('\n');
        const last = lines.at(-1) ?? '';
        if (!last.startsWith('{')) throw new Error(`import child failed: ${child.stderr}`);
        const figures = JSON.parse(last) as { seconds: number; maxRssMb: number };
        const summary = JSON.parse(lines.slice(0, -1).join('\n')) as { applied: boolean; files: { file: string; rows: number }[] };
        const saleLines = summary.files.find((f) => f.file === 'sales.csv')?.rows ?? 0;
        console.log(`  applied: ${summary.applied}; ${saleLines.toLocaleString('en')} lines in ${figures.seconds.toFixed(1)} s`);
        console.log(`  ${Math.round(saleLines / figures.seconds).toLocaleString('en')} lines/s, peak RSS ${figures.maxRssMb.toFixed(0)} MB   (target: ≥ 50,000 lines/s, < 400 MB)`);
      } finally {
        rmSync(folder, { recursive: true, force: true });
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'catalog',
    description: 'demo catalog: load, search, lookup by barcode, price change (through dispatch)',
    async run() {
      await withStore(async (app) => {
        const seedStart = performance.now();
        const seeded = seedDemoStore(app, { days: 0 });
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
