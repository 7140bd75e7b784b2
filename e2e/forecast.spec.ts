import { expect, test } from './fixtures';

/**
 * Pronóstico and Compras sugeridas with the demo store: a product's history,
 * forecast band and method; the suggested orders, their explanation, an edited
 * quantity and the draft order made from them.
 */
test('a product forecast with its band, method and the model it comes from', async ({ page, demoStore }) => {
  await page.goto(demoStore.url);
  await expect(page.getByRole('heading', { name: 'Inicio' })).toBeVisible();
  await page.keyboard.press('Alt+p');
  await expect(page.getByRole('heading', { name: 'Pronóstico' })).toBeVisible();
  const model = page.getByRole('complementary', { name: 'Modelo de pronóstico' });
  await expect(model).toContainText('El modelo de base que trae Góndola');
  // The figures behind the model are for who wants them: behind «Detalles técnicos», in the owner's words.
  const backtest = model.getByRole('table', { name: /Backtest/ });
  await expect(backtest).toBeHidden();
  await model.getByText(/Detalles técnicos/).click();
  await expect(backtest).toContainText('Suma semanal suavizada (ADIDA)');
  await expect(backtest).toContainText('Promedio de 28 días');
  await expect(model.getByRole('button', { name: 'Reentrenar ahora' })).toBeDisabled();

  await page.keyboard.press('F2');
  await page.getByRole('searchbox', { name: 'Nombre, código o código de barras' }).fill('leche entera sachet la serenisima');
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Leche entera sachet La Serenísima/ })).toBeVisible();
  await expect(page.getByText('Esperado en 28 días')).toBeVisible();
  await expect(page.getByRole('img', { name: /pronóstico de 28 días/ })).toBeVisible();
  await expect(page.getByText('Por qué este método:')).toBeVisible();
  // The explanation agrees with the facts: a 60-day store is short of the 240 days its own model needs.
  await expect(page.getByText(/Se usa el modelo de base que trae Góndola: la tienda tiene \d+ días de ventas y entrena su propio modelo a partir de 240/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/pronostico.png' });

  await page.getByRole('tab', { name: '14 días' }).click();
  await expect(page.getByText('Esperado en 14 días')).toBeVisible();
  await expect(page.getByRole('img', { name: /pronóstico de 14 días/ })).toBeVisible();

  // The owner's settings: service levels and a local holiday, refused then saved.
  await model.getByRole('button', { name: 'Niveles de servicio y feriados' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configuración del pronóstico' });
  await expect(dialog.getByLabel('Clase A')).toHaveValue('95');
  await dialog.getByLabel('Clase A').fill('120');
  await dialog.getByLabel(/Feriados locales/).fill('8/12/2026\n31/02/2026');
  await dialog.getByRole('button', { name: /Guardar/ }).click();
  await expect(dialog.getByText('Entre 50 y 99,5 %')).toBeVisible();
  await expect(dialog.getByText('«31/02/2026» no es una fecha (DD/MM/AAAA)')).toBeVisible();
  await dialog.getByLabel('Clase A').fill('97,5');
  await dialog.getByLabel(/Feriados locales/).fill('15/12/2026');
  await dialog.getByRole('button', { name: /Guardar/ }).click();
  await expect(page.getByText('Configuración del pronóstico guardada.')).toBeVisible();
  await model.getByRole('button', { name: 'Niveles de servicio y feriados' }).click();
  await expect(dialog.getByLabel('Clase A')).toHaveValue('97,5');
  await expect(dialog.getByLabel(/Feriados locales/)).toHaveValue('15/12/2026');
  await page.screenshot({ path: 'test-results/screens/pronostico-configuracion.png' });
  await page.keyboard.press('Escape');
});

test('suggested purchases explain themselves and become a draft order', async ({ page, demoStore }) => {
  await page.goto(`${demoStore.url}`);
  await expect(page.getByRole('heading', { name: 'Inicio' })).toBeVisible();
  await page.keyboard.press('Alt+3');
  await page.getByRole('tab', { name: 'Sugeridas' }).click();
  const first = page.locator('section.suggestion').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  await expect(first).toContainText('Pedir el');
  const supplier = (await first.getByRole('heading').textContent())!;

  await first.getByRole('button', { name: 'por qué' }).first().click();
  await expect(first.locator('.explanation')).toContainText('nivel de servicio');
  await expect(first.locator('.explanation')).toContainText('promedio de 28 días');
  await page.screenshot({ path: 'test-results/screens/compras-sugeridas.png' });

  const qty = first.getByRole('textbox', { name: /Cantidad a pedir de/ }).first();
  await qty.fill('48');
  await qty.press('Enter');
  await expect(first.getByRole('textbox', { name: /Cantidad a pedir de/ }).nth(1)).toBeFocused();
  await first.getByRole('button', { name: 'Crear pedido' }).click();
  await expect(page.getByText(new RegExp(`Pedido N° \\d+ a ${supplier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} creado en borrador`))).toBeVisible();
  await expect(page.getByRole('table', { name: 'Pedidos de compra' })).toContainText(supplier);
  await expect(page.getByRole('table', { name: 'Pedidos de compra' })).toContainText('Borrador');
});
