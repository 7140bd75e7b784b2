import { describe, expect, it } from 'vitest';
import { detectStyle, numbersIn, readNumber } from './numbers';

describe('invoice numbers', () => {
  it('decides the decimal separator per document', () => {
    expect(detectStyle(['Subtotal 14.178,00', 'IVA 2.977,38'])).toBe('comma-decimal');
    expect(detectStyle(['TOTAL $ 77,300.00', '63,884.30'])).toBe('dot-decimal');
  });

  it('reads each number in the document’s style', () => {
    expect(readNumber('14.178,00', 'comma-decimal')).toBe(14178);
    expect(readNumber('$ 87.870', 'comma-decimal')).toBe(87870);
    expect(readNumber('1,00', 'comma-decimal')).toBe(1);
    expect(readNumber('77,300.00', 'dot-decimal')).toBe(77300);
    expect(readNumber('13415.70', 'dot-decimal')).toBe(13415.7);
    expect(readNumber('10.5', 'comma-decimal')).toBe(10.5); // "IVA 10.5%" in a comma document
    expect(readNumber('1.23.4', 'comma-decimal')).toBeNull();
    expect(readNumber('abc', 'comma-decimal')).toBeNull();
  });

  it('finds numbers with their percent and money marks', () => {
    const found = numbersIn('1,00 unidades  $ 3.569,50  21%', 'comma-decimal');
    expect(found.map((t) => [t.value, t.percent, t.money])).toEqual([
      [1, false, true],
      [3569.5, false, true],
      [21, true, false],
    ]);
  });

  it('joins decimals OCR split off after the separator, and nothing else', () => {
    expect(numbersIn('Importe Neto Gravado 21%:  $ 132,213. 94', 'dot-decimal').map((t) => t.value)).toEqual([21, 132213.94]);
    expect(numbersIn('Total $ 1.234, 56 pesos', 'comma-decimal').map((t) => [t.value, t.money])).toEqual([[1234.56, true]]);
    // Too short to be an amount split in two, or not the document's decimal separator.
    expect(numbersIn('Cantidad 2, 10 unidades', 'comma-decimal').map((t) => t.value)).toEqual([2, 10]);
    expect(numbersIn('Neto 132,213. 94', 'comma-decimal').map((t) => t.value)).not.toContain(132213.94);
  });
});
