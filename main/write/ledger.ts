import type { Statement } from 'better-sqlite3';
import type { RawDatabase } from '../db/open';
import type { AdjustmentReason, DocType, MovementKind } from '../db/schema';
import { allocateFefo, nextAverageCost, type LotStock } from '../domain/ledger';

export interface ProductStock {
  id: string;
  sku: string;
  name: string;
  unit: 'un' | 'kg' | 'l';
  active: 0 | 1;
  price: number;
  iva_rate: number;
  cost: number;
  on_hand: number;
  avg_cost: number;
  shelf_life_days: number | null;
}

export interface MovementInput {
  id: string;
  kind: MovementKind;
  reason?: AdjustmentReason | null;
  productId: string;
  lotId?: string | null;
  /** Signed thousandths. */
  qty: number;
  unitCost: number;
  unitPrice?: number | null;
  occurredAt: string;
  recordedAt: string;
  userName: string | null;
  docType: DocType;
  docId: string;
  oversold?: boolean;
  note?: string | null;
}

/**
 * One of the two writers of `stock_movements` and the on-hand caches (the
 * other is `sales-bulk.ts`, an import's million historic sale lines, which
 * keeps the same rules in memory and writes back through `settle`). Each call
 * inserts the movement with the next store sequence number and the product's
 * running balance, and updates the product and lot caches in the same
 * transaction (the caller's). Statements are prepared once: this is the hot path
 * of sales and imports, where compiling a query per row would cost more than
 * the write. All SQL here is parameterised.
 */
export class Ledger {
  private readonly s: Record<
    'seqGet' | 'seqInsert' | 'seqUpdate' | 'seqNext' | 'product' | 'lots' | 'lotByCode' | 'lotInsert' | 'lotUpdate' | 'move' | 'onHand' | 'onHandOf' | 'receiptCost',
    Statement
  >;

  /** Which products have lots, read again (another process may have received some). */
  reloadLotted(): void {
    this.lotted.clear();
    for (const id of this.db.prepare('select distinct product_id from lots').pluck().all() as string[]) this.lotted.add(id);
  }

  /** Products that have (or had) lots: the rest skip the lot query on every sale. */
  private readonly lotted = new Set<string>();
  /**
   * Counters in use by the open transaction: read once, counted here, written
   * back by flush() before commit (a statement per movement showed in imports).
   */
  private readonly counters = new Map<string, { value: number; dirty: boolean }>();

  constructor(private readonly db: RawDatabase) {
    this.reloadLotted();
    this.s = {
      seqGet: db.prepare('select value from sequences where name = ?').pluck(),
      seqInsert: db.prepare('insert into sequences (name, value) values (?, ?)'),
      seqUpdate: db.prepare('update sequences set value = ? where name = ?'),
      seqNext: db.prepare('update sequences set value = value + 1 where name = ? returning value').pluck(),
      product: db.prepare(
        'select id, sku, name, unit, active, price, iva_rate, cost, on_hand, avg_cost, shelf_life_days from products where id = ?',
      ),
      lots: db.prepare('select id, expiry, on_hand as onHand, created_at as createdAt from lots where product_id = ? and on_hand > 0'),
      lotByCode: db.prepare('select id from lots where product_id = ? and code = ?').pluck(),
      lotInsert: db.prepare('insert into lots (id, product_id, code, expiry, on_hand, created_at) values (?, ?, ?, ?, 0, ?)'),
      lotUpdate: db.prepare('update lots set on_hand = on_hand + ? where id = ?'),
      move: db.prepare(`insert into stock_movements
        (id, seq, kind, reason, product_id, lot_id, qty, unit_cost, unit_price, occurred_at, recorded_at, user_name, doc_type, doc_id, balance_after, oversold, note)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      onHand: db.prepare('update products set on_hand = ? where id = ?'),
      onHandOf: db.prepare('select on_hand from products where id = ?').pluck(),
      receiptCost: db.prepare('update products set on_hand = ?, avg_cost = ?, cost = ? where id = ?'),
    };
  }

  /** Next value of a gap-free counter ('store' numbers every ledger row and document). */
  next(name: string): number {
    const counter = this.counter(name);
    counter.value += 1;
    counter.dirty = true;
    return counter.value;
  }

  /** Moves a counter forward to at least `value` (imported ticket numbers). */
  raise(name: string, value: number): void {
    const counter = this.counter(name);
    if (value > counter.value) {
      counter.value = value;
      counter.dirty = true;
    }
  }

  /** Writes the counters back; the write path calls it inside the transaction, just before commit. */
  flush(): void {
    for (const [name, counter] of this.counters) {
      if (!counter.dirty) continue;
      if (this.s.seqUpdate.run(counter.value, name).changes === 0) this.s.seqInsert.run(name, counter.value);
      counter.dirty = false;
    }
  }

  /** Forgets cached counters (after a rollback, or between transactions). */
  discard(): void {
    this.counters.clear();
  }

  private counter(name: string): { value: number; dirty: boolean } {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = { value: (this.s.seqGet.get(name) as number | undefined) ?? 0, dirty: false };
      this.counters.set(name, counter);
    }
    return counter;
  }

  product(productId: string): ProductStock | undefined {
    return this.s.product.get(productId) as ProductStock | undefined;
  }

  lots(productId: string): LotStock[] {
    if (!this.lotted.has(productId)) return [];
    return this.s.lots.all(productId) as LotStock[];
  }

  /** The lot with this code, created on first use. */
  lotFor(productId: string, code: string, expiry: string | null, newId: () => string, now: string): string {
    const existing = this.s.lotByCode.get(productId, code) as string | undefined;
    if (existing) return existing;
    const id = newId();
    this.s.lotInsert.run(id, productId, code, expiry, now);
    this.lotted.add(productId);
    return id;
  }

  /**
   * Posts one movement. A receipt also moves the weighted average cost and the
   * last cost. Returns the balance after it.
   */
  post(m: MovementInput, knownOnHand?: number): number {
    const onHand = knownOnHand ?? (this.s.onHandOf.get(m.productId) as number | undefined);
    if (onHand === undefined) throw new Error(`ledger: product ${m.productId} not found`);
    const balance = onHand + m.qty;
    this.s.move.run(
      m.id,
      this.next('store'),
      m.kind,
      m.reason ?? null,
      m.productId,
      m.lotId ?? null,
      m.qty,
      m.unitCost,
      m.unitPrice ?? null,
      m.occurredAt,
      m.recordedAt,
      m.userName,
      m.docType,
      m.docId,
      balance,
      m.oversold ? 1 : 0,
      m.note ?? null,
    );
    if (m.kind === 'receipt' && m.qty > 0) {
      const product = this.product(m.productId)!;
      const avg = nextAverageCost(product.on_hand, product.avg_cost, m.qty, m.unitCost);
      this.s.receiptCost.run(balance, avg, m.unitCost, m.productId);
    } else {
      this.s.onHand.run(balance, m.productId);
    }
    if (m.lotId) this.s.lotUpdate.run(m.qty, m.lotId);
    return balance;
  }

  /**
   * Takes `qty` (> 0) out, earliest expiry first, as one movement per lot touched.
   * The caller has already decided whether going below zero is allowed.
   */
  takeOut(base: Omit<MovementInput, 'qty' | 'lotId' | 'id'>, qty: number, newId: () => string, knownOnHand?: number): void {
    let onHand = knownOnHand;
    for (const part of allocateFefo(this.lots(base.productId), qty)) {
      onHand = this.post({ ...base, id: newId(), lotId: part.lotId, qty: -part.qty }, onHand);
    }
  }
}
