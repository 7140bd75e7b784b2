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

/**
 * Every screen at the two sizes a store's PC has, with the demo store: each
 * opens on its heading and nothing runs past the window sideways (a table or
 * a toolbar wider than the screen is cut for the person). The screenshots are
 * kept to be looked at.
 */
test('every screen at 1366×768 and 1920×1080, nothing wider than the window', async ({ page, demoStore }) => {
  test.setTimeout(120_000);
  const screens: [string, string][] = [
    ['inicio', 'Inicio'],
    ['ventas', 'Ventas'],
    ['tickets', 'Tickets'],
    ['compras', 'Compras'],
    ['pronostico', 'Pronóstico'],
    ['forense', 'Forense'],
    ['stock', 'Stock'],
    ['inventario', 'Inventario'],
    ['productos', 'Productos'],
    ['proveedores', 'Proveedores'],
    ['importar', 'Importar'],
    ['usuarios', 'Usuarios'],
    ['sistema', 'Sistema'],
  ];
  await page.goto(demoStore.url);
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const [path, heading] of screens) {
      await page.goto(`${demoStore.url}#/${path}`);
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      await page.waitForTimeout(300);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow, `${path} at ${width}px is ${overflow}px wider than the window`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screens/sweep-${path}-${width}.png` });
    }
  }
});
