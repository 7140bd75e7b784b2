import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods, type MethodInput, type MethodName } from '../../contract';
import { openTestApp, type TestApp } from '../testing';

/**
 * Sample inputs for every method, run in order against one store. Typed by the
 * contract: a new method without samples here fails `tsc`.
 */
const samples: { [M in MethodName]: MethodInput<M>[] } = {
  'products.create': [
    { sku: 'YER-1', name: 'Yerba mate Playadito 1 kg', category: 'Almacén', price: 689900, barcodes: ['7790387000139'] },
    { sku: 'FIA-1', name: 'Jamón cocido natural', category: 'Fiambrería', unit: 'kg', price: 2450000 },
  ],
  'products.update': [{ id: 'id-000001', expectedVersion: 1, changes: { price: 699900, brand: 'Playadito' } }],
  'products.get': [{ id: 'id-000001' }, { barcode: '7790387000139' }, { sku: 'fia-1' }],
  'products.list': [{}, { query: 'yerba' }, { limit: 1, offset: 1, includeInactive: true }],
  'system.info': [{}],
  'categories.list': [{}],
};

let app: TestApp;
beforeAll(async () => {
  app = await openTestApp();
});
afterAll(() => app.dispose());

describe('contract', () => {
  it('names every method once, each with a doc comment', () => {
    expect(Object.keys(methods).sort()).toEqual([...METHOD_NAMES].sort());
    for (const spec of Object.values(methods)) expect(spec.doc.length).toBeGreaterThan(10);
  });

  it.each(Object.keys(samples) as MethodName[])('%s outputs match their schema and survive a JSON round trip', async (method) => {
    for (const input of samples[method]) {
      const result = await app.call(method, input);
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      if (!result.ok) continue;
      expect(JSON.parse(JSON.stringify(result.data))).toEqual(result.data);
      expect(methods[method].output.parse(result.data)).toEqual(result.data);
    }
  });
});
