import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { ScanResult } from '../../../contract';
import { api } from '../api/client';
import { beep } from './keys';

/**
 * A scan field for screens that handle one code at a time (receiving,
 * counting): a scanner types the code and Enter; the field empties at once and
 * the code is resolved (barcode, scale label or sku). Unknown codes beep.
 * (Ventas queues its scans instead: see stores/sale.ts.)
 */
export function useScanInput(handlers: { onFound(result: ScanResult): void | Promise<void>; onError(message: string): void }) {
  const [value, setValue] = useState('');
  return {
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) => setValue(e.target.value),
    onKeyDown: async (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const typed = value.trim();
      setValue('');
      if (!typed) return;
      const found = await api.call('scan.resolve', { code: typed });
      if (found.ok) await handlers.onFound(found.data);
      else {
        beep();
        handlers.onError(found.error.message);
      }
    },
  };
}
