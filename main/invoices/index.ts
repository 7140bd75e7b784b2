/**
 * Front door of the invoice reader: `readInvoice` (QR → text layer → OCR →
 * parse → checks) with an `OcrPool` the caller owns, and `publicJson`, the
 * shape `gondola ocr --json` prints. Needs no store; matching lines to a
 * store's catalog lives in services/invoices.ts.
 */
export { readInvoice, MAX_DOCUMENT_BYTES, type ReadOptions, type ReadResult } from './read';
export { OcrPool } from './ocr';
export { parseAfipQr, parseAfipItf, afipQrText } from './afip-qr';
export type { Extraction, InvoiceHeader, InvoiceLine, Check, Box, AfipQr } from './types';
import type { Extraction } from './types';

export function publicJson(extraction: Extraction) {
  const { header, lines, sources, checks, confidence, timingsMs, warnings } = extraction;
  return {
    header: {
      cuit: header.cuit,
      letter: header.letter,
      typeCode: header.typeCode,
      pos: header.pos,
      number: header.number,
      date: header.date,
      net: header.net,
      iva: header.iva,
      perceptions: header.perceptions,
      internalTaxes: header.internalTaxes,
      total: header.total,
      cae: header.cae,
    },
    lines: lines.map(({ code, description, qty, unitPrice, discount, amount, ivaRate }) => ({ code, description, qty, unitPrice, discount, amount, ivaRate })),
    sources: { qr: sources.qr, textLayer: sources.textLayer, ocr: sources.ocr },
    checks,
    confidence,
    timingsMs,
    warnings,
  };
}
