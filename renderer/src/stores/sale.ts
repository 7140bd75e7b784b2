import { create } from 'zustand';
import type { AppErrorPayload, DraftLine, HeldTicket, Payment, SalePayment, ScanResult, Ticket } from '../../../contract';
import { api } from '../api/client';
import { parseQuantityInput } from '../lib/format';

export interface SaleLine extends DraftLine {
  key: number;
}

/** What the customer paid and got back, shown after charging until the next scan. */
export interface LastSale {
  ticket: Ticket;
  paid: number | null;
  change: number | null;
}

/** A line charged otherwise than on the shelf: the price, the discount, why, and who let a cashier do it. */
export interface PriceChange {
  unitPrice: number;
  discount: number;
  reason: string;
  authorizedBy?: string;
  grant?: string;
}

interface SaleState {
  lines: SaleLine[];
  selected: number;
  payment: Payment;
  /** Codes waiting to be resolved, in scan order. */
  queue: string[];
  busy: boolean;
  message: { tone: 'error' | 'ok' | 'warn'; text: string } | null;
  last: LastSale | null;
  /** Whether the open ticket was read back from the core (reload, crashed window) and is ready. */
  restored: boolean;
  restore(): Promise<void>;
  scan(code: string): void;
  addProduct(result: ScanResult, times?: number): void;
  select(index: number): void;
  setQty(index: number, qty: number): void;
  voidLine(index: number): void;
  setPayment(payment: Payment): void;
  /** The line's price and discount, or back to the shelf price with null. */
  setPrice(index: number, change: PriceChange | null): void;
  /**
   * Charges the ticket: `payments` when it was split (cash net of the change),
   * `paid` what the customer handed in cash, for the change on screen.
   */
  close(options?: { paid?: number | null; grant?: string; payments?: SalePayment[] }): Promise<{ ok: true; ticket: Ticket } | { ok: false; error: AppErrorPayload }>;
  hold(label?: string): Promise<{ ok: true; held: HeldTicket } | { ok: false; error: AppErrorPayload }>;
  resume(id: string): Promise<{ ok: true } | { ok: false; error: AppErrorPayload }>;
  clearMessage(): void;
}

let nextKey = 1;
const withKeys = (lines: DraftLine[]): SaleLine[] => lines.map((l) => ({ ...l, key: nextKey++ }));
const withoutKeys = (lines: SaleLine[]): DraftLine[] => lines.map(({ key: _key, ...l }) => l);

/** "3*7790001000019": three of that code. The multiplier is whole units, up to 999. */
export function splitMultiplier(typed: string): { times: number; code: string } | { error: string } {
  const m = /^(\d{1,3}(?:[.,]\d{1,3})?)\s*[*xX]\s*(\S+)$/.exec(typed.trim());
  if (!m) return { times: 1, code: typed.trim() };
  const parsed = parseQuantityInput(m[1]!, 'un', 'La cantidad');
  if (!parsed.ok || parsed.value <= 0 || parsed.value % 1000 !== 0) return { error: `«${m[1]}» no es una cantidad de unidades: escribí por ejemplo 3*${m[2]}` };
  return { times: parsed.value / 1000, code: m[2]! };
}

/** How much of this product the open ticket takes, thousandths. */
export function takenOf(lines: SaleLine[], productId: string): number {
  return lines.filter((l) => l.productId === productId && !l.voided).reduce((sum, l) => sum + l.qty, 0);
}

/**
 * The ticket being rung up. It is kept in the core as it changes (sales.saveDraft),
 * so a reload or a crashed window finds it again; the core posts it in one
 * transaction when it is charged. Scans go through a queue so a fast scanner
 * never loses a code while the previous one is being looked up.
 */
export const useSale = create<SaleState>((set, get) => {
  // Saves are serialized, and charging waits for the last one: a late save must
  // never bring back a ticket that was just sold.
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<unknown> = Promise.resolve();
  function persist(): void {
    if (!get().restored) return;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      const { lines, payment } = get();
      saving = saving.then(() => api.call('sales.saveDraft', { lines: withoutKeys(lines), payment }));
    }, 120);
  }
  async function settleSaves(): Promise<void> {
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = null;
    }
    await saving;
  }

  async function drain(): Promise<void> {
    if (get().busy) return;
    set({ busy: true });
    try {
      while (get().queue.length > 0) {
        const [typed, ...rest] = get().queue;
        set({ queue: rest });
        const split = splitMultiplier(typed!);
        if ('error' in split) {
          set({ message: { tone: 'error', text: split.error } });
          window.dispatchEvent(new CustomEvent('gondola:scan-error'));
          continue;
        }
        const result = await api.call('scan.resolve', { code: split.code });
        if (!result.ok) {
          set({ message: { tone: 'error', text: result.error.message } });
          window.dispatchEvent(new CustomEvent('gondola:scan-error'));
        } else if (split.times > 1 && result.data.qty !== null) {
          set({ message: { tone: 'error', text: 'La etiqueta de balanza ya trae el peso: escaneala sin multiplicar.' } });
          window.dispatchEvent(new CustomEvent('gondola:scan-error'));
        } else {
          set({ message: null });
          get().addProduct(result.data, split.times);
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
    last: null,
    restored: false,
    async restore() {
      const result = await api.call('sales.draft', {});
      if (result.ok && result.data.lines.length > 0 && get().lines.length === 0) {
        const lines = withKeys(result.data.lines);
        set({ lines, payment: result.data.payment, selected: lines.length - 1, message: { tone: 'ok', text: 'Se recuperó el ticket en curso.' } });
      }
      set({ restored: true });
    },
    scan(code) {
      set({ queue: [...get().queue, code] });
      void drain();
    },
    addProduct(result, times = 1) {
      const lines = [...get().lines];
      const fromScale = result.qty !== null;
      const existing = fromScale ? -1 : lines.findIndex((l) => l.productId === result.productId && !l.voided && !l.fromScale);
      let selected: number;
      if (existing >= 0) {
        lines[existing] = { ...lines[existing]!, qty: lines[existing]!.qty + 1000 * times, onHand: result.onHand };
        selected = existing;
      } else {
        lines.push({
          key: nextKey++,
          productId: result.productId,
          sku: result.sku,
          name: result.name,
          unit: result.unit,
          qty: result.qty ?? 1000 * times,
          unitPrice: result.price,
          ivaRate: result.ivaRate,
          onHand: result.onHand,
          fromScale,
          voided: false,
        });
        selected = lines.length - 1;
      }
      // A scan starts the next customer's ticket: the last change is not shown any more.
      set({ lines, selected, last: null });
      persist();
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
      persist();
    },
    voidLine(index) {
      const lines = [...get().lines];
      const line = lines[index];
      if (!line || line.voided) return;
      // Voided lines stay on the ticket and are recorded when it closes.
      lines[index] = { ...line, voided: true };
      set({ lines });
      persist();
    },
    setPayment(payment) {
      set({ payment });
      persist();
    },
    setPrice(index, change) {
      const lines = [...get().lines];
      const line = lines[index];
      if (!line || line.voided) return;
      const shelfPrice = line.shelfPrice ?? line.unitPrice;
      const { shelfPrice: _s, discount: _d, reason: _r, authorizedBy: _a, grant: _g, ...plain } = line;
      lines[index] =
        change === null || (change.unitPrice === shelfPrice && change.discount === 0)
          ? { ...plain, unitPrice: shelfPrice }
          : {
              ...plain,
              unitPrice: change.unitPrice,
              shelfPrice,
              discount: change.discount,
              reason: change.reason,
              ...(change.authorizedBy ? { authorizedBy: change.authorizedBy } : {}),
              ...(change.grant ? { grant: change.grant } : {}),
            };
      set({ lines });
      persist();
    },
    async close(options = {}) {
      await settleSaves();
      const { lines, payment } = get();
      const result = await api.call('sales.close', {
        payment,
        ...(options.payments ? { payments: options.payments } : {}),
        ...(options.grant ? { grant: options.grant } : {}),
        // The shelf price is the core's to apply; only an override sends its own, with its reason.
        lines: lines.map((l) =>
          l.shelfPrice === undefined
            ? { productId: l.productId, qty: l.qty, voided: l.voided }
            : { productId: l.productId, qty: l.qty, voided: l.voided, unitPrice: l.unitPrice, discount: l.discount ?? 0, reason: l.reason, ...(l.grant ? { grant: l.grant } : {}) },
        ),
      });
      if (!result.ok) {
        if (result.error.code !== 'INSUFFICIENT_STOCK') set({ message: { tone: 'error', text: result.error.message } });
        return result;
      }
      const paid = options.paid ?? null;
      set({
        lines: [],
        selected: -1,
        payment: 'efectivo',
        message: null,
        last: { ticket: result.data, paid, change: paid !== null && (options.payments ?? [{ method: payment }]).some((p) => p.method === 'efectivo') ? paid - cashPart(result.data) : null },
      });
      return { ok: true, ticket: result.data };
    },
    async hold(label) {
      await settleSaves();
      const { lines, payment } = get();
      // The core holds what it has: make sure that is what is on screen.
      await api.call('sales.saveDraft', { lines: withoutKeys(lines), payment });
      const result = await api.call('sales.hold', label ? { label } : {});
      if (!result.ok) return result;
      set({ lines: [], selected: -1, payment: 'efectivo', message: { tone: 'ok', text: `Ticket en espera: ${result.data.label}` }, last: null });
      return { ok: true, held: result.data };
    },
    async resume(id) {
      await settleSaves();
      const result = await api.call('sales.resume', { id });
      if (!result.ok) return result;
      const lines = withKeys(result.data.lines);
      set({ lines, payment: result.data.payment, selected: lines.length - 1, message: null, last: null });
      return { ok: true };
    },
    clearMessage() {
      set({ message: null });
    },
  };
});

/** Line amount the way the core computes it: qty (thousandths) × price, rounded to the centavo, less the discount. */
export function lineAmount(line: Pick<SaleLine, 'qty' | 'unitPrice' | 'discount'>): number {
  return Math.round((line.qty * line.unitPrice) / 1000) - (line.discount ?? 0);
}

/** What a ticket took in cash (the part the change comes out of). */
function cashPart(ticket: Ticket): number {
  return ticket.payments.filter((p) => p.method === 'efectivo').reduce((sum, p) => sum + p.amount, 0);
}
