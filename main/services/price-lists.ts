import type { Core, WriteTx } from '../write';

/**
 * Suppliers' price lists: the cost a supplier quoted for a product from a date
 * (prices.csv today; a list read from a supplier's file later). The newest
 * list in effect sets the product's replacement cost.
 */
export class PriceListService {
  constructor(private readonly core: Core) {}

  /** Records a quoted cost inside the caller's transaction; returns whether it became the product's cost. */
  recordInTx(tx: WriteTx, entry: { supplierId: string; productId: string; date: string; cost: number }): boolean {
    tx.sql.run(tx.sql.q.insertInto('price_changes').values({ id: tx.newId(), supplier_id: entry.supplierId, product_id: entry.productId, date: entry.date, cost: entry.cost }));
    // The newest list in effect (dated today or before) sets the product's cost.
    const newest = tx.sql.first(
      tx.sql.q.selectFrom('price_changes').select('date').where('product_id', '=', entry.productId).where('date', '<=', tx.now.slice(0, 10)).orderBy('date', 'desc').limit(1),
    );
    if (newest?.date !== entry.date) return false;
    tx.sql.run(tx.sql.q.updateTable('products').set({ cost: entry.cost }).where('id', '=', entry.productId));
    return true;
  }
}
