/**
 * What the screens read and type: es-AR formatting is locale/'s, shared with
 * the core's documents and the CLI (re-exported here so a screen has one
 * door); dates in the store's zone, and parsing what people type into price
 * and quantity fields, are the screens' own.
 */
import { formatDateIn, formatTimeIn } from '../../../locale';
import { storeZone } from './store-clock';

export { formatBytes, formatCuit, formatDecimal, formatFixed, formatInteger, formatMoney, formatPercent, formatQuantity, plural } from '../../../locale';

/** Centavos as the editable text of a price field: 123456 → "1234,56". */
export function moneyToInput(centavos: number): string {
  return `${Math.floor(centavos / 100)},${String(centavos % 100).padStart(2, '0')}`;
}

export type ParseResult = { ok: true; value: number } | { ok: false; message: string };

/**
 * What people type into a price field, to centavos. Accepts "1234,5", "1.234,50",
 * "1234.5", "$ 1.234" and "1,234.50". A single dot followed by exactly three digits
 * is a thousands separator, as anyone in Argentina reads "1.234".
 */
export function parseMoneyInput(text: string, label = 'El precio'): ParseResult {
  const cleaned = text.replace(/\$/g, '').replace(/\s+/g, '');
  if (cleaned === '') return { ok: false, message: `${label} es obligatorio` };
  if (cleaned.startsWith('-')) return { ok: false, message: `${label} no puede ser negativo` };
  if (!/^[\d.,]+$/.test(cleaned) || !/\d/.test(cleaned)) {
    return { ok: false, message: `${label} no es un número válido: escribilo como 1234,50` };
  }
  const lastComma = cleaned.lastIndexOf(',');
  const lastDot = cleaned.lastIndexOf('.');
  let integerPart: string;
  let decimalPart = '';
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalSep = lastComma > lastDot ? ',' : '.';
    const thousandsSep = decimalSep === ',' ? '.' : ',';
    const at = cleaned.lastIndexOf(decimalSep);
    integerPart = cleaned.slice(0, at);
    decimalPart = cleaned.slice(at + 1);
    if (integerPart.includes(decimalSep) || !validGrouping(integerPart, thousandsSep)) return invalid(label);
    integerPart = integerPart.split(thousandsSep).join('');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = cleaned.split(sep);
    if (parts.length > 2) {
      // "1.234.567": only thousands separators.
      if (!validGrouping(cleaned, sep)) return invalid(label);
      integerPart = parts.join('');
    } else if (sep === '.' && parts[1]!.length === 3) {
      integerPart = parts.join('');
    } else {
      integerPart = parts[0]!;
      decimalPart = parts[1]!;
    }
  } else {
    integerPart = cleaned;
  }
  if (decimalPart.length > 2) return { ok: false, message: `${label} admite hasta dos decimales (centavos)` };
  if (integerPart === '' && decimalPart === '') return invalid(label);
  const value = Number(integerPart || '0') * 100 + Number(decimalPart.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(value) || value > 1_000_000_000_000) return { ok: false, message: `${label} es demasiado grande` };
  return { ok: true, value };
}

function validGrouping(text: string, sep: string): boolean {
  const groups = text.split(sep);
  return groups.every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) || groups.length === 1 : /^\d{3}$/.test(g)));
}

function invalid(label: string): ParseResult {
  return { ok: false, message: `${label} no es un número válido: escribilo como 1234,50` };
}

/** ISO instant → "22/11/2026" in the store's zone (see store-clock). */
export function formatDate(iso: string): string {
  return formatDateIn(iso, storeZone());
}

/** ISO instant → "14:05" (24 h), the store's clock. */
export function formatTime(iso: string): string {
  return formatTimeIn(iso, storeZone());
}

/** ISO instant → "22/11/2026 14:05" (24 h). */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`;
}

/**
 * A typed quantity in the product's unit to thousandths: "2", "1,250", "0.35".
 * Units (un) must be whole.
 */
export function parseQuantityInput(text: string, unit: 'un' | 'kg' | 'l', label = 'La cantidad'): ParseResult {
  const cleaned = text.trim().replace(/\s+/g, '');
  if (cleaned === '') return { ok: false, message: `${label} es obligatoria` };
  if (cleaned.startsWith('-')) return { ok: false, message: `${label} no puede ser negativa` };
  const match = /^(\d{1,9})(?:[.,](\d{1,3}))?$/.exec(cleaned);
  if (!match) return { ok: false, message: `${label} no es un número válido: escribila como 2 o 1,250` };
  const value = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0') || '0');
  if (value === 0) return { ok: false, message: `${label} tiene que ser mayor que cero` };
  if (unit === 'un' && value % 1000 !== 0) return { ok: false, message: `${label} tiene que ser un número entero de unidades` };
  return { ok: true, value };
}

/** Thousandths → what goes back into a quantity field: 1250 → "1,25", 3000 → "3". */
export function quantityToInput(thousandths: number): string {
  const whole = Math.floor(thousandths / 1000);
  const frac = String(thousandths % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole},${frac}` : String(whole);
}

