import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, tempDir, type TestApp } from '../testing';

let app: TestApp;
let yerba: string;
let arroz: string;
const CUIT = '30-71234567-1';

beforeEach(async () => {
  app = await openTestApp();
  await app.ok('settings.update', { storeName: 'Almacén Don Pepe', storeCuit: '20-12345678-6' });
  await app.ok('suppliers.create', { cuit: CUIT, name: 'Distribuidora Norte SA' });
  yerba = (await app.ok('products.create', { sku: 'YER', name: 'Yerba mate Playadito 1 kg', price: 700_000, cost: 400_000, barcodes: ['7790387000139'] })).id;
  arroz = (await app.ok('products.create', { sku: 'ARR', name: 'Arroz largo fino Gallo Oro 1 kg', price: 250_000, cost: 150_000 })).id;
});
afterEach(() => app.dispose());

describe('purchase orders', () => {
  it('go from draft to sent, partly received, received, moving quantities with each receipt', async () => {
    const draft = await app.ok('purchaseOrders.create', { supplierCuit: CUIT, lines: [{ productId: yerba, qty: 24_000 }, { productId: arroz, qty: 10_000, unitCost: 140_000 }] });
    expect(draft).toMatchObject({ number: 1, status: 'borrador', total: 24 * 400_000 + 10 * 140_000 });
    await app.ok('purchaseOrders.update', { id: draft.id, expectedVersion: 1, note: 'Sin TACC no', lines: [{ productId: yerba, qty: 12_000 }, { productId: arroz, qty: 10_000 }] });
    const sent = await app.ok('purchaseOrders.send', { id: draft.id });
    expect(sent.status).toBe('enviada');
    expect(await app.call('purchaseOrders.update', { id: draft.id, note: null, lines: [{ productId: yerba, qty: 1_000 }] })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    const receive = (number: number, lines: object[]) =>
      app.ok('receipts.post', { supplierCuit: CUIT, docType: 'A', pos: 1, number, date: '2026-11-20', purchaseOrderId: draft.id, lines });
    const first = await receive(1, [{ productId: yerba, qty: 12_000, unitCost: 400_000 }]);
    expect(first.purchaseOrderNumber).toBe(1);
    expect(await app.ok('purchaseOrders.get', { id: draft.id })).toMatchObject({ status: 'parcial', lines: [{ receivedQty: 12_000 }, { receivedQty: 0 }] });
    expect(await app.call('purchaseOrders.cancel', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await receive(2, [{ productId: arroz, qty: 10_000, unitCost: 150_000 }]);
    expect((await app.ok('purchaseOrders.get', { id: draft.id })).status).toBe('recibida');
    expect((await app.ok('purchaseOrders.list', { status: 'recibida' })).items).toHaveLength(1);
  });

  it('refuse receiving against a draft or another supplier’s order', async () => {
    const draft = await app.ok('purchaseOrders.create', { supplierCuit: CUIT, lines: [{ productId: yerba, qty: 1_000 }] });
    const refused = await app.call('receipts.post', { supplierCuit: CUIT, docType: 'R', pos: 1, number: 9, date: '2026-11-20', purchaseOrderId: draft.id, lines: [{ productId: yerba, qty: 1_000, unitCost: 1 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect((await app.ok('products.get', { id: yerba })).onHand).toBe(0);
  });

  it('print as a PDF for the supplier that reads back with the store\'s identity, the supplier\'s codes and EANs, and no audit hash', async () => {
    await app.ok('settings.update', { storeAddress: 'Av. Pellegrini 1234, Rosario', ivaCondition: 'responsable-inscripto', iibb: '021-123456-7', activityStart: '2019-03-01' });
    await app.ok('products.linkSupplier', { productId: yerba, supplierCuit: CUIT, supplierCode: 'PLY-1000' });
    const order = await app.ok('purchaseOrders.create', { supplierCuit: CUIT, note: 'Entregar antes de las 10', lines: [{ productId: yerba, qty: 24_000 }, { productId: arroz, qty: 10_000 }] });
    const pdf = await app.ok('purchaseOrders.pdf', { id: order.id });
    expect(pdf).toMatchObject({ fileName: 'pedido-000001.pdf', mimeType: 'application/pdf' });
    const dir = tempDir('gondola-pdf');
    try {
      const file = join(dir, pdf.fileName);
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Almacén Don Pepe');
      expect(text).toContain('Av. Pellegrini 1234, Rosario');
      expect(text).toContain('CUIT 20-12345678-6 · IVA Responsable Inscripto');
      expect(text).toContain('IIBB 021-123456-7 · Inicio de actividades 01/03/2019');
      expect(text).toContain('Pedido de compra N° 000001');
      expect(text).toContain('Distribuidora Norte SA');
      expect(text).toMatch(/PLY-1000\s+7790387000139\s+Yerba mate Playadito 1 kg\s+24 un\s+\$ 4\.000,00\s+\$ 96\.000,00/);
      expect(text).toMatch(/—\s+—\s+Arroz largo fino Gallo/);
      expect(text).toContain('Total sin IVA: $ 111.000,00');
      expect(text).toContain('Nota: Entregar antes de las 10');
      // It goes to the supplier: the store's internal audit chain stays out of it.
      expect(text).not.toContain('Auditoría');
      expect(text).not.toMatch(/[0-9a-f]{16}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const csv = await app.ok('purchaseOrders.csv', { id: order.id });
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toBe(
      'order,supplier_cuit,supplier_code,sku,barcode,name,qty,unit_cost\n1,30712345671,PLY-1000,YER,7790387000139,Yerba mate Playadito 1 kg,24,4000.00\n1,30712345671,,ARR,,Arroz largo fino Gallo Oro 1 kg,10,1500.00\n',
    );
  });
});
