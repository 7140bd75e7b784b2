/**
 * The files of the interchange format and how each row reads, column by column
 * (../shared/formats/README.md). A row parser returns the row or throws a
 * RowError naming the column; it never touches the database.
 */
import { IVA_RATES, PAYMENTS, REASONS, WEEKDAYS, type AdjustmentReason, type Payment, type Weekday } from '../../contract';
import { isValidBarcode } from '../domain/barcode';
import { isValidCuit, normalizeCuit } from '../domain/cuit';
import { mainMethod } from '../domain/payments';
import { readDate, readDateTime, readNumber, readText, resolveAmbiguous, toScaled, type DecimalStyle } from './values';

import { RowError } from '../domain/errors';

export { RowError };

/** Thrown when a number can only be read once the file's decimal style is known. */
export class NeedsStyle extends Error {}

export interface RowContext {
  timeZone: string;
  /** The file's decimal style as seen so far; set by the first unambiguous number. */
  style: DecimalStyle | null;
  /**
   * The whole import's style (all files of a folder come from one system):
   * stated by the person, or read from every file before the rows are.
   * A file's own evidence wins over it, a stated style over both.
   */
  importStyle: DecimalStyle | null;
  stated: boolean;
  /** At the end of the file: refuse what is still ambiguous instead of waiting. */
  final: boolean;
  /** The unit of a product the row names (catalog or products.csv), when known. */
  unitOf?: (ref: ProductRef) => 'un' | 'kg' | 'l' | null;
}

export type Get = (column: string) => string | undefined;

export interface ProductRef {
  sku?: string;
  barcode?: string;
  supplierCode?: string;
}

export interface SupplierRow {
  cuit: string;
  name: string;
  leadTimeDays: number;
  orderWeekdays: Weekday[];
  minOrder: number;
}
export interface ProductRow {
  sku: string;
  barcodes: string[];
  name: string;
  category: string | null;
  brand: string | null;
  unit: 'un' | 'kg' | 'l';
  ivaRate: number;
  cost: number;
  price: number;
  minStock: number;
  supplierCuit: string | null;
  packSize: number;
  shelfLifeDays: number | null;
  active: boolean;
}
export interface SaleRow {
  ticket: string;
  line: number | null;
  datetime: string;
  ref: ProductRef;
  qty: number;
  unitPrice: number;
  discount: number;
  cashier: string | null;
  payment: Payment | null;
  /** A split payment (`efectivo:1000|debito:2500,50`), on the ticket's first line; null otherwise. */
  payments: { method: Payment; amount: number }[] | null;
  voided: boolean;
}
export interface ReceiptRow {
  supplierCuit: string;
  type: 'A' | 'B' | 'C' | 'R';
  pos: number;
  number: number;
  date: string;
  /** Góndola's own exports add the day the goods arrived (stock entered then); default: the invoice's date. */
  receivedOn: string | null;
  /** Góndola's own exports add when the receipt was posted, so a re-import replays in the same order. */
  postedAt: string | null;
  ref: ProductRef;
  qty: number;
  unitCost: number;
  ivaRate: number | null;
  lot: string | null;
  expiry: string | null;
}
export interface AdjustmentRow {
  datetime: string;
  ref: ProductRef;
  qty: number;
  reason: AdjustmentReason;
  user: string | null;
  note: string | null;
}
export interface CountRow {
  datetime: string;
  ref: ProductRef;
  counted: number;
  user: string | null;
}
export interface PriceRow {
  supplierCuit: string;
  date: string;
  ref: ProductRef;
  cost: number;
}
export interface CpiRow {
  month: string;
  index: number;
}

export interface FileSpec<T> {
  file: string;
  /** Columns that must be in the header. */
  required: string[];
  /** Groups of which at least one column must be in the header. */
  oneOf?: string[][];
  /** Every column this file knows (the rest are ignored). */
  known: string[];
  parse(get: Get, ctx: RowContext): T;
}

// ── cell readers ─────────────────────────────────────────────────────────────

function text(get: Get, column: string, max: number, required: boolean): string | null {
  const raw = get(column);
  const value = raw === undefined ? '' : readText(raw);
  if (!value) {
    if (required) throw new RowError(column, 'falta el dato');
    return null;
  }
  if (value.length > max) throw new RowError(column, `admite hasta ${max} caracteres`);
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) throw new RowError(column, 'tiene caracteres no permitidos');
  return value;
}

function scaled(get: Get, column: string, decimals: number, ctx: RowContext, options: { required: boolean; allowNegative?: boolean; unit?: 'un' | 'kg' | 'l' | null }): number | null {
  const raw = get(column)?.trim() ?? '';
  if (raw === '') {
    if (options.required) throw new RowError(column, 'falta el dato');
    return null;
  }
  let cell = readNumber(raw);
  if (cell.kind === 'ambiguous') {
    // A weighed or measured quantity with three decimals is grams or millilitres,
    // never thousands of kilos: "16,066" kg is 16,066 kg whatever the style.
    const measured = options.unit === 'kg' || options.unit === 'l';
    const settled = measured && !ctx.stated ? { ...cell, kind: 'value' as const, style: null } : resolveAmbiguous(cell, ctx.stated ? ctx.importStyle : (ctx.style ?? ctx.importStyle), ctx.stated);
    if (!settled) {
      if (!ctx.final) throw new NeedsStyle();
      throw new RowError(
        column,
        `«${raw}» es ambiguo: puede ser ${cell.int}${cell.frac} o ${cell.int} con ${cell.frac} de decimales. Indicá cómo escribe los decimales esta importación (--decimales coma o --decimales punto; en la pantalla Importar, «Decimales»)`,
      );
    }
    cell = settled;
  }
  if (cell.kind === 'error') throw new RowError(column, cell.reason);
  if (cell.style && !ctx.style) ctx.style = cell.style;
  const result = toScaled(cell, decimals);
  if ('reason' in result) throw new RowError(column, result.reason);
  if (result.value < 0 && !options.allowNegative) throw new RowError(column, 'no puede ser negativo');
  return result.value;
}

const money = (get: Get, column: string, ctx: RowContext, required = true) => scaled(get, column, 2, ctx, { required });
/** A quantity of the row's product: its unit decides what "16,066" means (see scaled). */
const qty = (get: Get, column: string, ctx: RowContext, ref: ProductRef, allowNegative = false) =>
  scaled(get, column, 3, ctx, { required: true, allowNegative, unit: ctx.unitOf?.(ref) ?? null })!;

function whole(get: Get, column: string, ctx: RowContext, min: number, max: number): number | null {
  const value = scaled(get, column, 0, ctx, { required: false });
  if (value === null) return null;
  if (value < min || value > max) throw new RowError(column, `tiene que estar entre ${min} y ${max}`);
  return value;
}

function cuit(get: Get, column: string): string {
  const raw = get(column)?.trim() ?? '';
  if (!raw) throw new RowError(column, 'falta el CUIT');
  const digits = normalizeCuit(raw);
  if (!digits) throw new RowError(column, `«${raw}» no tiene 11 dígitos`);
  if (!isValidCuit(digits)) throw new RowError(column, `el CUIT ${raw} no es válido (dígito verificador)`);
  return digits;
}

function date(get: Get, column: string, required: true): string;
function date(get: Get, column: string, required: false): string | null;
function date(get: Get, column: string, required: boolean): string | null {
  const raw = get(column)?.trim() ?? '';
  if (!raw) {
    if (required) throw new RowError(column, 'falta la fecha');
    return null;
  }
  const value = readDate(raw);
  if (!value) throw new RowError(column, `«${raw}» no es una fecha (AAAA-MM-DD o DD/MM/AAAA)`);
  return value;
}

/** The last date-time read: a ticket's lines repeat it, and the time-zone arithmetic is not free. */
let lastDateTime = { raw: '', timeZone: '', value: null as string | null };

function datetime(get: Get, column: string, ctx: RowContext): string {
  const raw = get(column)?.trim() ?? '';
  if (!raw) throw new RowError(column, 'falta la fecha y hora');
  if (raw !== lastDateTime.raw || ctx.timeZone !== lastDateTime.timeZone) lastDateTime = { raw, timeZone: ctx.timeZone, value: readDateTime(raw, ctx.timeZone) };
  const value = lastDateTime.value;
  if (!value) throw new RowError(column, `«${raw}» no es una fecha y hora (AAAA-MM-DDTHH:MM o DD/MM/AAAA HH:MM)`);
  return value;
}

function barcode(raw: string, column: string): string {
  if (!/^(\d{8}|\d{12}|\d{13})$/.test(raw)) throw new RowError(column, `«${raw}» no es un código EAN-13, EAN-8 o UPC-A`);
  if (!isValidBarcode(raw)) throw new RowError(column, `el código ${raw} tiene mal el dígito verificador`);
  return raw;
}

function productRef(get: Get, ctx: { allowSupplierCode?: boolean } = {}): ProductRef {
  const sku = text(get, 'sku', 32, false);
  if (sku) return { sku };
  const code = get('barcode')?.trim();
  if (code) return { barcode: barcode(code, 'barcode') };
  if (ctx.allowSupplierCode) {
    const supplierCode = text(get, 'supplier_code', 40, false);
    if (supplierCode) return { supplierCode };
    throw new RowError('sku', 'falta el sku, el código de barras o el código del proveedor');
  }
  throw new RowError('sku', 'falta el sku o el código de barras');
}

function oneOf<T extends string>(get: Get, column: string, allowed: readonly T[], label: string): T | null {
  const raw = get(column)?.trim().toLowerCase() ?? '';
  if (!raw) return null;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  const plain = raw.normalize('NFD').replace(/\p{M}/gu, '');
  const match = allowed.find((a) => a === plain);
  if (!match) throw new RowError(column, `«${raw}» no es ${label}`);
  return match;
}

function flag(get: Get, column: string, fallback: boolean): boolean {
  const raw = get(column)?.trim().toLowerCase() ?? '';
  if (raw === '') return fallback;
  if (['1', 'si', 'sí', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'no', 'false'].includes(raw)) return false;
  throw new RowError(column, `«${raw}» tiene que ser 1 o 0`);
}

// ── the files ────────────────────────────────────────────────────────────────

export const suppliersFile: FileSpec<SupplierRow> = {
  file: 'suppliers.csv',
  required: ['cuit', 'name'],
  known: ['cuit', 'name', 'lead_time_days', 'order_weekdays', 'min_order'],
  parse(get, ctx) {
    const days = (get('order_weekdays') ?? '')
      .split(/[,\s|]+/)
      .map((d) => d.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''))
      .filter(Boolean);
    const bad = days.find((d) => !(WEEKDAYS as readonly string[]).includes(d));
    if (bad) throw new RowError('order_weekdays', `«${bad}» no es un día (lun, mar, mie, jue, vie, sab, dom)`);
    return {
      cuit: cuit(get, 'cuit'),
      name: text(get, 'name', 120, true)!,
      leadTimeDays: whole(get, 'lead_time_days', ctx, 0, 365) ?? 2,
      orderWeekdays: [...new Set(days)] as Weekday[],
      minOrder: money(get, 'min_order', ctx, false) ?? 0,
    };
  },
};

export const productsFile: FileSpec<ProductRow> = {
  file: 'products.csv',
  required: ['sku', 'name', 'price'],
  known: ['sku', 'barcode', 'name', 'category', 'brand', 'unit', 'iva_rate', 'cost', 'price', 'min_stock', 'supplier_cuit', 'pack_size', 'shelf_life_days', 'active'],
  parse(get, ctx) {
    const sku = text(get, 'sku', 32, true)!;
    if (!/^[A-Za-z0-9._-]+$/.test(sku)) throw new RowError('sku', 'solo admite letras, números, punto, guion y guion bajo');
    const codes = (get('barcode') ?? '').split('|').map((c) => c.trim()).filter(Boolean);
    if (codes.length > 10) throw new RowError('barcode', 'admite hasta 10 códigos');
    const unit = oneOf(get, 'unit', ['un', 'kg', 'l'] as const, 'una unidad (un, kg o l)') ?? 'un';
    const ivaRaw = scaled(get, 'iva_rate', 1, ctx, { required: false });
    const ivaRate = ivaRaw === null ? 21 : ivaRaw / 10;
    if (!(IVA_RATES as readonly number[]).includes(ivaRate)) throw new RowError('iva_rate', `${ivaRate} no es una alícuota de IVA (0, 2.5, 5, 10.5, 21, 27)`);
    const supplier = get('supplier_cuit')?.trim() ? cuit(get, 'supplier_cuit') : null;
    return {
      sku,
      barcodes: [...new Set(codes.map((c) => barcode(c, 'barcode')))],
      name: text(get, 'name', 120, true)!,
      category: text(get, 'category', 60, false),
      brand: text(get, 'brand', 60, false),
      unit,
      ivaRate,
      cost: money(get, 'cost', ctx, false) ?? 0,
      price: money(get, 'price', ctx)!,
      minStock: scaled(get, 'min_stock', 3, ctx, { required: false, unit }) ?? 0,
      supplierCuit: supplier,
      packSize: whole(get, 'pack_size', ctx, 1, 100_000) ?? 1,
      shelfLifeDays: whole(get, 'shelf_life_days', ctx, 1, 3650),
      active: flag(get, 'active', true),
    };
  },
};

/**
 * The payment cell of sales.csv: one method, or a split as `method:amount`
 * pairs joined by `|`. The ticket's method is the part that paid most.
 */
function paymentCell(get: Get, ctx: RowContext): Pick<SaleRow, 'payment' | 'payments'> {
  const raw = get('payment')?.trim() ?? '';
  if (!raw.includes(':')) return { payment: oneOf(get, 'payment', PAYMENTS, 'un medio de pago (efectivo, debito, credito, qr, cuenta)'), payments: null };
  const parts = raw.split('|').map((part, i) => {
    const [method, amount] = part.split(':').map((x) => x.trim());
    if (!(PAYMENTS as readonly string[]).includes(method?.toLowerCase() ?? '')) throw new RowError('payment', `«${method ?? ''}» (parte ${i + 1}) no es un medio de pago (efectivo, debito, credito, qr, cuenta)`);
    let value: number | null;
    try {
      value = scaled((c) => (c === 'amount' ? amount : undefined), 'amount', 2, ctx, { required: true });
    } catch (error) {
      if (error instanceof RowError) throw new RowError('payment', `el importe de la parte ${i + 1}: ${error.reason}`);
      throw error;
    }
    if (!value || value <= 0) throw new RowError('payment', `el importe de la parte ${i + 1} tiene que ser mayor que cero`);
    return { method: method!.toLowerCase() as Payment, amount: value };
  });
  if (parts.length > 6) throw new RowError('payment', 'un ticket admite hasta 6 pagos');
  return { payment: mainMethod(parts), payments: parts };
}

export const salesFile: FileSpec<SaleRow> = {
  file: 'sales.csv',
  required: ['ticket', 'datetime', 'qty', 'unit_price'],
  oneOf: [['sku', 'barcode']],
  known: ['ticket', 'line', 'datetime', 'sku', 'barcode', 'qty', 'unit_price', 'discount', 'cashier', 'payment', 'voided'],
  parse(get, ctx) {
    const ref = productRef(get);
    const quantity = qty(get, 'qty', ctx, ref, true);
    if (quantity === 0) throw new RowError('qty', 'no puede ser cero');
    return {
      ticket: text(get, 'ticket', 40, true)!,
      line: whole(get, 'line', ctx, 1, 100_000),
      datetime: datetime(get, 'datetime', ctx),
      ref,
      qty: quantity,
      unitPrice: money(get, 'unit_price', ctx)!,
      discount: money(get, 'discount', ctx, false) ?? 0,
      cashier: text(get, 'cashier', 60, false),
      ...paymentCell(get, ctx),
      voided: flag(get, 'voided', false),
    };
  },
};

export const receiptsFile: FileSpec<ReceiptRow> = {
  file: 'receipts.csv',
  required: ['supplier_cuit', 'invoice_type', 'pos', 'number', 'date', 'qty', 'unit_cost'],
  oneOf: [['sku', 'barcode']],
  known: ['supplier_cuit', 'invoice_type', 'pos', 'number', 'date', 'received_on', 'posted_at', 'sku', 'barcode', 'qty', 'unit_cost', 'iva_rate', 'lot', 'expiry'],
  parse(get, ctx) {
    const type = (get('invoice_type')?.trim().toUpperCase() ?? '') as ReceiptRow['type'];
    if (!['A', 'B', 'C', 'R'].includes(type)) throw new RowError('invoice_type', `«${get('invoice_type') ?? ''}» no es A, B, C o R`);
    const pos = whole(get, 'pos', ctx, 0, 99_999);
    if (pos === null) throw new RowError('pos', 'falta el punto de venta');
    const number = whole(get, 'number', ctx, 0, 99_999_999);
    if (number === null) throw new RowError('number', 'falta el número');
    const ref = productRef(get);
    const quantity = qty(get, 'qty', ctx, ref);
    if (quantity === 0) throw new RowError('qty', 'no puede ser cero');
    const ivaRaw = scaled(get, 'iva_rate', 1, ctx, { required: false });
    if (ivaRaw !== null && !(IVA_RATES as readonly number[]).includes(ivaRaw / 10)) throw new RowError('iva_rate', `${ivaRaw / 10} no es una alícuota de IVA`);
    const postedRaw = get('posted_at')?.trim();
    const postedAt = postedRaw ? readDateTime(postedRaw, ctx.timeZone) : null;
    if (postedRaw && !postedAt) throw new RowError('posted_at', `«${postedRaw}» no es una fecha y hora`);
    return {
      supplierCuit: cuit(get, 'supplier_cuit'),
      type,
      pos,
      number,
      date: date(get, 'date', true),
      receivedOn: date(get, 'received_on', false),
      postedAt,
      ref,
      qty: quantity,
      unitCost: money(get, 'unit_cost', ctx)!,
      ivaRate: ivaRaw === null ? null : ivaRaw / 10,
      lot: text(get, 'lot', 40, false),
      expiry: date(get, 'expiry', false),
    };
  },
};

export const adjustmentsFile: FileSpec<AdjustmentRow> = {
  file: 'adjustments.csv',
  required: ['datetime', 'qty', 'reason'],
  oneOf: [['sku', 'barcode']],
  known: ['datetime', 'sku', 'barcode', 'qty', 'reason', 'user', 'note'],
  parse(get, ctx) {
    const ref = productRef(get);
    const quantity = qty(get, 'qty', ctx, ref, true);
    if (quantity === 0) throw new RowError('qty', 'no puede ser cero');
    const reason = oneOf(get, 'reason', REASONS, 'un motivo (merma, rotura, vencido, robo, consumo, correccion)');
    if (!reason) throw new RowError('reason', 'falta el motivo');
    return {
      datetime: datetime(get, 'datetime', ctx),
      ref,
      qty: quantity,
      reason,
      user: text(get, 'user', 60, false),
      note: text(get, 'note', 300, false),
    };
  },
};

export const countsFile: FileSpec<CountRow> = {
  file: 'counts.csv',
  required: ['datetime', 'counted'],
  oneOf: [['sku', 'barcode']],
  known: ['datetime', 'sku', 'barcode', 'counted', 'user'],
  parse(get, ctx) {
    const ref = productRef(get);
    return {
      datetime: datetime(get, 'datetime', ctx),
      ref,
      counted: qty(get, 'counted', ctx, ref),
      user: text(get, 'user', 60, false),
    };
  },
};

export const pricesFile: FileSpec<PriceRow> = {
  file: 'prices.csv',
  required: ['supplier_cuit', 'date', 'cost'],
  oneOf: [['sku', 'barcode', 'supplier_code']],
  known: ['supplier_cuit', 'date', 'sku', 'barcode', 'supplier_code', 'cost'],
  parse(get, ctx) {
    return { supplierCuit: cuit(get, 'supplier_cuit'), date: date(get, 'date', true), ref: productRef(get, { allowSupplierCode: true }), cost: money(get, 'cost', ctx)! };
  },
};

export const cpiFile: FileSpec<CpiRow> = {
  file: 'cpi.csv',
  required: ['month', 'index'],
  known: ['month', 'index'],
  parse(get, ctx) {
    const month = get('month')?.trim() ?? '';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RowError('month', `«${month}» no es un mes (AAAA-MM)`);
    const value = scaled(get, 'index', 6, ctx, { required: true })!;
    if (value <= 0) throw new RowError('index', 'tiene que ser mayor que cero');
    return { month, index: value / 1e6 };
  },
};

/** Reference files first (what events point at), then the ledger's events. */
export const FILES = [suppliersFile, productsFile, pricesFile, cpiFile, receiptsFile, salesFile, adjustmentsFile, countsFile] as const;
