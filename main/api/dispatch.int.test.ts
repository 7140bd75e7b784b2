import { afterEach, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFolder, ImportService } from '../interchange';
import { openTestApp, tempDir, type TestApp } from '../testing';
import { createDispatch } from './dispatch';
import { createHandlers } from './handlers';

let app: TestApp;
afterEach(() => app?.dispose());

const leche = {
  sku: 'LAC-001',
  name: 'Leche entera La Serenísima 1 l',
  brand: 'La Serenísima',
  category: 'Lácteos',
  price: 215000,
  barcodes: ['7790742011510'],
};

describe('dispatch', () => {
  it('answers bad input with VALIDATION naming every bad field in Spanish', async () => {
    app = await openTestApp();
    const result = await app.call('products.create', { sku: '', name: 42, price: -5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    const fields = (result.error.details?.fields ?? []) as { path: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(['name', 'price', 'sku']);
    expect(fields.find((f) => f.path === 'price')?.message).toBe('El precio no puede ser negativo');
    expect(fields.find((f) => f.path === 'sku')?.message).toMatch(/obligatorio/);
    expect(await app.ok('products.list', {})).toMatchObject({ total: 0 });
  });

  it('refuses unknown keys, so a typo never silently drops a field', async () => {
    app = await openTestApp();
    const result = await app.call('products.create', { ...leche, prise: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    app = await openTestApp();
    const result = await app.call('products.delete', { id: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    if (!result.ok) expect(result.error.message).toContain('no existe');
  });

  it('turns an unexpected throw into INTERNAL without leaking the stack, and logs it', async () => {
    app = await openTestApp();
    const handlers = {
      ...createHandlers(app.services, new ImportService(app)),
      'system.info': () => {
        throw new TypeError('boom in /home/secret/path.ts');
      },
    };
    const dispatch = createDispatch(handlers, app.services.sessions, app.logger);
    const result = await dispatch('system.info', {}, app.session);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    const sent = JSON.stringify(result);
    expect(sent).not.toContain('secret');
    expect(sent).not.toContain('TypeError');
    expect(sent).not.toMatch(/at .*\.ts/);
    const logged = app.logger.entries.find((e) => e.level === 'error');
    expect(String(logged?.fields?.stack)).toContain('boom in /home/secret/path.ts');
  });
});

describe('products through dispatch', () => {
  it('creates, finds by barcode, sku and accent-free name, and updates the price', async () => {
    app = await openTestApp();
    const created = await app.ok('products.create', leche);
    expect(created).toMatchObject({ sku: 'LAC-001', unit: 'un', active: true, version: 1, category: 'Lácteos' });

    expect((await app.ok('products.get', { barcode: '7790742011510' })).id).toBe(created.id);
    expect((await app.ok('products.get', { sku: 'lac-001' })).id).toBe(created.id);
    expect((await app.ok('products.list', { query: '7790742011510' })).items).toHaveLength(1);
    expect((await app.ok('products.list', { query: 'serenisima LECHE' })).items).toHaveLength(1);
    expect((await app.ok('products.list', { query: 'lac-0' })).items).toHaveLength(1);
    expect((await app.ok('products.list', { query: 'yerba' })).items).toHaveLength(0);
    // LIKE wildcards are text, not patterns.
    expect((await app.ok('products.list', { query: '%' })).items).toHaveLength(0);
    // Text that folds to nothing (a lone accent) puts no condition on the name.
    expect((await app.ok('products.list', { query: '\u0301' })).items).toHaveLength(1);
    expect((await app.ok('stock.list', { query: 'serenisima' })).items).toHaveLength(1);

    const updated = await app.ok('products.update', { id: created.id, expectedVersion: 1, changes: { price: 229900 } });
    expect(updated).toMatchObject({ price: 229900, version: 2, name: leche.name });
  });

  it('refuses a bad check digit naming the barcode, and a taken sku or barcode with CONFLICT', async () => {
    app = await openTestApp();
    const bad = await app.call('products.create', { ...leche, barcodes: ['7790742011516'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'barcodes.0' }] } } });
    if (!bad.ok) expect(bad.error.message).toContain('revisá el último dígito');

    await app.ok('products.create', leche);
    const sameSku = await app.call('products.create', { ...leche, sku: 'lac-001', barcodes: [] });
    expect(sameSku).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'sku' } } });
    const sameBarcode = await app.call('products.create', { ...leche, sku: 'LAC-002' });
    expect(sameBarcode).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'barcodes.0' } } });
    expect((await app.ok('products.list', {})).total).toBe(1);
  });

  it('refuses a stale expectedVersion and leaves the product as it was', async () => {
    app = await openTestApp();
    const created = await app.ok('products.create', leche);
    await app.ok('products.update', { id: created.id, changes: { name: 'Leche entera 1 l' } });
    const stale = await app.call('products.update', { id: created.id, expectedVersion: 1, changes: { price: 1 } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await app.ok('products.get', { id: created.id })).toMatchObject({ price: 215000, version: 2 });
    expect(await app.call('products.update', { id: 'nope', changes: {} })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('emits products.changed after a commit and nothing after a refused write', async () => {
    app = await openTestApp();
    const seen: unknown[] = [];
    app.events.onAny((name, payload) => seen.push({ name, payload }));
    const created = await app.ok('products.create', leche);
    await app.call('products.create', leche); // conflict
    expect(seen).toEqual([{ name: 'products.changed', payload: { ids: [created.id] } }]);
  });

  it('pages through results with a stable order and a total', async () => {
    app = await openTestApp();
    for (let i = 0; i < 7; i++) {
      await app.ok('products.create', { sku: `P${i}`, name: `Producto ${String.fromCharCode(71 - i)}`, price: 100 * i });
    }
    const first = await app.ok('products.list', { limit: 3 });
    const second = await app.ok('products.list', { limit: 3, offset: 3 });
    expect(first.total).toBe(7);
    expect(first.items.map((p: { name: string }) => p.name)).toEqual(['Producto A', 'Producto B', 'Producto C']);
    expect(second.items.map((p: { name: string }) => p.name)).toEqual(['Producto D', 'Producto E', 'Producto F']);
  });
});

describe('product–supplier links', () => {
  it('keeps every supplier’s own code and pack size, the main one first, and resolves price lists by any of them', async () => {
    app = await openTestApp();
    await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Distribuidora Norte SA' });
    await app.ok('suppliers.create', { cuit: '30-70000001-6', name: 'Mayorista Sur' });
    const product = await app.ok('products.create', { ...leche, supplierCuit: '30-71234567-1', supplierCode: 'N-100', packSize: 12 });
    const linked = await app.ok('products.linkSupplier', { productId: product.id, supplierCuit: '30-70000001-6', supplierCode: 'S-9', packSize: 24 });
    expect(linked.suppliers).toEqual([
      { supplierCuit: '30712345671', supplierName: 'Distribuidora Norte SA', supplierCode: 'N-100', packSize: 12, main: true },
      { supplierCuit: '30700000016', supplierName: 'Mayorista Sur', supplierCode: 'S-9', packSize: 24, main: false },
    ]);
    // A price list of the second supplier finds the product by that supplier's code.
    const folder = tempDir('gondola-links');
    try {
      writeFileSync(join(folder, 'prices.csv'), 'supplier_cuit,date,supplier_code,cost\n30-70000001-6,2026-11-01,S-9,1234.50\n');
      const imported = await importFolder(app, folder);
      expect(imported.errors).toEqual([]);
      expect(await app.ok('products.get', { id: product.id })).toMatchObject({ cost: 123_450 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    // A supplier's code belongs to one product.
    const other = await app.ok('products.create', { sku: 'LAC-002', name: 'Leche descremada 1 l', price: 200000 });
    expect(await app.call('products.linkSupplier', { productId: other.id, supplierCuit: '30-70000001-6', supplierCode: 'S-9' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The main supplier is changed, not unlinked; another one comes off.
    expect(await app.call('products.unlinkSupplier', { productId: product.id, supplierCuit: '30-71234567-1' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const unlinked = await app.ok('products.unlinkSupplier', { productId: product.id, supplierCuit: '30-70000001-6' });
    expect(unlinked.suppliers.map((s: { supplierCode: string }) => s.supplierCode)).toEqual(['N-100']);
    expect(await app.call('products.unlinkSupplier', { productId: product.id, supplierCuit: '30-70000001-6' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
