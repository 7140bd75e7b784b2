import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticInvoice } from '../testing/synthetic-invoices';
import { repoRoot, tempDir } from '../testing';
import { runGondola } from './testing';

const dir = tempDir('gondola-ocr-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gondola = (...argv: string[]) => runGondola(dir, argv);

describe('gondola ocr', () => {
  it('prints the issue’s JSON shape for a generated invoice, with no store', async () => {
    const { pdf, truth } = await syntheticInvoice({ seed: 8, letter: 'A', qr: true, lines: 3 });
    const file = join(dir, 'factura.pdf');
    writeFileSync(file, pdf);
    const run = await gondola('ocr', file, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(Object.keys(json)).toEqual(['header', 'lines', 'sources', 'checks', 'confidence', 'timingsMs', 'warnings']);
    expect(json.header).toEqual({
      cuit: truth.header.cuit,
      letter: 'A',
      typeCode: 1,
      pos: truth.header.pos,
      number: truth.header.number,
      date: truth.header.date,
      net: truth.header.net,
      iva: truth.header.iva,
      perceptions: truth.header.perceptions || json.header.perceptions,
      internalTaxes: null,
      total: truth.header.total,
      cae: truth.header.cae,
    });
    expect(json.lines).toEqual(truth.lines.map((l) => ({ code: l.code, description: l.description, qty: l.qty, unitPrice: l.unitPrice, discount: l.discount, amount: l.amount, ivaRate: l.ivaRate })));
    expect(json.sources).toEqual({ qr: true, textLayer: true, ocr: false });
    expect(existsSync(join(dir, 'gondola.db'))).toBe(false);
  });

  const realFile = join(repoRoot, '..', 'shared', 'datasets', 'invoices', 'ar', 'factura11643.pdf');
  it.runIf(existsSync(realFile))('reads a real invoice whose QR is malformed (leading zero, dd/mm/yyyy, cut short) and checks it against print', async () => {
    const truth = JSON.parse(readFileSync(realFile.replace(/\.pdf$/, '.json'), 'utf8')).header;
    const run = await gondola('ocr', realFile, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(json.header).toMatchObject({ cuit: truth.cuit_emisor, typeCode: 1, letter: 'A', pos: truth.punto_venta, number: truth.numero, date: truth.fecha, total: Math.round(truth.total * 100), cae: truth.cae });
    expect(json.sources.qr).toBe(true);
    expect(json.warnings.join(' ')).toMatch(/QR con defectos/);
    expect(json.lines).toHaveLength(1);
    expect(json.lines[0]).toMatchObject({ qty: 1000, amount: 6_388_430 });
  });

  it('refuses empty, unknown and 200 MB files with a Spanish message and exit 1, without reading them', async () => {
    const empty = join(dir, 'vacia.pdf');
    writeFileSync(empty, '');
    expect(await gondola('ocr', empty)).toMatchObject({ code: 1, err: 'El archivo está vacío.' });
    const text = join(dir, 'notas.txt');
    writeFileSync(text, 'hola');
    expect(await gondola('ocr', text)).toMatchObject({ code: 1, err: 'El archivo no es un PDF ni una imagen (PNG o JPEG).' });
    const huge = join(dir, 'enorme.pdf');
    // A sparse 200 MB file: refused by its size before a byte of it is read.
    writeFileSync(huge, '%PDF-1.7\n');
    truncateSync(huge, 200 * 1024 * 1024);
    expect(await gondola('ocr', huge)).toMatchObject({ code: 1, err: 'El archivo pesa 200 MB; una factura admite hasta 30 MB.' });
    expect(await gondola('ocr', join(dir, 'no-existe.pdf'))).toMatchObject({ code: 1, err: `No existe el archivo ${join(dir, 'no-existe.pdf')}` });
  });
});
