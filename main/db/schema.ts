/**
 * Row types of the current schema, for kysely. These follow the latest migration;
 * migrations themselves never import them (they are frozen in time, this is not).
 */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface CategoriesTable {
  id: string;
  name: string;
  name_key: string;
  created_at: string;
}

export interface ProductsTable {
  id: string;
  sku: string;
  sku_key: string;
  name: string;
  search_text: string;
  brand: string | null;
  category_id: string | null;
  unit: 'un' | 'kg' | 'l';
  price: number;
  active: 0 | 1;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProductBarcodesTable {
  barcode: string;
  product_id: string;
  position: number;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}

export interface DB {
  settings: SettingsTable;
  categories: CategoriesTable;
  products: ProductsTable;
  product_barcodes: ProductBarcodesTable;
  schema_migrations: SchemaMigrationsTable;
}
