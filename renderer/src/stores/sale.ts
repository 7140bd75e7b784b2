import { create } from 'zustand';
import type { AppErrorPayload, Payment, ScanResult, Ticket } from '../../../contract';
import { api } from '../api/client';

export interface SaleLine {
  key: number;
  productId: string;
  sku: string;
  name: string;
  unit: 'un' | 'kg' | 'l';
  /** Thousandths. */
  qty: number;
  /** Centavos, IVA included. */
  unitPrice: number;
  ivaRate: number;
  /** Weighed labels are separate lines; plain scans of the same product add up. */
  fromScale: boolean;
  voided: boolean;
}

interface SaleState {
  lines: SaleLine[];
  selected: number;
  payment: Payment;
  /** Codes waiting to be resolved, in scan order. */
  queue: string[];
  busy: boolean;
  message: { tone: 'error' | 'ok'; text: string } | null;
  lastTicket: Ticket | null;
  scan(code: string): void;
  addProduct(result: ScanResult): void;
  select(index: number): void;
  setQty(index: number, qty: number): void;
  voidLine(index: number): void;
  setPayment(payment: Payment): void;
  close(): Promise<{ ok: true; ticket: Ticket } | { ok: false; error: AppErrorPayload }>;
  clearMessage(): void;
}

let nextKey = 1;

/**
 * The ticket being rung up. It lives in the renderer until it is closed (then
 * the core posts it in one transaction). Scans go through a queue so a fast
 * scanner never loses a code while the previous one is being looked up.
 */
export const useSale = create<SaleState>((set, get) => {
  async function drain(): Promise<void> {
    if (get().busy) return;
    set({ busy: true });
    try {
      while (get().queue.length > 0) {
        const [code, ...rest] = get().queue;
        set({ queue: rest });
        const result = await api.call('scan.resolve', { code: code! });
        if (result.ok) {
          get().addProduct(result.data);
          set({ message: null });
        } else {
          set({ message: { tone: 'error', text: result.error.message } });
          window.dispatchEvent(new CustomEvent('gondola:scan-error'));
        }
      }
    } finally {
      set({ busy: false });
    }
  }

  return {
    lines: [],
    selected: -1,
    payment: 'efectivo',
    queue: [],
    busy: false,
    message: null,
    lastTicket: null,
    scan(code) {
      set({ queue: [...get().queue, code] });
      void drain();
    },
    addProduct(result) {
      const lines = [...get().lines];
      const fromScale = result.qty !== null;
      const existing = fromScale ? -1 : lines.findIndex((l) => l.productId === result.productId && !l.voided && !l.fromScale);
      if (existing >= 0) {
        lines[existing] = { ...lines[existing]!, qty: lines[existing]!.qty + 1000 };
        set({ lines, selected: existing });
        return;
      }
      lines.push({
        key: nextKey++,
        productId: result.productId,
        sku: result.sku,
        name: result.name,
        unit: result.unit,
        qty: result.qty ?? 1000,
        unitPrice: result.price,
        ivaRate: result.ivaRate,
        fromScale,
        voided: false,
      });
      set({ lines, selected: lines.length - 1 });
    },
    select(index) {
      const { lines } = get();
      if (lines.length === 0) return;
      set({ selected: Math.min(Math.max(0, index), lines.length - 1) });
    },
    setQty(index, qty) {
      const lines = [...get().lines];
      const line = lines[index];
      if (!line || line.voided) return;
      lines[index] = { ...line, qty };
      set({ lines });
    },
    voidLine(index) {
      const lines = [...get().lines];
      const line = lines[index];
      if (!line || line.voided) return;
      // Voided lines stay on the ticket and are recorded when it closes.
      lines[index] = { ...line, voided: true };
      set({ lines });
    },
    setPayment(payment) {
      set({ payment });
    },
    async close() {
      const { lines, payment } = get();
      const result = await api.call('sales.close', {
        payment,
        lines: lines.map((l) => ({ productId: l.productId, qty: l.qty, unitPrice: l.unitPrice, voided: l.voided })),
      });
      if (!result.ok) {
        set({ message: { tone: 'error', text: result.error.message } });
        return result;
      }
      set({ lines: [], selected: -1, payment: 'efectivo', lastTicket: result.data, message: null });
      return { ok: true, ticket: result.data };
    },
    clearMessage() {
      set({ message: null });
    },
  };
});

/** Line amount the way the core computes it: qty (thousandths) × price, rounded to the centavo. */
export function lineAmount(line: Pick<SaleLine, 'qty' | 'unitPrice'>): number {
  return Math.round((line.qty * line.unitPrice) / 1000);
}
