import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing';
import type { Session } from '../session';

let app: TestApp;
let cashier: Session;
let yerba: string;
const CUIT = '30-71234567-1';
const as = (session: Session, method: string, input: unknown) => app.dispatch(method, input, session);

beforeEach(async () => {
  app = await openTestApp();
  await app.ok('suppliers.create', { cuit: CUIT, name: 'Distribuidora Norte SA' });
  yerba = (await app.ok('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 700_000, cost: 400_000 })).id;
  await app.ok('receipts.post', { supplierCuit: CUIT, docType: 'A', pos: 1, number: 1, date: '2026-11-22', lines: [{ productId: yerba, qty: 1_000, unitCost: 400_000 }] });
  await app.ok('users.create', { name: 'Encarna', role: 'encargado', password: 'clave-de-encarna', pin: '5555' });
  await app.ok('users.create', { name: 'Caja2', role: 'cajero', password: 'clave-de-caja-2', pin: '7777' });
  cashier = await app.sessionAs('cajero', 'Beto');
});
afterEach(() => app.dispose());

describe('selling without stock at the counter', () => {
  it('warns at the scan, refuses at close, and goes through once with an encargado PIN, audited', async () => {
    // The scan already says how much is left (a quantity: cashiers may see it).
    expect(await as(cashier, 'scan.resolve', { code: 'yer' })).toMatchObject({ ok: true, data: { onHand: 1_000 } });
    const sale = { payment: 'efectivo', lines: [{ productId: yerba, qty: 3_000 }] };
    const refused = await as(cashier, 'sales.close', sale);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK' } });
    expect(refused.ok ? '' : refused.error.message).toContain('queda 1 unidad');

    // Another cashier's PIN authorizes nothing; a wrong PIN neither.
    expect(await as(cashier, 'auth.authorize', { user: 'Caja2', pin: '7777', action: 'vender-sin-stock' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await as(cashier, 'auth.authorize', { user: 'Encarna', pin: '0000', action: 'vender-sin-stock' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const granted = await as(cashier, 'auth.authorize', { user: 'Encarna', pin: '5555', action: 'vender-sin-stock' });
    expect(granted).toMatchObject({ ok: true, data: { by: 'Encarna', action: 'vender-sin-stock' } });
    const grant = (granted as { data: { grant: string } }).data.grant;

    // A grant is this session's: another session cannot spend it.
    const other = await app.sessionAs('cajero', 'Otra');
    expect(await as(other, 'sales.close', { ...sale, grant })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK' } });

    const sold = await as(cashier, 'sales.close', { ...sale, grant });
    expect(sold).toMatchObject({ ok: true, data: { oversold: true, cashier: 'Beto' } });
    expect((await app.ok('products.get', { id: yerba })).onHand).toBe(-2_000);
    const entry = app.core.sql.raw.prepare("select after from audit_log where method = 'sales.close' order by seq desc limit 1").pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ sinStockAutorizadoPor: 'Encarna' });
    expect(app.core.sql.raw.prepare("select count(*) from audit_log where method = 'auth.authorize' and entity = 'autorizacion'").pluck().get()).toBe(1);

    // Used once: the same grant does not sell again.
    expect(await as(cashier, 'sales.close', { ...sale, grant })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK' } });
  });
});

describe('the open ticket and tickets on hold', () => {
  const line = (qty: number) => ({ productId: yerba, sku: 'YER', name: 'Yerba 1 kg', unit: 'un', qty, unitPrice: 700_000, ivaRate: 21, onHand: 1_000, fromScale: false, voided: false });

  it('keeps the open ticket in the core per user, holds it, resumes it and clears it when sold', async () => {
    expect(await as(cashier, 'sales.draft', {})).toMatchObject({ ok: true, data: { lines: [], updatedAt: null } });
    await as(cashier, 'sales.saveDraft', { lines: [line(1_000)], payment: 'debito' });
    // A reload asks again and gets it back; another user's counter is their own.
    expect(await as(cashier, 'sales.draft', {})).toMatchObject({ ok: true, data: { lines: [{ productId: yerba, qty: 1_000 }], payment: 'debito' } });
    expect(await app.call('sales.draft', {})).toMatchObject({ ok: true, data: { lines: [] } });

    const held = await as(cashier, 'sales.hold', { label: 'Señora del perro' });
    expect(held).toMatchObject({ ok: true, data: { label: 'Señora del perro', userName: 'Beto', items: 1, total: 700_000 } });
    expect(await as(cashier, 'sales.draft', {})).toMatchObject({ ok: true, data: { lines: [] } });
    expect(await as(cashier, 'sales.hold', {})).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    // While another customer is being rung up, resuming is refused (nothing is lost).
    await as(cashier, 'sales.saveDraft', { lines: [line(2_000)], payment: 'efectivo' });
    const id = (held as { data: { id: string } }).data.id;
    expect(await as(cashier, 'sales.resume', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const second = await as(cashier, 'sales.hold', {});
    expect(second).toMatchObject({ ok: true, data: { label: 'Ticket de las 09:00' } });
    expect((await as(cashier, 'sales.held', {})) as { data: unknown[] }).toMatchObject({ data: [{ label: 'Señora del perro' }, { label: 'Ticket de las 09:00' }] });

    expect(await as(cashier, 'sales.resume', { id })).toMatchObject({ ok: true, data: { lines: [{ qty: 1_000 }], payment: 'debito' } });
    expect(await as(cashier, 'sales.resume', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await as(cashier, 'sales.close', { payment: 'debito', lines: [{ productId: yerba, qty: 1_000 }] });
    expect(await as(cashier, 'sales.draft', {})).toMatchObject({ ok: true, data: { lines: [] } });
    expect(await as(cashier, 'sales.resume', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(app.core.sql.raw.prepare("select count(*) from audit_log where entity = 'ticket-en-espera'").pluck().get()).toBe(3);
  });
});
