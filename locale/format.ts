/**
 * es-AR formatting of what people read, for every side: the screens, the
 * core's PDFs and CSVs, the CLI. Hand-written rather than Intl because Spanish
 * CLDR data leaves four-digit numbers ungrouped ("1234"), and a price list
 * must read "$ 1.234,56" every time. Pure; imports nothing.
 */

export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 123456 centavos → "$ 1.234,56"; negatives as "-$ 1.234,56". */
export function formatMoney(centavos: number): string {
  const sign = centavos < 0 ? '-' : '';
  const abs = Math.abs(Math.round(centavos));
  return `${sign}$ ${groupThousands(String(Math.floor(abs / 100)))},${String(abs % 100).padStart(2, '0')}`;
}

/** 12345 → "12.345". */
export function formatInteger(n: number): string {
  return (n < 0 ? '-' : '') + groupThousands(String(Math.abs(Math.trunc(n))));
}

/** A decimal for reading (forecasts, rates): up to `digits` decimals, es-AR separators. 1234.5 → "1.234,5". */
export function formatDecimal(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '—';
  const fixed = Math.abs(n).toFixed(digits).replace(/\.?0+$/, '');
  const [whole, frac] = fixed.split('.');
  return `${n < 0 ? '-' : ''}${groupThousands(whole!)}${frac ? `,${frac}` : ''}`;
}

/** A figure with a fixed number of decimals (metrics in a table line up): 0.62 → "0,620". */
export function formatFixed(n: number, digits: number): string {
  if (!Number.isFinite(n)) return '—';
  const [whole, frac] = Math.abs(n).toFixed(digits).split('.');
  return `${n < 0 ? '-' : ''}${groupThousands(whole!)}${frac ? `,${frac}` : ''}`;
}

/** A share as a percentage: 0.934 → "93,4 %", 0.02 → "2,0 %". */
export function formatPercent(share: number, digits = 1): string {
  return `${formatFixed(share * 100, digits)} %`;
}

/** "1 línea", "3 líneas", "1,5 artículos" (a fraction is plural too), thousands grouped. */
export function plural(n: number, one: string, many: string): string {
  return `${formatDecimal(n, 3)} ${n === 1 ? one : many}`;
}

const UNIT_SHORT = { un: 'un', kg: 'kg', l: 'l' } as const;

/** Integer thousandths in the product's unit: 1250 kg → "1,250 kg"; 3000 un → "3 un". */
export function formatQuantity(thousandths: number, unit: 'un' | 'kg' | 'l'): string {
  const sign = thousandths < 0 ? '-' : '';
  const abs = Math.abs(thousandths);
  const whole = groupThousands(String(Math.floor(abs / 1000)));
  const frac = abs % 1000;
  if (unit === 'un' && frac === 0) return `${sign}${whole} ${UNIT_SHORT[unit]}`;
  return `${sign}${whole},${String(frac).padStart(3, '0')} ${UNIT_SHORT[unit]}`;
}

/** Bytes for people: "2,4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** Eleven digits as printed on documents: "30712345671" → "30-71234567-1". */
export function formatCuit(cuit: string): string {
  return `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`;
}

/** A calendar date as people read it: "2026-11-22" → "22/11/2026" (anything else as it is). */
export function formatDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** An instant as a date in a time zone: "22/11/2026". */
export function formatDateIn(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('es-AR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')}`;
}

/** An instant as a 24-hour time in a time zone: "14:05". */
export function formatTimeIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('es-AR', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
