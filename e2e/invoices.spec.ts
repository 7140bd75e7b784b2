import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { degradedImage, syntheticInvoice, syntheticSupplier } from '../main/testing/synthetic-invoices';
import { expect, test } from './fixtures';

/** Writes a file to upload into a fresh temp folder; returns its path. */
function uploadFile(name: string, bytes: Uint8Array | string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gondola-e2e-invoice-')), name);
  writeFileSync(file, bytes);
  return file;
}

test('read a supplier invoice, fix it, map its lines and post it; the same invoice is refused the second time', async ({ page, demoStore: store }) => {
  test.setTimeout(90_000);
  const supplier = syntheticSupplier(3);
  const { pdf, truth } = await syntheticInvoice({ seed: 77, supplier, products: [0, 5, 10, 15], lines: 4, letter: 'A', qr: true, layout: 0 });
  const file = uploadFile('factura-proveedor.pdf', pdf);

  await page.goto(`${store.url}#/compras`);
  await page.getByRole('tab', { name: 'Leer factura' }).click();
  await page.getByLabel('Factura (PDF o imagen)').setInputFiles(file);
  await expect(page.getByText('leída con QR de AFIP, texto del PDF')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel('Punto de venta')).toHaveValue(String(truth.header.pos));
  await expect(page.getByLabel('Número')).toHaveValue(String(truth.header.number));
  const [y, m, d] = truth.header.date.split('-');
  await expect(page.getByLabel('Fecha', { exact: true })).toHaveValue(`${d}/${m}/${y}`);
  await expect(page.getByText('Las cuentas de la factura cierran')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Página 1 de la factura' })).toBeVisible();

  // An unknown supplier: its form opens with what the invoice says, to check and complete.
  await expect(page.getByText(`No hay un proveedor con CUIT ${supplier.cuit}`)).toBeVisible();
  await page.getByRole('button', { name: `Dar de alta «${supplier.name}»` }).click();
  const newSupplier = page.getByRole('dialog', { name: 'Nuevo proveedor' });
  await expect(newSupplier.getByLabel('Razón social')).toHaveValue(supplier.name);
  await expect(newSupplier.getByLabel('CUIT')).toHaveValue(supplier.cuit);
  await newSupplier.getByLabel('Demora de entrega (días)').fill('3');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Proveedor: ${supplier.name}`)).toBeVisible();
  expect((await store.rpc<{ leadTimeDays: number }[]>('suppliers.list', { query: supplier.name })).data![0]).toMatchObject({ leadTimeDays: 3 });

  // Each line comes with the catalog product that looks like it; the first is created from the line instead.
  const rows = page.getByRole('table', { name: 'Líneas de la factura' }).locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const first = truth.lines[0]!;
  await rows.nth(0).getByRole('button', { name: 'Crear' }).click();
  await page.getByLabel('Código (SKU)').fill('NUEVO-1');
  await page.getByRole('dialog', { name: 'Crear producto' }).getByRole('button', { name: 'Crear' }).click();
  await expect(page.getByLabel(`Producto para ${first.description}`)).toContainText(first.description);
  await page.getByLabel(`Lote de ${first.description}`).fill('L-77');
  await page.getByLabel(`Vencimiento de ${first.description}`).fill('01/03/2027');
  // The totals are checked as the lines stand: a wrong cost says so; put back, the accounts close again.
  const second = truth.lines[1]!;
  const cost = page.getByLabel(`Costo de ${second.description}`);
  const read = await cost.inputValue();
  await cost.fill('1');
  await expect(page.getByTestId('totals-check')).toContainText('Las líneas suman');
  await cost.fill(read);
  await expect(page.getByTestId('totals-check')).toContainText('Las cuentas de la factura cierran');
  await page.getByLabel('Número').click(); // the field's place is outlined on the page
  await page.screenshot({ path: 'test-results/screens/factura.png' });
  await page.keyboard.press('F10');
  // The generated invoice is months old: the screen asks once, and its goods enter today.
  const ask = page.getByRole('alertdialog', { name: '¿La fecha de la factura es correcta?' });
  await expect(ask).toContainText(`${d}/${m}/${y}`);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Factura registrada: ${supplier.name}`)).toBeVisible();

  // What the invoice printed is kept beside what its lines make.
  const receipts = await store.rpc<{ items: { printedTotal: number | null; total: number; rounding: number }[] }>('receipts.list', { supplierCuit: supplier.cuit });
  expect(receipts.data!.items[0]!.printedTotal).toBe(truth.header.total);
  const created = await store.rpc<{ id: string; onHand: number; avgCost: number }>('products.get', { sku: 'NUEVO-1' });
  expect(created.data).toMatchObject({ onHand: first.qty, avgCost: first.unitPrice * (1 - first.discount / 100) });

  // The same file again: the screen says so and posting is off.
  await page.getByLabel('Factura (PDF o imagen)').setInputFiles(file);
  await expect(page.getByText('Esta factura ya se recibió')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /Confirmar y registrar/ })).toBeDisabled();
  // What was confirmed is remembered: the created product is now the first suggestion, by the supplier's code.
  await expect(page.getByLabel(`Producto para ${first.description}`)).toContainText('código del proveedor');
});

test('a file that is not an invoice gets a clear message and nothing changes', async ({ page, store }) => {
  const file = uploadFile('notas.pdf', 'no soy un PDF');
  await page.goto(`${store.url}#/compras`);
  await page.getByRole('tab', { name: 'Leer factura' }).click();
  await page.getByLabel('Factura (PDF o imagen)').setInputFiles(file);
  await expect(page.getByRole('alert')).toHaveText('El archivo no es un PDF ni una imagen (PNG o JPEG).');
});

test('a phone photo of an invoice is read with OCR and every doubt is shown', async ({ page, demoStore: store }) => {
  test.setTimeout(90_000);
  const { pdf } = await syntheticInvoice({ seed: 12, supplier: syntheticSupplier(4), lines: 6, letter: 'A', qr: true, layout: 1 });
  const file = uploadFile('foto.jpg', await degradedImage(pdf, 'perspective', 12));
  await page.goto(`${store.url}#/compras`);
  await page.getByRole('tab', { name: 'Leer factura' }).click();
  await page.getByLabel('Factura (PDF o imagen)').setInputFiles(file);
  await expect(page.getByText(/leída con QR de AFIP, OCR/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Líneas de la factura' }).locator('tbody tr')).not.toHaveCount(0);
  await page.getByRole('table', { name: 'Líneas de la factura' }).locator('tbody tr').first().click();
  await page.screenshot({ path: 'test-results/screens/factura-foto.png' });
});
