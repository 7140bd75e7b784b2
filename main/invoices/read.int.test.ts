import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../testing';
import { OcrPool } from './ocr';
import { readInvoice } from './read';
import { syntheticInvoice } from './synthetic';

const pool = new OcrPool(2);
afterAll(() => pool.close());

describe('readInvoice', () => {
  it('reads the ITF barcode of an older invoice when there is no QR', async () => {
    const { pdf, truth } = await syntheticInvoice({ seed: 61, itf: true, letter: 'A', lines: 2 });
    const { extraction } = await readInvoice(pdf, { ocr: pool });
    expect(extraction.sources).toMatchObject({ qr: false, itf: true });
    expect(extraction.header).toMatchObject({ cuit: truth.header.cuit, typeCode: 1, pos: truth.header.pos, cae: truth.header.cae });
    expect(extraction.fieldConfidence.cae).toBe(0.99);
  });

  it('reads each layout and number style of the generated invoices exactly (text layer)', async () => {
    for (const layout of [0, 1, 2] as const) {
      for (const letter of ['A', 'B'] as const) {
        const { pdf, truth } = await syntheticInvoice({ seed: 70 + layout, layout, letter, qr: false, lines: 5 });
        const { extraction } = await readInvoice(pdf, { ocr: pool });
        expect(extraction.header, `layout ${layout} ${letter}`).toMatchObject({ cuit: truth.header.cuit, letter, pos: truth.header.pos, number: truth.header.number, date: truth.header.date, total: truth.header.total, cae: truth.header.cae });
        expect(extraction.lines.map((l) => [l.code, l.qty, l.unitPrice, l.amount])).toEqual(truth.lines.map((l) => [l.code, l.qty, l.unitPrice, l.amount]));
        expect(extraction.checks.filter((c) => !c.ok)).toEqual([]);
      }
    }
  });

  const dataset = join(repoRoot, '..', 'shared', 'datasets', 'invoices', 'ar');
  it.runIf(existsSync(dataset))('reads every header of the real Argentine invoices exactly (../shared/datasets/invoices)', async () => {
    const files = readdirSync(dataset).filter((f) => f.endsWith('.pdf'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) {
      const truth = JSON.parse(readFileSync(join(dataset, file.replace(/\.pdf$/, '.json')), 'utf8'));
      const { extraction } = await readInvoice(readFileSync(join(dataset, file)), { ocr: pool });
      const h = truth.header;
      expect(extraction.header, file).toMatchObject({ cuit: h.cuit_emisor, letter: h.letra, typeCode: h.tipo_cbte, pos: h.punto_venta, number: h.numero, date: h.fecha, total: Math.round(h.total * 100), cae: h.cae });
      if (truth.detail) {
        // Hand-transcribed line items: every one found with its quantity and amount, nothing extra.
        const found = extraction.lines.map((l) => [l.qty, l.amount]);
        expect(found, file).toEqual(truth.detail.items.map((i: { cantidad: number; importe: number }) => [Math.round(i.cantidad * 1000), Math.round(i.importe * 100)]));
      }
    }
  }, 120_000);
});
