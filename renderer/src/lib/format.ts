/**
 * es-AR formatting and parsing of what people read and type. Hand-written
 * rather than Intl because Spanish CLDR data leaves four-digit numbers
 * ungrouped ("1234"), and a price list must read "$ 1.234,56" every time.
 */
import { storeZone } from './store-clock';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 123456 centavos → "$ 1.234,56"; negatives as "-$ 1.234,56". */
export function formatMoney(centavos: number): string {
  const sign = centavos < 0 ? '-' : '';
  const abs = Math.abs(Math.round(centavos));
  const pesos = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}$ ${groupThousands(String(pesos))},${cents}`;
}

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
  const parts = new Intl.DateTimeFormat('es-AR', {
    timeZone: storeZone(),
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')}`;
}

/** ISO instant → "14:05" (24 h), the store's clock. */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('es-AR', {
    timeZone: storeZone(),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** ISO instant → "22/11/2026 14:05" (24 h). */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`;
}

const UNIT_LABEL = { un: 'un', kg: 'kg', l: 'l' } as const;

/** Integer thousandths in the product's unit: 1250 kg → "1,250 kg"; 3000 un → "3 un". */
export function formatQuantity(thousandths: number, unit: 'un' | 'kg' | 'l'): string {
  const sign = thousandths < 0 ? '-' : '';
  const abs = Math.abs(thousandths);
  const whole = groupThousands(String(Math.floor(abs / 1000)));
  const frac = abs % 1000;
  if (unit === 'un' && frac === 0) return `${sign}${whole} ${UNIT_LABEL[unit]}`;
  return `${sign}${whole},${String(frac).padStart(3, '0')} ${UNIT_LABEL[unit]}`;
}

/** Bytes for people: "2,4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** 12345 → "12.345". */
export function formatInteger(n: number): string {
  return (n < 0 ? '-' : '') + groupThousands(String(Math.abs(Math.trunc(n))));
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

/** A decimal for reading (forecasts, rates): up to `digits` decimals, es-AR separators. 1234.5 → "1.234,5". */
export function formatDecimal(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '—';
  const fixed = Math.abs(n).toFixed(digits).replace(/\.?0+$/, '');
  const [whole, frac] = fixed.split('.');
  return `${n < 0 ? '-' : ''}${groupThousands(whole!)}${frac ? `,${frac}` : ''}`;
}

/** "1 línea", "3 líneas", "1,5 artículos" (a fraction is plural too), thousands grouped. */
export function plural(n: number, one: string, many: string): string {
  return `${formatDecimal(n, 3)} ${n === 1 ? one : many}`;
}

/** A share as a percentage: 0.934 → "93,4 %", 0.02 → "2,0 %". */
export function formatPercent(share: number, digits = 1): string {
  return `${formatFixed(share * 100, digits)} %`;
}

/** A figure with a fixed number of decimals (metrics in a table line up): 0.62 → "0,620". */
export function formatFixed(n: number, digits: number): string {
  if (!Number.isFinite(n)) return '—';
  const [whole, frac] = Math.abs(n).toFixed(digits).split('.');
  return `${n < 0 ? '-' : ''}${groupThousands(whole!)}${frac ? `,${frac}` : ''}`;
}
