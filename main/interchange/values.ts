/**
 * Cell parsing for the interchange CSV format (../shared/formats/README.md):
 * numbers in any of the four notations, dates, date-times, text. Pure.
 */
import { zonedToIso } from '../domain/time';
import { FIRST_YEAR, LAST_YEAR } from '../../contract';

export type DecimalStyle = 'comma' | 'dot';

export type NumberCell =
  | { kind: 'value'; negative: boolean; int: string; frac: string; style: DecimalStyle | null }
  /** "1.234" or "1,234": a thousands group or three decimals, depending on the file. */
  | { kind: 'ambiguous'; negative: boolean; int: string; frac: string; sep: '.' | ',' }
  | { kind: 'error'; reason: string };

const PLAIN_WHOLE = /^\d{1,15}$/;

const GROUPED = (sep: string) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);

/**
 * Reads a number as written: `1234.56`, `1234,56`, `1.234,56`, `1,234.56`, `$ 1.234`.
 * With both separators the last one is the decimal one; with one kind of
 * separator, once and followed by one or two digits, it is decimal; repeated,
 * it groups thousands; once and followed by exactly three digits, the file
 * decides (see resolveAmbiguous).
 */
export function readNumber(raw: string): NumberCell {
  // Most cells of a large file are plain whole numbers ("1", "2"): no separators to weigh.
  if (PLAIN_WHOLE.test(raw)) return { kind: 'value', negative: false, int: raw, frac: '', style: null };
  let text = raw.trim().replace(/^\$\s*/, '').replace(/\s+/g, '');
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1).replace(/^\$/, '');
  }
  if (text === '') return { kind: 'error', reason: 'está vacío' };
  if (!/^[\d.,]+$/.test(text) || !/^\d/.test(text) || !/\d$/.test(text)) return { kind: 'error', reason: `«${raw.trim()}» no es un número` };
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalSep = lastDot > lastComma ? '.' : ',';
    const groupSep = decimalSep === '.' ? ',' : '.';
    const at = text.lastIndexOf(decimalSep);
    const intPart = text.slice(0, at);
    const frac = text.slice(at + 1);
    if (intPart.includes(decimalSep) || !GROUPED(groupSep).test(intPart)) return { kind: 'error', reason: `«${raw.trim()}» no es un número válido` };
    return { kind: 'value', negative, int: intPart.split(groupSep).join(''), frac, style: decimalSep === ',' ? 'comma' : 'dot' };
  }
  const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (sep === null) return { kind: 'value', negative, int: text, frac: '', style: null };
  const parts = text.split(sep);
  if (parts.length > 2) {
    if (!GROUPED(sep).test(text)) return { kind: 'error', reason: `«${raw.trim()}» no es un número válido` };
    return { kind: 'value', negative, int: parts.join(''), frac: '', style: sep === '.' ? 'comma' : 'dot' };
  }
  const [int, frac] = parts as [string, string];
  // "0,350" or "0.350" can only be a decimal: a thousands group never leads with zero.
  if (frac.length === 3 && int.length <= 3 && !int.startsWith('0')) return { kind: 'ambiguous', negative, int, frac, sep };
  return { kind: 'value', negative, int, frac, style: sep === ',' ? 'comma' : 'dot' };
}

/**
 * Settles "1.234" / "1,234" with the file's decimal style, or null (refuse the
 * row as ambiguous). As the format says, "1.234" is one thousand two hundred
 * thirty-four only in files whose other numbers use decimal commas. "1,234"
 * reads the way each kind of file writes it: 1,234 (a decimal) where commas are
 * decimal, 1234 where points are. When the person stated the style
 * (`stated`), their word settles "1.234" too: a decimal where points are.
 */
export function resolveAmbiguous(cell: Extract<NumberCell, { kind: 'ambiguous' }>, style: DecimalStyle | null, stated = false): Extract<NumberCell, { kind: 'value' }> | null {
  const thousands = { kind: 'value' as const, negative: cell.negative, int: cell.int + cell.frac, frac: '', style };
  const decimal = { kind: 'value' as const, negative: cell.negative, int: cell.int, frac: cell.frac, style };
  if (cell.sep === '.') return style === 'comma' ? thousands : stated && style === 'dot' ? decimal : null;
  if (style === 'comma') return decimal;
  if (style === 'dot') return thousands;
  return null;
}

/**
 * A parsed number as an integer with `decimals` places (2: centavos, 3:
 * thousandths), exactly, without floating point. Null with a reason when it has
 * more decimals than that or is too large.
 */
export function toScaled(cell: Extract<NumberCell, { kind: 'value' }>, decimals: number): { value: number } | { reason: string } {
  // Zeros past the precision say nothing ("1.2340" is 1,234 thousandths).
  cell = { ...cell, frac: cell.frac.length > decimals ? cell.frac.replace(/0+$/, '').padEnd(decimals, '0').slice(0, Math.max(decimals, cell.frac.replace(/0+$/, '').length)) : cell.frac };
  if (cell.frac.length > decimals) {
    return { reason: decimals === 2 ? 'tiene más de dos decimales' : `tiene más de ${decimals} decimales` };
  }
  const digits = (cell.int.replace(/^0+(?=\d)/, '') + cell.frac.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > 1e15) return { reason: 'es demasiado grande' };
  return { value: cell.negative && value !== 0 ? -value : value };
}

/** YYYY-MM-DD or DD/MM/YYYY → YYYY-MM-DD, or null. */
export function readDate(raw: string): string | null {
  const text = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  // The same years the contract takes: a date outside them is a typo (and would make day-by-day work span centuries).
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso) && y >= FIRST_YEAR && y <= LAST_YEAR ? iso : null;
}

/**
 * `YYYY-MM-DDTHH:MM[:SS][±HH:MM]` or `DD/MM/YYYY HH:MM[:SS]` → ISO UTC instant.
 * Without an offset the store's zone applies.
 */
export function readDateTime(raw: string, timeZone: string): string | null {
  const text = raw.trim();
  let match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  let date: string | null;
  let hh: string, mm: string, ss: string | undefined, ms: string | undefined, offset: string | undefined;
  if (match) {
    date = readDate(match[1]!);
    [hh, mm, ss, ms, offset] = [match[2]!, match[3]!, match[4], match[5], match[6]];
  } else {
    match = /^(\d{1,2}\/\d{1,2}\/\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
    if (!match) return null;
    date = readDate(match[1]!);
    [hh, mm, ss] = [match[2]!.padStart(2, '0'), match[3]!, match[4]];
  }
  if (!date || Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return null;
  const time = `${hh}:${mm}:${ss ?? '00'}`;
  if (offset) {
    const instant = new Date(`${date}T${time}${ms ?? ''}${offset}`);
    return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
  }
  const local = zonedToIso(date, time, timeZone);
  return ms ? local.replace(/\.\d{3}Z$/, `${ms.padEnd(4, '0')}Z`) : local;
}

/** Drops the one leading `'` that an export adds to formula-looking text. */
export function readText(raw: string): string {
  const text = raw.trim();
  return text.startsWith("'") ? text.slice(1) : text;
}

/** Protects text that a spreadsheet would run as a formula. */
export function writeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Centavos → "1234.56"; thousandths → "1.25" (decimal point, no grouping: the
 * export's own notation). Exactly three decimals after a short integer part
 * ("1.234") would read as ambiguous, so those get a fourth, silent zero: "1.2340".
 */
export function writeScaled(value: number, decimals: number): string {
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  let frac = digits.slice(digits.length - decimals).replace(/0+$/, '');
  if (frac.length === 3 && int.length <= 3) frac += '0';
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
