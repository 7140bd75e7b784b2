import { expect, test } from './fixtures';

/**
 * Screenshots of every screen with the demo store at 1366×768, kept in
 * test-results/screens/ so a person can look at them after each run.
 */
test('screens with the demo store', async ({ page, demoStore }) => {
  await page.goto(demoStore.url);
  await expect(page.getByText(/1–50 de 621 productos/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Aceite de girasol/ }).first()).toContainText('$ ');
  await page.screenshot({ path: 'test-results/screens/productos.png' });

  await page.getByRole('searchbox', { name: 'Buscar productos' }).fill('yerba');
  await expect(page.getByText(/de 14 productos/)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Editar producto' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/productos-editar.png' });
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+9');
  await expect(page.getByRole('heading', { name: 'Sistema' })).toBeVisible();
  await expect(page.getByText(/\(\d{4}_\w+\)/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sistema.png' });
});
