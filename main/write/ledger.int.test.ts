import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing';

let app: TestApp;
let yerba: string;
let jamon: string;
const CUIT = '30-71234567-1';

beforeEach(async () => {
  app = await openTestApp();
  await app.ok('suppliers.create', { cuit: CUIT, name: 'Distribuidora Norte SA' });
  yerba = (await app.ok('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 700_000, cost: 400_000 })).id;
  jamon = (await app.ok('products.create', { sku: 'JAM', name: 'Jamón cocido', unit: 'kg', price: 2_400_000 })).id;
});
afterEach(() => app.dispose());

const receive = (number: number, lines: object[], date = '2026-11-20') =>
  app.call('receipts.post', { supplierCuit: CUIT, docType: 'A', pos: 1, number, date, lines });

describe('receipts', () => {
  it('enter stock on the store day the goods arrive, not on the invoice date nor the UTC date', async () => {
    const clock = app.core.clock as unknown as { set(iso: string): void };
    // 23:30 in Buenos Aires is already the next day in UTC.
    clock.set('2026-11-23T02:30:00Z');
    await app.call('auth.unlock', { secret: 'clave-segura-1' });
    const tonight = await app.ok('receipts.post', { supplierCuit: CUIT, docType: 'A', pos: 1, number: 10, date: '2026-11-22', lines: [{ productId: yerba, qty: 1_000, unitCost: 400_000 }] });
    expect(tonight).toMatchObject({ date: '2026-11-22', receivedOn: '2026-11-22' });
    const movedAt = () => app.core.sql.raw.prepare("select occurred_at from stock_movements where doc_id = ?").pluck();
    expect(movedAt().get(tonight.id)).toBe('2026-11-23T02:30:00.000Z');

    // A three-year-old invoice asks first, and then its goods enter today, not in 2023.
    const old = { supplierCuit: CUIT, docType: 'A', pos: 1, number: 11, date: '2023-05-10', lines: [{ productId: yerba, qty: 2_000, unitCost: 410_000 }] };
    const asked = await app.call('receipts.post', old);
    expect(asked).toMatchObject({ ok: false, error: { code: 'NEEDS_CONFIRMATION', details: { confirm: 'date' } } });
    expect(asked.ok ? '' : asked.error.message).toContain('10/05/2023');
    expect((await app.ok('products.get', { id: yerba })).onHand).toBe(1_000);
    const confirmed = await app.ok('receipts.post', { ...old, confirmDate: true });
    expect(confirmed).toMatchObject({ date: '2023-05-10', receivedOn: '2026-11-22' });
    expect(movedAt().get(confirmed.id)).toBe('2026-11-23T02:30:00.000Z');

    // An invoice dated after today asks too; goods received tomorrow are refused.
    const future = await app.call('receipts.post', { ...old, number: 12, date: '2026-11-25' });
    expect(future).toMatchObject({ ok: false, error: { code: 'NEEDS_CONFIRMATION' } });
    const tomorrow = await app.call('receipts.post', { ...old, number: 13, date: '2026-11-22', receivedOn: '2026-11-23' });
    expect(tomorrow).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'receivedOn' }] } } });

    // Received on an earlier day the person sets: stock enters at the start of that day.
    const monday = await app.ok('receipts.post', { ...old, number: 14, date: '2026-11-15', receivedOn: '2026-11-16' });
    expect(movedAt().get(monday.id)).toBe('2026-11-16T03:00:00.000Z');
  });

  it('move stock and the weighted average cost, and refuse the same invoice twice', async () => {
    expect(await receive(1, [{ productId: yerba, qty: 10_000, unitCost: 400_000 }])).toMatchObject({ ok: true, data: { netTotal: 4_000_000, ivaTotal: 840_000, total: 4_840_000 } });
    await receive(2, [{ productId: yerba, qty: 30_000, unitCost: 480_000 }]);
    expect(await app.ok('products.get', { id: yerba })).toMatchObject({ onHand: 40_000, avgCost: 460_000, cost: 480_000 });

    const again = await receive(2, [{ productId: yerba, qty: 1_000, unitCost: 1 }]);
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE_INVOICE' } });
    expect((await app.ok('products.get', { id: yerba })).onHand).toBe(40_000);
  });

  it('refuse an unknown supplier or a bad CUIT, naming the field', async () => {
    const bad = await app.call('receipts.post', { supplierCuit: '30-71234567-2', docType: 'A', pos: 1, number: 1, date: '2026-11-20', lines: [{ productId: yerba, qty: 1000, unitCost: 1 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'supplierCuit' }] } } });
  });
});

describe('sales', () => {
  it('take stock out earliest expiry first and record voided lines without moving stock', async () => {
    await receive(1, [
      { productId: jamon, qty: 3_000, unitCost: 1_500_000, lot: 'B', expiry: '2026-12-10' },
      { productId: jamon, qty: 2_000, unitCost: 1_500_000, lot: 'A', expiry: '2026-12-01' },
    ]);
    const ticket = await app.ok('sales.close', {
      lines: [
        { productId: jamon, qty: 2_500 },
        { productId: jamon, qty: 9_000, voided: true },
      ],
    });
    expect(ticket).toMatchObject({ total: 6_000_000, oversold: false });
    expect(ticket.lines[1]).toMatchObject({ voided: true });
    expect(await app.ok('stock.lots', { productId: jamon })).toEqual([
      { id: expect.any(String), code: 'B', expiry: '2026-12-10', onHand: 2_500 },
    ]);
    const kardex = await app.ok('stock.kardex', { productId: jamon });
    expect(kardex.items.map((m: { qty: number; balanceAfter: number }) => [m.qty, m.balanceAfter])).toEqual([
      [-500, 2_500],
      [-2_000, 3_000],
      [2_000, 5_000],
      [3_000, 3_000],
    ]);
    expect(kardex.items[0].docRef).toBe(`Ticket ${ticket.number}`);
    expect(kardex.items[3].docRef).toBe('30-71234567-1 A 00001-00000001');
  });

  it('refuse selling more than on hand unless the store allows it, then flag the ticket', async () => {
    await receive(1, [{ productId: yerba, qty: 2_000, unitCost: 400_000 }]);
    const refused = await app.call('sales.close', { lines: [{ productId: yerba, qty: 1_000 }, { productId: yerba, qty: 2_000 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK', details: { onHand: 2_000, requested: 3_000 } } });
    expect((await app.ok('sales.list', {})).total).toBe(0);

    await app.ok('settings.update', { allowNegativeStock: true });
    const flagged = await app.ok('sales.close', { lines: [{ productId: yerba, qty: 3_000 }] });
    expect(flagged.oversold).toBe(true);
    expect((await app.ok('products.get', { id: yerba })).onHand).toBe(-1_000);
  });

  it('return at the price charged, never more than was sold', async () => {
    await receive(1, [{ productId: yerba, qty: 5_000, unitCost: 400_000 }]);
    const sale = await app.ok('sales.close', { lines: [{ productId: yerba, qty: 3_000, unitPrice: 650_000, discount: 50_000, reason: 'cliente habitual' }] });
    const back = await app.ok('sales.return', { originalNumber: sale.number, reason: 'fallado', lines: [{ productId: yerba, qty: 2_000 }] });
    expect(back).toMatchObject({ originalNumber: sale.number, total: -1_266_666 });
    expect((await app.ok('products.get', { id: yerba })).onHand).toBe(4_000);
    const tooMuch = await app.call('sales.return', { originalNumber: sale.number, reason: 'fallado', lines: [{ productId: yerba, qty: 2_000 }] });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'lines.0.qty' }] } } });
  });
});

describe('adjustments and counts', () => {
  it('post adjustments with a reason and refuse taking out more than there is', async () => {
    await receive(1, [{ productId: yerba, qty: 5_000, unitCost: 400_000 }]);
    expect(await app.ok('stock.adjust', { productId: yerba, qty: -1_000, reason: 'rotura' })).toMatchObject({ kind: 'adjustment', reason: 'rotura', qty: -1_000, balanceAfter: 4_000 });
    expect(await app.call('stock.adjust', { productId: yerba, qty: -5_000, reason: 'robo' })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK' } });
  });

  it('keep the count blind while open and post the differences on approval', async () => {
    await receive(1, [{ productId: yerba, qty: 10_000, unitCost: 400_000 }]);
    const session = await app.ok('counts.open', { name: 'Estante 1', productIds: [yerba, jamon] });
    await app.ok('counts.record', { sessionId: session.id, productId: yerba, counted: 8_000 });
    const open = await app.ok('counts.get', { sessionId: session.id });
    expect(open.lines.find((l: { productId: string }) => l.productId === yerba)).toMatchObject({ counted: 8_000, expected: null, difference: null });

    // A sale between counting and closing is part of what the ledger expects at close.
    await app.ok('sales.close', { lines: [{ productId: yerba, qty: 1_000 }] });
    const closed = await app.ok('counts.close', { sessionId: session.id });
    expect(closed.lines.find((l: { productId: string }) => l.productId === yerba)).toMatchObject({ expected: 9_000, difference: -1_000, differenceValue: -400_000 });
    expect((await app.ok('products.get', { id: yerba })).onHand).toBe(9_000);
    expect(await app.call('counts.record', { sessionId: session.id, productId: yerba, counted: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    await app.ok('counts.approve', { sessionId: session.id });
    expect((await app.ok('products.get', { id: yerba })).onHand).toBe(8_000);
    const kardex = await app.ok('stock.kardex', { productId: yerba, limit: 1 });
    expect(kardex.items[0]).toMatchObject({ kind: 'count', qty: -1_000, docRef: 'Conteo Estante 1' });
    // Jamón was never counted: nothing posted for it.
    expect((await app.ok('stock.kardex', { productId: jamon })).total).toBe(0);
  });
});

describe('the ledger', () => {
  it('cannot be edited or deleted, even directly in SQLite', async () => {
    await receive(1, [{ productId: yerba, qty: 1_000, unitCost: 1 }]);
    const raw = app.core.sql.raw;
    expect(() => raw.prepare('update stock_movements set qty = 5').run()).toThrow(/append-only/);
    expect(() => raw.prepare('delete from stock_movements').run()).toThrow(/append-only/);
  });

  it('resolves barcodes, scale labels and skus', async () => {
    await app.ok('products.update', { id: jamon, changes: { scalePlu: 42 } });
    expect(await app.ok('scan.resolve', { code: '2000042012502' })).toMatchObject({ productId: jamon, qty: 1_250, source: 'scale' });
    expect(await app.call('scan.resolve', { code: '2000042012503' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await app.ok('scan.resolve', { code: 'yer' })).toMatchObject({ productId: yerba, qty: null, source: 'sku' });
  });
});
