import { expect, test } from './fixtures';

/**
 * Screenshots of every screen with the demo store at 1366×768, kept in
 * test-results/screens/ so a person can look at them after each run.
 */
test('screens with the demo store', async ({ page, demoStore }) => {
  await page.goto(demoStore.url);
  await expect(page.getByRole('heading', { name: 'Inicio' })).toBeVisible();
  await expect(page.getByText('Valor del stock (a costo)')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/inicio.png' });

  await page.keyboard.press('Alt+6');
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

  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: 'Stock' })).toBeVisible();
  await expect(page.getByTestId('stock-value')).not.toHaveText('$ 0,00');
  await page.screenshot({ path: 'test-results/screens/stock.png' });
  await page.getByRole('searchbox', { name: 'Buscar en el stock' }).fill('leche entera sachet la serenisima');
  await expect(page.getByRole('row', { name: /Leche entera sachet La Serenísima/ })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /Movimientos de Leche entera/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/stock-kardex.png' });
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Ventas' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/ventas.png' });

  await page.keyboard.press('Alt+9');
  await expect(page.getByRole('heading', { name: 'Sistema' })).toBeVisible();
  await expect(page.getByText(/\(\d{4}_\w+\)/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sistema.png' });
});
