/**
 * GTIN check digits (EAN-13, EAN-8, UPC-A). Pure: no I/O.
 * The GS1 rule: from the right, excluding the check digit, weights 3,1,3,1…;
 * the check digit brings the weighted sum to a multiple of 10.
 */

export type BarcodeKind = 'EAN-13' | 'EAN-8' | 'UPC-A';

export function barcodeKind(code: string): BarcodeKind | null {
  if (!/^\d+$/.test(code)) return null;
  switch (code.length) {
    case 13:
      return 'EAN-13';
    case 12:
      return 'UPC-A';
    case 8:
      return 'EAN-8';
    default:
      return null;
  }
}

/** The check digit for the digits before it (any GTIN length). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for an 8, 12 or 13 digit code whose last digit is right. */
export function isValidBarcode(code: string): boolean {
  if (barcodeKind(code) === null) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** Appends the check digit: `withCheckDigit('779123456789')` is a valid EAN-13. */
export function withCheckDigit(body: string): string {
  return body + String(gtinCheckDigit(body));
}
