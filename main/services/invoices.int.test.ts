import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceReading, Receipt } from '../../contract';
import { seedDemoStore } from '../demo';
import { demoCatalog } from '../demo/catalog';
import { foldForSearch } from '../domain/text';
import { degradedImage, syntheticInvoice, syntheticSupplier } from '../testing/synthetic-invoices';
import { openTestApp, type TestApp } from '../testing';
import { InvoiceReaderThread } from '../invoices/thread';
import { InvoiceService } from './invoices';

const supplier = syntheticSupplier(7);
const range = Array.from({ length: 12 }, (_, i) => i * 5);
let app: TestApp;
let productIdByIndex: (index: number) => string;

const read = (bytes: Buffer, fileName = 'factura.pdf') => app.call('invoices.read', { fileName, base64: bytes.toString('base64') });

/** What a person confirms on the review screen: each line with the product it really is. */
function confirm(reading: InvoiceReading, truth: Awaited<ReturnType<typeof syntheticInvoice>>['truth']) {
  return {
    supplierCuit: supplier.cuit,
    docType: truth.header.letter,
    pos: reading.header.pos!,
    number: reading.header.number!,
    date: reading.header.date!,
    // The generated invoices are months old: the person confirms receiving them today.
    confirmDate: true,
    total: reading.header.total!,
    lines: reading.lines.map((line) => {
      const t = truth.lines.find((l) => l.qty === line.qty && l.amount === line.amount)!;
      return { productId: productIdByIndex(t.productIndex), qty: line.qty, unitCost: line.unitCost!, supplierCode: line.code ?? undefined, description: line.description };
    }),
  };
}

beforeAll(async () => {
  app = await openTestApp();
  seedDemoStore(app, { days: 0 });
  await app.ok('suppliers.create', { cuit: supplier.cuit, name: supplier.name });
  const ids = new Map((app.core.sql.raw.prepare('select id, name from products').all() as { id: string; name: string }[]).map((r) => [foldForSearch(r.name), r.id]));
  const catalog = demoCatalog();
  productIdByIndex = (index) => ids.get(foldForSearch(catalog[index]!.name))!;
});
afterAll(() => app.dispose());

describe('invoices.read → invoices.post', () => {
  it('reads a born-digital invoice, posts it after review, learns the supplier’s codes and refuses it twice', async () => {
    const first = await syntheticInvoice({ seed: 21, supplier, products: range, lines: 6, letter: 'A', qr: true, layout: 1 });
    const result = await read(first.pdf);
    expect(result.ok).toBe(true);
    const reading = (result as { data: InvoiceReading }).data;
    expect(reading.sources).toMatchObject({ qr: true, textLayer: true, ocr: false });
    expect(reading.header).toMatchObject({ cuit: supplier.cuit, letter: 'A', typeCode: 1, pos: first.truth.header.pos, number: first.truth.header.number, date: first.truth.header.date, total: first.truth.header.total });
    expect(reading.supplier?.cuit).toBe(supplier.cuit);
    expect(reading.duplicateOf).toBeNull();
    expect(reading.lines.map((l) => [l.code, l.qty, l.amount])).toEqual(first.truth.lines.map((l) => [l.code, l.qty, l.amount]));
    expect(reading.checks.every((c) => c.ok)).toBe(true);
    expect(reading.pages).toHaveLength(1);
    expect(reading.pages[0]!.dataUrl).toMatch(/^data:image\/png;base64,/);
    // Factura A: the cost is the unit price after the discount, without IVA.
    const discounted = first.truth.lines.find((l) => l.discount > 0);
    if (discounted) expect(reading.lines.find((l) => l.code === discounted.code)!.unitCost).toBe(Math.round((discounted.unitPrice * (100 - discounted.discount)) / 100));
    // Never seen this supplier: suggestions come from names; the right product is among them for most lines.
    const named = reading.lines.filter((l, i) => l.suggestions.some((s) => s.productId === productIdByIndex(first.truth.lines[i]!.productIndex)));
    expect(named.length).toBeGreaterThanOrEqual(4);
    expect(reading.lines[0]!.suggestions[0]?.reason).toBe('nombre parecido');

    const before = app.core.sql.raw.prepare('select count(*) from stock_movements').pluck().get() as number;
    const receipt = await app.ok<Receipt>('invoices.post', confirm(reading, first.truth));
    expect(receipt.lines).toHaveLength(6);
    expect(app.core.sql.raw.prepare('select count(*) from stock_movements').pluck().get()).toBe(before + 6);
    const entry = app.core.sql.raw.prepare("select after from audit_log where method = 'invoices.post' and entity = 'receipt' order by seq desc limit 1").pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ fromInvoice: true, printedTotal: first.truth.header.total });

    // The same document again: the screen is told, and posting is refused.
    const again = (await read(first.pdf)) as { ok: true; data: InvoiceReading };
    expect(again.data.duplicateOf?.receiptId).toBe(receipt.id);
    const twice = await app.call('invoices.post', confirm(again.data, first.truth));
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe('DUPLICATE_INVOICE');

    // A second invoice of the same supplier: its codes are now remembered.
    const second = await syntheticInvoice({ seed: 22, supplier, products: range, lines: 6, letter: 'A', qr: true, layout: 0 });
    const next = ((await read(second.pdf)) as { ok: true; data: InvoiceReading }).data;
    const seenCodes = new Set(first.truth.lines.map((l) => l.code));
    for (const [i, line] of next.lines.entries()) {
      const expected = productIdByIndex(second.truth.lines[i]!.productIndex);
      if (line.code !== null && seenCodes.has(line.code)) expect(line.suggestions[0]).toMatchObject({ productId: expected, reason: 'código del proveedor' });
    }
  });

  it('remembers a correction by the line’s wording when the supplier prints no code', async () => {
    const first = await syntheticInvoice({ seed: 31, supplier, products: range, lines: 3, letter: 'A', qr: true, layout: 2 });
    const reading = ((await read(first.pdf)) as { ok: true; data: InvoiceReading }).data;
    const wrong = productIdByIndex(99);
    const body = confirm(reading, first.truth);
    // The person maps the first line to another product on purpose (their catalog, their call).
    body.lines[0] = { ...body.lines[0]!, productId: wrong, supplierCode: undefined };
    await app.ok('invoices.post', body);
    const again = await syntheticInvoice({ seed: 31, supplier, products: range, lines: 3, letter: 'A', qr: true, layout: 2 });
    const sameWording = ((await app.call('invoices.read', { fileName: 'otra.pdf', base64: again.pdf.toString('base64') })) as { ok: true; data: InvoiceReading }).data;
    expect(sameWording.lines[0]!.suggestions[0]).toMatchObject({ productId: wrong, reason: 'memoria' });
  });

  it('reads a photographed invoice with OCR (real tesseract.js, Spanish)', async () => {
    const { pdf, truth } = await syntheticInvoice({ seed: 41, supplier, products: range, lines: 4, letter: 'A', qr: false, layout: 0 });
    const photo = await degradedImage(pdf, 'scan', 41);
    const reading = ((await read(photo, 'foto.png')) as { ok: true; data: InvoiceReading }).data;
    expect(reading.sources).toMatchObject({ qr: false, ocr: true, textLayer: false });
    expect(reading.header).toMatchObject({ cuit: supplier.cuit, pos: truth.header.pos, number: truth.header.number, date: truth.header.date, total: truth.header.total });
    const right = reading.lines.filter((l) => truth.lines.some((t) => t.qty === l.qty && t.amount === l.amount));
    expect(right.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});

describe('cancel', () => {
  it('stops a read in the middle of its OCR, and the reader keeps working', async () => {
    const { pdf } = await syntheticInvoice({ seed: 45, supplier, products: range, lines: 6, qr: false });
    const photo = await degradedImage(pdf, 'scan', 45);
    const reading = app.call('invoices.read', { fileName: 'foto.png', requestId: 'lectura-1', base64: photo.toString('base64') });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await app.ok('invoices.cancel', { requestId: 'lectura-1' })).toEqual({ cancelled: true });
    const result = await reading;
    expect(!result.ok && result.error.details?.reason).toBe('cancelled');
    expect(await app.ok('invoices.cancel', { requestId: 'lectura-1' })).toEqual({ cancelled: false });
    const { pdf: next } = await syntheticInvoice({ seed: 46 });
    expect((await read(next)).ok).toBe(true);
  }, 60_000);
});

describe('bad documents', () => {
  const refused = async (bytes: Buffer, reason: string, fileName = 'x.pdf') => {
    const result = await read(bytes, fileName);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('UNREADABLE_DOCUMENT');
      expect(result.error.details?.reason).toBe(reason);
      expect(result.error.message).toMatch(/[a-záéíóú]/);
    }
  };

  it('refuses empty, damaged, truncated and password-protected files with a Spanish message', async () => {
    const { pdf } = await syntheticInvoice({ seed: 51 });
    // An empty file is refused by the schema before the reader sees it.
    const empty = await read(Buffer.alloc(0));
    expect(!empty.ok && empty.error.message).toBe('El archivo está vacío');
    await refused(Buffer.from('esto no es una factura'), 'corrupt');
    await refused(pdf.subarray(0, 300), 'corrupt');
    const locked = new PDFDocument({ userPassword: 'secreta', ownerPassword: 'secreta' } as never);
    const chunks: Buffer[] = [];
    locked.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => locked.on('end', resolve));
    locked.text('Factura A 0001-00000001');
    locked.end();
    await done;
    await refused(Buffer.concat(chunks), 'password');
  });

  it('says «no se encontró una factura» for a picture of something else', async () => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.fontSize(30).text('Lista de compras: leche, pan, yerba y tomates para el domingo.');
    doc.end();
    await done;
    const picture = await degradedImage(Buffer.concat(chunks), 'noise', 1);
    const result = await read(picture, 'foto.png');
    expect(!result.ok && result.error.message).toBe('No se encontró una factura en el archivo.');
    // The store is untouched by any of this, and the reader still works afterwards.
    const { pdf } = await syntheticInvoice({ seed: 52 });
    expect((await read(pdf)).ok).toBe(true);
  }, 60_000);

  it('refuses a file over the limit before reading it', async () => {
    const result = await app.call('invoices.read', { fileName: 'grande.pdf', base64: 'A'.repeat(42 * 1024 * 1024) });
    expect(!result.ok && result.error.code).toBe('VALIDATION');
  });
});

describe('the reader thread', () => {
  it('is ended after a quiet spell, releasing what a finished read holds, and started again by the next read', async () => {
    const threads: InvoiceReaderThread[] = [];
    let current: InvoiceReaderThread | null = null;
    let released = 0;
    const service = new InvoiceService(
      app.core,
      app.services.settings,
      app.services.receipts,
      () => (current ??= (threads.push(new InvoiceReaderThread()), threads.at(-1)!)),
      () => {
        released++;
        void current?.close();
        current = null;
      },
      50,
    );
    const { pdf } = await syntheticInvoice({ seed: 5, supplier: syntheticSupplier(1), products: [0, 1], lines: 2, letter: 'A', qr: true, layout: 0 });
    const input = { fileName: 'f.pdf', base64: Buffer.from(pdf).toString('base64') };
    expect((await service.read(input)).header.pos).not.toBeNull();
    expect(released).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(released).toBe(1);
    expect((await service.read(input)).header.pos).not.toBeNull();
    expect(threads).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(released).toBe(2);
  });
});
