/**
 * The renderer's stores against the real core: `window.api` here is the same
 * shape preload gives the Electron window, wired straight to a real store
 * (createApp, real SQLite and migrations) instead of IPC — the transport is the
 * only thing replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WindowApi } from '../../../contract';
import { openTestApp, type TestApp } from '../../../main/testing';

let app: TestApp;
let stores: {
  sale: typeof import('./sale');
  products: typeof import('./products');
  session: typeof import('./session');
};
const scanErrors: string[] = [];
/** How long the transport holds a call's answer (a slow answer, as over a busy IPC): none by default. */
let delayOf: (method: string, input: unknown) => number = () => 0;

beforeAll(async () => {
  app = await openTestApp();
  const transport: WindowApi = {
    invoke: async (method, input) => {
      const answer = await app.dispatch(method, input, app.session);
      const ms = delayOf(method, input);
      if (ms > 0) await new Promise((r) => setTimeout(r, ms));
      return answer;
    },
    subscribe: (event, listener) => app.events.on(event as never, listener),
  };
  const window = Object.assign(new EventTarget(), { api: transport });
  window.addEventListener('gondola:scan-error', () => scanErrors.push('beep'));
  (globalThis as { window?: unknown }).window = window;
  // The stores read window.api when their modules load.
  stores = { sale: await import('./sale'), products: await import('./products'), session: await import('./session') };
  await app.ok('products.create', { sku: 'LECHE', name: 'Leche entera 1 l', price: 150_000, barcodes: ['7790001000019'] });
  await app.ok('products.create', { sku: 'PAN', name: 'Pan francés', price: 250_000, unit: 'kg' });
  for (const sku of ['LECHE', 'PAN']) {
    const { id } = await app.ok<{ id: string }>('products.get', { sku });
    await app.ok('stock.adjust', { productId: id, qty: 20_000, reason: 'correccion', note: 'stock inicial' });
  }
  for (let i = 1; i <= 60; i++) await app.ok('products.create', { sku: `G-${String(i).padStart(2, '0')}`, name: `Galletitas ${i}`, price: 100_000 + i });
});

afterAll(() => {
  app?.dispose();
  delete (globalThis as { window?: unknown }).window;
});

/** Waits (up to 3 s) until `done` holds: the stores answer asynchronously, as on screen. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
}

/** Until the sale's scan queue has drained. */
const settled = () => until(() => !stores.sale.useSale.getState().busy && stores.sale.useSale.getState().queue.length === 0);
const productsLoaded = () => until(() => !stores.products.useProducts.getState().loading);

describe('session store', () => {
  it('reads who is signed in and what they may call from auth.status', async () => {
    const { useSession } = stores.session;
    expect(useSession.getState().can('products.create')).toBe(false); // nothing known yet
    await useSession.getState().refresh();
    const status = useSession.getState().status!;
    expect(status.user?.role).toBe('dueño');
    expect(status.seesCosts).toBe(true);
    expect(useSession.getState().can('users.create')).toBe(true);
  });
});

describe('products store', () => {
  it('pages through the catalog, searches from the first page, and keeps the selection inside the page', async () => {
    const { useProducts, PAGE_SIZE } = stores.products;
    await useProducts.getState().load();
    expect(useProducts.getState()).toMatchObject({ total: 62, offset: 0, loading: false, error: null });
    expect(useProducts.getState().items).toHaveLength(PAGE_SIZE);
    useProducts.getState().page(1);
    await productsLoaded();
    expect(useProducts.getState().offset).toBe(PAGE_SIZE);
    expect(useProducts.getState().items).toHaveLength(12);
    useProducts.getState().page(1); // past the last page: stays
    expect(useProducts.getState().offset).toBe(PAGE_SIZE);
    useProducts.getState().select(99);
    expect(useProducts.getState().selected).toBe(11);
    useProducts.getState().setQuery('leche');
    expect(useProducts.getState().offset).toBe(0);
    await productsLoaded();
    expect(useProducts.getState().items.map((p) => p.sku)).toEqual(['LECHE']);
  });

  it('keeps only the latest answer when two searches cross', async () => {
    const { useProducts } = stores.products;
    // The first search's answer comes back last.
    delayOf = (method, input) => (method === 'products.list' && (input as { query?: string }).query === 'galletitas' ? 150 : 0);
    useProducts.getState().setQuery('galletitas');
    useProducts.getState().setQuery('pan');
    await until(() => !useProducts.getState().loading && useProducts.getState().items[0]?.sku !== 'LECHE');
    // Both answers are in by now; the older one (galletitas) must not have replaced the newer.
    await new Promise((r) => setTimeout(r, 250));
    delayOf = () => 0;
    expect(useProducts.getState().query).toBe('pan');
    expect(useProducts.getState().items.map((p) => p.sku)).toEqual(['PAN']);
  });
});

describe('sale store', () => {
  it('rings up scans in order (3*code multiplies), keeps the open ticket in the core, and charges it', async () => {
    const { useSale } = stores.sale;
    await useSale.getState().restore();
    useSale.getState().scan('7790001000019');
    useSale.getState().scan('3*7790001000019');
    useSale.getState().scan('LECHE');
    await settled();
    expect(useSale.getState().lines).toHaveLength(1);
    expect(useSale.getState().lines[0]).toMatchObject({ sku: 'LECHE', qty: 5000, unitPrice: 150_000 });
    // A multiplier that is not whole units is refused and beeps; nothing is added.
    useSale.getState().scan('1,5*LECHE');
    await settled();
    expect(useSale.getState().message?.tone).toBe('error');
    expect(scanErrors).toHaveLength(1);
    expect(useSale.getState().lines[0]!.qty).toBe(5000);
    // The open ticket is saved in the core (a reload finds it).
    let saved: number[] = [];
    for (let i = 0; i < 100 && saved.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      saved = (await app.ok<{ lines: { qty: number }[] }>('sales.draft', {})).lines.map((l) => l.qty);
    }
    expect(saved).toEqual([5000]);

    const closed = await useSale.getState().close({ paid: 1_000_000 });
    expect(closed).toMatchObject({ ok: true });
    expect(useSale.getState().lines).toEqual([]);
    expect(useSale.getState().last).toMatchObject({ paid: 1_000_000, change: 250_000 });
    expect((await app.ok<{ onHand: number }>('products.get', { sku: 'LECHE' })).onHand).toBe(15_000);
    expect((await app.ok<{ lines: unknown[] }>('sales.draft', {})).lines).toEqual([]);
  });

  it('holds a ticket and resumes it with its lines and payment', async () => {
    const { useSale } = stores.sale;
    useSale.getState().scan('PAN');
    await settled();
    useSale.getState().setQty(0, 1250);
    useSale.getState().setPayment('debito');
    const held = await useSale.getState().hold('Señora de rojo');
    expect(held.ok).toBe(true);
    expect(useSale.getState().lines).toEqual([]);
    const id = held.ok ? held.held.id : '';
    expect(await useSale.getState().resume(id)).toEqual({ ok: true });
    expect(useSale.getState().lines[0]).toMatchObject({ sku: 'PAN', qty: 1250 });
    expect(useSale.getState().payment).toBe('debito');
  });
});
