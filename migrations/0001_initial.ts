import { sql, type Kysely } from 'kysely';

/**
 * The foundation: settings, categories and a minimal product catalog with
 * several barcodes per product. Tables are STRICT so SQLite refuses a text
 * where an integer belongs, even if a bug slips past the contract.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull()) // JSON
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // Folded name (lower case, no accents): "Lácteos" and "lacteos" are one category.
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sku', 'text', (c) => c.notNull())
    // Upper-cased sku: codes are unique regardless of case.
    .addColumn('sku_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // Folded name + brand + category, what a name search matches against.
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('brand', 'text')
    .addColumn('category_id', 'text', (c) => c.references('categories.id'))
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('un', 'kg', 'l')`))
    .addColumn('price', 'integer', (c) => c.notNull().check(sql`price >= 0`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute();
  await db.schema.createIndex('products_category').on('products').column('category_id').execute();
  await db.schema.createIndex('products_search').on('products').columns(['active', 'search_text']).execute();

  await db.schema
    .createTable('product_barcodes')
    .addColumn('barcode', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    // Order in which the product lists its codes; 0 is the one printed on labels.
    .addColumn('position', 'integer', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute();
  await db.schema.createIndex('product_barcodes_product').on('product_barcodes').column('product_id').execute();
}
