import type { Generated } from 'kysely';

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
  /** Tenths of a percent: 210 = 21 %. */
  iva_rate: number;
  /** Last cost per unit, without IVA, centavos. */
  cost: number;
  /** Thousandths. */
  min_stock: number;
  pack_size: number;
  shelf_life_days: number | null;
  supplier_id: string | null;
  scale_plu: number | null;
  /** Cache: sum of the product's movements, thousandths. */
  on_hand: number;
  /** Cache: weighted average cost, centavos. */
  avg_cost: number;
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

export interface SequencesTable {
  name: string;
  value: number;
}

export interface SuppliersTable {
  id: string;
  cuit: string;
  name: string;
  lead_time_days: number;
  order_weekdays: string;
  min_order: number;
  active: 0 | 1;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SupplierItemMemoryTable {
  supplier_id: string;
  description_key: string;
  product_id: string;
  confirmations: number;
  updated_at: string;
}

export interface ProductSuppliersTable {
  product_id: string;
  supplier_id: string;
  supplier_code: string | null;
  pack_size: number;
}

export interface LotsTable {
  id: string;
  product_id: string;
  code: string;
  expiry: string | null;
  on_hand: number;
  created_at: string;
}

export type MovementKind = 'receipt' | 'sale' | 'return' | 'adjustment' | 'count';
export type AdjustmentReason = 'merma' | 'rotura' | 'vencido' | 'robo' | 'consumo' | 'correccion';
export type DocType = 'receipt' | 'ticket' | 'adjustment' | 'count';

export interface StockMovementsTable {
  id: string;
  seq: number;
  kind: MovementKind;
  reason: AdjustmentReason | null;
  product_id: string;
  lot_id: string | null;
  qty: number;
  unit_cost: number;
  unit_price: number | null;
  occurred_at: string;
  recorded_at: string;
  user_name: string | null;
  doc_type: DocType;
  doc_id: string;
  balance_after: number;
  oversold: 0 | 1;
  note: string | null;
}

export interface ReceiptsTable {
  id: string;
  seq: number;
  supplier_id: string;
  doc_type: 'A' | 'B' | 'C' | 'R';
  pos: number;
  number: number;
  /** The invoice's date. */
  date: string;
  /** The store day the goods arrived, when their stock entered (0008; null never after it). */
  received_on: string | null;
  purchase_order_id: string | null;
  net_total: number;
  iva_total: number;
  total: number;
  user_name: string | null;
  posted_at: string;
  /** What the invoice printed (0009): the purchase book's figures. */
  printed_net: number | null;
  printed_iva: number | null;
  printed_other: number | null;
  printed_total: number | null;
  /** Printed minus computed, when it is rounding (a few cents); else 0. */
  rounding: Generated<number>;
}

/** The open ticket of each user and tickets on hold (0008). */
export interface SaleDraftsTable {
  id: string;
  user_name: string;
  status: 'open' | 'held';
  label: string | null;
  /** The lines and payment, as the contract's SaleDraftInput. */
  payload: string;
  items: number;
  total: number;
  created_at: string;
  updated_at: string;
}

export interface ReceiptLinesTable {
  id: string;
  receipt_id: string;
  line_no: number;
  product_id: string;
  qty: number;
  unit_cost: number;
  iva_rate: number;
  lot_code: string | null;
  expiry: string | null;
}

export type Payment = 'efectivo' | 'debito' | 'credito' | 'qr' | 'cuenta';

export interface SaleTicketsTable {
  id: string;
  seq: number;
  number: string;
  closed_at: string;
  cashier: string | null;
  payment: Payment | null;
  total: number;
  original_ticket_id: string | null;
  oversold: 0 | 1;
  /** Why goods came back (returns). */
  reason: string | null;
  /** Who authorized with their PIN what the ticket needed (names, comma-separated). */
  authorized_by: string | null;
}

/** A ticket's payment parts, only when it was paid with more than one method (0009). */
export interface SalePaymentsTable {
  ticket_id: string;
  part_no: number;
  method: Payment;
  amount: number;
}

export interface SaleLinesTable {
  id: string;
  ticket_id: string;
  line_no: number;
  product_id: string;
  qty: number;
  unit_price: number;
  discount: number;
  amount: number;
  iva_rate: number;
  voided: 0 | 1;
  /** The shelf price a line charged otherwise replaced (override or discount), and why. */
  shelf_price: number | null;
  price_reason: string | null;
}

export interface AdjustmentsTable {
  id: string;
  seq: number;
  occurred_at: string;
  product_id: string;
  qty: number;
  reason: AdjustmentReason;
  user_name: string | null;
  note: string | null;
}

export type CountStatus = 'abierto' | 'cerrado' | 'aprobado' | 'anulado';

export interface CountSessionsTable {
  id: string;
  seq: number;
  name: string;
  category_id: string | null;
  status: CountStatus;
  opened_at: string;
  opened_by: string | null;
  closed_at: string | null;
  approved_at: string | null;
  approved_by: string | null;
}

export interface CountLinesTable {
  session_id: string;
  product_id: string;
  counted: number | null;
  counted_at: string | null;
  counted_by: string | null;
  expected: number | null;
}

export type OrderStatus = 'borrador' | 'enviada' | 'parcial' | 'recibida' | 'anulada';

export interface PurchaseOrdersTable {
  id: string;
  seq: number;
  number: number;
  supplier_id: string;
  status: OrderStatus;
  created_at: string;
  sent_at: string | null;
  note: string | null;
  version: number;
}

export interface PurchaseOrderLinesTable {
  order_id: string;
  line_no: number;
  product_id: string;
  qty: number;
  unit_cost: number;
  received_qty: number;
}

export interface PriceChangesTable {
  id: string;
  supplier_id: string;
  product_id: string;
  date: string;
  cost: number;
}

export interface ForecastModelsTable {
  id: string;
  sha256: string;
  file: string;
  trained_at: string;
  trained_until: string;
  training_rows: number;
  backtest: string;
  dispersion: string;
  choices: string;
  active: 0 | 1;
  note: string;
}

export interface ForecastWeeksTable {
  week_start: string;
  product_id: string;
  forecast: number;
  p90: number;
  actual: number | null;
  model_sha256: string;
}

export interface ForensicRunsTable {
  id: string;
  started_at: string;
  finished_at: string;
  period_from: string;
  period_to: string;
  result: string;
  trigger: 'manual' | 'programada';
}

export interface ForensicAcksTable {
  finding_id: string;
  evidence_hash: string;
  note: string;
  user_name: string | null;
  at: string;
}

export interface CpiTable {
  month: string;
  index_value: number;
}

export type Role = 'dueño' | 'encargado' | 'cajero';

export interface UsersTable {
  id: string;
  name: string;
  name_key: string;
  role: Role;
  password_hash: string;
  pin_hash: string | null;
  active: 0 | 1;
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: 0 | 1;
  last_login_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  user_name: string | null;
  method: string;
  entity: string | null;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface DB {
  users: UsersTable;
  audit_log: AuditLogTable;
  sequences: SequencesTable;
  suppliers: SuppliersTable;
  product_suppliers: ProductSuppliersTable;
  supplier_item_memory: SupplierItemMemoryTable;
  lots: LotsTable;
  stock_movements: StockMovementsTable;
  receipts: ReceiptsTable;
  receipt_lines: ReceiptLinesTable;
  sale_tickets: SaleTicketsTable;
  sale_lines: SaleLinesTable;
  sale_payments: SalePaymentsTable;
  sale_drafts: SaleDraftsTable;
  adjustments: AdjustmentsTable;
  count_sessions: CountSessionsTable;
  count_lines: CountLinesTable;
  purchase_orders: PurchaseOrdersTable;
  purchase_order_lines: PurchaseOrderLinesTable;
  price_changes: PriceChangesTable;
  cpi: CpiTable;
  forecast_models: ForecastModelsTable;
  forecast_weeks: ForecastWeeksTable;
  forensic_runs: ForensicRunsTable;
  forensic_acks: ForensicAcksTable;
  settings: SettingsTable;
  categories: CategoriesTable;
  products: ProductsTable;
  product_barcodes: ProductBarcodesTable;
  schema_migrations: SchemaMigrationsTable;
}
