import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, tempDir, type TestApp } from '../testing';
import { generateStoreFolder } from '../testing/store-folder';
import { exportFolder, importFolder } from './index';

let app: TestApp | undefined;
const dirs: string[] = [];
afterEach(() => {
  app?.dispose();
  app = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = () => {
  const d = tempDir('gondola-import');
  dirs.push(d);
  return d;
};

async function onHandBySku(a: TestApp): Promise<Map<string, number>> {
  const rows = a.core.sql.raw.prepare('select sku, on_hand from products').all() as { sku: string; on_hand: number }[];
  return new Map(rows.map((r) => [r.sku, r.on_hand]));
}

describe('import', () => {
  it('applies a generated store and on-hand equals receipts − sales + adjustments + counts', async () => {
    const generated = await generateStoreFolder(dir(), { products: 30, saleLines: 500 });
    app = await openTestApp();
    const result = await importFolder(app, generated.folder);
    expect(result.errors).toEqual([]);
    expect(result.applied).toBe(true);
    expect(await onHandBySku(app)).toEqual(generated.expectedOnHand);
    const sales = result.files.find((f) => f.file === 'sales.csv')!;
    expect(sales).toMatchObject({ rows: 500, applied: 500, rejected: 0 });
    // The formula guard is dropped on the way in.
    expect(app.core.sql.raw.prepare("select note from adjustments where note like '%góndola%'").pluck().get()).toBe('=cayó de la góndola');
  });

  it('changes nothing when the same files are imported again', async () => {
    const generated = await generateStoreFolder(dir(), { products: 12, saleLines: 100 });
    app = await openTestApp();
    await importFolder(app, generated.folder);
    const before = app.core.sql.raw.prepare('select count(*) from stock_movements').pluck().get();
    const again = await importFolder(app, generated.folder);
    expect(again.applied).toBe(true);
    expect(again.files.filter((f) => f.applied > 0)).toEqual([]);
    expect(again.files.every((f) => f.applied === 0)).toBe(true);
    expect(again.message).toMatch(/No hubo cambios/);
    expect(app.core.sql.raw.prepare('select count(*) from stock_movements').pluck().get()).toBe(before);
  });

  it('reads semicolons, decimal commas and Windows-1252', async () => {
    const generated = await generateStoreFolder(dir(), { products: 12, saleLines: 80, separator: ';', decimalComma: true, encoding: 'windows-1252' });
    app = await openTestApp();
    const result = await importFolder(app, generated.folder);
    expect(result.errors).toEqual([]);
    expect(await onHandBySku(app)).toEqual(generated.expectedOnHand);
    expect(app.core.sql.raw.prepare("select name from products where sku = 'P00001'").pluck().get()).toBe('Producto 1 añejo');
  });

  it('reports every bad row as file:line: column: reason and applies nothing', async () => {
    const generated = await generateStoreFolder(dir(), { products: 10, saleLines: 20 });
    const salesPath = join(generated.folder, 'sales.csv');
    const lines = readFileSync(salesPath, 'utf8').split('\n');
    lines[3] = lines[3]!.replace(/,P\d{5},/, ',NOEXISTE,');
    lines[5] = lines[5]!.replace(/^([^,]*,[^,]*,[^,]*,[^,]*),[^,]*,/, '$1,dos,');
    writeFileSync(salesPath, lines.join('\n'));
    writeFileSync(join(generated.folder, 'products.csv'), readFileSync(join(generated.folder, 'products.csv'), 'utf8').replace('7791000000017', '7791000000018'));
    app = await openTestApp();
    const result = await importFolder(app, generated.folder);
    expect(result.applied).toBe(false);
    expect(result.errors).toContain('sales.csv:4: sku: no existe el producto NOEXISTE');
    expect(result.errors).toContain('sales.csv:6: qty: «dos» no es un número');
    expect(result.errors.some((e) => /^products\.csv:\d+: barcode: el código 7791000000018 tiene mal el dígito verificador$/.test(e))).toBe(true);
    expect(result.message).toMatch(/No se aplicó nada/);
    expect(app.core.sql.raw.prepare('select count(*) from products').pluck().get()).toBe(0);

    const skipped = await importFolder(app, generated.folder, { skipBadRows: true });
    expect(skipped.applied).toBe(true);
    expect(skipped.files.find((f) => f.file === 'sales.csv')).toMatchObject({ rejected: expect.any(Number) });
    expect(app.core.sql.raw.prepare('select count(*) from products').pluck().get()).toBe(9);
  });

  it('refuses a file with a missing column or that is not text, naming it', async () => {
    const folder = dir();
    writeFileSync(join(folder, 'products.csv'), 'sku,name\nA,Arroz\n');
    writeFileSync(join(folder, 'sales.csv'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]));
    app = await openTestApp();
    const result = await importFolder(app, folder);
    expect(result.errors).toEqual(['products.csv: falta la columna price («precio»)', 'sales.csv: no está en UTF-8 ni en Windows-1252 (¿es un archivo de texto CSV?)']);
    expect(result.applied).toBe(false);
  });
});

describe('files that are almost right', () => {
  it('reads a stray quote as text and reports a bad byte on its own row; --skip-bad-rows keeps the rest', async () => {
    const folder = dir();
    writeFileSync(join(folder, 'products.csv'), Buffer.concat([Buffer.from('sku,name,price\nA,Pizza 12" muzza,1000\nB,Arroz'), Buffer.from([0x01]), Buffer.from(',500\nC,Fideos,700\n')]));
    app = await openTestApp();
    const strict = await importFolder(app, folder);
    expect(strict.errors).toEqual(['products.csv:3: name: tiene caracteres no permitidos']);
    const lenient = await importFolder(app, folder, { skipBadRows: true });
    expect(lenient.applied).toBe(true);
    expect((await app.ok<{ name: string }>('products.get', { sku: 'A' })).name).toBe('Pizza 12" muzza');
    expect((await app.ok<{ total: number }>('products.list', {})).total).toBe(2);
  });

  it('names the line where a quote opens and never closes, and keeps the rows before it with --skip-bad-rows', async () => {
    const folder = dir();
    writeFileSync(join(folder, 'products.csv'), 'sku,name,price\nA,Arroz,1000\nB,"Fideos,500\nC,Yerba,700\n');
    app = await openTestApp();
    const result = await importFolder(app, folder, { skipBadRows: true });
    expect(result.errors).toEqual(['products.csv:3: una comilla abre un texto que no se cierra: desde esta línea no se pudo leer el archivo']);
    expect(result.applied).toBe(true);
    expect((await app.ok<{ items: { sku: string }[] }>('products.list', {})).items.map((p) => p.sku)).toEqual(['A']);
  });

  it('reads each line of a file mixing UTF-8 and Windows-1252 in its own encoding', async () => {
    const folder = dir();
    writeFileSync(join(folder, 'products.csv'), Buffer.concat([Buffer.from('sku,name,price\nA,Azúcar,1000\n', 'utf8'), Buffer.from('B,Caf\xe9 molido,500\n', 'latin1')]));
    app = await openTestApp();
    expect((await importFolder(app, folder)).errors).toEqual([]);
    expect((await app.ok<{ name: string }>('products.get', { sku: 'A' })).name).toBe('Azúcar');
    expect((await app.ok<{ name: string }>('products.get', { sku: 'B' })).name).toBe('Café molido');
  });

  it('says a folder named like a file is a folder', async () => {
    const folder = dir();
    mkdirSync(join(folder, 'sales.csv'));
    app = await openTestApp();
    const result = await importFolder(app, folder);
    expect(result.errors).toEqual(['sales.csv: es una carpeta, no un archivo']);
  });
});

describe('export', () => {
  it('round-trips: export → import into an empty store → export gives identical files and the same stock', async () => {
    const generated = await generateStoreFolder(dir(), { products: 25, saleLines: 300 });
    app = await openTestApp();
    await importFolder(app, generated.folder);
    // Live operations too, not only imported history.
    const yerba = (await app.ok('products.get', { sku: 'P00002' })).id;
    await app.ok('sales.close', { lines: [{ productId: yerba, qty: 1000 }] });
    await app.ok('stock.adjust', { productId: yerba, qty: -1000, reason: 'merma', note: '+ojo' });
    const session = await app.ok('counts.open', { name: 'Control', productIds: [yerba] });
    await app.ok('counts.record', { sessionId: session.id, productId: yerba, counted: 3000 });
    await app.ok('counts.close', { sessionId: session.id });
    await app.ok('counts.approve', { sessionId: session.id });

    const first = dir();
    await exportFolder(app, first);
    const stockBefore = app.core.sql.raw.prepare('select sku, on_hand, avg_cost from products order by sku').all();

    const other = await openTestApp();
    try {
      const result = await importFolder(other, first);
      expect(result.errors).toEqual([]);
      expect(other.core.sql.raw.prepare('select sku, on_hand, avg_cost from products order by sku').all()).toEqual(stockBefore);
      const second = dir();
      await exportFolder(other, second);
      for (const file of readdirSync(first).sort()) {
        expect(readFileSync(join(second, file), 'utf8'), file).toBe(readFileSync(join(first, file), 'utf8'));
      }
    } finally {
      other.dispose();
    }
  });
});

describe('prices.csv', () => {
  it('reprices by the supplier’s own code and keeps the newest list in effect', async () => {
    app = await openTestApp();
    await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Distribuidora Norte SA' });
    await app.ok('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 700_000, cost: 400_000, supplierCuit: '30-71234567-1', supplierCode: 'PLY-1000', packSize: 10 });
    expect(await app.ok('products.get', { sku: 'YER' })).toMatchObject({ supplierCode: 'PLY-1000', packSize: 10 });
    const folder = dir();
    writeFileSync(join(folder, 'prices.csv'), 'supplier_cuit;date;supplier_code;cost\n30-71234567-1;01/11/2026;PLY-1000;4.350,00\n30-71234567-1;2026-10-01;PLY-1000;4.100,00\n');
    const result = await importFolder(app, folder);
    expect(result.errors).toEqual([]);
    expect((await app.ok('products.get', { sku: 'YER' })).cost).toBe(435_000);
    expect((await importFolder(app, folder)).files[0]).toMatchObject({ applied: 0, unchanged: 2 });
    const taken = await app.call('products.create', { sku: 'OTRA', name: 'Otra yerba', price: 1, supplierCuit: '30-71234567-1', supplierCode: 'PLY-1000' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'supplierCode' } } });
  });

  it('updates a supplier and the CPI through their services: audited with what changed, unchanged the second time', async () => {
    app = await openTestApp();
    await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Distribuidora Norte SA', leadTimeDays: 2 });
    const folder = dir();
    writeFileSync(join(folder, 'suppliers.csv'), 'cuit,name,lead_time_days,order_weekdays,min_order\n30-71234567-1,Distribuidora Norte S.A.,2,lun,0\n');
    writeFileSync(join(folder, 'cpi.csv'), 'month,index\n2026-10,9500.5\n');
    const first = await importFolder(app, folder);
    expect(first.errors).toEqual([]);
    expect(first.files.map((f) => [f.file, f.applied, f.unchanged])).toEqual([['suppliers.csv', 1, 0], ['cpi.csv', 1, 0]]);
    expect((await app.ok('suppliers.list', {}))[0]).toMatchObject({ name: 'Distribuidora Norte S.A.', orderWeekdays: ['lun'], version: 2 });
    const entry = app.core.sql.raw.prepare("select before, after from audit_log where entity = 'supplier' and method = 'sistema' order by seq desc limit 1").get() as { before: string; after: string };
    expect(JSON.parse(entry.before)).toEqual({ name: 'Distribuidora Norte SA', orderWeekdays: [] });
    expect(JSON.parse(entry.after)).toEqual({ name: 'Distribuidora Norte S.A.', orderWeekdays: ['lun'] });
    expect(app.services.cpi.get('2026-10')).toBe(9500.5);
    const again = await importFolder(app, folder);
    expect(again.files.map((f) => [f.file, f.applied, f.unchanged])).toEqual([['suppliers.csv', 0, 1], ['cpi.csv', 0, 1]]);
  });
});

describe('concurrent imports', () => {
  it('refuses a second import while one is running, and takes it once the first is done', async () => {
    const generated = await generateStoreFolder(dir(), { products: 10, saleLines: 200 });
    app = await openTestApp();
    const first = importFolder(app, generated.folder);
    await expect(importFolder(app, generated.folder)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await first).applied).toBe(true);
    expect((await importFolder(app, generated.folder)).message).toContain('No hubo cambios');
  });
});
