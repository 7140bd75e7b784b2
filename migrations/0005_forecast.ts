import { sql, type Kysely } from 'kysely';

/**
 * The store's own demand models (the ONNX file lives in the data folder's
 * models/; this row says what it is and how it did) and the weekly record of
 * what was forecast against what happened.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forecast_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // Relative to the data folder.
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('trained_at', 'text', (c) => c.notNull())
    .addColumn('trained_until', 'text', (c) => c.notNull())
    .addColumn('training_rows', 'integer', (c) => c.notNull())
    // JSON: the backtest (horizon, origins, products, methods with metrics).
    .addColumn('backtest', 'text', (c) => c.notNull())
    // JSON: NB dispersion per method.
    .addColumn('dispersion', 'text', (c) => c.notNull())
    // JSON: product id → { choice, errors }.
    .addColumn('choices', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0, 1)`))
    .addColumn('note', 'text', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute();
  await db.schema
    .createTable('forecast_weeks')
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('forecast', 'real', (c) => c.notNull())
    .addColumn('p90', 'real', (c) => c.notNull())
    .addColumn('actual', 'real')
    .addColumn('model_sha256', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forecast_weeks_pk', ['week_start', 'product_id'])
    .modifyEnd(sql`strict`)
    .execute();
}
