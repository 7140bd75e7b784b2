import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing';
import type { Session } from '../session';

let app: TestApp;
let cashier: Session;
let yerba: string;
let fideos: string;
const CUIT = '30-71234567-1';
const as = (session: Session, method: string, input: unknown) => app.dispatch(method, input, session);
const grantOf = async (session: Session, user: string, pin: string, action: string) => {
  const result = await as(session, 'auth.authorize', { user, pin, action });
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { grant: string }).grant;
};
const lastAudit = () => JSON.parse(app.core.sql.raw.prepare('select after from audit_log order by seq desc limit 1').pluck().get() as string);

beforeEach(async () => {
  app = await openTestApp();
  await app.ok('suppliers.create', { cuit: CUIT, name: 'Distribuidora Norte SA' });
  yerba = (await app.ok('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 700_000, cost: 400_000 })).id;
  fideos = (await app.ok('products.create', { sku: 'FID', name: 'Fideos 500 g', price: 150_000, cost: 80_000 })).id;
  await app.ok('receipts.post', {
    supplierCuit: CUIT,
    docType: 'A',
    pos: 1,
    number: 1,
    date: '2026-11-22',
    lines: [
      { productId: yerba, qty: 50_000, unitCost: 400_000 },
      { productId: fideos, qty: 50_000, unitCost: 80_000 },
    ],
  });
  await app.ok('users.create', { name: 'Encarna', role: 'encargado', password: 'clave-de-encarna', pin: '5555' });
  cashier = await app.sessionAs('cajero', 'Beto');
});
afterEach(() => app.dispose());

describe('a price override or a discount at the counter', () => {
  it('asks everyone for a reason and a cashier for an encargado PIN, and keeps the shelf price it replaced', async () => {
    const discounted = { productId: yerba, qty: 2_000, discount: 100_000 };
    // No reason: refused for the owner too, naming the line's field.
    const noReason = await app.call('sales.close', { lines: [discounted] });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'lines.0.reason' }] } } });

    // A cashier with a reason still needs an authorization, and a cashier's own PIN gives none.
    const withReason = { ...discounted, reason: 'Paquete golpeado' };
    expect(await as(cashier, 'sales.close', { lines: [withReason] })).toMatchObject({ ok: false, error: { code: 'NEEDS_AUTHORIZATION', details: { action: 'precio', line: 0 } } });
    const other = await app.sessionAs('cajero', 'Caja3');

    const grant = await grantOf(cashier, 'Encarna', '5555', 'precio');
    // A grant for selling without stock does not change prices.
    const wrongKind = await grantOf(cashier, 'Encarna', '5555', 'vender-sin-stock');
    expect(await as(cashier, 'sales.close', { lines: [{ ...withReason, grant: wrongKind }] })).toMatchObject({ ok: false, error: { code: 'NEEDS_AUTHORIZATION' } });
    // Nor is it another session's.
    expect(await as(other, 'sales.close', { lines: [{ ...withReason, grant }] })).toMatchObject({ ok: false, error: { code: 'NEEDS_AUTHORIZATION' } });

    const sold = await as(cashier, 'sales.close', { lines: [{ ...withReason, grant }, { productId: fideos, qty: 1_000, unitPrice: 120_000, reason: 'Precio de la semana pasada', grant }] });
    // One grant per override: the second line's reuse of the same grant is fine within one ticket.
    expect(sold).toMatchObject({
      ok: true,
      data: {
        total: 1_400_000 - 100_000 + 120_000,
        authorizedBy: 'Encarna',
        lines: [
          { shelfPrice: 700_000, discount: 100_000, reason: 'Paquete golpeado', amount: 1_300_000 },
          { shelfPrice: 150_000, unitPrice: 120_000, reason: 'Precio de la semana pasada' },
        ],
      },
    });
    expect(lastAudit()).toMatchObject({ autorizadoPor: ['Encarna'], precios: [{ producto: 'YER', descuento: 100_000, motivo: 'Paquete golpeado' }, { producto: 'FID', precio: 120_000 }] });
    // Spent: the same grant does not discount the next ticket.
    expect(await as(cashier, 'sales.close', { lines: [{ ...withReason, grant }] })).toMatchObject({ ok: false, error: { code: 'NEEDS_AUTHORIZATION' } });

    // The shelf price needs nothing; a line charged as on the shelf keeps no shelf price.
    const plain = await as(cashier, 'sales.close', { lines: [{ productId: yerba, qty: 1_000, unitPrice: 700_000 }] });
    expect(plain).toMatchObject({ ok: true, data: { authorizedBy: null, lines: [{ shelfPrice: null, reason: null }] } });
  });

  it('keeps a grant when the ticket is refused for another reason', async () => {
    const grant = await grantOf(cashier, 'Encarna', '5555', 'precio');
    const line = { productId: yerba, qty: 60_000, discount: 10_000, reason: 'Cliente habitual', grant };
    expect(await as(cashier, 'sales.close', { lines: [line] })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK' } });
    expect(await as(cashier, 'sales.close', { lines: [{ ...line, qty: 1_000 }] })).toMatchObject({ ok: true });
  });

  it('refuses a discount larger than its line, for everyone, and writes nothing', async () => {
    const before = app.core.sql.raw.prepare('select count(*) from sale_tickets').pluck().get();
    const result = await app.call('sales.close', { lines: [{ productId: yerba, qty: 1_000, discount: 4_900_000, reason: 'x' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'lines.0.discount' }] } } });
    expect(result.ok ? '' : result.error.message).toContain('es mayor que la línea');
    expect(app.core.sql.raw.prepare('select count(*) from sale_tickets').pluck().get()).toBe(before);
  });
});

describe('split payments', () => {
  it('records each method and refuses parts that do not add up to the total', async () => {
    const lines = [{ productId: yerba, qty: 2_000 }]; // $ 14.000
    const short = await as(cashier, 'sales.close', { lines, payments: [{ method: 'efectivo', amount: 500_000 }, { method: 'debito', amount: 800_000 }] });
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'payments' }] } } });
    expect(short.ok ? '' : short.error.message).toBe('Los pagos suman $ 13.000,00 y el ticket $ 14.000,00: tienen que coincidir');

    const paid = await as(cashier, 'sales.close', {
      lines,
      payments: [
        { method: 'efectivo', amount: 500_000 },
        { method: 'debito', amount: 600_000 },
        { method: 'efectivo', amount: 300_000 },
      ],
    });
    // The same method twice is one part; the ticket's method is the one that paid most.
    expect(paid).toMatchObject({ ok: true, data: { payment: 'efectivo', payments: [{ method: 'efectivo', amount: 800_000 }, { method: 'debito', amount: 600_000 }] } });
    const number = (paid as { data: { number: string } }).data.number;
    expect(await app.ok('sales.get', { number })).toMatchObject({ payments: [{ method: 'efectivo', amount: 800_000 }, { method: 'debito', amount: 600_000 }] });
    expect(lastAudit()).toMatchObject({ pagos: [{ method: 'efectivo' }, { method: 'debito' }] });

    // One method: the ticket's own payment, no parts kept.
    const single = await as(cashier, 'sales.close', { lines, payments: [{ method: 'qr', amount: 1_400_000 }] });
    expect(single).toMatchObject({ ok: true, data: { payment: 'qr', payments: [{ method: 'qr', amount: 1_400_000 }] } });
    expect(app.core.sql.raw.prepare('select count(*) from sale_payments').pluck().get()).toBe(2);
  });
});

describe('returns at the counter', () => {
  it('asks a reason; a cashier needs a PIN for another cashier\'s ticket or above the owner\'s amount', async () => {
    const own = (await as(cashier, 'sales.close', { lines: [{ productId: fideos, qty: 2_000 }] })) as { data: { number: string } };
    const owners = await app.ok('sales.close', { lines: [{ productId: fideos, qty: 2_000 }] });
    const big = (await as(cashier, 'sales.close', { lines: [{ productId: yerba, qty: 5_000 }] })) as { data: { number: string } };

    expect(await as(cashier, 'sales.return', { originalNumber: own.data.number, lines: [{ productId: fideos, qty: 1_000 }] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ path: 'reason' }] } },
    });
    // Their own ticket, under the amount: no PIN; the refund method and the reason are kept.
    expect(await as(cashier, 'sales.return', { originalNumber: own.data.number, reason: 'Vencido', payment: 'debito', lines: [{ productId: fideos, qty: 1_000 }] })).toMatchObject({
      ok: true,
      data: { total: -150_000, reason: 'Vencido', payment: 'debito', authorizedBy: null },
    });

    const others = await as(cashier, 'sales.return', { originalNumber: owners.number, reason: 'Cambio', lines: [{ productId: fideos, qty: 1_000 }] });
    expect(others).toMatchObject({ ok: false, error: { code: 'NEEDS_AUTHORIZATION', details: { action: 'devolucion' } } });
    expect(others.ok ? '' : others.error.message).toContain('lo cobró Dueña');

    // $ 35.000 back is over the default $ 20.000.
    const over = await as(cashier, 'sales.return', { originalNumber: big.data.number, reason: 'Fallado', lines: [{ productId: yerba, qty: 5_000 }] });
    expect(over).toMatchObject({ ok: false, error: { code: 'NEEDS_AUTHORIZATION' } });
    const grant = await grantOf(cashier, 'Encarna', '5555', 'devolucion');
    expect(await as(cashier, 'sales.return', { originalNumber: big.data.number, reason: 'Fallado', grant, lines: [{ productId: yerba, qty: 5_000 }] })).toMatchObject({
      ok: true,
      data: { total: -3_500_000, authorizedBy: 'Encarna' },
    });

    // The owner raises the amount: the same refund needs no PIN.
    await app.ok('settings.update', { returnPinAbove: 5_000_000 });
    const again = (await as(cashier, 'sales.close', { lines: [{ productId: yerba, qty: 5_000 }] })) as { data: { number: string } };
    expect(await as(cashier, 'sales.return', { originalNumber: again.data.number, reason: 'Fallado', lines: [{ productId: yerba, qty: 5_000 }] })).toMatchObject({ ok: true });
    // An encargado needs no PIN for any of it.
    const encargado = await app.sessionAs('encargado', 'Otro encargado');
    expect(await as(encargado, 'sales.return', { originalNumber: owners.number, reason: 'Cambio', lines: [{ productId: fideos, qty: 1_000 }] })).toMatchObject({ ok: true });
  });
});

describe("a cashier's shift", () => {
  it('counts only their own tickets of the store day, by method with split parts, returns and voided lines', async () => {
    await as(cashier, 'sales.close', {
      lines: [
        { productId: yerba, qty: 2_000 },
        { productId: fideos, qty: 1_000, voided: true },
      ],
      payments: [
        { method: 'efectivo', amount: 400_000 },
        { method: 'debito', amount: 1_000_000 },
      ],
    });
    const second = (await as(cashier, 'sales.close', { payment: 'qr', lines: [{ productId: fideos, qty: 3_000 }] })) as { data: { number: string } };
    await as(cashier, 'sales.return', { originalNumber: second.data.number, reason: 'Fallado', payment: 'qr', lines: [{ productId: fideos, qty: 1_000 }] });
    // Someone else's sale is not in it.
    await app.ok('sales.close', { lines: [{ productId: yerba, qty: 1_000 }] });

    const shift = await as(cashier, 'dashboard.shift', {});
    expect(shift).toMatchObject({
      ok: true,
      data: {
        userName: 'Beto',
        day: '2026-11-22',
        tickets: 2,
        items: 5,
        total: 1_400_000 + 450_000 - 150_000,
        returns: { tickets: 1, total: -150_000 },
        voidedLines: 1,
        byMethod: [
          { method: 'debito', tickets: 1, sold: 1_000_000, refunded: 0, total: 1_000_000 },
          { method: 'qr', tickets: 1, sold: 450_000, refunded: -150_000, total: 300_000 },
          { method: 'efectivo', tickets: 1, sold: 400_000, refunded: 0, total: 400_000 },
        ],
      },
    });
  });
});
