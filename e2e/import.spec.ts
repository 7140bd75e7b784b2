import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStoreFolder } from '../main/interchange/fixtures';
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
