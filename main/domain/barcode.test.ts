import { describe, expect, it } from 'vitest';
import { barcodeKind, gtinCheckDigit, isValidBarcode, withCheckDigit } from './barcode';

describe('barcode check digits', () => {
  it('accepts real codes of each kind', () => {
    expect(isValidBarcode('7790895000997')).toBe(true); // EAN-13, Argentine prefix
    expect(isValidBarcode('4006381333931')).toBe(true); // EAN-13 textbook example
    expect(isValidBarcode('96385074')).toBe(true); // EAN-8
    expect(isValidBarcode('036000291452')).toBe(true); // UPC-A
  });

  it('refuses a wrong last digit, wrong lengths and non-digits', () => {
    expect(isValidBarcode('7790895000990')).toBe(false);
    expect(isValidBarcode('96385075')).toBe(false);
    expect(isValidBarcode('123')).toBe(false);
    expect(isValidBarcode('77908950009a7')).toBe(false);
    expect(barcodeKind('12345678901')).toBeNull();
  });

  it('computes the check digit it verifies', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    const code = withCheckDigit('779000000001');
    expect(code).toHaveLength(13);
    expect(isValidBarcode(code)).toBe(true);
  });
});
