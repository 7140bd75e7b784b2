import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods, type MethodInput, type MethodName } from '../../contract';
import { withCheckDigit } from '../domain/barcode';
import { normalizeCuit } from '../domain/cuit';
import { syntheticInvoice } from '../testing/synthetic-invoices';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../testing';
import { seedDemoStore } from '../demo';

/** What earlier calls created, for later samples to refer to. */
interface Made {
  yerba: string;
  jamon: string;
  supplier: string;
  receipt: string;
  order: string;
  ticket: string;
  count: string;
  user: string;
  held: string;
}

const made = {} as Made;
const CUIT = '30712345671'; // check digit verified below by suppliers.create
// A supplier invoice with known content (the reader runs in its worker thread).
const invoice = await syntheticInvoice({ seed: 5, lines: 2, qr: true, supplier: { cuit: normalizeCuit(CUIT)!, name: 'Distribuidora Norte SA', codePrefix: 'DN' } });
const SCALE_LABEL = withCheckDigit('200004201250'); // PLU 42, 1,250 kg

/**
 * Sample inputs for every method, run in this order against one store. Typed by
 * the contract: a method without samples here fails `tsc`.
 */
const samples: { [M in MethodName]: ((m: Made) => MethodInput<M>)[] } = {
  'settings.get': [() => ({})],
  'system.backup': [() => ({})],
  'settings.update': [() => ({ storeName: 'Almacén Don Pepe' })],
  'suppliers.create': [
    () => ({ cuit: CUIT, name: 'Distribuidora Norte SA', orderWeekdays: ['lun', 'jue'] }),
    () => ({ cuit: '30-70000001-6', name: 'Otro proveedor' }),
  ],
  'suppliers.list': [() => ({}), () => ({ query: 'norte' })],
  'suppliers.update': [(m) => ({ id: m.supplier, changes: { leadTimeDays: 3 } })],
  'products.create': [
    () => ({ sku: 'YER-1', name: 'Yerba mate Playadito 1 kg', category: 'Almacén', price: 689900, barcodes: ['7790387000139'], supplierCuit: CUIT, cost: 450000 }),
    () => ({ sku: 'FIA-1', name: 'Jamón cocido natural', category: 'Fiambrería', unit: 'kg', price: 2450000, scalePlu: 42, shelfLifeDays: 20, ivaRate: 10.5 }),
  ],
  'products.update': [(m) => ({ id: m.yerba, expectedVersion: 1, changes: { price: 699900, brand: 'Playadito', minStock: 5000 } })],
  'products.linkSupplier': [(m) => ({ productId: m.yerba, supplierCuit: '30-70000001-6', supplierCode: 'YB-77', packSize: 12 })],
  'products.unlinkSupplier': [(m) => ({ productId: m.yerba, supplierCuit: '30-70000001-6' })],
  'products.get': [(m) => ({ id: m.yerba }), () => ({ barcode: '7790387000139' }), () => ({ sku: 'fia-1' })],
  'products.list': [() => ({}), () => ({ query: 'yerba' }), () => ({ limit: 1, offset: 1, includeInactive: true })],
  'categories.list': [() => ({})],
  'purchaseOrders.create': [(m) => ({ supplierCuit: CUIT, note: 'Entregar a la mañana', lines: [{ productId: m.yerba, qty: 24_000 }] })],
  'purchaseOrders.update': [(m) => ({ id: m.order, note: null, lines: [{ productId: m.yerba, qty: 12_000, unitCost: 450_000 }] })],
  'purchaseOrders.get': [(m) => ({ id: m.order })],
  'purchaseOrders.list': [() => ({}), () => ({ status: 'borrador' })],
  'purchaseOrders.pdf': [(m) => ({ id: m.order })],
  'purchaseOrders.csv': [(m) => ({ id: m.order })],
  'purchaseOrders.send': [(m) => ({ id: m.order })],
  'purchaseOrders.cancel': [],
  'receipts.post': [
    (m) => ({
      supplierCuit: '30-71234567-1',
      docType: 'A',
      pos: 3,
      number: 1234,
      date: '2026-11-20',
      purchaseOrderId: m.order,
      lines: [
        { productId: m.yerba, qty: 12_000, unitCost: 450_000 },
        { productId: m.jamon, qty: 4_500, unitCost: 1_500_000, lot: 'L77', expiry: '2026-12-05' },
      ],
    }),
  ],
  'invoices.read': [() => ({ fileName: 'factura.pdf', base64: invoice.pdf.toString('base64') })],
  'invoices.cancel': [() => ({ requestId: 'ninguna' })],
  'invoices.post': [
    (m) => ({
      supplierCuit: CUIT,
      docType: 'A',
      pos: invoice.truth.header.pos,
      number: invoice.truth.header.number,
      date: invoice.truth.header.date,
      confirmDate: true,
      total: invoice.truth.header.total,
      lines: [{ productId: m.yerba, qty: 6_000, unitCost: 460_000, supplierCode: 'DN-1007', description: 'YERBA PLAYADITO 1 KG' }],
    }),
  ],
  'receipts.list': [() => ({})],
  'receipts.get': [(m) => ({ id: m.receipt })],
  'scan.resolve': [() => ({ code: '7790387000139' }), () => ({ code: SCALE_LABEL }), () => ({ code: 'yer-1' })],
  'sales.close': [
    (m) => ({
      payment: 'debito',
      lines: [
        { productId: m.yerba, qty: 2_000 },
        { productId: m.jamon, qty: 1_250, unitPrice: 2_450_000, reason: 'precio de la lista anterior' },
        { productId: m.yerba, qty: 1_000, voided: true },
      ],
    }),
  ],
  'sales.return': [(m) => ({ originalNumber: m.ticket, reason: 'fallado', lines: [{ productId: m.yerba, qty: 1_000 }] })],
  'sales.list': [() => ({})],
  'sales.get': [(m) => ({ number: m.ticket })],
  'sales.saveDraft': [
    (m) => ({ lines: [{ productId: m.yerba, sku: 'YER-1', name: 'Yerba', unit: 'un', qty: 2_000, unitPrice: 700_000, ivaRate: 21, onHand: 9_000, fromScale: false, voided: false }], payment: 'efectivo' }),
  ],
  'sales.hold': [() => ({ label: 'Señora del perro' })],
  'sales.held': [() => ({})],
  'sales.resume': [(m) => ({ id: m.held })],
  'sales.draft': [() => ({})],
  'stock.adjust': [(m) => ({ productId: m.jamon, qty: -250, reason: 'merma', note: 'Puntas secas' })],
  'stock.list': [() => ({}), () => ({ belowMin: true }), () => ({ expiringWithinDays: 30, category: 'Fiambrería' })],
  'stock.kardex': [(m) => ({ productId: m.jamon })],
  'stock.lots': [(m) => ({ productId: m.jamon })],
  'stock.expiring': [() => ({ withinDays: 30 }), () => ({ withinDays: 7, category: 'Fiambres' })],
  'counts.open': [() => ({ name: 'Góndola almacén', category: 'Almacén' })],
  'counts.record': [(m) => ({ sessionId: m.count, productId: m.yerba, counted: 10_000 })],
  'counts.get': [(m) => ({ sessionId: m.count })],
  'counts.close': [(m) => ({ sessionId: m.count })],
  'counts.approve': [(m) => ({ sessionId: m.count })],
  'counts.list': [() => ({})],
  'counts.cancel': [],
  'dashboard.summary': [() => ({})],
  'dashboard.shift': [() => ({})],
  'import.preview': [() => ({ files: [{ name: 'suppliers.csv', base64: Buffer.from('cuit,name\n30-70000001-6,Otro proveedor\n').toString('base64') }] })],
  'import.run': [() => ({ files: [{ name: 'suppliers.csv', base64: Buffer.from('cuit,name\n30-70000001-6,Otro proveedor\n').toString('base64') }] })],
  'import.template': [() => ({ file: 'products.csv' }), () => ({ file: 'sales.csv' })],
  'forecast.settings': [() => ({})],
  'forecast.updateSettings': [() => ({ serviceLevels: { A: 0.97, B: 0.9, C: 0.8 }, extraHolidays: ['2026-11-11'] })],
  'forecast.status': [() => ({})],
  // Training needs months of history: covered by services/forecasts.int.test.ts on the demo store.
  'forecast.train': [],
  'forecast.product': [(m) => ({ productId: m.yerba }), (m) => ({ productId: m.jamon, horizon: 14 })],
  'forecast.recommendations': [() => ({}), (m) => ({ supplierId: m.supplier, budget: 1_000_000 })],
  'forensic.status': [() => ({})],
  'forensic.updateSettings': [() => ({ nightlyTime: '02:30', hours: { open: '08:00', close: '22:00', shiftChange: '15:00' } })],
  // A run lands later, from its worker: run, get, acknowledge, report and cancel are called on the demo store below.
  'forensic.run': [],
  'forensic.cancel': [],
  'forensic.get': [],
  'forensic.acknowledge': [],
  'forensic.report': [],
  'system.info': [() => ({})],
  'auth.status': [() => ({})],
  'auth.setPin': [() => ({ password: TEST_PASSWORD, pin: '4321' })],
  'auth.changePassword': [() => ({ current: TEST_PASSWORD, next: 'otra-clave-segura' })],
  'users.create': [() => ({ name: 'Caro', role: 'cajero', password: 'clave-de-caro', pin: '1234' })],
  'users.list': [() => ({})],
  'users.update': [(m) => ({ id: m.user, role: 'encargado' })],
  'users.resetPassword': [(m) => ({ id: m.user, password: 'nueva-clave-caro' })],
  'audit.verify': [() => ({})],
  'audit.head': [() => ({})],
  'audit.list': [() => ({}), () => ({ limit: 5, beforeSeq: 10 })],
  'auth.lock': [() => ({})],
  'auth.unlock': [() => ({ secret: '4321' })],
  'auth.pin': [() => ({ user: 'Dueña', pin: '4321' })],
  'auth.authorize': [() => ({ user: 'Dueña', pin: '4321', action: 'vender-sin-stock' })],
  'auth.login': [() => ({ user: 'dueña', password: 'otra-clave-segura' })],
  'auth.setup': [],
  'auth.logout': [() => ({})],
};

/** Records ids from outputs that later samples need. */
function remember(method: MethodName, data: any): void {
  if (method === 'suppliers.create') made.supplier ??= data.id;
  if (method === 'products.create') {
    if (data.sku === 'YER-1') made.yerba = data.id;
    else made.jamon = data.id;
  }
  if (method === 'receipts.post') made.receipt = data.id;
  if (method === 'purchaseOrders.create') made.order = data.id;
  if (method === 'sales.close') made.ticket = data.number;
  if (method === 'counts.open') made.count = data.id;
  if (method === 'users.create') made.user = data.id;
  if (method === 'sales.hold') made.held = data.id;
}

let app: TestApp;
/** A store with months of history, for forecast.train. */
let demo: TestApp;
const outputs = new Map<MethodName, unknown[]>();

beforeAll(async () => {
  app = await openTestApp();
  for (const method of Object.keys(samples) as MethodName[]) {
    const list: unknown[] = [];
    for (const sample of samples[method] as ((m: Made) => unknown)[]) {
      const result = await app.call(method, sample(made));
      if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
      remember(method, result.data);
      list.push(result.data);
    }
    outputs.set(method, list);
  }
  // The samples ended with a logout: back in for the rest.
  await app.ok('auth.login', { user: 'Dueña', password: 'otra-clave-segura' });
  // counts.cancel needs a fresh open count.
  const open = await app.ok('counts.open', { name: 'Para anular', productIds: [made.yerba] });
  outputs.set('counts.cancel', [await app.ok('counts.cancel', { sessionId: open.id })]);
  const draft = await app.ok('purchaseOrders.create', { supplierCuit: CUIT, lines: [{ productId: made.jamon, qty: 1_000 }] });
  outputs.set('purchaseOrders.cancel', [await app.ok('purchaseOrders.cancel', { id: draft.id })]);
  // auth.setup needs a store without users.
  const fresh = await openTestApp({}, { owner: false });
  const setup = await fresh.dispatch('auth.setup', { name: 'Primera', password: 'clave-de-primera' }, fresh.session);
  fresh.dispose();
  if (!setup.ok) throw new Error(`auth.setup: ${JSON.stringify(setup.error)}`);
  outputs.set('auth.setup', [setup.data]);
  demo = await openTestApp();
  seedDemoStore(demo, { days: 250, seed: 3 });
  outputs.set('forecast.train', [await demo.ok('forecast.train', {})]);
  demo.services.forecasts.close();
  // A forensic run lands later, from its worker: the demo store gives it something to find.
  outputs.set('forensic.run', [await demo.ok('forensic.run', {})]);
  const run = (await demo.services.forensics.running)!;
  outputs.set('forensic.get', [await demo.ok('forensic.get', { runId: run.runId })]);
  outputs.set('forensic.acknowledge', [await demo.ok('forensic.acknowledge', { runId: run.runId, findingId: run.findings[0]!.id, note: 'Visto con el encargado' })]);
  outputs.set('forensic.report', await Promise.all((['pdf', 'html', 'json'] as const).map((format) => demo.ok('forensic.report', { runId: run.runId, format }))));
  await demo.ok('forensic.run', {});
  outputs.set('forensic.cancel', [await demo.ok('forensic.cancel', {})]);
  await demo.services.forensics.running;
}, 120_000);
afterAll(() => {
  app.dispose();
  demo?.dispose();
});

describe('audit', () => {
  // Saving the open ticket is the screen's state on every scan, not a store record: never audited (holding or closing it is).
  it('sales.saveDraft leaves no audit entry', () => {
    expect(app.core.sql.raw.prepare("select count(*) from audit_log where method = 'sales.saveDraft'").pluck().get()).toBe(0);
  });
  it.each(METHOD_NAMES.filter((m) => methods[m].kind === 'mutation' && m !== 'auth.setup' && m !== 'sales.saveDraft'))(
    '%s left an audit entry naming what it changed',
    (method) => {
      const entries = [app, demo].flatMap((store) => store.core.sql.raw.prepare('select entity, entity_id from audit_log where method = ?').all(method) as { entity: string | null }[]);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.entity !== null)).toBe(true);
    },
  );
});

describe('contract', () => {
  it('names every method once, each with a doc comment', () => {
    expect(Object.keys(methods).sort()).toEqual([...METHOD_NAMES].sort());
    for (const spec of Object.values(methods)) expect(spec.doc.length).toBeGreaterThan(10);
  });

  it.each([...METHOD_NAMES])('%s outputs match their schema and survive a JSON round trip', (method) => {
    const list = outputs.get(method) ?? [];
    expect(list.length).toBeGreaterThan(0);
    for (const data of list) {
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
      expect(methods[method].output.parse(data)).toEqual(data);
    }
  });
});
