/**
 * Issue #17's holes, each closed in the core and shown here through dispatch
 * (and the bridge) as a cashier, a broken script or a hostile caller would hit it.
 */
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge } from '../bridge/server';
import { memoryLogger } from '../logger';
import type { Session } from '../session';
import { MAX_PANEL_DAYS, loadStorePanel } from '../services/demand-data';
import { openTestApp, tempDir, type TestApp } from '../testing';
import { importFolder } from '../interchange';

let app: TestApp;
let cashier: Session;
let yerba: string;
let arroz: string;

beforeAll(async () => {
  app = await openTestApp();
  cashier = await app.sessionAs('cajero', 'Beto');
  await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Distribuidora Norte SA' });
  yerba = (await app.ok<{ id: string }>('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 500_000, cost: 300_000, category: 'Almacén', supplierCuit: '30-71234567-1' })).id;
  arroz = (await app.ok<{ id: string }>('products.create', { sku: 'ARR', name: 'Arroz 1 kg', price: 200_000, cost: 150_000, category: 'Almacén' })).id;
  await app.ok('receipts.post', { supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number: 1, date: '2026-11-20', lines: [{ productId: yerba, qty: 100_000, unitCost: 300_000 }, { productId: arroz, qty: 100_000, unitCost: 150_000 }] });
});
afterAll(() => app?.dispose());

const as = (session: Session, method: string, input: unknown) => app.dispatch(method, input, session);

describe('the role boundary', () => {
  it('only the store dates and numbers a ticket at the counter; an owner may correct, within the store’s range', async () => {
    const line = [{ productId: yerba, qty: 1000 }];
    expect(await as(cashier, 'sales.close', { closedAt: '2026-11-20T10:00:00-03:00', lines: line })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await as(cashier, 'sales.close', { number: '99999999', lines: line })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The owner: not in the future, not years before the store began.
    expect(await app.call('sales.close', { closedAt: '2026-12-24T10:00:00-03:00', lines: line })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'closedAt' }] } } });
    expect(await app.call('sales.close', { closedAt: '2001-01-01T10:00:00-03:00', lines: line })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('sales.close', { closedAt: '2026-11-21T10:00:00-03:00', lines: line })).toMatchObject({ ok: true, data: { closedAt: '2026-11-21T13:00:00.000Z' } });
    // A number of fifteen nines is kept as given, and never moves the store's own numbering.
    expect(await app.call('sales.close', { number: '999999999999999', lines: line })).toMatchObject({ ok: true });
    const next = await as(cashier, 'sales.close', { lines: line });
    expect(next).toMatchObject({ ok: true });
    expect(Number((next as { data: { number: string } }).data.number)).toBeLessThan(100);
  });

  it('a cashier’s receipt takes the order’s or the last cost, whatever the call says', async () => {
    await app.ok('settings.update', { cashiersCanReceive: true });
    const before = await app.ok<{ avgCost: number }>('products.get', { id: arroz });
    const posted = await as(cashier, 'receipts.post', { supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number: 2, date: '2026-11-21', lines: [{ productId: arroz, qty: 100_000, unitCost: 1 }] });
    expect(posted).toMatchObject({ ok: true });
    const after = await app.ok<{ avgCost: number; cost: number }>('products.get', { id: arroz });
    expect(after.avgCost).toBe(before.avgCost);
    expect(after.cost).toBe(150_000);
  });

  it('a count changes only what it covers', async () => {
    const otherCategory = (await app.ok<{ id: string }>('products.create', { sku: 'DET', name: 'Detergente', price: 100_000, category: 'Limpieza' })).id;
    const shelf = await app.ok<{ id: string }>('counts.open', { name: 'Góndola 1', productIds: [yerba] });
    expect(await app.call('counts.record', { sessionId: shelf.id, productId: arroz, counted: 5000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'productId' }] } } });
    expect(await app.call('counts.record', { sessionId: shelf.id, productId: yerba, counted: 5000 })).toMatchObject({ ok: true });
    const byCategory = await app.ok<{ id: string }>('counts.open', { name: 'Almacén', category: 'Almacén' });
    expect(await app.call('counts.record', { sessionId: byCategory.id, productId: arroz, counted: 5000 })).toMatchObject({ ok: true });
    expect(await app.call('counts.record', { sessionId: byCategory.id, productId: otherCategory, counted: 5000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('guessing passwords', () => {
  it('counts each guess before hashing it: forty at once lock the account after five, the right password among them included', async () => {
    await app.sessionAs('cajero', 'Ceci');
    const { systemSession } = await import('../session');
    const guesses = Array.from({ length: 40 }, (_, i) => app.dispatch('auth.login', { user: 'Ceci', password: i === 20 ? 'clave-segura-1' : `mal-${i}` }, systemSession('test', `guess-${i}`)));
    const answers = await Promise.all(guesses);
    expect(answers.filter((a) => a.ok)).toEqual([]);
    expect(answers.filter((a) => !a.ok && a.error.code === 'UNAUTHORIZED')).toHaveLength(4);
    expect(answers.filter((a) => !a.ok && a.error.code === 'ACCOUNT_LOCKED')).toHaveLength(36);
  });

  it('answers a name that is no user exactly as a user: the same messages, attempts left and lock', async () => {
    await app.sessionAs('cajero', 'Dani');
    const { systemSession } = await import('../session');
    const run = async (user: string) => {
      const session = systemSession('test', `probe-${user}`);
      const seen: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await app.dispatch('auth.login', { user, password: 'mal' }, session);
        seen.push(r.ok ? 'ok' : { code: r.error.code, message: r.error.message.replace(user, 'X'), left: (r.error.details as { attemptsLeft?: number } | undefined)?.attemptsLeft });
      }
      return seen;
    };
    expect(await run('Nadie')).toEqual(await run('Dani'));
  });
});

describe('bounds on every input', () => {
  it('refuses days that do not exist and years outside 2000–2099, for sales, receipts and adjustments', async () => {
    for (const closedAt of ['2026-02-30T10:00:00-03:00', '2026-11-21T25:00:00-03:00', '1990-05-01T10:00:00-03:00', '9999-01-01T10:00:00Z']) {
      expect(await app.call('sales.close', { closedAt, lines: [{ productId: yerba, qty: 1000 }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await app.call('receipts.post', { supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number: 9, date: '2026-02-30', lines: [{ productId: yerba, qty: 1000 }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('stock.adjust', { productId: yerba, qty: -1000, reason: 'merma', occurredAt: '9999-12-31T00:00:00Z' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('stock.adjust', { productId: yerba, qty: -1000, reason: 'merma', occurredAt: '2026-12-31T00:00:00Z' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers amounts past $ 10.000.000.000 in Spanish, never INTERNAL', async () => {
    await app.ok('settings.update', { allowNegativeStock: true });
    const huge = await app.call('sales.close', { lines: [{ productId: yerba, qty: 999_999_999_000, unitPrice: 999_999_999_999, reason: 'prueba' }] });
    expect(huge).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!huge.ok && huge.error.message).toMatch(/\$ 10\.000\.000\.000,00/);
    expect(await app.call('receipts.post', { supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number: 10, date: '2026-11-21', lines: [{ productId: yerba, qty: 999_999_999_000, unitCost: 999_999_999_999 }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('purchaseOrders.create', { supplierCuit: '30-71234567-1', lines: [{ productId: yerba, qty: 999_999_999_000, unitCost: 999_999_999_999 }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await app.ok('settings.update', { allowNegativeStock: false });
  });

  it('refuses a scale layout whose fields overlap or do not fit in 13 digits, and an idle lock of 0 minutes', async () => {
    const base = { prefixes: ['20'], pluStart: 2, pluLength: 5, valueStart: 7, valueLength: 5, valueKind: 'weight', valueFactor: 1 };
    expect(await app.call('settings.update', { scaleLayout: { ...base, valueStart: 5 } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('settings.update', { scaleLayout: { ...base, valueLength: 6 } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('settings.update', { scaleLayout: { ...base, pluStart: 1 } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('settings.update', { scaleLayout: base })).toMatchObject({ ok: true });
    expect(await app.call('settings.update', { idleLockMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('bounds a forensic period and a forecast’s history, whatever the ledger holds', async () => {
    expect(await app.call('forensic.run', { from: '2001-01-01', to: '2026-11-21' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('forensic.run', { from: '2026-11-01', to: '2027-01-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A sale from long ago, as an imported history may bring: the panel still spans three years at most.
    const folder = tempDir('gondola-old-sale');
    writeFileSync(join(folder, 'sales.csv'), 'ticket,line,datetime,sku,qty,unit_price\nH-1,1,2000-01-03 10:00,YER,1,5000\n');
    expect((await importFolder(app, folder)).errors).toEqual([]);
    const panel = loadStorePanel(app.core, 'America/Argentina/Buenos_Aires')!;
    expect(panel.panel.days).toBeLessThanOrEqual(MAX_PANEL_DAYS);
  });
});

describe('a full disk', () => {
  it('answers STORAGE_UNAVAILABLE in Spanish, leaves nothing half-written, and sells again once there is room', async () => {
    const raw = app.core.sql.raw;
    const tickets = () => raw.prepare('select count(*) from sale_tickets').pluck().get() as number;
    // SQLite's own ceiling on the file stands in for a disk with no room left.
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) as number}`);
    let refused: { ok: boolean; error?: { code: string; message: string; details?: unknown } } | null = null;
    let before = 0;
    for (let i = 0; i < 500 && !refused; i++) {
      before = tickets();
      const r = await as(cashier, 'sales.close', { lines: Array.from({ length: 20 }, () => ({ productId: yerba, qty: 1 })) });
      if (!r.ok) refused = r;
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE', details: { reason: 'full' } } });
    expect(refused!.error!.message).toMatch(/El disco está lleno/);
    expect(tickets()).toBe(before);
    expect(app.logger.entries.some((e) => e.message === 'unexpected error in handler')).toBe(false);
    raw.pragma('max_page_count = 1073741823');
    expect(await as(cashier, 'sales.close', { lines: [{ productId: yerba, qty: 1000 }] })).toMatchObject({ ok: true });
  });

  it.runIf(process.getuid?.() !== 0)('says a read-only data folder is read-only, not a damaged database', async () => {
    const { chmodSync } = await import('node:fs');
    const { createApp } = await import('../app');
    const { repoRoot } = await import('../testing');
    const folder = tempDir('gondola-readonly');
    (await createApp({ dataDir: folder, resourcesDir: repoRoot, logger: memoryLogger() })).close();
    chmodSync(folder, 0o555);
    try {
      await expect(createApp({ dataDir: folder, resourcesDir: repoRoot, logger: memoryLogger() })).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    } finally {
      chmodSync(folder, 0o755);
    }
  });
});

describe('two processes on one store', () => {
  it('follow each other: lots received by one are sold first by the other, settings saved by one are the other’s', async () => {
    const { createApp } = await import('../app');
    const { repoRoot } = await import('../testing');
    const { systemSession } = await import('../session');
    const folder = tempDir('gondola-two');
    const one = await createApp({ dataDir: folder, resourcesDir: repoRoot, logger: memoryLogger() });
    const other = await createApp({ dataDir: folder, resourcesDir: repoRoot, logger: memoryLogger() });
    try {
      await one.services.users.createUser({ name: 'Dueña', role: 'dueño', password: 'clave-segura-1' }, { mustChange: false });
      const a = systemSession('test', 'one');
      const b = systemSession('test', 'other');
      for (const [app, s] of [[one, a], [other, b]] as const) await app.dispatch('auth.login', { user: 'Dueña', password: 'clave-segura-1' }, s);
      const ok = async <T>(app: typeof one, s: typeof a, method: string, input: unknown) => {
        const r = await app.dispatch(method, input, s);
        if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
        return r.data as T;
      };
      await ok(one, a, 'suppliers.create', { cuit: '30-71234567-1', name: 'Lácteos SA' });
      const milk = await ok<{ id: string }>(one, a, 'products.create', { sku: 'LECHE', name: 'Leche', price: 150_000 });
      // The other process has sold nothing yet and knows of no lots.
      expect(await other.dispatch('scan.resolve', { code: 'LECHE' }, b)).toMatchObject({ ok: true });
      await ok(one, a, 'receipts.post', { supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number: 1, date: '2026-11-21', lines: [{ productId: milk.id, qty: 5000, unitCost: 100_000, lot: 'L1', expiry: '2026-12-01' }] });
      await ok(other, b, 'sales.close', { lines: [{ productId: milk.id, qty: 2000 }] });
      const lots = await ok<{ code: string; onHand: number }[]>(one, a, 'stock.lots', { productId: milk.id });
      expect(lots.map((l) => [l.code, l.onHand])).toEqual([['L1', 3000]]);
      // A setting saved by one process is the other's at its next read.
      expect((await ok<{ allowNegativeStock: boolean }>(other, b, 'settings.get', {})).allowNegativeStock).toBe(false);
      await ok(one, a, 'settings.update', { allowNegativeStock: true });
      expect((await ok<{ allowNegativeStock: boolean }>(other, b, 'settings.get', {})).allowNegativeStock).toBe(true);
      // Lots holding more than the product has (what a process blind to the other's lots left behind) are a finding.
      const clean = await one.services.forensics.run({ from: '2026-11-01', to: '2026-11-22' });
      expect(clean.findings.map((f) => f.rule)).not.toContain('lotes-exceden-stock');
      await ok(one, a, 'stock.adjust', { productId: milk.id, qty: 2000, reason: 'correccion' });
      one.core.sql.raw.prepare("update lots set on_hand = on_hand + 4000 where code = 'L1'").run();
      const found = await one.services.forensics.run({ from: '2026-11-01', to: '2026-11-22' });
      expect(found.findings.find((f) => f.rule === 'lotes-exceden-stock')).toMatchObject({ severity: 'alta', entities: { sku: ['LECHE'] } });
    } finally {
      other.close();
      one.close();
    }
  });
});

describe('backups', () => {
  it('removes copies killed midway, at start and before the next copy, and copies by snapshot from another process', async () => {
    const { utimesSync, existsSync: exists, mkdirSync } = await import('node:fs');
    const { createApp } = await import('../app');
    const { repoRoot } = await import('../testing');
    const folder = tempDir('gondola-partials');
    const first = await createApp({ dataDir: folder, resourcesDir: repoRoot, logger: memoryLogger() });
    first.close();
    mkdirSync(join(folder, 'backups'), { recursive: true });
    const stale = [join(folder, 'gondola.db.antes-de-0009.bak.partial'), join(folder, 'backups', 'gondola-2026-11-01-100000.db.partial')];
    const fresh = join(folder, 'backups', 'gondola-2026-11-22-115959.db.partial');
    for (const f of [...stale, fresh]) writeFileSync(f, 'a half-written copy');
    const old = new Date(Date.now() - 3_600_000);
    for (const f of stale) utimesSync(f, old, old);
    const store = await createApp({ dataDir: folder, resourcesDir: repoRoot, logger: memoryLogger() });
    try {
      expect(stale.map(exists)).toEqual([false, false]);
      // One being written right now (another process) is left alone.
      expect(exists(fresh)).toBe(true);
      const made = await store.services.backups.create(join(folder, 'copia.db'), 'snapshot');
      expect(made.sizeBytes).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });
});

describe('the bridge', () => {
  it('answers malformed percent-encoding with 400, checks the Origin of /events, and counts refusals instead of logging each', async () => {
    const logger = memoryLogger();
    const bridge = await startBridge({ dispatch: app.dispatch, events: app.events, logger });
    const send = (path: string, method: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: bridge.port, path, method, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await send('/%', 'GET')).toBe(400);
      expect(await send('/rpc/%E0%A4%A', 'POST', { Authorization: `Bearer ${bridge.token}` })).toBe(400);
      expect(await send(`/events?token=${bridge.token}`, 'GET', { Origin: 'http://evil.example' })).toBe(403);
      for (let i = 0; i < 300; i++) expect(await send('/rpc/products.list', 'POST')).toBe(401);
      expect(logger.entries.filter((e) => e.message.startsWith('refused')).length).toBeLessThanOrEqual(2);
      expect(logger.entries.some((e) => e.level === 'error')).toBe(false);
    } finally {
      await bridge.close();
    }
    const summary = logger.entries.find((e) => e.message === 'refused requests (summary)');
    expect(summary?.fields).toMatchObject({ counts: { token: 299 } });
  });
});
