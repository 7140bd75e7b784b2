import type { RawDatabase } from '../db/open';
import { nextAverageCost } from '../domain/ledger';
import { memo, sqlOffset, type RuleContext } from './types';

/**
 * Reads several rules share, done once per run (memo): the period's sale
 * lines, and the whole ledger replayed per product. On a store of a million
 * movements each is a pass over most of the database.
 */

/**
 * The period's sale lines (returns excluded), column by column in typed
 * arrays: a year of a busy store is about a million lines, and a JavaScript
 * object or array per line would take several hundred megabytes.
 */
export interface SaleLines {
  count: number;
  /** Names and ids by index: the per-line columns hold the index. */
  cashiers: string[];
  products: string[];
  days: string[];
  cashier: Uint16Array;
  product: Uint32Array;
  day: Uint16Array;
  unitPrice: Float64Array;
  amount: Float64Array;
  qty: Float64Array;
  voided: Uint8Array;
  ivaRate: Uint16Array;
}

type Columns = Pick<SaleLines, 'cashier' | 'product' | 'day' | 'unitPrice' | 'amount' | 'qty' | 'voided' | 'ivaRate'>;

function columns(capacity: number, from?: Columns): Columns {
  const next: Columns = {
    cashier: new Uint16Array(capacity),
    product: new Uint32Array(capacity),
    day: new Uint16Array(capacity),
    unitPrice: new Float64Array(capacity),
    amount: new Float64Array(capacity),
    qty: new Float64Array(capacity),
    voided: new Uint8Array(capacity),
    ivaRate: new Uint16Array(capacity),
  };
  if (from) for (const key of Object.keys(next) as (keyof Columns)[]) next[key].set(from[key] as never);
  return next;
}

export function periodSaleLines(db: RawDatabase, ctx: RuleContext): SaleLines {
  return memo(ctx, 'saleLines', () => {
    const names = { cashiers: [] as string[], products: [] as string[], days: [] as string[] };
    const indexes = { cashiers: new Map<string, number>(), products: new Map<string, number>(), days: new Map<string, number>() };
    const index = (kind: keyof typeof names, value: string) => {
      let i = indexes[kind].get(value);
      if (i === undefined) {
        i = names[kind].push(value) - 1;
        indexes[kind].set(value, i);
      }
      return i;
    };
    const rows = db
      .prepare(
        `select coalesce(t.cashier, '—'), l.product_id, date(t.closed_at, ?), l.unit_price, l.amount, l.qty, l.voided, l.iva_rate
         from sale_tickets t join sale_lines l on l.ticket_id = t.id
         where t.closed_at >= ? and t.closed_at < ? and t.original_ticket_id is null`,
      )
      .raw()
      .iterate(sqlOffset(ctx), ctx.fromIso, ctx.toIso) as IterableIterator<[string, string, string, number, number, number, 0 | 1, number]>;
    // Columns grow by doubling as lines come (one pass; no count first).
    let cols = columns(1 << 16);
    let n = 0;
    for (const [cashier, productId, day, unitPrice, amount, qty, voided, ivaRate] of rows) {
      if (n === cols.qty.length) cols = columns(n * 2, cols);
      cols.cashier[n] = index('cashiers', cashier);
      cols.product[n] = index('products', productId);
      cols.day[n] = index('days', day);
      cols.unitPrice[n] = unitPrice;
      cols.amount[n] = amount;
      cols.qty[n] = qty;
      cols.voided[n] = voided;
      cols.ivaRate[n] = ivaRate;
      n++;
    }
    return { count: n, ...names, ...cols };
  });
}

export interface LedgerReplay {
  /** Sum of each product's movements (what its on-hand must be). */
  onHand: Map<string, number>;
  /** The average cost the receipts' layers give, where known. */
  avgCost: Map<string, number>;
  /** Movements other than receipts not valued at the average of their moment. */
  offCost: Map<string, number>;
}

/**
 * Every movement, per product in posting order: on-hand and average cost as
 * the ledger says they must be. Read in storage order (a sequential scan,
 * several times faster than walking the product index), which is posting
 * order; should a product's movements come out of order, that product is
 * replayed again through its index.
 */
export function ledgerReplay(db: RawDatabase, ctx: RuleContext): LedgerReplay {
  return memo(ctx, 'ledgerReplay', () => {
    interface State {
      sum: number;
      avg: number | null;
      off: number;
      seq: number;
    }
    const states = new Map<string, State>();
    const disordered = new Set<string>();
    const step = (state: State, kind: string, qty: number, unitCost: number, balanceAfter: number) => {
      state.sum += qty;
      if (kind === 'receipt') {
        if (qty > 0) state.avg = nextAverageCost(balanceAfter - qty, state.avg ?? unitCost, qty, unitCost);
      } else {
        if (state.avg !== null && Math.abs(unitCost - state.avg) > 1) state.off++;
        state.avg = unitCost;
      }
    };
    for (const [productId, seq, kind, qty, unitCost, balanceAfter] of db.prepare('select product_id, seq, kind, qty, unit_cost, balance_after from stock_movements').raw().iterate() as IterableIterator<[string, number, string, number, number, number]>) {
      let state = states.get(productId);
      if (!state) states.set(productId, (state = { sum: 0, avg: null, off: 0, seq: -1 }));
      if (seq < state.seq) disordered.add(productId);
      state.seq = seq;
      step(state, kind, qty, unitCost, balanceAfter);
    }
    const byProduct = db.prepare('select kind, qty, unit_cost, balance_after from stock_movements where product_id = ? order by seq').raw();
    for (const productId of disordered) {
      const state: State = { sum: 0, avg: null, off: 0, seq: 0 };
      for (const [kind, qty, unitCost, balanceAfter] of byProduct.iterate(productId) as IterableIterator<[string, number, number, number]>) step(state, kind, qty, unitCost, balanceAfter);
      states.set(productId, state);
    }
    const replay: LedgerReplay = { onHand: new Map(), avgCost: new Map(), offCost: new Map() };
    for (const [productId, state] of states) {
      replay.onHand.set(productId, state.sum);
      if (state.avg !== null) replay.avgCost.set(productId, state.avg);
      if (state.off > 0) replay.offCost.set(productId, state.off);
    }
    return replay;
  });
}

export interface PeriodFlows {
  /** Cost of what sold (net of returns), of what came in, of what was lost (write-offs and count differences), and the net of everything; centavos. */
  cogs: number;
  received: number;
  shrink: number;
  net: number;
}

export function periodFlows(db: RawDatabase, ctx: RuleContext): PeriodFlows {
  return memo(ctx, 'flows', () =>
    db
      .prepare(
        `select
           coalesce(sum(case when kind in ('sale', 'return') then -qty * unit_cost else 0 end), 0) / 1000.0 as cogs,
           coalesce(sum(case when kind = 'receipt' then qty * unit_cost else 0 end), 0) / 1000.0 as received,
           coalesce(sum(case when (kind = 'adjustment' and reason in ('merma', 'rotura', 'robo', 'consumo', 'vencido')) or kind = 'count' then -qty * unit_cost else 0 end), 0) / 1000.0 as shrink,
           coalesce(sum(qty * unit_cost), 0) / 1000.0 as net
         from stock_movements where occurred_at >= ? and occurred_at < ?`,
      )
      .get(ctx.fromIso, ctx.toIso) as PeriodFlows,
  );
}
