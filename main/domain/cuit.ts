import { formatCuit } from '../../locale';
/**
 * CUIT/CUIL: 11 digits, the last a mod-11 check digit over weights 5,4,3,2,7,6,5,4,3,2.
 * A result of 10 is never valid (AFIP reissues those numbers with another prefix). Pure.
 */
const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** "30-71234567-8", "30 71234567 8" or "30712345678" → "30712345678"; null if not 11 digits. */
export function normalizeCuit(text: string): string | null {
  const digits = text.replace(/[\s.-]/g, '');
  return /^\d{11}$/.test(digits) ? digits : null;
}

export function cuitCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (first10.charCodeAt(i) - 48) * WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

export function isValidCuit(text: string): boolean {
  const cuit = normalizeCuit(text);
  if (!cuit) return false;
  const check = cuitCheckDigit(cuit.slice(0, 10));
  return check !== 10 && check === cuit.charCodeAt(10) - 48;
}

/** Appends the check digit to 10 digits, or null when the body has none (check 10). */
export function withCuitCheckDigit(first10: string): string | null {
  const check = cuitCheckDigit(first10);
  return check === 10 ? null : `${first10}${check}`;
}

/** "00002-00001010": an invoice's point of sale and number as printed. */
export function invoiceNumber(pos: number, number: number): string {
  return `${String(pos).padStart(5, '0')}-${String(number).padStart(8, '0')}`;
}

/** How people name a supplier's invoice: "30-70628374-5 A 00002-00001010". */
export function invoiceRef(cuit: string, type: string, pos: number, number: number): string {
  return `${formatCuit(cuit)} ${type} ${invoiceNumber(pos, number)}`;
}
