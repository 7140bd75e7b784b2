import { isValidBarcode } from './barcode';

/**
 * In-store scale labels: EAN-13 codes starting with 20–29 that carry a PLU and
 * a weight or a price instead of a manufacturer's item. Scale brands lay them
 * out differently, so the layout is a store setting. Pure.
 *
 * Default (Kretz/Systel style): `2F PPPPP VVVVV C`: two-digit prefix, five-digit
 * PLU, five-digit value (grams), check digit.
 */
export interface ScaleLabelLayout {
  /** First two digits that mark a scale label, e.g. ["20", "21", …]. */
  prefixes: string[];
  pluStart: number;
  pluLength: number;
  valueStart: number;
  valueLength: number;
  /** What the value is: a weight in grams or an amount in centavos. */
  valueKind: 'weight' | 'price';
  /** The value printed is multiplied by this to get grams or centavos (a price in whole pesos: 100). */
  valueFactor: number;
}

export const DEFAULT_SCALE_LAYOUT: ScaleLabelLayout = {
  prefixes: ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'],
  pluStart: 2,
  pluLength: 5,
  valueStart: 7,
  valueLength: 5,
  valueKind: 'weight',
  valueFactor: 1,
};

export type ScaleLabel = { plu: number; kind: 'weight'; grams: number } | { plu: number; kind: 'price'; centavos: number };

/** Decodes a scale label, or null when the code is not one (or its check digit is wrong). */
export function decodeScaleLabel(code: string, layout: ScaleLabelLayout = DEFAULT_SCALE_LAYOUT): ScaleLabel | null {
  if (code.length !== 13 || !layout.prefixes.includes(code.slice(0, 2)) || !isValidBarcode(code)) return null;
  const plu = Number(code.slice(layout.pluStart, layout.pluStart + layout.pluLength));
  const value = Number(code.slice(layout.valueStart, layout.valueStart + layout.valueLength)) * layout.valueFactor;
  if (!Number.isInteger(plu) || plu <= 0 || !Number.isInteger(value)) return null;
  return layout.valueKind === 'weight' ? { plu, kind: 'weight', grams: value } : { plu, kind: 'price', centavos: value };
}

export function isScaleLabelCandidate(code: string, layout: ScaleLabelLayout = DEFAULT_SCALE_LAYOUT): boolean {
  return code.length === 13 && layout.prefixes.includes(code.slice(0, 2));
}
