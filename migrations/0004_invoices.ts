import { sql, type Kysely } from 'kysely';

/**
 * What the invoice reader learns from the person who reviews it: for each
 * supplier, which product a line's wording on its invoices stands for. (A
 * supplier's own product codes are kept in product_suppliers.supplier_code.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supplier_item_memory')
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    // The line's description, normalised (lower case, no accents, single spaces).
    .addColumn('description_key', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('confirmations', 'integer', (c) => c.notNull().defaultTo(1).check(sql`confirmations >= 1`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supplier_item_memory_pk', ['supplier_id', 'description_key'])
    .modifyEnd(sql`strict`)
    .execute();
}
