import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods } from '../../contract';
import type { Session } from '../session';
import { openTestApp, type TestApp } from '../testing';

/**
 * Every method, fed a catalogue of hostile inputs: SQL injection strings,
 * megabyte strings, wrong types, negative and enormous numbers, NaN, control
 * characters, deep nesting. The answer is VALIDATION (or another deliberate
 * code) or a correct result, never INTERNAL and never a crash, and the
 * database stays intact.
 */
const BAD_VALUES: unknown[] = [
  "'; drop table products; --",
  "1' or '1'='1",
  '%',
  'x'.repeat(1_000_000),
  '\u0000\u0007\u001b[31m',
  '🙂'.repeat(50),
  -1,
  -1e308,
  1e308,
  Number.NaN,
  Number.MAX_SAFE_INTEGER + 2,
  0.5,
  true,
  null,
  [],
  {},
  [1, 2, 3],
  { $gt: '' },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  // Dates that do not exist or fall outside any store's life (#17).
  '2026-02-30',
  '0001-01-01',
  '9999-12-31T23:59:59Z',
  '2026-11-21T25:00:00-03:00',
  '1990-05-01T10:00:00Z',
  // Amounts and quantities at the contract's bounds: their products overflow 2^53.
  999_999_999_999,
  1_000_000_000_000,
];

/** A chain `depth` levels deep (objects and arrays alternating), as a JSON body could carry. */
function nested(depth: number): unknown {
  let value: unknown = 'fondo';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/** Inputs for one method: whole-input garbage plus each known field set to each bad value. */
function inputsFor(method: (typeof METHOD_NAMES)[number]): unknown[] {
  const inputs: unknown[] = [undefined, null, 42, 'texto', [], nested(200), ...BAD_VALUES.slice(0, 6)];
  const shape = (methods[method].input as unknown as { shape?: Record<string, unknown> }).shape;
  const fields = shape ? Object.keys(shape) : ['id', 'query', 'sessionId', 'productId', 'code', 'number', 'files', 'lines'];
  for (const field of fields) for (const value of BAD_VALUES) inputs.push({ [field]: value });
  inputs.push({ lines: [nested(50)] }, { lines: Array.from({ length: 5000 }, () => ({ productId: 'x', qty: 1 })) }, { changes: { price: Number.NaN } });
  inputs.push(...edgesFor(method));
  return inputs;
}

/** Well-formed inputs at the edges, naming a real product: the largest quantities and prices, dates out of range. */
function edgesFor(method: (typeof METHOD_NAMES)[number]): unknown[] {
  const huge = { productId: product, qty: 1_000_000_000_000, unitPrice: 1_000_000_000_000, unitCost: 1_000_000_000_000, discount: 0, reason: 'x' };
  switch (method) {
    case 'sales.close':
      return [
        { lines: [huge] },
        { lines: Array.from({ length: 200 }, () => ({ productId: product, qty: 999_999_999, unitPrice: 999_999_999, reason: 'x' })) },
        { closedAt: '2099-12-31T23:00:00Z', lines: [{ productId: product, qty: 1000 }] },
        { number: '999999999999999', lines: [{ productId: product, qty: 1000 }] },
      ];
    case 'receipts.post':
      return [{ supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number: 77, date: '2026-11-20', lines: [huge] }];
    case 'purchaseOrders.create':
      return [{ supplierCuit: '30-71234567-1', lines: [huge] }];
    case 'stock.adjust':
      return [{ productId: product, qty: 1_000_000_000_000, reason: 'correccion' }, { productId: product, qty: 1000, reason: 'correccion', occurredAt: '2099-01-01T00:00:00Z' }];
    case 'forensic.run':
      return [{ from: '2000-01-01', to: '2099-12-31' }, { from: '2026-02-30', to: '2026-03-01' }];
    default:
      return [];
  }
}

let app: TestApp;
let product = '';
const roles: { name: string; session: Session }[] = [];
beforeAll(async () => {
  app = await openTestApp();
  await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Proveedor' });
  product = (await app.ok<{ id: string }>('products.create', { sku: 'A1', name: 'Arroz', price: 100_000, barcodes: ['7790387000139'] })).id;
  await app.ok('settings.update', { allowNegativeStock: true, cashiersCanReceive: true });
  roles.push({ name: 'dueño', session: app.session }, { name: 'encargado', session: await app.sessionAs('encargado', 'Enca') }, { name: 'cajero', session: await app.sessionAs('cajero', 'Caje') });
});
afterAll(() => app.dispose());

describe('hostile input', () => {
  it.each([...METHOD_NAMES])('%s answers with a deliberate error or a result, never INTERNAL, as every role', async (method) => {
    for (const { name, session } of roles) {
      const user = session.user!;
      // Owner first, then the roles that see less: each reaches validation and the handlers it may.
      const inputs = name === 'dueño' ? inputsFor(method) : [undefined, ...BAD_VALUES.slice(0, 6).map((v) => ({ id: v })), ...edgesFor(method)];
      for (const input of inputs) {
        // Undo what the auth methods' garbage did to the session and the failed-attempt counters.
        session.user = user;
        session.locked = false;
        session.failures = undefined;
        app.core.sql.raw.prepare('update users set failed_attempts = 0, locked_until = null').run();
        const result = await app.dispatch(method, input, session);
        if (!result.ok && result.error.code === 'INTERNAL') {
          throw new Error(`${method} answered INTERNAL to ${name} for ${String(JSON.stringify(input)).slice(0, 200)}`);
        }
        expect(() => JSON.stringify(result)).not.toThrow();
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves the database intact and the audit chain verifying', async () => {
    expect(app.core.sql.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const audit = await app.ok('audit.verify');
    expect(audit).toMatchObject({ verified: true, firstBad: null });
    expect(audit.entries).toBeGreaterThan(3);
    expect(app.core.sql.raw.prepare('select count(*) from products').pluck().get()).toBe(1);
    // No INTERNAL was logged along the way either.
    expect(app.logger.entries.filter((e) => e.message === 'unexpected error in handler')).toEqual([]);
  });
});
