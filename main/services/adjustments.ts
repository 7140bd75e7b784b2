import type { AdjustmentReason, MethodParsedInput, Movement } from '../../contract';
import { AppError, validationError } from '../domain/errors';
import { write, type Core, type WriteTx } from '../write';
import { formatQty } from './sales';
import type { StockQueries } from './stock';
import { formatMoney } from '../../locale';
import { amountFits, MAX_AMOUNT } from '../domain/ledger';
import { checkPlausibleInstant } from './store-dates';

/** Stock adjustments with a reason, and count differences: corrections as new movements. */
export class AdjustmentService {
  constructor(
    private readonly core: Core,
    private readonly stock: StockQueries,
  ) {}

  adjust(input: MethodParsedInput<'stock.adjust'>, actor: string | null): Movement {
    const firstMovementId = write(this.core, (tx) =>
      this.adjustInTx(tx, {
        productId: input.productId,
        qty: input.qty,
        reason: input.reason,
        note: input.note,
        occurredAt: input.occurredAt ? checkPlausibleInstant(this.core, input.occurredAt, 'occurredAt', 'La fecha del ajuste') : tx.now,
        actor,
      }),
    );
    return this.stock.movement(firstMovementId);
  }

  /** Returns the id of the first movement written. */
  adjustInTx(
    tx: WriteTx,
    a: { productId: string; qty: number; reason: AdjustmentReason; note: string | null; occurredAt: string; actor: string | null; historic?: boolean },
  ): string {
    const product = tx.ledger.product(a.productId);
    if (!product) throw new AppError('NOT_FOUND', 'No se encontró el producto', { productId: a.productId });
    if (!amountFits(a.qty, Math.max(product.avg_cost, product.cost))) {
      throw validationError([{ path: 'qty', message: `El ajuste de «${product.name}» vale más de ${formatMoney(MAX_AMOUNT)}: revisá la cantidad` }]);
    }
    // Only taking out is limited: a correction upwards is always welcome, even on negative stock.
    // History (imports) is posted as it happened.
    if (!a.historic && a.qty < 0 && product.on_hand + a.qty < 0) {
      throw new AppError(
        'INSUFFICIENT_STOCK',
        `No se puede sacar ${formatQty(-a.qty, product.unit)} de «${product.name}»: hay ${formatQty(product.on_hand, product.unit)}.`,
        { productId: product.id, onHand: product.on_hand, requested: -a.qty },
      );
    }
    const adjustmentId = tx.newId();
    tx.sql.run(
      tx.sql.q.insertInto('adjustments').values({
        id: adjustmentId,
        seq: tx.ledger.next('store'),
        occurred_at: a.occurredAt,
        product_id: product.id,
        qty: a.qty,
        reason: a.reason,
        user_name: a.actor,
        note: a.note,
      }),
    );
    // Imported history is audited once, as the import; adjustments made here one by one.
    if (!a.historic) tx.audit({ entity: 'adjustment', id: adjustmentId, after: { productId: product.id, qty: a.qty, reason: a.reason, note: a.note } });
    const base = {
      kind: 'adjustment' as const,
      reason: a.reason,
      productId: product.id,
      unitCost: product.avg_cost,
      occurredAt: a.occurredAt,
      recordedAt: tx.now,
      userName: a.actor,
      docType: 'adjustment' as const,
      docId: adjustmentId,
      note: a.note,
    };
    const firstId = tx.newId();
    if (a.qty > 0) tx.ledger.post({ ...base, id: firstId, qty: a.qty });
    else {
      let first = true;
      tx.ledger.takeOut(base, -a.qty, () => {
        if (first) {
          first = false;
          return firstId;
        }
        return tx.newId();
      });
    }
    tx.emit('stock.changed', { productIds: [product.id] });
    return firstId;
  }
}
