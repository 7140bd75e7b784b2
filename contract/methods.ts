import { z } from 'zod';
import type { EventName, MethodName } from './names';
import { ForecastProduct, ForecastProductInput, ForecastProgress, ForecastSettings, ForecastSettingsInput, ForecastStatus, Recommendations, RecommendationsInput } from './forecast';
import { ForensicAcknowledgeInput, ForensicProgress, ForensicReportInput, ForensicRun, ForensicRunIdInput, ForensicRunInput, ForensicSettingsInput, ForensicStatus } from './forensic';
import { InvoiceCancelInput, InvoiceCancelled, InvoicePostInput, InvoiceReadInput, InvoiceReading } from './invoices';
import {
  CategoryList,
  CategoryListInput,
  Product,
  ProductCreateInput,
  ProductGetInput,
  ProductList,
  ProductListInput,
  ProductLinkSupplierInput,
  ProductUnlinkSupplierInput,
  ProductUpdateInput,
  ProductsChanged,
} from './products';
import {
  AdjustInput,
  CountIdInput,
  CountList,
  CountOpenInput,
  CountRecordInput,
  CountSession,
  DashboardSummary,
  ExpiringLots,
  ExpiringLotsInput,
  ShiftSummary,
  Kardex,
  KardexInput,
  LotList,
  LotsInput,
  Movement,
  Receipt,
  ReceiptList,
  ReceiptListInput,
  ReceiptPostInput,
  SaleCloseInput,
  SaleDraft,
  SaleDraftInput,
  HeldTicket,
  SaleHoldInput,
  SaleResumeInput,
  SaleReturnInput,
  ScanInput,
  ScanResult,
  Settings,
  SettingsUpdateInput,
  StockList,
  StockListInput,
  Ticket,
  TicketGetInput,
  TicketList,
  TicketListInput,
} from './stock';
import { Supplier, SupplierCreateInput, SupplierList, SupplierListInput, SupplierUpdateInput } from './suppliers';
import { BackupFile, SystemBackupInput, SystemInfo, SystemInfoInput } from './system';
import { entityId } from './fields';
import {
  AuditHead,
  AuditList,
  AuditListInput,
  AuditVerifyResult,
  AuthAuthorizeInput,
  AuthChangePasswordInput,
  AuthGrant,
  AuthLoginInput,
  AuthPinInput,
  AuthSetPinInput,
  AuthSetupInput,
  AuthStatus,
  AuthUnlockInput,
  User,
  UserCreateInput,
  UserList,
  UserResetPasswordInput,
  UserUpdateInput,
} from './security';
import { ImportInput, ImportSummary, ImportTemplateInput } from './interchange';
import { FileOutput, OrderCreateInput, OrderIdInput, OrderList, OrderListInput, OrderUpdateInput, PurchaseOrder } from './purchases';

export interface MethodSpec {
  /** Spanish-free, developer-facing description: what the call does and when it fails. */
  doc: string;
  input: z.ZodType;
  output: z.ZodType;
  /** `mutation` methods write; they go through the single write path. */
  kind: 'query' | 'mutation';
}

/**
 * Every method the core serves. Handlers in `main/api/handlers.ts` are typed from
 * this table, so a method without a handler fails `tsc`.
 */
export const methods = {
  'system.info': {
    doc: 'Version, schema and where the data lives. Never fails on a healthy store.',
    input: SystemInfoInput,
    output: SystemInfo,
    kind: 'query',
  },
  'system.backup': {
    doc: 'A copy of the database now, with the online backup API, integrity-checked before it gets its name, into backups/ beside it.',
    input: SystemBackupInput,
    output: BackupFile,
    kind: 'mutation',
  },
  'products.list': {
    doc: 'Pages through products, optionally filtered by a search text (name words, sku prefix or exact barcode).',
    input: ProductListInput,
    output: ProductList,
    kind: 'query',
  },
  'products.get': {
    doc: 'One product by id, sku or barcode. NOT_FOUND when there is none.',
    input: ProductGetInput,
    output: Product,
    kind: 'query',
  },
  'products.create': {
    doc: 'Creates a product. CONFLICT when the sku or a barcode is taken; VALIDATION for a bad check digit.',
    input: ProductCreateInput,
    output: Product,
    kind: 'mutation',
  },
  'products.update': {
    doc: 'Changes some fields of a product. CONFLICT on a taken sku/barcode or a stale expectedVersion.',
    input: ProductUpdateInput,
    output: Product,
    kind: 'mutation',
  },
  'products.linkSupplier': {
    doc: "Links a product with one more supplier (or changes the link): the supplier's own code for it, unique per supplier, and its pack size. CONFLICT when the code is another product's.",
    input: ProductLinkSupplierInput,
    output: Product,
    kind: 'mutation',
  },
  'products.unlinkSupplier': {
    doc: 'Removes the link with a supplier. INVALID_STATE for the main supplier (change the main supplier instead).',
    input: ProductUnlinkSupplierInput,
    output: Product,
    kind: 'mutation',
  },
  'categories.list': {
    doc: 'Every category by name, with its count of active products, for filters and pickers.',
    input: CategoryListInput,
    output: CategoryList,
    kind: 'query',
  },
  'suppliers.list': {
    doc: 'Suppliers by name, optionally filtered by name or CUIT.',
    input: SupplierListInput,
    output: SupplierList,
    kind: 'query',
  },
  'suppliers.create': {
    doc: 'Creates a supplier. VALIDATION for a bad CUIT check digit; CONFLICT when the CUIT exists.',
    input: SupplierCreateInput,
    output: Supplier,
    kind: 'mutation',
  },
  'suppliers.update': {
    doc: 'Changes a supplier. CONFLICT on a stale expectedVersion.',
    input: SupplierUpdateInput,
    output: Supplier,
    kind: 'mutation',
  },
  'receipts.post': {
    doc: 'Posts a receipt of goods with its stock movements, lots and average-cost updates, in one transaction. DUPLICATE_INVOICE when the same invoice was received before.',
    input: ReceiptPostInput,
    output: Receipt,
    kind: 'mutation',
  },
  'receipts.list': {
    doc: 'Receipts, newest first.',
    input: ReceiptListInput,
    output: ReceiptList,
    kind: 'query',
  },
  'receipts.get': {
    doc: 'One receipt with its lines. NOT_FOUND when there is none.',
    input: z.strictObject({ id: entityId }),
    output: Receipt,
    kind: 'query',
  },
  'invoices.read': {
    doc: 'Reads a supplier invoice (PDF or photo): AFIP QR, text layer or OCR, parsed and checked, with catalog suggestions per line and page images for review. Posts nothing. UNREADABLE_DOCUMENT when the file is damaged, protected, too big or not an invoice.',
    input: InvoiceReadInput,
    output: InvoiceReading,
    kind: 'query',
  },
  'invoices.cancel': {
    doc: 'Cancels a read started with this requestId (the OCR stops at once); that read ends with UNREADABLE_DOCUMENT, reason cancelled. cancelled is false when no such read is running.',
    input: InvoiceCancelInput,
    output: InvoiceCancelled,
    kind: 'query',
  },
  'invoices.post': {
    doc: 'Posts a reviewed supplier invoice as a receipt, in one transaction, and remembers each line\'s supplier code and wording for that supplier. DUPLICATE_INVOICE when it was received before.',
    input: InvoicePostInput,
    output: Receipt,
    kind: 'mutation',
  },
  'sales.close': {
    doc: 'Closes a sale ticket: voided lines are recorded, the rest take stock out (earliest expiry first). INSUFFICIENT_STOCK unless the store allows selling without stock, in which case the ticket is flagged.',
    input: SaleCloseInput,
    output: Ticket,
    kind: 'mutation',
  },
  'sales.return': {
    doc: 'Returns goods from an earlier ticket: a new ticket with negative lines that puts stock back. VALIDATION when returning more than was sold.',
    input: SaleReturnInput,
    output: Ticket,
    kind: 'mutation',
  },
  'sales.list': {
    doc: 'Tickets, newest first, optionally within a time range.',
    input: TicketListInput,
    output: TicketList,
    kind: 'query',
  },
  'sales.get': {
    doc: 'One ticket by number, with lines and IVA breakdown.',
    input: TicketGetInput,
    output: Ticket,
    kind: 'query',
  },
  'sales.draft': {
    doc: "The session user's open ticket as last saved (empty when none): Ventas restores it on open, after a reload or a crashed window.",
    input: z.strictObject({}),
    output: SaleDraft,
    kind: 'query',
  },
  'sales.saveDraft': {
    doc: "Saves the session user's open ticket (the screen's state, not a record: no audit entry; closing, holding or voiding it is audited). No lines clears it.",
    input: SaleDraftInput,
    output: SaleDraft,
    kind: 'mutation',
  },
  'sales.hold': {
    doc: 'Puts the open ticket on hold (ticket en espera) under a label, and empties the counter for the next customer.',
    input: SaleHoldInput,
    output: HeldTicket,
    kind: 'mutation',
  },
  'sales.held': {
    doc: 'Tickets on hold, oldest first.',
    input: z.strictObject({}),
    output: z.array(HeldTicket),
    kind: 'query',
  },
  'sales.resume': {
    doc: 'Takes a held ticket back to the counter as the open ticket. CONFLICT while the counter has another open ticket (hold or close it first).',
    input: SaleResumeInput,
    output: SaleDraft,
    kind: 'mutation',
  },
  'stock.adjust': {
    doc: 'Posts a stock adjustment with a reason (merma, rotura, vencido, robo, consumo, correccion). INSUFFICIENT_STOCK when taking out more than is on hand.',
    input: AdjustInput,
    output: Movement,
    kind: 'mutation',
  },
  'stock.list': {
    doc: 'On-hand, average cost and value per product, with filters (category, supplier, below minimum, expiring soon).',
    input: StockListInput,
    output: StockList,
    kind: 'query',
  },
  'stock.kardex': {
    doc: "A product's movements, newest first, with the running balance after each.",
    input: KardexInput,
    output: Kardex,
    kind: 'query',
  },
  'stock.lots': {
    doc: "A product's lots with stock, earliest expiry first.",
    input: LotsInput,
    output: LotList,
    kind: 'query',
  },
  'stock.expiring': {
    doc: 'Lots with stock expiring within the given days (and already expired), earliest first, each with its own quantity and code.',
    input: ExpiringLotsInput,
    output: ExpiringLots,
    kind: 'query',
  },
  'counts.open': {
    doc: 'Opens a blind count session over a category or a list of products.',
    input: CountOpenInput,
    output: CountSession,
    kind: 'mutation',
  },
  'counts.record': {
    doc: 'Records what was counted of one product (replacing an earlier figure). INVALID_STATE unless the session is open.',
    input: CountRecordInput,
    output: CountSession,
    kind: 'mutation',
  },
  'counts.close': {
    doc: 'Closes counting: freezes what the ledger expected and shows the differences. Nothing moves until approval.',
    input: CountIdInput,
    output: CountSession,
    kind: 'mutation',
  },
  'counts.approve': {
    doc: 'Posts the differences of a closed count as count movements.',
    input: CountIdInput,
    output: CountSession,
    kind: 'mutation',
  },
  'counts.cancel': {
    doc: 'Cancels an open or closed count; nothing is posted.',
    input: CountIdInput,
    output: CountSession,
    kind: 'mutation',
  },
  'counts.get': {
    doc: 'A count session with its lines; expected quantities stay hidden while it is open.',
    input: CountIdInput,
    output: CountSession,
    kind: 'query',
  },
  'counts.list': {
    doc: 'Count sessions, newest first.',
    input: z.strictObject({}),
    output: CountList,
    kind: 'query',
  },
  'scan.resolve': {
    doc: 'What a scanned code is: a product barcode, an in-store scale label (product + weight or amount) or a sku. NOT_FOUND otherwise.',
    input: ScanInput,
    output: ScanResult,
    kind: 'query',
  },
  'settings.get': {
    doc: "The store's settings.",
    input: z.strictObject({}),
    output: Settings,
    kind: 'query',
  },
  'settings.update': {
    doc: 'Changes some settings.',
    input: SettingsUpdateInput,
    output: Settings,
    kind: 'mutation',
  },
  'dashboard.summary': {
    doc: "Home figures: today's sales, stock value, products below minimum, lots expiring within 7 days.",
    input: z.strictObject({}),
    output: DashboardSummary,
    kind: 'query',
  },
  'dashboard.shift': {
    doc: "The calling user's own day at the counter: tickets, articles, totals by payment method, returns and voided lines.",
    input: z.strictObject({}),
    output: ShiftSummary,
    kind: 'query',
  },
  'import.preview': {
    doc: 'Reads uploaded interchange files and reports what an import would do, row by row, without changing anything.',
    input: ImportInput,
    output: ImportSummary,
    kind: 'query',
  },
  'import.template': {
    doc: 'A CSV template of one file of the interchange format: its header and example rows that import as they are.',
    input: ImportTemplateInput,
    output: FileOutput,
    kind: 'query',
  },
  'import.run': {
    doc: 'Imports uploaded interchange files: all or nothing unless skipBadRows, in one transaction.',
    input: ImportInput,
    output: ImportSummary,
    kind: 'mutation',
  },
  'purchaseOrders.create': {
    doc: "Creates a draft purchase order for a supplier (numbered by the store).",
    input: OrderCreateInput,
    output: PurchaseOrder,
    kind: 'mutation',
  },
  'purchaseOrders.update': {
    doc: 'Replaces the note and lines of a draft. INVALID_STATE once sent; CONFLICT on a stale expectedVersion.',
    input: OrderUpdateInput,
    output: PurchaseOrder,
    kind: 'mutation',
  },
  'purchaseOrders.send': {
    doc: 'Marks a draft as sent to the supplier; from then on it is received against, not edited.',
    input: OrderIdInput,
    output: PurchaseOrder,
    kind: 'mutation',
  },
  'purchaseOrders.cancel': {
    doc: 'Cancels a draft or sent order. INVALID_STATE once goods were received against it.',
    input: OrderIdInput,
    output: PurchaseOrder,
    kind: 'mutation',
  },
  'purchaseOrders.get': {
    doc: 'One purchase order with its lines and what has been received of each.',
    input: OrderIdInput,
    output: PurchaseOrder,
    kind: 'query',
  },
  'purchaseOrders.list': {
    doc: 'Purchase orders, newest first, optionally by status or supplier.',
    input: OrderListInput,
    output: OrderList,
    kind: 'query',
  },
  'purchaseOrders.pdf': {
    doc: "The order as an A4 PDF to print or send: the store's name and CUIT, the supplier, lines with the supplier's codes, totals.",
    input: OrderIdInput,
    output: FileOutput,
    kind: 'query',
  },
  'purchaseOrders.csv': {
    doc: "The order's lines as CSV (sku, barcode, supplier code, name, qty, unit cost) for the supplier's system.",
    input: OrderIdInput,
    output: FileOutput,
    kind: 'query',
  },
  'auth.status': {
    doc: 'Who this connection is, whether it is locked, what it may call, and whether the store still needs its owner account. Never fails.',
    input: z.strictObject({}),
    output: AuthStatus,
    kind: 'query',
  },
  'auth.setup': {
    doc: "First run only: creates the owner's account and logs this connection in as them. CONFLICT once any user exists.",
    input: AuthSetupInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.login': {
    doc: "Logs this connection in with a user's password. UNAUTHORIZED on a wrong user or password (after a growing delay); ACCOUNT_LOCKED after repeated failures.",
    input: AuthLoginInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.pin': {
    doc: 'Switches this connection to a user by their short PIN (cashiers changing at the counter). Same failure rules as auth.login.',
    input: AuthPinInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.authorize': {
    doc: "An encargado's or dueño's PIN lets this session do one thing once (sell without stock): answers a grant valid for 5 minutes, sent with that call. Same failure rules as auth.pin.",
    input: AuthAuthorizeInput,
    output: AuthGrant,
    kind: 'mutation',
  },
  'auth.unlock': {
    doc: "Unlocks a locked session with its user's PIN or password. UNAUTHORIZED when wrong; counts as a failed attempt.",
    input: AuthUnlockInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.lock': {
    doc: 'Locks this session now (the screen hides; the PIN or password unlocks it).',
    input: z.strictObject({}),
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.logout': {
    doc: 'Ends the login of this connection.',
    input: z.strictObject({}),
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.changePassword': {
    doc: 'Changes the password of the logged-in user. UNAUTHORIZED when the current password is wrong.',
    input: AuthChangePasswordInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.setPin': {
    doc: 'Sets (or with null removes) the PIN of the logged-in user, confirming with the password.',
    input: AuthSetPinInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'users.list': {
    doc: 'Every user with role, state and last login. Never returns hashes.',
    input: z.strictObject({}),
    output: UserList,
    kind: 'query',
  },
  'users.create': {
    doc: 'Creates a user with a role and an initial password they must change. CONFLICT when the name is taken.',
    input: UserCreateInput,
    output: User,
    kind: 'mutation',
  },
  'users.update': {
    doc: "Changes a user's role or active flag. INVALID_STATE when it would leave the store without an active owner.",
    input: UserUpdateInput,
    output: User,
    kind: 'mutation',
  },
  'users.resetPassword': {
    doc: "Sets a new password (and optionally PIN) for another user, who must change it at next login; clears a failed-attempts lock.",
    input: UserResetPasswordInput,
    output: User,
    kind: 'mutation',
  },
  'audit.verify': {
    doc: 'Recomputes the audit hash chain and reports the first entry that does not match.',
    input: z.strictObject({}),
    output: AuditVerifyResult,
    kind: 'query',
  },
  'audit.head': {
    doc: 'The last audit entry: its sequence and hash, which reports print to pin the state they came from.',
    input: z.strictObject({}),
    output: AuditHead,
    kind: 'query',
  },
  'audit.list': {
    doc: 'Audit entries, newest first.',
    input: AuditListInput,
    output: AuditList,
    kind: 'query',
  },
  'forecast.status': {
    doc: 'The demand model in use (default or the store\'s own), its backtest against the classic methods, training in progress, the last training\'s outcome and the accuracy drift alert.',
    input: z.strictObject({}),
    output: ForecastStatus,
    kind: 'query',
  },
  'forecast.train': {
    doc: 'Starts retraining the store\'s model in the background (progress in forecast.progress events). The new model replaces the current one only if its backtest is no worse. VALIDATION when the store has too little history.',
    input: z.strictObject({}),
    output: ForecastStatus,
    kind: 'mutation',
  },
  'forecast.product': {
    doc: 'One product\'s daily demand history (unknown days marked), its forecast with the P50–P90 band, the method chosen for it and why, and its weekly accuracy so far. NOT_FOUND when there is no such product.',
    input: ForecastProductInput,
    output: ForecastProduct,
    kind: 'query',
  },
  'forecast.recommendations': {
    doc: 'Suggested purchases per supplier for its next order day: order-up-to levels from demand quantiles at each ABC class\'s service level, minus on-hand and open orders, in whole packs, with the supplier\'s minimum, shelf life and an optional budget; each line explains itself beside the 28-day moving-average suggestion.',
    input: RecommendationsInput,
    output: Recommendations,
    kind: 'query',
  },
  'forecast.settings': {
    doc: 'Service levels per ABC class, the holiday calendar\'s local changes and whether the model retrains weekly.',
    input: z.strictObject({}),
    output: ForecastSettings,
    kind: 'query',
  },
  'forecast.updateSettings': {
    doc: 'Changes service levels, local holidays or weekly retraining.',
    input: ForecastSettingsInput,
    output: ForecastSettings,
    kind: 'mutation',
  },
  'forensic.status': {
    doc: 'The forensic review: the run in progress (if any), the latest run with its findings (new since the previous run, acknowledged or not) and KPIs, the history of runs, the settings and when the nightly run comes next.',
    input: z.strictObject({}),
    output: ForensicStatus,
    kind: 'query',
  },
  'forensic.run': {
    doc: 'Starts a forensic run over a period (default: the settings\' days up to today) in a worker thread with its own read-only connection; progress in forensic.progress events. CONFLICT while another run is going.',
    input: ForensicRunInput,
    output: ForensicStatus,
    kind: 'mutation',
  },
  'forensic.cancel': {
    doc: 'Stops the run in progress (nothing is kept from it).',
    input: z.strictObject({}),
    output: ForensicStatus,
    kind: 'mutation',
  },
  'forensic.get': {
    doc: 'One run of the history with its findings and KPIs. NOT_FOUND when there is no such run.',
    input: ForensicRunIdInput,
    output: ForensicRun,
    kind: 'query',
  },
  'forensic.acknowledge': {
    doc: 'The owner acknowledges a finding with a note; it stays acknowledged in later runs while its evidence is the same. NOT_FOUND when the run or finding does not exist.',
    input: ForensicAcknowledgeInput,
    output: ForensicRun,
    kind: 'mutation',
  },
  'forensic.report': {
    doc: 'A run as a report: PDF for the owner (summary, findings by severity with evidence and charts, KPIs; the audit chain head on every page), HTML or JSON.',
    input: ForensicReportInput,
    output: FileOutput,
    kind: 'query',
  },
  'forensic.updateSettings': {
    doc: 'Nightly run on or off and its time, the days a run covers, and the opening hours and shift change the patterns use.',
    input: ForensicSettingsInput,
    output: ForensicStatus,
    kind: 'mutation',
  },
} as const satisfies Record<MethodName, MethodSpec>;

export interface EventSpec {
  doc: string;
  payload: z.ZodType;
}

/** Events the core pushes to every connected client. */
export const events = {
  'products.changed': {
    doc: 'Products were created or changed; lists showing them should refresh.',
    payload: ProductsChanged,
  },
  'suppliers.changed': {
    doc: 'Suppliers were created or changed.',
    payload: z.object({ ids: z.array(z.string()) }),
  },
  'stock.changed': {
    doc: 'Stock of these products moved (a receipt, sale, adjustment or count posted).',
    payload: z.object({ productIds: z.array(z.string()) }),
  },
  'counts.changed': {
    doc: 'A count session changed.',
    payload: z.object({ sessionId: z.string() }),
  },
  'settings.changed': {
    doc: 'Store settings changed.',
    payload: z.object({}),
  },
  'purchaseOrders.changed': {
    doc: 'A purchase order was created, edited, sent, cancelled or received against.',
    payload: z.object({ id: z.string() }),
  },
  'users.changed': {
    doc: 'A user was created or changed.',
    payload: z.object({ id: z.string() }),
  },
  'forecast.progress': {
    doc: 'Model training progress (0..1) with what it is doing.',
    payload: ForecastProgress,
  },
  'forecast.changed': {
    doc: 'A training finished (the model may have been replaced) or forecast settings changed.',
    payload: z.object({}),
  },
  'forensic.progress': {
    doc: 'Forensic run progress (0..1) with the rule being checked.',
    payload: ForensicProgress,
  },
  'forensic.changed': {
    doc: 'A forensic run finished or was cancelled, a finding was acknowledged or the settings changed.',
    payload: z.object({}),
  },
} as const satisfies Record<EventName, EventSpec>;

type Methods = typeof methods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives, after parsing and defaults. */
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;
