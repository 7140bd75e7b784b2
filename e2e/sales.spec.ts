import { expect, test } from './fixtures';

test('scan products into a ticket, void one line, close it, and see stock drop', async ({ page, demoStore }) => {
  const list = await demoStore.rpc<{ items: { id: string; name: string; barcodes: string[]; onHand: number; price: number }[] }>('products.list', {
    query: 'yerba mate',
  });
  // Whichever yerba the demo store has most of.
  const yerba = list.data!.items.filter((p) => p.barcodes.length > 0).sort((a, b) => b.onHand - a.onHand)[0]!;
  const name = new RegExp(yerba.name);
  // The demo's history depends on the day it is built: make sure there is enough on the shelf.
  const supplier = (await demoStore.rpc<{ cuit: string }[]>('suppliers.list', {})).data![0]!;
  await demoStore.rpc('receipts.post', { supplierCuit: supplier.cuit, docType: 'R', pos: 99, number: 1, date: '2026-01-02', confirmDate: true, lines: [{ productId: yerba.id, qty: 10_000, unitCost: 100_000 }] });
  const before = (await demoStore.rpc<{ onHand: number }>('products.get', { id: yerba.id })).data!.onHand;
  expect(before).toBeGreaterThan(3000);

  await page.goto(`${demoStore.url}#/ventas`);
  const scan = page.getByRole('textbox', { name: 'Escanear o escribir código' });
  await expect(scan).toBeFocused();
  // A scanner: digits and Enter, three times in a row without waiting.
  for (let i = 0; i < 3; i++) await scan.pressSequentially(`${yerba.barcodes[0]}\n`, { delay: 2 });
  const ticket = page.getByRole('table', { name: 'Ticket en curso' });
  await expect(ticket.getByRole('row', { name: name })).toContainText('3 un');

  // An unknown code beeps and says so; the ticket is untouched.
  await scan.pressSequentially('7790000000000\n', { delay: 2 });
  await expect(page.getByRole('alert')).toContainText('No hay ningún producto con el código 7790000000000');

  // F4 cantidad on the selected line, then a second product by name (F2) and void it (F8).
  await page.keyboard.press('F4');
  await page.getByLabel('Unidades').fill('2');
  await page.getByLabel('Unidades').press('Enter');
  await expect(ticket.getByRole('row', { name: name })).toContainText('2 un');
  await page.keyboard.press('F2');
  await page.getByRole('searchbox', { name: 'Nombre, código o código de barras' }).fill('fernet branca 750');
  await expect(page.getByRole('option', { name: /Fernet Branca 750 ml/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(ticket.getByRole('row', { name: /Fernet Branca 750 ml/ })).toBeVisible();
  await page.keyboard.press('F8');
  await expect(ticket.getByRole('row', { name: /Fernet Branca 750 ml/ })).toContainText('anulada');
  await expect(page.getByTestId('sale-total')).toHaveText(/^\$ [\d.]+,\d\d$/);

  await page.keyboard.press('F10');
  const pay = page.getByRole('dialog', { name: /Cobrar/ });
  await expect(pay).toBeVisible();
  await page.keyboard.press('2');
  await expect(pay.getByRole('radio', { name: /Débito/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Ticket \d+ cobrado/)).toBeVisible();

  const after = (await demoStore.rpc<{ onHand: number }>('products.get', { id: yerba.id })).data!.onHand;
  expect(after).toBe(before - 2000);
  const tickets = await demoStore.rpc<{ items: { number: string; payment: string }[] }>('sales.list', { limit: 1 });
  const last = await demoStore.rpc<{ lines: { voided: boolean; name: string }[]; payment: string }>('sales.get', { number: tickets.data!.items[0]!.number });
  expect(last.data!.payment).toBe('debito');
  expect(last.data!.lines.map((l) => [l.name, l.voided])).toEqual([
    [yerba.name, false],
    ['Fernet Branca 750 ml', true],
  ]);

  // The day's tickets list it; a return of one unit puts it back on the shelf.
  await page.keyboard.press('Alt+t');
  await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible();
  await page.getByRole('table', { name: 'Tickets del día' }).getByRole('button', { name: tickets.data!.items[0]!.number }).click();
  const dialog = page.getByRole('dialog', { name: `Ticket ${tickets.data!.items[0]!.number}` });
  await expect(dialog.getByRole('table', { name: 'Líneas del ticket' })).toContainText('anulada');
  await dialog.getByRole('button', { name: 'Devolución' }).click();
  await dialog.getByLabel(`Devuelve de ${yerba.name}`).fill('1');
  await dialog.getByLabel('Motivo').fill('Fallado');
  await dialog.getByRole('button', { name: /Registrar devolución/ }).click();
  await expect(page.getByText(/Devolución registrada: ticket \d+/)).toBeVisible();
  expect((await demoStore.rpc<{ onHand: number }>('products.get', { id: yerba.id })).data!.onHand).toBe(before - 1000);
  await page.screenshot({ path: 'test-results/screens/tickets.png' });

  // The stock screen shows the new balance in the product's kardex.
  await page.keyboard.press('Alt+4');
  await page.getByRole('searchbox', { name: 'Buscar en el stock' }).fill(yerba.name);
  await expect(page.getByRole('row', { name: name })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.keyboard.press('Enter');
  const kardex = page.getByRole('dialog', { name: new RegExp(`Movimientos de ${yerba.name}`) });
  await expect(kardex.getByRole('row').nth(1)).toContainText('Devolución');
  await expect(kardex.getByRole('row').nth(1)).toContainText('+1 un');
  await expect(kardex.getByRole('row').nth(2)).toContainText('Venta');
  await expect(kardex.getByRole('row').nth(2)).toContainText('-2 un');
});
