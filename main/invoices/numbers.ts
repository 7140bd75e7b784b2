/**
 * Printed numbers on invoices: `14.178,00`, `77,300.00`, `$ 87.870`, `1,00`.
 * The decimal separator is decided once per document, by vote over the
 * unambiguous numbers on it, then every number is read with it. Pure.
 */
export type NumberStyle = 'comma-decimal' | 'dot-decimal';

const NUMBER = /(?<![\w.,])-?\$?\s?-?\d[\d.,]*(?![\w])/g;
/**
 * OCR often reads the gap after a decimal separator as a space: "$ 132,213. 94".
 * The two digits after it belong to the amount when the separator is the
 * document's decimal one and at least three digits come before it.
 */
const SPLIT_DECIMALS: Record<NumberStyle, RegExp> = {
  'comma-decimal': /^(-?\$?\s?-?\d[\d.]*\d{3},)\s(\d{2})(?![\w.,])/,
  'dot-decimal': /^(-?\$?\s?-?\d[\d,]*\d{3}\.)\s(\d{2})(?![\w.,])/,
};
const endsInDigit3 = /\d{3}[.,]$/;

/** Decides the document's decimal separator from the numbers in its text. */
export function detectStyle(texts: string[]): NumberStyle {
  let comma = 0;
  let dot = 0;
  for (const text of texts) {
    for (const match of text.matchAll(/\d[\d.,]*\d/g)) {
      const token = match[0];
      if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(token) || /^\d+,\d{2}$/.test(token)) comma++;
      else if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(token) || /^\d+\.\d{2}$/.test(token)) dot++;
    }
  }
  return dot > comma ? 'dot-decimal' : 'comma-decimal';
}

/**
 * Reads a number in the document's style; null when the token is not one.
 * Returns the value as a float (callers round to centavos or thousandths).
 */
export function readNumber(token: string, style: NumberStyle): number | null {
  let text = token.replace(/\$|\s|ARS|\bPES\b/g, '');
  let sign = 1;
  if (text.startsWith('-') || (text.startsWith('(') && text.endsWith(')'))) {
    sign = -1;
    text = text.replace(/^[-(]|\)$/g, '');
  }
  if (!/^\d[\d.,]*$/.test(text)) return null;
  const [decimal, group] = style === 'comma-decimal' ? [',', '.'] : ['.', ','];
  const lastDecimal = text.lastIndexOf(decimal);
  let intPart = lastDecimal >= 0 ? text.slice(0, lastDecimal) : text;
  const fraction = lastDecimal >= 0 ? text.slice(lastDecimal + 1) : '';
  if (fraction.includes(group) || fraction.includes(decimal)) return null;
  if (intPart.includes(decimal)) return null;
  if (intPart.includes(group)) {
    // Groups must be of three digits: "1.234.567"; otherwise it is not a number in this style.
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(intPart)) {
      // A lone separator with ≠3 digits after it is a decimal in the other style ("3.5" in a comma doc).
      const alt = intPart.split(group);
      if (alt.length === 2 && fraction === '' && alt[1]!.length > 0 && alt[1]!.length !== 3) return sign * Number(`${alt[0]}.${alt[1]}`);
      return null;
    }
    intPart = intPart.split(group).join('');
  }
  const value = Number(fraction ? `${intPart}.${fraction}` : intPart);
  return Number.isFinite(value) ? sign * value : null;
}

export function toCentavos(value: number): number {
  return Math.round(value * 100);
}

export function toThousandths(value: number): number {
  return Math.round(value * 1000);
}

export interface NumberToken {
  raw: string;
  value: number;
  index: number;
  percent: boolean;
  money: boolean;
}

/** Every number in a text with where it is; `percent` when followed by %, `money` when it has a $ or two decimals. */
export function numbersIn(text: string, style: NumberStyle): NumberToken[] {
  const tokens: NumberToken[] = [];
  let resumeAt = 0;
  for (const match of text.matchAll(NUMBER)) {
    if (match.index < resumeAt) continue; // the decimals glued onto the previous amount
    let matched = match[0];
    if (endsInDigit3.test(matched)) {
      const split = SPLIT_DECIMALS[style].exec(text.slice(match.index));
      if (split) {
        matched = split[0];
        resumeAt = match.index + matched.length;
      }
    }
    const raw = matched.trim();
    const value = readNumber(raw, style);
    if (value === null) continue;
    const after = text.slice(match.index + matched.length, match.index + matched.length + 2);
    const decimals = style === 'comma-decimal' ? /,\s?\d{2}$/.test(raw) : /\.\s?\d{2}$/.test(raw);
    tokens.push({ raw, value, index: match.index, percent: /^\s?%/.test(after), money: raw.includes('$') || decimals });
  }
  return tokens;
}
