import { expect, test } from './fixtures';

// A valid EAN-13 (779… Argentina) that the demo store does not use.
const BARCODE = '7790001000019';

test('create a product, find it by scanning its barcode, change its price, and see it after a reload', async ({ page, store }) => {
  await page.goto(`${store.url}#/productos`);
  await expect(page.getByRole('heading', { name: 'Productos' })).toBeVisible();
  await expect(page.getByText('Todavía no hay productos')).toBeVisible();

  await page.keyboard.press('F3');
  const dialog = page.getByRole('dialog', { name: 'Nuevo producto' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Nombre').fill('Yerba mate Playadito 1 kg');
  await dialog.getByLabel('Código interno (SKU)').fill('YER-001');
  await dialog.getByLabel('Precio de venta (con IVA)').fill('6.890,50');
  await dialog.getByLabel('Categoría').fill('Almacén');
  await dialog.getByLabel('Códigos de barras').fill(BARCODE);
  await dialog.getByLabel('Nombre').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Producto creado: Yerba mate Playadito 1 kg')).toBeVisible();

  // A scanner types the digits and Enter into the search box: the product opens.
  const search = page.getByRole('searchbox', { name: 'Buscar productos' });
  await search.fill('');
  await search.pressSequentially(BARCODE, { delay: 5 });
  await search.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Editar producto' });
  await expect(edit).toBeVisible();
  await expect(edit.getByLabel('Precio de venta (con IVA)')).toHaveValue('6890,50');
  await edit.getByLabel('Precio de venta (con IVA)').fill('7250');
  await edit.getByLabel('Precio de venta (con IVA)').press('Enter');
  await expect(edit).toBeHidden();

  await page.reload();
  await page.getByRole('searchbox', { name: 'Buscar productos' }).fill(BARCODE);
  const row = page.getByRole('row', { name: /Yerba mate Playadito 1 kg/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('$ 7.250,00');
  await expect(row).toContainText('YER-001');

  const stored = await store.rpc<{ price: number; version: number }>('products.get', { barcode: BARCODE });
  expect(stored.data).toMatchObject({ price: 725000, version: 2 });
});

test('an invalid price shows the Spanish message beside the field and saves nothing', async ({ page, store }) => {
  await page.goto(`${store.url}#/productos`);
  await page.getByRole('button', { name: /Nuevo producto/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuevo producto' });
  await dialog.getByLabel('Nombre').fill('Fideos Matarazzo 500 g');
  await dialog.getByLabel('Código interno (SKU)').fill('FID-1');
  const price = dialog.getByLabel('Precio de venta (con IVA)');
  await price.fill('doce pesos');
  await price.press('Enter');
  const message = dialog.locator('#product-price-error');
  await expect(message).toHaveText('El precio no es un número válido: escribilo como 1234,50');
  await expect(price).toBeFocused();
  await expect(price).toHaveAttribute('aria-invalid', 'true');

  await price.fill('-150');
  await price.press('Enter');
  await expect(message).toHaveText('El precio no puede ser negativo');
  await expect(dialog).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const list = await store.rpc<{ total: number }>('products.list', {});
  expect(list.data?.total).toBe(0);
});

test('a bad check digit and a taken code are explained beside the barcode field', async ({ page, store }) => {
  await store.rpc('products.create', { sku: 'A1', name: 'Arroz Gallo Oro 1 kg', price: 249000, barcodes: [BARCODE] });
  await page.goto(`${store.url}#/productos`);
  await expect(page.getByText('1–1 de 1 productos')).toBeVisible();
  await page.keyboard.press('F3');
  const dialog = page.getByRole('dialog', { name: 'Nuevo producto' });
  await dialog.getByLabel('Nombre').fill('Arroz Molinos Ala 1 kg');
  await dialog.getByLabel('Código interno (SKU)').fill('A2');
  await dialog.getByLabel('Precio de venta (con IVA)').fill('2190');
  await dialog.getByLabel('Códigos de barras').fill('7790001000010');
  await dialog.getByLabel('Nombre').press('Enter');
  await expect(dialog.locator('#product-barcodes-error')).toHaveText(
    'El código de barras 7790001000010 no es válido: revisá el último dígito',
  );
  await dialog.getByLabel('Códigos de barras').fill(BARCODE);
  await dialog.getByLabel('Nombre').press('Enter');
  await expect(dialog.locator('#product-barcodes-error')).toHaveText(
    `El código de barras ${BARCODE} ya es de «Arroz Gallo Oro 1 kg»`,
  );
  expect((await store.rpc<{ total: number }>('products.list', {})).data?.total).toBe(1);
});

test('an unknown scanned code beeps, says so, and F3 starts a product with that code', async ({ page, demoStore }) => {
  await page.goto(`${demoStore.url}#/productos`);
  await expect(page.getByText(/1–50 de 621 productos/)).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Buscar productos' });
  await search.pressSequentially(BARCODE, { delay: 5 });
  await search.press('Enter');
  await expect(page.getByRole('alert')).toContainText(`No hay ningún producto con el código ${BARCODE}`);
  await page.keyboard.press('F3');
  await expect(page.getByRole('dialog', { name: 'Nuevo producto' }).getByLabel('Códigos de barras')).toHaveValue(BARCODE);
});

test('link a product with a second supplier and its own code, from the product form', async ({ page, demoStore }) => {
  await page.goto(`${demoStore.url}#/productos`);
  await page.getByRole('searchbox', { name: 'Buscar productos' }).fill('yerba');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Editar producto' });
  await expect(edit.getByRole('heading', { name: 'Otros proveedores' })).toBeVisible();
  // Any supplier other than the main one (the lists load after the dialog opens).
  await expect.poll(() => edit.locator('#link-supplier option').count()).toBeGreaterThan(2);
  await expect(edit.getByLabel('Proveedor principal')).not.toHaveValue('');
  const main = await edit.getByLabel('Proveedor principal').inputValue();
  const options = await edit.locator('#link-supplier option').evaluateAll((els) => els.map((e) => e.getAttribute('value') ?? '').filter(Boolean));
  const second = options.find((cuit) => cuit !== main)!;
  await edit.locator('#link-supplier').selectOption(second);
  await edit.getByLabel('Código de ese proveedor').fill('MAY-4410');
  await edit.getByLabel('Unidades por bulto de ese proveedor').fill('12');
  await edit.getByLabel('Unidades por bulto de ese proveedor').press('Enter');
  await expect(edit.getByRole('cell', { name: 'MAY-4410' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/productos-proveedores.png' });
  // Enter in the link row linked; it did not save and close the form.
  await expect(edit).toBeVisible();
  const sku = await edit.getByLabel('Código interno (SKU)').inputValue();
  const linked = await demoStore.rpc<{ suppliers: { supplierCode: string | null; packSize: number; main: boolean }[] }>('products.get', { sku });
  expect(linked.data!.suppliers).toContainEqual(expect.objectContaining({ supplierCode: 'MAY-4410', packSize: 12, main: false }));
});
