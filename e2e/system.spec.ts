import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const shots = 'test-results/screens';

test('Sistema: the owner makes a backup from the screen and fills the store identity printed on purchase orders', async ({ page, store }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${store.url}#/sistema`);
  await expect(page.getByRole('heading', { name: 'Sistema' })).toBeVisible();
  const last = page.getByTestId('last-backup');
  await expect(last).toContainText('Todavía no se hizo ninguna copia');
  await last.getByRole('button', { name: 'Hacer copia ahora' }).click();
  await expect(page.getByText(/Copia verificada: gondola-\d{4}-\d{2}-\d{2}-\d{6}\.db/)).toBeVisible();
  await expect(last).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · .* · gondola-\d{4}-\d{2}-\d{2}-\d{6}\.db/);
  const info = await store.rpc<{ lastBackup: { path: string } }>('system.info', {});
  expect(existsSync(info.data!.lastBackup.path)).toBe(true);
  expect(info.data!.lastBackup.path.startsWith(join(store.dataDir, 'backups'))).toBe(true);

  await page.getByLabel('Nombre del negocio').fill('Almacén Don Pepe');
  await page.getByLabel('CUIT').fill('20-12345678-6');
  await page.getByLabel('Dirección').fill('Av. Pellegrini 1234, Rosario');
  await page.getByLabel('Condición frente al IVA').selectOption({ label: 'Responsable Monotributo' });
  await page.getByLabel('Ingresos Brutos').fill('021-123456-7');
  await page.getByRole('textbox', { name: 'Inicio de actividades' }).fill('1/3/19');
  await page.getByLabel('Devoluciones de un cajero sin PIN, hasta ($)').fill('abc');
  await page.getByRole('button', { name: 'Guardar configuración' }).click();
  // The error is said under its own field, nothing is saved.
  await expect(page.getByLabel('Devoluciones de un cajero sin PIN, hasta ($)').locator('..').getByRole('alert')).toBeVisible();
  expect((await store.rpc<{ storeAddress: string | null }>('settings.get', {})).data!.storeAddress).toBeNull();
  await page.getByLabel('Devoluciones de un cajero sin PIN, hasta ($)').fill('50.000');
  await page.getByRole('button', { name: 'Guardar configuración' }).click();
  await expect(page.getByText('Configuración guardada')).toBeVisible();
  await page.screenshot({ path: `${shots}/sistema-identidad.png`, fullPage: true });
  expect((await store.rpc('settings.get', {})).data).toMatchObject({
    storeName: 'Almacén Don Pepe',
    storeAddress: 'Av. Pellegrini 1234, Rosario',
    ivaCondition: 'monotributo',
    iibb: '021-123456-7',
    activityStart: '2019-03-01',
    returnPinAbove: 5_000_000,
  });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${shots}/sistema-1920.png` });
});
