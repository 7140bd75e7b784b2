import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStoreFolder } from '../main/testing/store-folder';
import { expect, test } from './fixtures';

test('import a folder with a bad row: read the report, nothing applied, then import leaving it out', async ({ page, store }) => {
  const folder = mkdtempSync(join(tmpdir(), 'gondola-e2e-import-'));
  try {
    await generateStoreFolder(folder, { products: 12, saleLines: 60 });
    const sales = join(folder, 'sales.csv');
    const lines = readFileSync(sales, 'utf8').split('\n');
    lines[4] = lines[4]!.replace(/,P\d{5},/, ',NOEXISTE,');
    writeFileSync(sales, lines.join('\n'));

    await page.goto(`${store.url}#/importar`);
    await page.locator('input[type=file]').setInputFiles(readdirSync(folder).map((f) => join(folder, f)));
    await expect(page.getByRole('status', { name: 'Resultado de la importación' })).toContainText('Vista previa: hay 1 error');
    await expect(page.getByRole('region', { name: 'Errores' })).toContainText('sales.csv:5: sku: no existe el producto NOEXISTE');
    await expect(page.getByRole('button', { name: 'Importar' })).toBeDisabled();
    await page.screenshot({ path: 'test-results/screens/importar.png' });
    expect((await store.rpc<{ total: number }>('products.list', {})).data!.total).toBe(0);

    await page.getByLabel('Importar igual, dejando afuera las filas con error').check();
    await page.getByRole('button', { name: 'Importar' }).click();
    await expect(page.getByRole('status', { name: 'Resultado de la importación' })).toContainText('Se importaron');
    const salesRow = page.getByRole('table', { name: 'Resumen por archivo' }).getByRole('row', { name: /sales\.csv/ });
    await expect(salesRow).toContainText('59');
    expect((await store.rpc<{ total: number }>('products.list', {})).data!.total).toBe(12);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the person says how the files write decimals, and the preview reads them again', async ({ page, store }) => {
  const folder = mkdtempSync(join(tmpdir(), 'gondola-e2e-decimals-'));
  try {
    writeFileSync(join(folder, 'products.csv'), 'sku,name,unit,price\r\nARROZ,Arroz 1 kg,un,2500\r\n');
    writeFileSync(join(folder, 'counts.csv'), 'datetime,sku,counted\r\n2026-11-21 20:00,ARROZ,"1,500"\r\n');
    await page.goto(`${store.url}#/importar`);
    await page.locator('input[type=file]').setInputFiles(readdirSync(folder).map((f) => join(folder, f)));
    await expect(page.getByRole('region', { name: 'Errores' })).toContainText('counts.csv:2: counted: «1,500» es ambiguo');
    await page.getByLabel('Decimales').selectOption('comma');
    await expect(page.getByRole('status', { name: 'Resultado de la importación' })).toContainText('Vista previa: 2 filas listas para importar, sin errores.');
    await page.screenshot({ path: 'test-results/screens/importar-decimales.png' });
    await page.getByRole('button', { name: 'Importar' }).click();
    await expect(page.getByRole('status', { name: 'Resultado de la importación' })).toContainText('Se importaron');
    const products = await store.rpc<{ items: { onHand: number }[] }>('products.list', {});
    expect(products.data!.items[0]!.onHand).toBe(1_500);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a list with Spanish headers: what will change is said first, an unknown header is mapped once, and a template downloads', async ({ page, store }) => {
  await store.rpc('products.create', { sku: 'YER-1', name: 'Yerba mate Playadito 1 kg', price: 650000 });
  const folder = mkdtempSync(join(tmpdir(), 'gondola-e2e-headers-'));
  try {
    writeFileSync(join(folder, 'products.csv'), 'Código;Descripción;PVP Lista 2;Rubro\r\nYER-1;Yerba mate Playadito 1 kg;7000;Almacén\r\nARR-1;Arroz largo fino 1 kg;2500;Almacén\r\n');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${store.url}#/importar`);
    await page.locator('input[type=file]').setInputFiles(join(folder, 'products.csv'));
    await expect(page.getByRole('table', { name: 'Resumen por archivo' })).toContainText('falta la columna price («precio»)');
    await page.getByLabel('Columna «PVP Lista 2» de products.csv').selectOption('price');
    await expect(page.getByTestId('import-changes')).toHaveText('Va a cambiar: 1 producto nuevo · 1 precio que cambia · 0 proveedores nuevos');
    await page.screenshot({ path: 'test-results/screens/importar-columnas.png' });
    await page.getByRole('button', { name: 'Importar' }).click();
    await expect(page.getByRole('status', { name: 'Resultado de la importación' })).toContainText('Se importaron');
    expect((await store.rpc<{ price: number }>('products.get', { sku: 'YER-1' })).data!.price).toBe(700000);

    const downloaded = page.waitForEvent('download');
    await page.getByLabel('Plantilla').selectOption('sales.csv');
    await page.getByRole('button', { name: 'Descargar plantilla' }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toBe('sales.csv');
    expect(readFileSync(await file.path(), 'utf8')).toMatch(/^ticket,line,datetime,sku,qty,unit_price/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
