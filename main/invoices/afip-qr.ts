/**
 * The AFIP/ARCA invoice QR: `https://www.afip.gob.ar/fe/qr/?p=<base64 JSON>`.
 * Printed QRs are often broken (URL-safe or unpadded base64, numbers with
 * leading zeros or as strings, dd/mm/yyyy dates, truncated JSON), so parsing is
 * lenient and every field is validated on its own: a bad field is left null and
 * named in `invalid`, never trusted. Pure.
 */
import { isValidCuit } from '../domain/cuit';
import { VOUCHER_TYPES } from './afip-codes';
import type { AfipQr } from './types';

const QR_URL = /^\s*https?:\/\/(?:www\.)?(?:afip|arca)\.gob\.ar\/fe\/qr\/?\??(.*)$/i;

/** The decoded payload text of an invoice QR, or null when the text is not one. */
export function qrPayloadText(text: string): string | null {
  const match = QR_URL.exec(text);
  if (!match) return null;
  const query = match[1] ?? '';
  const p = /(?:^|&)p=([^&#\s]*)/.exec(query)?.[1] ?? '';
  if (!p) return null;
  let b64 = p;
  try {
    b64 = decodeURIComponent(p);
  } catch {
    // a stray % is kept as it is; the base64 filter below drops it
  }
  b64 = b64.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
  const usable = b64.length - (b64.length % 4 === 1 ? 1 : 0); // one dangling char decodes to nothing
  const padded = b64.slice(0, usable) + '='.repeat((4 - (usable % 4)) % 4);
  const decoded = Buffer.from(padded, 'base64').toString('utf8');
  return decoded.includes('{') ? decoded : null;
}

const KEYS = ['ver', 'fecha', 'cuit', 'ptoVta', 'tipoCmp', 'nroCmp', 'importe', 'moneda', 'ctz', 'tipoDocRec', 'nroDocRec', 'tipoCodAut', 'codAut'] as const;

/** Field values from the JSON text, tolerating what printers get wrong. */
function looseFields(json: string, repairs: string[]): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // fall through to the field-by-field reading
  }
  repairs.push('el JSON del QR está mal formado; se leyó campo por campo');
  const fields: Record<string, unknown> = {};
  for (const match of json.matchAll(/"(\w+)"\s*:\s*(?:"([^"]*)"?|([-+]?\d+(?:\.\d+)?))/g)) {
    // Bare numbers stay numbers (only quoted values are text), so repairs report what the QR really had.
    fields[match[1]!] = match[2] ?? Number(match[3]);
  }
  return fields;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/\s/g, '');
  if (!/^[-+]?\d+(?:[.,]\d+)?$/.test(text)) return null;
  const number = Number(text.replace(',', '.'));
  return Number.isFinite(number) ? number : null;
}

function asDigits(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return value.trim();
  return null;
}

/** ISO date from "2024-01-12", "12/01/2024", "20240112"; null when not a real date. */
export function looseDate(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) [y, m, d] = [Number(match[3]), Number(match[2]), Number(match[1])];
  else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 2000 || y > 2100) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Parses an invoice QR's text; null when the text is not an AFIP/ARCA invoice QR. */
export function parseAfipQr(text: string): AfipQr | null {
  const json = qrPayloadText(text);
  if (json === null) return null;
  const repairs: string[] = [];
  const invalid: string[] = [];
  const raw = looseFields(json, repairs);
  if (!KEYS.some((key) => key in raw)) return null;

  const int = (key: string): number | null => {
    const n = asNumber(raw[key]);
    if (n === null || !Number.isInteger(n) || n < 0) {
      if (key in raw) invalid.push(key);
      return null;
    }
    if (typeof raw[key] === 'string') repairs.push(`${key} venía como texto`);
    return n;
  };

  const dateText = raw['fecha'];
  const date = looseDate(dateText);
  if (date === null) invalid.push('fecha');
  else if (typeof dateText === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(dateText)) repairs.push(`fecha en formato ${dateText}`);

  let cuit = asDigits(raw['cuit']);
  if (cuit !== null && !isValidCuit(cuit)) {
    invalid.push('cuit');
    cuit = null;
  }
  let typeCode = int('tipoCmp');
  if (typeCode !== null && !(typeCode in VOUCHER_TYPES)) {
    invalid.push('tipoCmp');
    typeCode = null;
  }
  const importe = asNumber(raw['importe']);
  if (importe === null && 'importe' in raw) invalid.push('importe');
  let cae = asDigits(raw['codAut']);
  if (cae !== null && !/^\d{14}$/.test(cae)) {
    invalid.push('codAut');
    cae = null;
  }
  const pos = int('ptoVta');
  const number = int('nroCmp');
  return {
    ver: int('ver'),
    date,
    cuit,
    pos: pos !== null && pos <= 99_999 ? pos : null,
    typeCode,
    number: number !== null && number <= 99_999_999 ? number : null,
    total: importe === null ? null : Math.round(importe * 100),
    currency: typeof raw['moneda'] === 'string' ? raw['moneda'] : null,
    rate: asNumber(raw['ctz']),
    receiverDocType: int('tipoDocRec'),
    receiverDoc: asDigits(raw['nroDocRec']),
    authType: typeof raw['tipoCodAut'] === 'string' ? raw['tipoCodAut'] : null,
    cae,
    repairs,
    invalid,
  };
}

/**
 * The ITF (interleaved 2 of 5) barcode of pre-QR electronic invoices:
 * CUIT(11) type(2|3) pos(4|5) CAE(14) CAE due date(8) check digit(1).
 * Returns null when the digits are not such a code or the check digit fails.
 */
export function parseAfipItf(digits: string): { cuit: string; typeCode: number; pos: number; cae: string; caeDue: string | null } | null {
  const text = digits.replace(/\D/g, '');
  const layout = text.length === 40 ? { type: 2, pos: 4 } : text.length === 42 ? { type: 3, pos: 5 } : null;
  if (!layout) return null;
  if (itfCheckDigit(text.slice(0, -1)) !== Number(text.at(-1))) return null;
  const cuit = text.slice(0, 11);
  if (!isValidCuit(cuit)) return null;
  let at = 11;
  const typeCode = Number(text.slice(at, (at += layout.type)));
  const pos = Number(text.slice(at, (at += layout.pos)));
  const cae = text.slice(at, (at += 14));
  const caeDue = looseDate(text.slice(at, at + 8));
  if (!(typeCode in VOUCHER_TYPES)) return null;
  return { cuit, typeCode, pos, cae, caeDue };
}

/** AFIP's check digit (RG 1702): odd positions × 3 plus even positions, to the next ten. */
export function itfCheckDigit(body: string): number {
  let odd = 0;
  let even = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(i) - 48;
    if (i % 2 === 0) odd += digit;
    else even += digit;
  }
  return (10 - ((odd * 3 + even) % 10)) % 10;
}

/** The QR text for an invoice (for generated test documents and the bench). */
export function afipQrText(fields: { fecha: string; cuit: number; ptoVta: number; tipoCmp: number; nroCmp: number; importe: number; codAut: number; nroDocRec?: number }): string {
  const json = JSON.stringify({ ver: 1, ...fields, moneda: 'PES', ctz: 1, tipoDocRec: 80, nroDocRec: fields.nroDocRec ?? 0, tipoCodAut: 'E' });
  return `https://www.afip.gob.ar/fe/qr/?p=${Buffer.from(json).toString('base64')}`;
}
