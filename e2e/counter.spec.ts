import { expect, test } from './fixtures';

const CUIT = '30-71234567-1';

test('the counter: stock on the scan, 3*code, a reload keeps the ticket, hold and resume, the change stays, and an encargado PIN sells what is not there', async ({ page, store }) => {
  await store.rpc('suppliers.create', { cuit: CUIT, name: 'Distribuidora Norte SA' });
  const alfajor = await store.rpc<{ id: string }>('products.create', { sku: 'ALF-1', name: 'Alfajor Guaymallén', category: 'Golosinas', price: 50000, barcodes: ['7790001000019'] });
  const agua = await store.rpc<{ id: string }>('products.create', { sku: 'AGU-1', name: 'Agua mineral sin gas 500 ml', category: 'Bebidas', price: 120000, barcodes: ['7790002000018'] });
  await store.rpc('receipts.post', {
    supplierCuit: CUIT,
    docType: 'A',
    pos: 1,
    number: 1,
    date: new Date(Date.now() - 3 * 3_600_000).toISOString().slice(0, 10),
    lines: [
      { productId: alfajor.data!.id, qty: 1_000, unitCost: 30_000 },
      { productId: agua.data!.id, qty: 20_000, unitCost: 60_000 },
    ],
  });
  await store.rpc('users.create', { name: 'Encarna', role: 'encargado', password: 'clave-de-encarna', pin: '5555' });

  await page.goto(`${store.url}#/ventas`);
  const scan = page.getByRole('textbox', { name: 'Escanear o escribir código' });
  const ticket = page.getByRole('table', { name: 'Ticket en curso' });
  // Three at once, and the shelf has one: said at the scan, with what is left.
  await scan.pressSequentially('3*7790001000019\n', { delay: 2 });
  await expect(ticket.getByRole('row', { name: /Alfajor Guaymallén/ })).toContainText('3 un');
  await expect(ticket.getByRole('row', { name: /Alfajor Guaymallén/ })).toContainText('sin stock');
  await expect(page.getByRole('alert')).toContainText('Sin stock de «Alfajor Guaymallén»: queda 1 unidad');

  // A reload (or a crashed window) gets the open ticket back from the core.
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByText('Se recuperó el ticket en curso.')).toBeVisible();
  await expect(ticket.getByRole('row', { name: /Alfajor Guaymallén/ })).toContainText('3 un');

  // F7: the customer went to fetch something; the ticket waits under a name.
  await page.keyboard.press('F7');
  await page.getByLabel('Nombre para encontrarlo (opcional)').fill('Chico de la bici');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Ticket en espera: Chico de la bici')).toBeVisible();
  await expect(page.getByRole('button', { name: /Retomar \(1\)/ })).toBeVisible();

  // The next customer pays cash; the change stays on screen until the next scan.
  await expect(scan).toBeFocused();
  await scan.pressSequentially('7790002000018\n', { delay: 2 });
  await expect(ticket.getByRole('row', { name: /Agua mineral/ })).toContainText('19 un');
  await page.keyboard.press('F10');
  await page.keyboard.press('Tab');
  await page.getByLabel('Paga con (opcional)').fill('2000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-change')).toContainText('$ 800,00');
  await page.screenshot({ path: 'test-results/screens/ventas-vuelto.png' });
  await page.waitForTimeout(3500);
  await expect(page.getByTestId('sale-change')).toContainText('$ 800,00');

  // F7 with the counter empty lists what waits; Enter takes it back.
  await page.keyboard.press('F7');
  const held = page.getByRole('dialog', { name: 'Tickets en espera' });
  await expect(held).toContainText('Chico de la bici');
  await page.keyboard.press('Enter');
  await expect(ticket.getByRole('row', { name: /Alfajor Guaymallén/ })).toContainText('3 un');
  await expect(page.getByTestId('sale-change')).toHaveCount(0);

  // ¿Te queda? (F6): stock on hand from the counter, never a cost.
  await page.keyboard.press('F6');
  const ask = page.getByRole('dialog', { name: '¿Te queda? Stock en el local' });
  await ask.getByRole('searchbox').fill('agua');
  await expect(ask.getByRole('option', { name: /Agua mineral sin gas 500 ml/ })).toContainText('quedan 19 un');
  await page.keyboard.press('Escape');

  // Charging what is not there asks an encargado's PIN, once; a wrong one is said beside the field.
  await page.keyboard.press('F10');
  await page.keyboard.press('Enter');
  const authorize = page.getByRole('alertdialog', { name: 'Vender sin stock' });
  await expect(authorize).toContainText('queda 1 unidad');
  await authorize.getByLabel('Autoriza').selectOption('Encarna');
  await authorize.getByLabel('PIN').fill('0000');
  await page.keyboard.press('Enter');
  await expect(authorize.getByRole('alert')).toContainText('Usuario o PIN incorrectos');
  await authorize.getByLabel('PIN').fill('5555');
  await page.screenshot({ path: 'test-results/screens/ventas-autorizar.png' });
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Ticket \d+ cobrado: \$ 1\.500,00/)).toBeVisible();
  expect((await store.rpc<{ onHand: number }>('products.get', { id: alfajor.data!.id })).data!.onHand).toBe(-2_000);
  expect((await store.rpc<unknown[]>('sales.held', {})).data).toEqual([]);
});
