import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { ScanResult } from '../../../contract';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { beep } from './keys';

/** What the person typed in the scan field while its code was being looked up, and whether they pressed Enter after it. */
export interface TypedAhead {
  text: string;
  enter: boolean;
}

/**
 * A scan field for screens that handle one code at a time (receiving,
 * counting): a scanner types the code and Enter; the field empties at once and
 * the code is resolved (barcode, scale label or sku). Unknown codes beep.
 * What is typed while the code is looked up ("8", Enter) is not lost or taken
 * for another code: it is handed to `onFound` as typed ahead.
 * (Ventas queues its scans instead: see stores/sale.ts.)
 */
export function useScanInput<T = undefined>(handlers: {
  /**
   * More the screen needs of the product before it can take the line (another
   * call): run while the field still counts keystrokes as typed ahead, so a
   * quantity typed during it is this product's, not a new code.
   */
  prepare?(result: ScanResult): Promise<T>;
  onFound(result: ScanResult, ahead: TypedAhead, prepared: T | undefined): void | Promise<void>;
  onError(message: string): void;
}) {
  const [value, setValue] = useState('');
  const pending = useRef<{ enter: boolean } | null>(null);
  const typed = useRef('');
  return {
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      typed.current = e.target.value;
      setValue(e.target.value);
    },
    onKeyDown: async (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      if (pending.current) {
        // Enter after what was typed ahead: it belongs to the code being looked up.
        pending.current.enter = true;
        return;
      }
      const code = typed.current.trim();
      typed.current = '';
      setValue('');
      if (!code) return;
      pending.current = { enter: false };
      const found = await api.call('scan.resolve', { code });
      const prepared = found.ok && handlers.prepare ? await handlers.prepare(found.data) : undefined;
      // From here to onFound nothing awaits: no keystroke can fall between taking what was typed
      // ahead and the screen moving on (the field is cleared at once, not at the next render).
      const ahead = { text: typed.current.trim(), enter: pending.current.enter };
      pending.current = null;
      typed.current = '';
      flushSync(() => setValue(''));
      if (found.ok) await handlers.onFound(found.data, ahead, prepared);
      else {
        beep();
        handlers.onError(found.error.message);
      }
    },
  };
}
