import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../testing';
import { createCanvas } from '@napi-rs/canvas';
import { canvasOf } from './images';
import { OcrPool } from './ocr';
import { openPdf, renderPage } from './pdf';
import { interpretWords, readInvoice } from './read';
import { syntheticInvoice } from '../testing/synthetic-invoices';
import type { Word } from './words';

/**
 * Words laid out as printed lines, for the parser alone: cells (split at two
 * spaces) in columns 0.16 of the page apart, one line per 0.03 of its height.
 */
function printed(lines: string[]): Word[] {
  return lines.flatMap((line, i) =>
    line.split(/\s{2,}/).flatMap((cell, k) =>
      cell.split(' ').map((text, j) => ({ text, page: 1, x0: 0.04 + k * 0.16 + j * 0.035, x1: 0.07 + k * 0.16 + j * 0.035, y0: 0.05 + i * 0.03, y1: 0.07 + i * 0.03, conf: 0.9 })),
    ),
  );
}

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

  it.runIf(existsSync(dataset))('reads the letter box apart when the page read drops it (a real scan without its QR)', async () => {
    // The printed "A" and "Cód. 1" sit alone at the top centre of this invoice; tesseract's page
    // layout leaves both out. The QR (bottom left) is painted over, as on a scan where it did not survive.
    const doc = await openPdf(readFileSync(join(dataset, '2000007305110094.pdf')));
    const page = await renderPage(await doc.getPage(1), 200);
    await doc.destroy();
    const canvas = createCanvas(page.width, page.height);
    const context = canvas.getContext('2d');
    context.drawImage(canvasOf(page), 0, 0);
    context.fillStyle = '#fff';
    context.fillRect(0, page.height * 0.84, page.width * 0.16, page.height * 0.13);
    const { extraction } = await readInvoice(await canvas.encode('png'), { ocr: pool });
    expect(extraction.sources.qr).toBe(false);
    expect(extraction.header).toMatchObject({ letter: 'A', typeCode: 1, pos: 6, number: 5156, total: 2910000 });
    const box = extraction.fieldBoxes.letter!;
    expect(box.x).toBeGreaterThan(0.3);
    expect(box.x + box.w).toBeLessThan(0.7);
    expect(extraction.fieldConfidence.letter).toBeLessThanOrEqual(0.8);
  }, 60_000);

  it('corrects the one figure OCR misread from the others: net from IVA and total, then the line that made the lines disagree', () => {
    const extraction = interpretWords(
      printed([
        'FACTURA A',
        'Cod. 01',
        'CUIT: 30-71234567-1',
        'Cantidad  Codigo  Detalle  Precio  Bonif.  Total',
        '17.00  7791000013321  ARROZ  $ 688.43  0%  Saal; 703.31',
        '20.00  AR-1371  PURE  $ 543.80  0%  $ 10,876.00',
        'Importe Neto Gravado 21%:  $22, 57931',
        'IVA 21%:  $ 4,741.66',
        'Importe Total:  $ 27,320.97',
      ]),
      [],
      { width: 1, height: 1 },
    );
    expect(extraction.header.net).toEqual({ '21': 2257931 });
    expect(extraction.header.iva).toEqual({ '21': 474166 });
    expect(extraction.lines.map((l) => l.amount)).toEqual([1170331, 1087600]);
    expect(extraction.warnings).toEqual([
      'El neto se leyó como $ 57.931,00; por el IVA y el total es $ 22.579,31',
      'Un importe de línea se leyó como $ 703,31; por cantidad × precio y el neto es $ 11.703,31',
    ]);
  });

  it('takes the whole number below a price with cents as the quantity, in whichever order they are printed, and a perception agent number for no amount', () => {
    // A pre-printed form (no header row in the text): list price, unit price, quantity, amount.
    const extraction = interpretWords(
      printed([
        'FACTURA A',
        'CUIT: 30-71234567-1',
        'AGENTE DE PERCEPCIÓN II.BB.:  380002299',
        'Cutter Trincheta Retráctil Hoj  4250.00  3,512.40  3.00  10537.19',
        'SUBTOTAL:  10,537.19  TASA GRAL. IVA  21%  2212.81',
        'TOTAL $  12750.00',
      ]),
      [],
      { width: 1, height: 1 },
    );
    expect(extraction.lines.map((l) => [l.qty, l.unitPrice, l.amount])).toEqual([[3000, 351240, 1053719]]);
    expect(extraction.header).toMatchObject({ total: 1275000, perceptions: null });
  });

  it("takes a line's description from its first lines, not a note printed under it", () => {
    const extraction = interpretWords(
      printed([
        'FACTURA A',
        'CUIT: 30-71234567-1',
        'Cantidad  Codigo  Detalle  Precio  Bonif.  Total',
        '2.00  RP-11  REPUESTO BOMBA AGUA  $ 1,500.00  0%  $ 3,000.00',
        '        MODELO 2024 TRIFASICA',
        '        Siniestro: 4471-B  Poliza 99812',
        '1.00  RP-12  CORREA DISTRIBUCION  $ 800.00  0%  $ 800.00',
        'Importe Neto Gravado 21%:  $ 3,800.00',
        'IVA 21%:  $ 798.00',
        'Importe Total:  $ 4,598.00',
      ]),
      [],
      { width: 1, height: 1 },
    );
    expect(extraction.lines.map((l) => l.description)).toEqual(['REPUESTO BOMBA AGUA MODELO 2024 TRIFASICA', 'CORREA DISTRIBUCION']);
  });
});
