import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods } from '../../contract';
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
  return inputs;
}

let app: TestApp;
beforeAll(async () => {
  app = await openTestApp();
  await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Proveedor' });
  await app.ok('products.create', { sku: 'A1', name: 'Arroz', price: 100_000, barcodes: ['7790387000139'] });
});
afterAll(() => app.dispose());

describe('hostile input', () => {
  it.each([...METHOD_NAMES])('%s answers with a deliberate error or a result, never INTERNAL', async (method) => {
    const owner = app.session.user!;
    for (const input of inputsFor(method)) {
      // Calls run as the owner, so they reach validation and the handlers: undo what
      // the auth methods' garbage did to the session and the failed-attempt counter.
      app.session.user = owner;
      app.session.locked = false;
      app.core.sql.raw.prepare('update users set failed_attempts = 0, locked_until = null').run();
      const result = await app.call(method, input);
      if (!result.ok && result.error.code === 'INTERNAL') {
        throw new Error(`${method} answered INTERNAL to ${String(JSON.stringify(input)).slice(0, 200)}`);
      }
      expect(() => JSON.stringify(result)).not.toThrow();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves the database intact and the audit chain verifying', async () => {
    expect(app.core.sql.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const audit = await app.ok('audit.verify');
    expect(audit).toMatchObject({ verified: true, firstBad: null });
    expect(audit.entries).toBeGreaterThan(3);
    expect(app.core.sql.raw.prepare('select count(*) from products').pluck().get()).toBe(1);
  });
});
