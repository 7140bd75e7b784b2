/**
 * Line items from the printed table: the header row names the columns
 * (Cant., Código, Descripción, P. Unit., Bonif., IVA, Importe…); each row's
 * numbers are put under the nearest column and then checked against
 * quantity × price × (1 − discount) ≈ amount, trying the other readings of
 * the row's numbers when the columns disagree. Rows without numbers continue
 * the description (and the code) of the row above. Pure.
 */
import { IVA_RATES } from './afip-codes';
import type { TextLine } from './layout';
import { numbersIn, toCentavos, toThousandths, type NumberStyle } from './numbers';
import type { InvoiceLine } from './types';

type Column = 'qty' | 'code' | 'description' | 'unitPrice' | 'discount' | 'iva' | 'amount' | 'amountWithIva' | 'other';

const LABELS: [Column, RegExp][] = [
  ['qty', /\bcant(idad|\.)?\b|\bunid(ades)?\b|\bu\.\b/gi],
  ['code', /\bc[oó]d(igo|\.)?\b|\bart[ií]culo\b|\bsku\b/gi],
  ['description', /\bdescripci[oó]n\b|\bconcepto\b|\bdetalle\b|\bproducto\b/gi],
  ['unitPrice', /\bp(recio)?\.?\s*unit(ario|\.)?\b|\bprecio\b|\bp\.\s*u\.?|\bunit(ario|\.)?/gi],
  ['discount', /\bbonif(icaci[oó]n|\.)?\b|%?\s*\bdto\b|\bdesc(uento|\.)\b/gi],
  ['iva', /\balic(uota|\.)?\s*(iva)?\b|%\s*iva\b|\biva\b/gi],
  ['amount', /\bsubtotal(\s+neto)?\b|\bimporte\b|\btotal\b|\bneto\b/gi],
];

interface HeaderColumn {
  column: Column;
  x: number; // where the label starts
  label: string;
}

function headerColumns(line: TextLine): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  for (const cell of line.cells) {
    const width = cell.x1 - cell.x0;
    const taken: [number, number][] = [];
    for (const [column, pattern] of LABELS) {
      for (const match of cell.text.matchAll(pattern)) {
        if (taken.some(([a, b]) => match.index < b && match.index + match[0].length > a)) continue;
        taken.push([match.index, match.index + match[0].length]);
        columns.push({ column, x: cell.x0 + (width * match.index) / Math.max(1, cell.text.length), label: match[0] });
      }
    }
  }
  columns.sort((a, b) => a.x - b.x);
  // "Subtotal … Importe": the right-most amount column is the one with IVA when two exist.
  const amounts = columns.filter((c) => c.column === 'amount');
  if (amounts.length > 1) amounts.at(-1)!.column = 'amountWithIva';
  return columns;
}

function isHeader(line: TextLine): boolean {
  const kinds = new Set(headerColumns(line).map((c) => c.column));
  return kinds.size >= 3 && (kinds.has('description') || kinds.has('code')) && (kinds.has('amount') || kinds.has('unitPrice'));
}

const END = /^(sub\s*total|suma|importe\s+neto|neto\s+gravado|total|son\s+pesos|observaciones|otros\s+tributos|cantidad\s+total|importe\s+total|transporte|iva\s+\d)/i;

interface Cellish {
  text: string;
  x0: number;
  x1: number;
  conf: number;
}

export function parseItems(lines: TextLine[], style: NumberStyle, options: { pricesIncludeIva: boolean }): InvoiceLine[] {
  const items: OpenItem[] = [];
  let columns: HeaderColumn[] | null = null;
  let open: OpenItem | null = null;
  // Text-only lines since the header or the last item: a row whose numbers sit between
  // two lines of its description ("Cápsulas de café… / 1,00 … / …X100 Unid") takes them.
  let pending: TextLine[] = [];
  let page = 0;
  for (const line of lines) {
    if (line.page !== page) {
      page = line.page;
      columns = null; // each page repeats its table header
      open = null;
      pending = [];
    }
    if (isHeader(line)) {
      columns = headerColumns(line);
      open = null;
      pending = [];
      continue;
    }
    if (!columns) {
      // Pre-printed forms have no header row: a row whose numbers multiply out is an item.
      const item = readRow(line, [], style, options.pricesIncludeIva, true);
      if (item) {
        items.push(item);
        open = item;
      } else if (open && line.y0 - (open.box!.y + open.box!.h) < (open.box!.h || 0.02) * 1.5 && line.cells.every((c) => !/\d[.,]\d/.test(c.text))) {
        if (NOTE.test(line.text.trim())) open.noted = true;
        if (!open.noted) open.description = `${open.description} ${line.text}`.trim();
        open.box!.h = line.y1 - open.box!.y;
      } else open = null;
      continue;
    }
    if (END.test(line.text.trim()) || END.test(line.cells.at(-2)?.text.trim() ?? '')) {
      columns = null;
      open = null;
      continue;
    }
    const item = readRow(line, columns, style, options.pricesIncludeIva);
    if (item) {
      const above = pending.filter((p) => item.box!.y - p.y1 < (item.box!.h || 0.02) * 1.5);
      if (!item.description && above.length > 0) {
        item.description = above.map((p) => p.text).join(' ');
        item.box = { ...item.box!, y: above[0]!.y0, h: item.box!.y + item.box!.h - above[0]!.y0 };
      }
      pending = [];
      items.push(item);
      open = item;
    } else if (!open && line.cells.every((c) => !/\d[.,]\d{2}\b/.test(c.text))) {
      pending.push(line);
    } else if (open && line.y0 - (open.box!.y + open.box!.h) < (open.box!.h || 0.02) * 2.5) {
      // A continuation: more description (and sometimes the rest of a wrapped code), until a labelled note.
      if (NOTE.test(line.text.trim())) open.noted = true;
      for (const cell of line.cells) {
        if (open.noted) break;
        if (open.codeX !== null && Math.abs(cell.x0 - open.codeX) < 0.02 && /^[\w-]{1,12}$/.test(cell.text) && open.code) open.code += cell.text;
        else if (!/^[\d.,$%\s()-]+$/.test(cell.text)) open.description = `${open.description} ${cell.text}`.trim();
      }
      open.box!.h = line.y1 - open.box!.y;
    }
  }
  return items.map(({ codeX: _codeX, noted: _noted, ...item }) => item);
}

function nearest(columns: HeaderColumn[], x: number, allowed: (c: Column) => boolean): HeaderColumn | null {
  let best: HeaderColumn | null = null;
  let bestDistance = Infinity;
  columns.forEach((column, i) => {
    if (!allowed(column.column)) return;
    // A column spans from its label to the next label.
    const end = columns[i + 1]?.x ?? 1;
    const distance = x < column.x ? column.x - x : x > end ? x - end : 0;
    if (distance < bestDistance) {
      best = column;
      bestDistance = distance;
    }
  });
  return best;
}

const UNIT_WORDS = /(?<=^[\d.,]+)\s+(unidades|unidad|unid|un|u|kg|kgs|kilos|gr|grs|lt|lts|litros|mts?|cajas?|bultos?|packs?|docenas?)\.?$/i;

/**
 * OCR often closes the gap between a number and the text beside it ("24,00 DS-1441
 * CABALLA…"): numbers at the start or end of a text cell become cells of their own.
 */
function peelNumbers(cells: Cellish[]): Cellish[] {
  const out: Cellish[] = [];
  for (const cell of cells) {
    const perChar = (cell.x1 - cell.x0) / Math.max(1, cell.text.length);
    let text = cell.text;
    let x0 = cell.x0;
    const lead = /^(\$?\s?\d[\d.,]*%?)\s+(?=\S*[A-Za-zÁÉÍÓÚÑáéíóúñ])/.exec(text);
    if (lead && /[a-z]/i.test(text.slice(lead[0].length))) {
      out.push({ ...cell, text: lead[1]!, x1: x0 + lead[1]!.length * perChar });
      x0 += lead[0].length * perChar;
      text = text.slice(lead[0].length);
    }
    const trail = /\s+(\$?\s?\d{1,3}(?:[.,]\d{3})*[.,]\d{2}|\d+%)$/.exec(text);
    if (trail && /[a-z]/i.test(text.slice(0, trail.index))) {
      out.push({ ...cell, text: text.slice(0, trail.index), x0, x1: x0 + trail.index * perChar });
      out.push({ ...cell, text: trail[1]!, x0: x0 + (trail.index + 1) * perChar });
    } else {
      out.push({ ...cell, text, x0 });
    }
  }
  return out;
}

type OpenItem = InvoiceLine & { codeX: number | null; noted?: boolean };

/**
 * A labelled note under an item ("Siniestro: 4471", "Lote: A12 Vto 03/27", "Obs.:"):
 * not more of its description. Once one appears, the item's description is done.
 */
const NOTE = /^[A-Za-zÁÉÍÓÚÑáéíóúñ.º° ]{2,24}:/;

const NUMERIC: Column[] = ['qty', 'unitPrice', 'discount', 'iva', 'amount', 'amountWithIva'];

function readRow(line: TextLine, columns: HeaderColumn[], style: NumberStyle, pricesIncludeIva: boolean, strict = false): (InvoiceLine & { codeX: number | null }) | null {
  // Split cells into numeric tokens and text, keeping x positions.
  const numeric: { value: number; percent: boolean; x: number; raw: string }[] = [];
  const texts: Cellish[] = [];
  for (const original of peelNumbers(line.cells)) {
    // "1,00 unidades": a quantity with its unit of measure.
    const cell = { ...original, text: original.text.replace(UNIT_WORDS, '') };
    const tokens = numbersIn(cell.text, style);
    const numericOnly = cell.text.replace(/[\d.,$%\s()-]/g, '') === '';
    const under = nearest(columns, (cell.x0 + cell.x1) / 2, () => true)?.column;
    const looksLikeCode = (under === 'code' || under === 'description') && /^\d{3,}$/.test(cell.text.trim());
    if (numericOnly && tokens.length > 0 && !looksLikeCode) {
      const perChar = (cell.x1 - cell.x0) / Math.max(1, cell.text.length);
      for (const t of tokens) {
        const x = cell.x0 + perChar * (t.index + t.raw.length / 2);
        // Six or more bare digits are a code (an EAN, an article number), not an amount.
        if (/^\d{6,}$/.test(t.raw)) texts.push({ ...cell, text: t.raw, x0: cell.x0 + perChar * t.index, x1: cell.x0 + perChar * (t.index + t.raw.length) });
        else numeric.push({ value: t.value, percent: t.percent || /%/.test(cell.text), x, raw: t.raw });
      }
    } else if (cell.text.trim() !== '-') {
      texts.push(cell);
    }
  }
  if (numeric.length < (strict ? 3 : 2) || !numeric.some((n) => !n.percent && n.value > 0)) return null;
  if (strict && !texts.some((t) => /[a-záéíóúñ]{3}/i.test(t.text))) return null;

  const byColumn = new Map<Column, number[]>();
  for (const n of numeric) {
    const column = nearest(columns, n.x, (c) => NUMERIC.includes(c))?.column ?? 'other';
    let assigned: Column = column;
    if (n.percent && (IVA_RATES as readonly number[]).includes(n.value) && column !== 'discount' && columns.some((c) => c.column === 'iva')) assigned = 'iva';
    byColumn.set(assigned, [...(byColumn.get(assigned) ?? []), n.value]);
  }
  let qty = byColumn.get('qty')?.[0] ?? null;
  let unitPrice = byColumn.get('unitPrice')?.[0] ?? null;
  const discount = byColumn.get('discount')?.[0] ?? 0;
  let amount = byColumn.get('amount')?.[0] ?? null;
  const amountWithIva = byColumn.get('amountWithIva')?.[0] ?? null;
  let ivaRate = byColumn.get('iva')?.find((v) => (IVA_RATES as readonly number[]).includes(v)) ?? null;
  let confidence = line.conf;

  const fits = (q: number, p: number, a: number) => Math.abs(q * p * (1 - discount / 100) - a) <= Math.max(0.02, a * 0.002);
  if (qty === null || unitPrice === null || amount === null || !fits(qty, unitPrice, amount)) {
    // The columns did not add up: find the reading of the row's plain numbers that does.
    const plain = numeric.filter((n) => !n.percent).map((n) => n.value);
    let found: [number, number, number] | null = null;
    for (let a = plain.length - 1; a >= 0 && !found; a--) {
      for (let p = a - 1; p >= 0 && !found; p--) {
        for (let q = 0; q < plain.length && !found; q++) {
          if (q === p || q === a) continue;
          if (fits(plain[q]!, plain[p]!, plain[a]!) && plain[q]! > 0) found = [plain[q]!, plain[p]!, plain[a]!];
        }
      }
    }
    if (found) {
      [qty, unitPrice, amount] = found;
      // Both readings of the pair multiply out alike: a whole number below a price with cents is
      // the quantity, whichever order the columns are printed in ("3.00" units at "3,512.40").
      if (Number.isInteger(unitPrice) && !Number.isInteger(qty) && unitPrice < qty) [qty, unitPrice] = [unitPrice, qty];
    } else if (strict) return null;
    else {
      confidence *= 0.5;
      if (amount === null) amount = amountWithIva ?? plain.at(-1) ?? null;
      if (qty === null) qty = plain.length > 2 ? plain[0]! : 1;
      if (unitPrice === null && amount !== null && qty) unitPrice = amount / qty;
    }
  }
  if (ivaRate === null && amountWithIva !== null && amount) {
    const ratio = Math.round((amountWithIva / amount - 1) * 1000) / 10;
    ivaRate = (IVA_RATES as readonly number[]).find((r) => Math.abs(r - ratio) < 0.2) ?? null;
  }

  // Text: a code (one token with digits, under the code column) and the description.
  const codeColumn = columns.find((c) => c.column === 'code');
  let code: string | null = null;
  let codeX: number | null = null;
  const descriptionParts: string[] = [];
  for (const cell of texts) {
    const column = nearest(columns, cell.x0 + 0.005, (c) => c === 'code' || c === 'description')?.column;
    const firstWord = /^(\S+)\s+(.*)$/.exec(cell.text);
    if (codeColumn && code === null && /^[A-Z0-9][\w./-]{2,}$/i.test(cell.text) && /\d/.test(cell.text) && column === 'code') {
      code = cell.text;
      codeX = cell.x0;
    } else if (codeColumn && code === null && firstWord && /\d/.test(firstWord[1]!) && /^[A-Z0-9][\w./-]{2,}$/i.test(firstWord[1]!) && Math.abs(cell.x0 - codeColumn.x) < 0.05) {
      code = firstWord[1]!;
      codeX = cell.x0;
      descriptionParts.push(firstWord[2]!);
    } else {
      descriptionParts.push(cell.text);
    }
  }
  // A quantity column to the left of a code column may hold the code when it is all digits.
  const description = descriptionParts.join(' ').trim();
  // A row of numbers alone is an item only when they multiply out (its description is on the lines around it).
  if (!description && !code && (qty === null || unitPrice === null || amount === null || !fits(qty, unitPrice, amount))) return null;
  if (qty === null || qty <= 0) return null;
  void pricesIncludeIva;
  return {
    code,
    codeX,
    description,
    qty: toThousandths(qty),
    unitPrice: unitPrice === null ? null : toCentavos(unitPrice),
    discount: discount || 0,
    amount: amount === null ? null : toCentavos(amount),
    ivaRate,
    confidence,
    box: { page: line.page, x: line.x0, y: line.y0, w: line.x1 - line.x0, h: line.y1 - line.y0 },
  };
}
