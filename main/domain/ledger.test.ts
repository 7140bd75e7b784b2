import { describe, expect, it } from 'vitest';
import { allocateFefo, ivaIncluded, lineAmount, nextAverageCost, stockValue } from './ledger';
import { formatCuit } from '../../locale';
import { cuitCheckDigit, isValidCuit, normalizeCuit } from './cuit';
import { decodeScaleLabel, DEFAULT_SCALE_LAYOUT } from './scale-label';
import { withCheckDigit } from './barcode';

describe('average cost', () => {
  it('weights the new cost by quantity', () => {
    // 10 units at $100 + 30 units at $200 → $175
    expect(nextAverageCost(10_000, 10_000, 30_000, 20_000)).toBe(17_500);
  });
  it('takes the new cost when nothing (or less) is on hand', () => {
    expect(nextAverageCost(0, 5_000, 1_000, 7_000)).toBe(7_000);
    expect(nextAverageCost(-2_000, 5_000, 1_000, 7_000)).toBe(7_000);
  });
});

describe('FEFO allocation', () => {
  const lots = [
    { id: 'b', expiry: '2026-12-10', onHand: 3_000, createdAt: '2026-11-01' },
    { id: 'a', expiry: '2026-12-01', onHand: 2_000, createdAt: '2026-11-05' },
    { id: 'n', expiry: null, onHand: 5_000, createdAt: '2026-10-01' },
    { id: 'z', expiry: '2026-11-30', onHand: 0, createdAt: '2026-10-01' },
  ];
  it('takes the earliest expiry first, undated lots last, then unlotted stock', () => {
    expect(allocateFefo(lots, 4_000)).toEqual([
      { lotId: 'a', qty: 2_000 },
      { lotId: 'b', qty: 2_000 },
    ]);
    expect(allocateFefo(lots, 12_000)).toEqual([
      { lotId: 'a', qty: 2_000 },
      { lotId: 'b', qty: 3_000 },
      { lotId: 'n', qty: 5_000 },
      { lotId: null, qty: 2_000 },
    ]);
  });
});

describe('money helpers', () => {
  it('computes line amounts and included IVA', () => {
    expect(lineAmount(1_250, 2_190_000, 0)).toBe(2_737_500); // 1,250 kg × $21.900
    expect(lineAmount(3_000, 99_000, 10_000)).toBe(287_000);
    expect(ivaIncluded(121_000, 210)).toBe(21_000);
    expect(stockValue(2_500, 10_000)).toBe(25_000);
  });
});

describe('CUIT', () => {
  it('verifies the check digit', () => {
    expect(isValidCuit('30-71659554-9')).toBe(cuitCheckDigit('3071659554') === 9);
    expect(isValidCuit('20-12345678-6')).toBe(true);
    expect(isValidCuit('20-12345678-5')).toBe(false);
    expect(isValidCuit('2012345678')).toBe(false);
    expect(normalizeCuit('20 12345678 6')).toBe('20123456786');
    expect(formatCuit('20123456786')).toBe('20-12345678-6');
  });
});

describe('scale labels', () => {
  it('decode PLU and weight with the default layout', () => {
    const code = withCheckDigit('200012301250'); // PLU 123, 1250 g
    expect(decodeScaleLabel(code)).toEqual({ plu: 123, kind: 'weight', grams: 1250 });
  });
  it('decode a price layout and refuse bad check digits or other prefixes', () => {
    const layout = { ...DEFAULT_SCALE_LAYOUT, valueKind: 'price' as const, valueFactor: 100 };
    expect(decodeScaleLabel(withCheckDigit('210004504590'), layout)).toEqual({ plu: 45, kind: 'price', centavos: 459_000 });
    const good = withCheckDigit('200012301250');
    const bad = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
    expect(decodeScaleLabel(bad)).toBeNull();
    expect(decodeScaleLabel(withCheckDigit('779001230125'))).toBeNull();
  });
});
