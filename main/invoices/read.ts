/**
 * Reads a supplier invoice, cheapest and most exact source first: the AFIP QR
 * (embedded images, then the rendered page), the old ITF barcode, the PDF's
 * text layer, and OCR only for pages without text. Then the header and lines
 * are parsed, the QR's fields override what was read from print (and are
 * compared with it), and the arithmetic is checked.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { AppError } from '../domain/errors';
import { parseAfipItf, parseAfipQr } from './afip-qr';
import { FACTURA_CODE, IVA_RATES, VOUCHER_TYPES } from './afip-codes';
import { findBarcodes, type FoundBarcode } from './barcodes';
import type { AfipQr, Extraction, InvoiceHeader, Pixels } from './types';
import { formatMoney as pesos } from '../../locale';
import { checkInvoice, expectedAmount } from './checks';
import { decodeImage, deskew, previewPng, sniffKind } from './images';
import { buildLines, type TextLine } from './layout';
import { detectStyle } from './numbers';
import { cancelledError, type OcrPool } from './ocr';
import { parseHeader } from './parse-header';
import { parseItems } from './parse-lines';
import { openPdf, pageImages, pageWords, renderPage } from './pdf';
import type { Word } from './words';

export const MAX_DOCUMENT_BYTES = 30 * 1024 * 1024;
/** A page with fewer text characters than this is treated as scanned. */
const MIN_TEXT_CHARS = 40;
const OCR_DPI = 300;

export interface ReadOptions {
  ocr: OcrPool;
  /** The store's own CUIT, never taken for the supplier's. */
  ownCuit?: string | null;
  /** Page images for the review screen (PNG, about 1,100 px wide). */
  previews?: boolean;
  timeoutMsPerPage?: number;
  signal?: AbortSignal;
}

export interface ReadResult {
  extraction: Extraction;
  previews: { png: Buffer; width: number; height: number }[];
}

interface PageSource {
  words: Word[];
  barcodes: FoundBarcode[];
  raster: Pixels | null;
  size: { width: number; height: number };
  usedOcr: boolean;
  textLayer: boolean;
  /** Words of the letter box read apart (OCR'd first page that gave no letter). */
  letterBox?: Word[];
}

/** The invoice's letter and code are in these words (or a barcode will give them). */
function knowsVoucherType(words: Word[], barcodes: FoundBarcode[]): boolean {
  if (barcodes.some((b) => parseAfipQr(b.text) || parseAfipItf(b.text))) return true;
  const lines = buildLines(words);
  const { header } = parseHeader(lines, detectStyle(lines.map((l) => l.text)));
  return header.letter !== null || header.typeCode !== null;
}

export async function readInvoice(bytes: Uint8Array, options: ReadOptions): Promise<ReadResult> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  const lap = (name: string, since: number) => (timings[name] = Math.round((timings[name] ?? 0) + performance.now() - since));
  const timed = async <T>(name: string, work: Promise<T>): Promise<T> => {
    const since = performance.now();
    const result = await work;
    lap(name, since);
    return result;
  };
  const ocrOptions = { timeoutMs: options.timeoutMsPerPage, signal: options.signal };
  // The first page's letter box, read apart when neither the page's words nor a barcode give the type.
  const letterBoxOf = (raster: Pixels, words: Word[], barcodes: FoundBarcode[]) =>
    knowsVoucherType(words, barcodes) ? Promise.resolve(undefined) : timed('ocr', options.ocr.readLetterBox(raster, 1, ocrOptions));
  if (bytes.length === 0) throw new AppError('UNREADABLE_DOCUMENT', 'El archivo está vacío.', { reason: 'corrupt' });
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new AppError('UNREADABLE_DOCUMENT', `El archivo pesa ${(bytes.length / 1048576).toFixed(0)} MB; una factura admite hasta ${MAX_DOCUMENT_BYTES / 1048576} MB.`, { reason: 'too-large' });
  }
  const kind = sniffKind(bytes);
  if (kind === 'unknown') throw new AppError('UNREADABLE_DOCUMENT', 'El archivo no es un PDF ni una imagen (PNG o JPEG).', { reason: 'corrupt' });
  const pages: PageSource[] = [];
  const deskewed: number[] = [];
  const checkCancel = () => {
    if (options.signal?.aborted) throw cancelledError();
  };

  if (kind === 'pdf') {
    let t = performance.now();
    const doc: PDFDocumentProxy = await openPdf(bytes);
    lap('open', t);
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        checkCancel();
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        t = performance.now();
        const words = await pageWords(page, n);
        lap('textLayer', t);
        const textChars = words.reduce((total, w) => total + w.text.length, 0);
        const source: PageSource = { words, barcodes: [], raster: null, size: { width: viewport.width, height: viewport.height }, usedOcr: false, textLayer: textChars >= MIN_TEXT_CHARS };
        // Barcodes: first in the page's own images (a QR is usually one), then on the rendered page.
        if (n === 1 || pages.every((p) => p.barcodes.length === 0)) {
          t = performance.now();
          for (const image of await pageImages(page)) {
            source.barcodes.push(...(await findBarcodes(image)).map((b) => ({ ...b, box: { x: 0, y: 0, w: 0, h: 0 } })));
            if (source.barcodes.some((b) => parseAfipQr(b.text))) break;
          }
          lap('barcodesEmbedded', t);
        }
        const needsRaster = !source.textLayer || options.previews || (n === 1 && !source.barcodes.some((b) => parseAfipQr(b.text) || parseAfipItf(b.text)));
        if (needsRaster) {
          t = performance.now();
          source.raster = await renderPage(page, OCR_DPI);
          lap('render', t);
          if (!source.textLayer) {
            t = performance.now();
            const level = deskew(source.raster);
            lap('deskew', t);
            if (level.angle !== 0) {
              deskewed.push(level.angle);
              source.raster = { ...source.raster, data: level.image.data, width: level.image.width, height: level.image.height };
            }
          }
        }
        checkCancel();
        // Barcodes are looked for on this thread while the OCR workers read the page.
        const searching = needsRaster && !source.barcodes.some((b) => parseAfipQr(b.text)) ? timed('barcodes', findBarcodes(source.raster!)) : Promise.resolve([]);
        const reading = source.textLayer ? Promise.resolve(null) : timed('ocr', options.ocr.readPage(source.raster!, n, ocrOptions));
        const [found, ocrWords] = await Promise.all([searching, reading]);
        source.barcodes.push(...found);
        if (ocrWords) {
          source.words = ocrWords;
          source.usedOcr = true;
          if (n === 1) source.letterBox = await letterBoxOf(source.raster!, ocrWords, source.barcodes);
        }
        // Without previews the page's pixels are done with (a 300 dpi A4 page is 35 MB).
        if (!options.previews) source.raster = null;
        pages.push(source);
        page.cleanup();
      }
    } finally {
      await doc.destroy();
    }
  } else {
    let t = performance.now();
    const decoded = await decodeImage(bytes);
    lap('decode', t);
    t = performance.now();
    // Photos and scans come tilted; OCR reads table rows far better level. The preview shows it level too.
    const { image: raster, angle } = deskew(decoded);
    lap('deskew', t);
    if (angle !== 0) deskewed.push(angle);
    checkCancel();
    const [barcodes, words] = await Promise.all([
      timed('barcodes', findBarcodes(raster)),
      timed('ocr', options.ocr.readPage(raster, 1, ocrOptions)),
    ]);
    const letterBox = await letterBoxOf(raster, words, barcodes);
    pages.push({ words, barcodes, raster, size: { width: raster.width, height: raster.height }, usedOcr: true, textLayer: false, letterBox });
  }

  let t = performance.now();
  const lines = withoutCopies(buildLines(pages.flatMap((p) => p.words)));
  const extraction = interpret(lines, pages, options);
  if (deskewed.length > 0) extraction.warnings.push(`La imagen estaba inclinada ${deskewed.map((a) => `${a.toLocaleString('es-AR')}°`).join(', ')}: se enderezó para leerla`);
  lap('parse', t);
  const previews: ReadResult['previews'] = [];
  if (options.previews) {
    t = performance.now();
    for (const page of pages) if (page.raster) previews.push(await previewPng(page.raster));
    lap('previews', t);
  }
  timings['total'] = Math.round(performance.now() - started);
  extraction.timingsMs = timings;
  return { extraction, previews };
}

/** Interprets words read elsewhere (the bench feeds it Debian tesseract's TSV) as a one-page document. */
export function interpretWords(words: Word[], barcodes: FoundBarcode[], size: { width: number; height: number }, options: { ownCuit?: string | null } = {}): Extraction {
  const page: PageSource = { words, barcodes, raster: null, size, usedOcr: true, textLayer: false };
  return interpret(withoutCopies(buildLines(words)), [page], options);
}

function interpret(lines: TextLine[], pages: PageSource[], options: { ownCuit?: string | null }): Extraction {
  const style = detectStyle(lines.map((l) => l.text));
  const { header, boxes, confidence: fieldConfidence } = parseHeader(lines, style, { ownCuit: options.ownCuit });
  const warnings: string[] = [];
  const letterBox = pages[0]?.letterBox;
  if (header.letter === null && header.typeCode === null && letterBox?.length) {
    const fromBox = parseHeader(buildLines(letterBox), style);
    for (const field of ['letter', 'typeCode'] as const) {
      if (fromBox.header[field] === null) continue;
      (header as unknown as Record<string, unknown>)[field] = fromBox.header[field];
      if (fromBox.boxes[field]) boxes[field] = fromBox.boxes[field];
      fieldConfidence[field] = Math.min(0.8, fromBox.confidence[field] ?? 0.7);
    }
  }

  // The QR: the first barcode that parses as an invoice QR (others, e.g. payment QRs, are ignored).
  let qr: AfipQr | null = null;
  let itf: ReturnType<typeof parseAfipItf> = null;
  for (const barcode of pages.flatMap((p) => p.barcodes)) {
    if (!qr && barcode.format === 'QRCode') qr = parseAfipQr(barcode.text);
    if (!itf && barcode.format === 'ITF') itf = parseAfipItf(barcode.text);
  }
  if (qr) {
    applyQr(header, qr, fieldConfidence, warnings);
    if (qr.repairs.length > 0) warnings.push(`QR con defectos: ${qr.repairs.join('; ')}`);
  } else if (itf) {
    const fromItf: Partial<InvoiceHeader> = { cuit: itf.cuit, typeCode: itf.typeCode, pos: itf.pos, cae: itf.cae };
    for (const [key, value] of Object.entries(fromItf) as [keyof InvoiceHeader, never][]) {
      if (header[key] !== null && header[key] !== value) warnings.push(`El código de barras dice ${String(value)} para ${key} y lo impreso ${String(header[key])}`);
      (header as unknown as Record<string, unknown>)[key] = value;
      fieldConfidence[key as 'cuit'] = 0.99;
    }
    header.letter = VOUCHER_TYPES[itf.typeCode]?.letter ?? header.letter;
  }

  const pricesIncludeIva = header.letter === 'B' || header.letter === 'C';
  const items = parseItems(invoicePages(lines, header), style, { pricesIncludeIva });
  resolveRates(header, items);
  fillLineRates(header, items);
  if (pages.some((p) => p.usedOcr)) reconcile(header, items, qr, warnings);
  // Factura B and C state no IVA apart: there is no net by rate to report.
  if ((header.letter === 'B' || header.letter === 'C') && Object.keys(header.iva).length === 0) header.net = {};
  const checks = checkInvoice(header, items, qr);

  const headerFields = ['cuit', 'letter', 'pos', 'number', 'date', 'total'] as const;
  const found = headerFields.map((f) => (header[f] === null ? 0 : (fieldConfidence[f] ?? 0.6)));
  const lineConfidence = items.length ? items.reduce((s, l) => s + l.confidence, 0) / items.length : 0.3;
  const failed = checks.filter((c) => !c.ok).length;
  const confidence = Math.max(0, Math.min(1, (found.reduce((a, b) => a + b, 0) / found.length) * 0.6 + lineConfidence * 0.4 - failed * 0.1));
  const isInvoice = qr !== null || itf !== null || (header.cuit !== null && (header.total !== null || header.cae !== null)) || items.length > 0;
  if (!isInvoice) throw new AppError('UNREADABLE_DOCUMENT', 'No se encontró una factura en el archivo.', { reason: 'not-invoice' });
  return {
    header,
    lines: items,
    sources: { qr: qr !== null, itf: itf !== null, textLayer: pages.some((p) => p.textLayer), ocr: pages.some((p) => p.usedOcr) },
    checks,
    confidence: Math.round(confidence * 100) / 100,
    fieldConfidence,
    fieldBoxes: boxes,
    pages: pages.length,
    pageSizes: pages.map((p) => p.size),
    qr,
    timingsMs: {},
    warnings,
  };
}

/**
 * Suppliers attach other papers to an invoice (a quote, a delivery note): when
 * the first page already carries the totals, a later page belongs to the
 * invoice only if it names it (its number or CAE).
 */
function invoicePages(lines: TextLine[], header: InvoiceHeader): TextLine[] {
  const firstPageHasTotal = lines.some((l) => l.page === 1 && /total/i.test(l.text) && header.total !== null && l.text.replace(/\D/g, '').includes(String(Math.floor(header.total / 100))));
  if (!firstPageHasTotal) return lines;
  const marks = [header.cae, header.number !== null ? String(header.number).padStart(8, '0') : null].filter((m): m is string => m !== null);
  const belongs = new Set([1]);
  for (const page of new Set(lines.map((l) => l.page))) {
    if (lines.some((l) => l.page === page && marks.some((m) => l.text.replace(/\s/g, '').includes(m)))) belongs.add(page);
  }
  return lines.filter((l) => belongs.has(l.page));
}

/** QR fields win over print; disagreements are reported. */
function applyQr(header: InvoiceHeader, qr: AfipQr, confidence: Extraction['fieldConfidence'], warnings: string[]): void {
  const pairs: [keyof InvoiceHeader, unknown, string][] = [
    ['cuit', qr.cuit, 'CUIT'],
    ['typeCode', qr.typeCode, 'tipo de comprobante'],
    ['pos', qr.pos, 'punto de venta'],
    ['number', qr.number, 'número'],
    ['date', qr.date, 'fecha'],
    ['cae', qr.cae, 'CAE'],
  ];
  for (const [field, value, name] of pairs) {
    if (value === null) continue;
    const printed = header[field];
    if (printed !== null && printed !== value) warnings.push(`El QR dice ${String(value)} como ${name} y lo impreso ${String(printed)}: se usa el QR`);
    (header as unknown as Record<string, unknown>)[field] = value;
    confidence[field as 'cuit'] = 0.99;
  }
  if (qr.typeCode !== null) {
    header.letter = VOUCHER_TYPES[qr.typeCode]?.letter ?? header.letter;
    confidence.letter = 0.99;
  }
  // The total is not overwritten: the printed one is compared with it (a check), and used when print is unreadable.
  if (header.total === null && qr.total !== null) {
    header.total = qr.total;
    confidence.total = 0.9;
  }
  if (header.letter && header.typeCode === null) header.typeCode = FACTURA_CODE[header.letter] ?? null;
}

/** Gives an IVA rate to a net or IVA amount read without one. */
function resolveRates(header: InvoiceHeader, items: { ivaRate: number | null }[]): void {
  const itemRates = [...new Set(items.map((i) => i.ivaRate).filter((r): r is number => r !== null))];
  const netUnknown = header.net['?'];
  const ivaUnknown = header.iva['?'];
  const ivaRates = Object.keys(header.iva).filter((k) => k !== '?');
  let rate: number | null = itemRates.length === 1 ? itemRates[0]! : ivaRates.length === 1 ? Number(ivaRates[0]) : null;
  if (rate === null && netUnknown && ivaUnknown) {
    const ratio = (ivaUnknown / netUnknown) * 100;
    rate = (IVA_RATES as readonly number[]).find((r) => r > 0 && Math.abs(r - ratio) < 0.05) ?? null;
  }
  if (rate === null) return;
  if (netUnknown !== undefined) {
    delete header.net['?'];
    header.net[String(rate)] = netUnknown;
  }
  if (ivaUnknown !== undefined) {
    delete header.iva['?'];
    header.iva[String(rate)] = ivaUnknown;
  }
}

/**
 * OCR misreads a digit now and then; an invoice says most amounts twice
 * (the QR and the print, the lines and the net, net × rate and the IVA), so a
 * single misread that the other figures contradict is corrected — and said in
 * a warning, for the person to see. Text-layer documents are never corrected.
 */
function reconcile(header: InvoiceHeader, items: { qty: number; unitPrice: number | null; discount: number | null; amount: number | null }[], qr: AfipQr | null, warnings: string[]): void {
  if (qr?.total != null && qr.invalid.length === 0 && header.total !== qr.total) {
    if (header.total !== null) warnings.push(`El total impreso se leyó como ${pesos(header.total)}; se toma el del QR, ${pesos(qr.total)}`);
    header.total = qr.total;
  }
  // Perceptions are a part of the total (checked against it once the QR has settled it): a larger figure is something else.
  if (header.perceptions !== null && header.total !== null && header.perceptions >= header.total) {
    warnings.push(`Se leyó una percepción de ${pesos(header.perceptions)}, mayor que el total: no se toma`);
    header.perceptions = null;
  }
  const rates = Object.keys(header.net).filter((k) => k !== '?');
  fixOneLineAmount(header, items, warnings);
  if (rates.length !== 1 || header.total === null) return;
  const rate = rates[0]!;
  const others = (header.perceptions ?? 0) + (header.internalTaxes ?? 0);
  const net = header.net[rate]!;
  const iva = header.iva[rate] ?? 0;
  if (Math.abs(net + iva + others - header.total) <= 2) return;
  const ivaFromNet = Math.round((net * Number(rate)) / 100);
  const fixedLinesSum = items.reduce((sum, l) => sum + (l.amount ?? 0), 0);
  if (Math.abs(net + ivaFromNet + others - header.total) <= 2) {
    // The printed IVA may differ from net × rate by a cent (AFIP rounds per line): take what the total leaves.
    const fixed = header.total - net - others;
    warnings.push(`El IVA se leyó como ${pesos(iva)}; por el neto y el total es ${pesos(fixed)}`);
    header.iva[rate] = fixed;
  } else if (iva > 0 && header.total - iva - others > 0 && Math.abs(ivaFromNet - iva) > 2 && Math.abs(Math.round(((header.total - iva - others) * Number(rate)) / 100) - iva) <= 2) {
    // The IVA is the rate of what the total leaves, and not of the net read: the net is the misread
    // figure. (A net that agrees with its IVA is kept: a few cents off the total say as little
    // about the net as about the perceptions, since the rate shrinks them below a cent.)
    const fixed = header.total - iva - others;
    warnings.push(`El neto se leyó como ${pesos(net)}; por el IVA y el total es ${pesos(fixed)}`);
    header.net[rate] = fixed;
  } else if (items.length > 0 && Math.abs(fixedLinesSum + Math.round((fixedLinesSum * Number(rate)) / 100) + others - header.total) <= 2 && fixedLinesSum !== net) {
    const fixedIva = header.total - fixedLinesSum - others;
    warnings.push(`El neto y el IVA se leyeron como ${pesos(net)} y ${pesos(iva)}; por las líneas y el total son ${pesos(fixedLinesSum)} y ${pesos(fixedIva)}`);
    header.net[rate] = fixedLinesSum;
    header.iva[rate] = fixedIva;
  } else if (items.length > 0 && Math.abs(fixedLinesSum + iva + others - header.total) <= 2) {
    warnings.push(`El neto se leyó como ${pesos(net)}; por las líneas y el total es ${pesos(fixedLinesSum)}`);
    header.net[rate] = fixedLinesSum;
  } else if (items.length > 0 && Math.abs(fixedLinesSum - net) <= 2 && header.total - net - iva >= 0) {
    const perceptions = header.total - net - iva - (header.internalTaxes ?? 0);
    if (perceptions !== (header.perceptions ?? 0) && perceptions >= 0 && perceptions < net) {
      warnings.push(`Las percepciones se leyeron como ${pesos(header.perceptions ?? 0)}; por el total son ${pesos(perceptions)}`);
      header.perceptions = perceptions;
    }
  }
  // A net corrected from the total can now settle a misread line.
  if (header.net[rate] !== net) fixOneLineAmount(header, items, warnings);
}

/** One line whose amount disagrees with its quantity × price, and fixing it makes the lines add up to the net. */
function fixOneLineAmount(header: InvoiceHeader, items: { qty: number; unitPrice: number | null; discount: number | null; amount: number | null }[], warnings: string[]): void {
  const rates = Object.keys(header.net).filter((k) => k !== '?');
  if (rates.length !== 1) return;
  const net = header.net[rates[0]!]!;
  const linesSum = items.reduce((sum, l) => sum + (l.amount ?? 0), 0);
  const wrong = items.filter((l) => l.unitPrice !== null && l.amount !== null && Math.abs(expectedAmount({ ...l, unitPrice: l.unitPrice }) - l.amount) > 2);
  if (wrong.length !== 1 || linesSum === net) return;
  const line = wrong[0]!;
  const expected = expectedAmount({ ...line, unitPrice: line.unitPrice! });
  if (Math.abs(linesSum - line.amount! + expected - net) <= 2) {
    warnings.push(`Un importe de línea se leyó como ${pesos(line.amount!)}; por cantidad × precio y el neto es ${pesos(expected)}`);
    line.amount = expected;
  }
}

/** Lines printed without a rate take the invoice's, when it has only one. */
function fillLineRates(header: InvoiceHeader, items: { ivaRate: number | null }[]): void {
  const rates = [...new Set([...Object.keys(header.net), ...Object.keys(header.iva)].filter((k) => k !== '?'))];
  if (rates.length !== 1) return;
  for (const item of items) item.ivaRate ??= Number(rates[0]);
}

/**
 * Invoices are often printed as ORIGINAL, DUPLICADO and TRIPLICADO pages of one
 * document: a page whose lines repeat an earlier page's is dropped, or every
 * item and tax would count three times.
 */
export function withoutCopies(lines: TextLine[]): TextLine[] {
  const key = (l: TextLine) => l.text.replace(/original|duplicado|triplicado|cuadruplicado|p[aá]g(ina)?\.?\s*\d+\s*(\/|de)\s*\d+|hoja\s+\d+\s+de\s+\d+/gi, '').replace(/\s+/g, ' ').trim();
  const pages = [...new Set(lines.map((l) => l.page))];
  const kept: Set<string>[] = [];
  const dropped = new Set<number>();
  for (const page of pages) {
    const texts = new Set(lines.filter((l) => l.page === page).map(key).filter((t) => t.length > 3));
    const copy = kept.some((earlier) => {
      let same = 0;
      for (const text of texts) if (earlier.has(text)) same++;
      return texts.size > 0 && same / texts.size > 0.8;
    });
    if (copy) dropped.add(page);
    else kept.push(texts);
  }
  return dropped.size === 0 ? lines : lines.filter((l) => !dropped.has(l.page));
}
