import type { InvoiceLetter } from './types';

/**
 * AFIP voucher type codes (tabla de comprobantes) that are invoices, debit or
 * credit notes a store receives, with their letter. Others (recibos, remitos…)
 * are not read as purchase invoices.
 */
export const VOUCHER_TYPES: Readonly<Record<number, { letter: InvoiceLetter; kind: 'factura' | 'nota de débito' | 'nota de crédito' | 'factura de crédito' }>> = {
  1: { letter: 'A', kind: 'factura' },
  2: { letter: 'A', kind: 'nota de débito' },
  3: { letter: 'A', kind: 'nota de crédito' },
  6: { letter: 'B', kind: 'factura' },
  7: { letter: 'B', kind: 'nota de débito' },
  8: { letter: 'B', kind: 'nota de crédito' },
  11: { letter: 'C', kind: 'factura' },
  12: { letter: 'C', kind: 'nota de débito' },
  13: { letter: 'C', kind: 'nota de crédito' },
  19: { letter: 'E', kind: 'factura' },
  51: { letter: 'M', kind: 'factura' },
  52: { letter: 'M', kind: 'nota de débito' },
  53: { letter: 'M', kind: 'nota de crédito' },
  81: { letter: 'T', kind: 'factura' },
  201: { letter: 'A', kind: 'factura de crédito' },
  202: { letter: 'A', kind: 'nota de débito' },
  203: { letter: 'A', kind: 'nota de crédito' },
  206: { letter: 'B', kind: 'factura de crédito' },
  207: { letter: 'B', kind: 'nota de débito' },
  208: { letter: 'B', kind: 'nota de crédito' },
  211: { letter: 'C', kind: 'factura de crédito' },
  212: { letter: 'C', kind: 'nota de débito' },
  213: { letter: 'C', kind: 'nota de crédito' },
};

/** The invoice (not note) type code for a letter, as printed "Cód. 01". */
export const FACTURA_CODE: Readonly<Record<string, number>> = { A: 1, B: 6, C: 11, E: 19, M: 51, T: 81 };

export const IVA_RATES = [0, 2.5, 5, 10.5, 21, 27] as const;
