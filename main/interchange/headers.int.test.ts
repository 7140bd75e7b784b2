import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, tempDir, type TestApp } from '../testing';
import { importFolder, TEMPLATE_FILES, templateCsv } from './index';

let app: TestApp | undefined;
const dirs: string[] = [];
afterEach(() => {
  app?.dispose();
  app = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const d = tempDir('gondola-headers');
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text, 'utf8');
  return d;
}
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('headers as spreadsheets write them', () => {
  it('imports a list with Spanish headers (código, descripción, precio de venta…) and says what will change', async () => {
    app = await openTestApp();
    await app.ok('products.create', { sku: 'YER-1', name: 'Yerba mate Playadito 1 kg', price: 650_000 });
    const text = ['Código;Código de barras;Descripción;Rubro;Precio de venta;Costo;IVA', 'YER-1;7790387000139;Yerba mate Playadito 1 kg;Almacén;7000;4000;21', 'ARR-1;;Arroz largo fino 1 kg;Almacén;2500;1500;21', 'FID-1;;Fideos 500 g;Almacén;1800;1000;10,5'].join('\r\n');
    const preview = await importFolder(app, folder({ 'products.csv': text }), { dryRun: true });
    expect(preview.errors).toEqual([]);
    expect(preview.changes).toEqual({ newProducts: 2, priceChanges: 1, newSuppliers: 0 });
    expect(preview.files[0]).toMatchObject({ unmapped: [] });
    const applied = await importFolder(app, folder({ 'products.csv': text }));
    expect(applied.applied).toBe(true);
    expect(await app.ok('products.get', { sku: 'FID-1' })).toMatchObject({ name: 'Fideos 500 g', price: 180_000, cost: 100_000, ivaRate: 10.5, category: 'Almacén' });
    expect((await app.ok('products.get', { sku: 'YER-1' })).price).toBe(700_000);
  });

  it('names a missing column with its Spanish header, and takes the mapping the person gives, remembered for next time', async () => {
    app = await openTestApp();
    const text = ['Código,Descripción,PVP Lista 2', 'ARR-1,Arroz largo fino 1 kg,2500'].join('\r\n');
    const refused = await app.ok('import.preview', { files: [{ name: 'products.csv', base64: base64(text) }] });
    expect(refused.files[0]).toMatchObject({ refused: 'falta la columna price («precio»)', unmapped: ['PVP Lista 2'] });

    const mapped = await app.ok('import.run', { files: [{ name: 'products.csv', base64: base64(text) }], mapping: [{ file: 'products.csv', header: 'PVP Lista 2', column: 'price' }] });
    expect(mapped).toMatchObject({ applied: true, errors: [] });
    expect((await app.ok('products.get', { sku: 'ARR-1' })).price).toBe(250_000);

    // The next list from the same system: the mapping is remembered.
    const next = ['Código,Descripción,PVP Lista 2', 'ARR-1,Arroz largo fino 1 kg,2700'].join('\r\n');
    expect(await app.ok('import.run', { files: [{ name: 'products.csv', base64: base64(next) }] })).toMatchObject({ applied: true, changes: { priceChanges: 1 } });
    expect((await app.ok('products.get', { sku: 'ARR-1' })).price).toBe(270_000);
  });

  it('has a template for every file, and the templates import together into an empty store', async () => {
    app = await openTestApp();
    expect(TEMPLATE_FILES).toHaveLength(8);
    const template = await app.ok('import.template', { file: 'products.csv' });
    expect(Buffer.from(template.base64, 'base64').toString('utf8')).toBe(templateCsv('products.csv'));
    const result = await importFolder(app, folder(Object.fromEntries(TEMPLATE_FILES.map((f) => [f, templateCsv(f)]))));
    expect(result.errors).toEqual([]);
    expect(result.applied).toBe(true);
    expect((await app.ok('products.get', { sku: 'QUE-1' })).onHand).toBe(4_500 - 350);
  });
});
