/**
 * The invoice header from its printed lines: issuer CUIT, letter and type code,
 * point of sale and number, date, CAE, and the totals block (net by IVA rate,
 * IVA by rate, perceptions, internal taxes, total). Each value keeps the box of
 * the line it came from. Pure.
 */
import { isValidCuit } from '../domain/cuit';
import { looseDate } from './afip-qr';
import { FACTURA_CODE, IVA_RATES, VOUCHER_TYPES } from './afip-codes';
import type { TextLine } from './layout';
import { numbersIn, toCentavos, type NumberStyle } from './numbers';
import type { Box, HeaderField, InvoiceHeader, InvoiceLetter } from './types';

export interface HeaderReading {
  header: InvoiceHeader;
  boxes: Partial<Record<HeaderField, Box>>;
  confidence: Partial<Record<HeaderField, number>>;
}

function boxOf(line: TextLine): Box {
  return { page: line.page, x: line.x0, y: line.y0, w: line.x1 - line.x0, h: line.y1 - line.y0 };
}

/** Lines with some neighbours' text appended: labels and values are often on adjacent lines. */
function withNext(lines: TextLine[], i: number): string {
  return `${lines[i]!.text}  ${lines[i + 1]?.page === lines[i]!.page ? lines[i + 1]!.text : ''}`;
}

const normalize = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function parseHeader(lines: TextLine[], style: NumberStyle, options: { ownCuit?: string | null } = {}): HeaderReading {
  const header: InvoiceHeader = {
    cuit: null,
    letter: null,
    typeCode: null,
    pos: null,
    number: null,
    date: null,
    net: {},
    iva: {},
    perceptions: null,
    internalTaxes: null,
    total: null,
    cae: null,
    supplierName: null,
  };
  const boxes: HeaderReading['boxes'] = {};
  const confidence: HeaderReading['confidence'] = {};
  const set = <K extends HeaderField>(field: K, value: InvoiceHeader[K], line: TextLine, conf = line.conf) => {
    header[field] = value;
    boxes[field] = boxOf(line);
    confidence[field] = conf;
  };
  const firstPage = lines.filter((l) => l.page === 1);

  // CUIT: valid check digits; the issuer's is the first one on the page that is not the store's own.
  const cuits: { cuit: string; line: TextLine; labelled: boolean }[] = [];
  for (const line of firstPage) {
    for (const match of line.text.matchAll(/(?<!\d)(\d{2})[\s-]?(\d{8})[\s-]?(\d)(?!\d)/g)) {
      const cuit = `${match[1]}${match[2]}${match[3]}`;
      if (isValidCuit(cuit) && cuit !== options.ownCuit) cuits.push({ cuit, line, labelled: /c\.?u\.?i\.?t/i.test(line.text) });
    }
  }
  // Customer blocks name the buyer's CUIT; the issuer's sits in the top part.
  const customer = firstPage.find((l) => /cliente|se[ñn]or(es)?|raz[oó]n social:|documento:|comprador/i.test(l.text));
  const issuer = cuits.find((c) => !customer || c.line.y0 < customer.y0 || c.line === customer) ?? cuits[0];
  if (issuer) set('cuit', issuer.cuit, issuer.line, issuer.labelled ? 0.95 : 0.7);

  // Letter: "FACTURA A", or a lone A/B/C box at the top.
  for (const line of firstPage) {
    const match = /\bfactura\s*(?:electr[oó]nica\s*)?([ABCM])\b/i.exec(line.text);
    if (match) {
      set('letter', match[1]!.toUpperCase() as InvoiceLetter, line);
      break;
    }
  }
  if (!header.letter) {
    const box = firstPage.find((l) => l.y0 < 0.2 && l.cells.some((c) => /^[ABCM]$/.test(c.text.trim())));
    if (box) set('letter', box.cells.find((c) => /^[ABCM]$/.test(c.text.trim()))!.text.trim() as InvoiceLetter, box, 0.8);
  }
  for (const line of firstPage) {
    const match = /c[oó]d(?:igo)?\.?\s*(?:n[º°o]\.?\s*)?:?\s*0*(\d{1,3})\b/i.exec(line.text);
    if (match && line.y0 < 0.25 && Number(match[1]) in VOUCHER_TYPES) {
      set('typeCode', Number(match[1]), line);
      break;
    }
  }
  if (header.typeCode === null && header.letter) header.typeCode = FACTURA_CODE[header.letter] ?? null;
  if (!header.letter && header.typeCode !== null) header.letter = VOUCHER_TYPES[header.typeCode]?.letter ?? null;

  // Point of sale and number: "0008-00002327", "Punto de Venta: 00003 Comp. Nro: 00000153".
  for (let i = 0; i < firstPage.length; i++) {
    const text = firstPage[i]!.text;
    const dashed = /(?<!\d)(\d{4,5})\s*-\s*(\d{8})(?!\d)/.exec(text);
    if (dashed && !/cuit|cae/i.test(text.slice(Math.max(0, dashed.index - 12), dashed.index))) {
      set('pos', Number(dashed[1]), firstPage[i]!);
      set('number', Number(dashed[2]), firstPage[i]!);
      break;
    }
    const both = withNext(firstPage, i);
    const pos = /punto\s+de\s+venta:?\s*(\d{1,5})/i.exec(both);
    const number = /comp(?:robante)?\.?\s*n(?:ro|[º°o])\.?:?\s*(\d{1,8})/i.exec(both);
    if (pos && number) {
      // The labels may be on the next line (withNext): box the line that has them.
      const labelled = /punto\s+de\s+venta/i.test(text) ? firstPage[i]! : firstPage[i + 1]!;
      set('pos', Number(pos[1]), labelled);
      set('number', Number(number[1]), labelled);
      break;
    }
  }

  // Date: "Fecha de emisión", "Fecha:"; never a CAE due date or activity start.
  const dateLines = firstPage.filter((l) => /\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.test(l.text));
  const labelled = dateLines.find((l) => /fecha(\s+de)?\s+(emisi[oó]n|comprobante)/i.test(l.text)) ??
    dateLines.find((l) => /fecha\s*:/i.test(l.text) && !/vto|venc|inicio|cae/i.test(normalize(l.text)));
  const dateLine = labelled ?? dateLines.find((l) => !/vto|venc|inicio|cae|desde|hasta/i.test(normalize(l.text)));
  if (dateLine) {
    const match = /fecha[^\d]{0,25}(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/i.exec(dateLine.text) ?? /(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/.exec(dateLine.text);
    const date = match ? looseDate(match[1]!.replace(/[.-]/g, '/')) : null;
    if (date) set('date', date, dateLine, labelled ? dateLine.conf : dateLine.conf * 0.8);
  }

  for (const line of lines) {
    const match = /C\.?A\.?E\.?(?!\s*(?:vto|venc))[^\d]{0,20}(\d{14})(?!\d)/i.exec(line.text);
    if (match) {
      set('cae', match[1]!, line);
      break;
    }
  }

  // Supplier's name: the first line at the top that is a name, not a label or the letter.
  const nameLine = firstPage.find((l) => l.y0 < 0.2 && looksLikeName(l.cells[0]!.text));
  if (nameLine) set('supplierName', nameLine.cells[0]!.text.trim().slice(0, 120), nameLine, 0.6);

  readTotals(lines, style, header, set);
  return { header, boxes, confidence };
}

type Setter = <K extends HeaderField>(field: K, value: InvoiceHeader[K], line: TextLine, conf?: number) => void;

/** The money amount a totals line states: the last amount on it. */
function lineAmount(text: string, style: NumberStyle): number | null {
  const amounts = numbersIn(text, style).filter((t) => !t.percent && (t.money || /\$/.test(text)) && !/^\d{1,2}$/.test(t.raw));
  const last = amounts.at(-1) ?? numbersIn(text, style).filter((t) => !t.percent).at(-1);
  return last ? toCentavos(last.value) : null;
}

function rateIn(text: string, style: NumberStyle): number | null {
  for (const token of numbersIn(text.replace(/(\d)\s*%/g, '$1%'), style)) {
    if ((IVA_RATES as readonly number[]).includes(token.value) && (token.percent || /iva\s*\d/i.test(text))) return token.value;
  }
  return null;
}

/**
 * Totals printed as a grid (a row of labels, the amounts on the row below) are
 * turned into "label amount" lines, each amount under its nearest label.
 */
function ungrid(lines: TextLine[], style: NumberStyle): TextLine[] {
  const out: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const labels = lines[i]!;
    const values = lines[i + 1];
    const allLabels = labels.cells.length >= 2 && labels.cells.every((c) => numbersIn(c.text, style).length === 0 || /iva|%/i.test(c.text));
    const allValues = values && values.page === labels.page && values.cells.length >= 2 && values.cells.every((c) => c.text.replace(/[\d.,$%\s()-]/g, '') === '');
    if (!allLabels || !allValues) {
      out.push(labels);
      continue;
    }
    const cells = values.cells.map((value) => {
      const centre = (value.x0 + value.x1) / 2;
      const label = labels.cells.reduce((best, c) => (Math.abs((c.x0 + c.x1) / 2 - centre) < Math.abs((best.x0 + best.x1) / 2 - centre) ? c : best));
      return { ...value, text: `${label.text} ${value.text}` };
    });
    for (const cell of cells) out.push({ ...values, cells: [cell], text: cell.text, x0: cell.x0, x1: cell.x1 });
    i++;
  }
  return out;
}

function readTotals(allLines: TextLine[], style: NumberStyle, header: InvoiceHeader, set: Setter): void {
  const lines = ungrid(allLines, style);
  let netLine: TextLine | null = null;
  let ivaTotalLine: TextLine | null = null;
  let ivaTotal: number | null = null;
  let perceptions = 0;
  let perceptionLine: TextLine | null = null;
  for (const line of lines) {
    // Cells hold "label: amount" pairs; a line may carry several.
    const segments = line.cells.length > 1 && line.cells.some((c) => /[a-z]/i.test(c.text)) ? pairs(line) : [line.text];
    for (const segment of segments) {
      const s = normalize(segment);
      const amount = lineAmount(segment, style);
      // "Alícuota IVA 21.00" states a rate, not an amount.
      if (amount === null || /^al[ií]cuota/.test(s)) continue;
      if (/importe\s+total|^total\b|total\s*(a\s+pagar|factura|comprobante|final)?\s*:?\s*\$?\s*[\d.,]+\s*$|^\s*total\s*:/.test(s) && !/sub\s*total|total\s+(neto|iva|gravado|tributos)|cantidad total/.test(s)) {
        if (header.total === null || amount >= header.total) set('total', amount, line);
      } else if (/neto\s+gravado|subtotal\s+gravado|importe\s+neto(?!\s+no)|^sub\s*total\b|^suma\b|neto\s*:|^neto\b/.test(s) && !/no\s+gravado/.test(s)) {
        if (!netLine || /gravado/.test(s)) {
          netLine = line;
          const rate = rateIn(segment, style);
          header.net = { [rate === null ? '?' : String(rate)]: amount };
        }
      } else if (/percep|perc\.|retenc|otros\s+tributos/.test(s) && !/no\s+gravado|agente\s+de/.test(s)) {
        // ("Agente de percepción IIBB: 380002299" is the issuer's registration, not an amount.)
        if (/otros\s+tributos/.test(s) && perceptions > 0) continue;
        perceptions += amount;
        perceptionLine = line;
      } else if (/imp(uestos?|\.)?\s+internos?/.test(s)) {
        set('internalTaxes', amount, line);
      } else if (/\biva\b|i\.v\.a/.test(s) && !/condici|responsable|inscripto|exento|monotrib|cuit/.test(s)) {
        const rate = rateIn(segment, style);
        if (rate !== null && amount !== 0) header.iva[String(rate)] = (header.iva[String(rate)] ?? 0) + amount;
        else if (amount !== 0) {
          ivaTotal = amount;
          ivaTotalLine = line;
        }
      }
    }
  }
  if (Object.keys(header.iva).length === 0 && ivaTotal !== null) header.iva = { '?': ivaTotal };
  if (netLine) set('net', header.net, netLine);
  if (Object.keys(header.iva).length > 0) set('iva', header.iva, ivaTotalLine ?? netLine ?? lines[0]!);
  if (perceptionLine) set('perceptions', perceptions, perceptionLine);
}

/** A totals line as "label amount" segments: each label cell with the amounts after it. */
function pairs(line: TextLine): string[] {
  const segments: string[] = [];
  for (const cell of line.cells) {
    if (/[a-z]{3}/i.test(cell.text) || segments.length === 0) segments.push(cell.text);
    else segments[segments.length - 1] += `  ${cell.text}`;
  }
  return segments;
}

/** Words a printed invoice uses as labels: a cell that is one of them (or ends in a colon) names a field, not a business. */
const LABEL = /^(n[uú]mero|nro|n[º°o]|comp(robante)?|punto de venta|p\.?\s?de venta|fecha|cuit|iva|ingresos brutos|iibb|domicilio|direcci[oó]n|tel[eé]fono|raz[oó]n social|condici[oó]n|inicio de actividades|hoja|p[aá]gina|remito|presupuesto|cliente|señor(es)?|sr\.?(es)?)\b/i;

/** Whether a cell at the top of the page can be the supplier's name: letters, and not a field label («NUMERO:», «Fecha:», «Factura»). */
export function looksLikeName(text: string): boolean {
  const t = text.trim();
  if (!/[A-Za-zÁÉÍÓÚÑáéíóúñ]{3}/.test(t)) return false;
  if (/:\s*$/.test(t) || /^[^:]{1,25}:/.test(t)) return false;
  if (/factura|original|duplicado|triplicado|c[oó]d\.|c[oó]digo/i.test(t)) return false;
  return !LABEL.test(t);
}
