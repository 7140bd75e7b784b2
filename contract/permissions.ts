import type { MethodName } from './names';
import type { Role } from './security';

/**
 * Who may call what: the one permission matrix. Main enforces it in dispatch
 * for every call (FORBIDDEN), and the renderer reads the same table, through
 * `auth.status`, to hide what a role cannot do. The `satisfies` clause makes a
 * method without an entry fail the build.
 *
 * - `dueño`: everything.
 * - `encargado`: stock, purchases, prices, reports; not users or settings.
 * - `cajero`: sales, counts, receiving when the owner allows it; never costs,
 *   margins, stock value, forecasts or forensic findings.
 */
export interface Access {
  /** Roles allowed; `anyone` also lets in a connection nobody has logged into yet (login itself). */
  roles: readonly Role[] | 'anyone';
  /** Cashiers are let in only while this store setting is on. */
  cashiersWhen?: 'cashiersCanReceive';
  /**
   * Output keys that are costs (at any depth): removed from what a role that
   * does not see costs receives. Listed per method because a name like `total`
   * is a cost on a receipt and not on a ticket.
   */
  costFields?: readonly string[];
}

const ALL: readonly Role[] = ['dueño', 'encargado', 'cajero'];
const MANAGERS: readonly Role[] = ['dueño', 'encargado'];
const OWNER: readonly Role[] = ['dueño'];

const productCosts = ['cost', 'avgCost'] as const;
const receiptCosts = ['unitCost', 'netTotal', 'ivaTotal', 'total', 'printedNet', 'printedIva', 'printedOther', 'printedTotal', 'rounding'] as const;

export const permissions = {
  'system.info': { roles: ALL },
  'system.backup': { roles: OWNER },
  'products.list': { roles: ALL, costFields: productCosts },
  'products.get': { roles: ALL, costFields: productCosts },
  'products.create': { roles: MANAGERS },
  'products.update': { roles: MANAGERS },
  'products.linkSupplier': { roles: MANAGERS },
  'products.unlinkSupplier': { roles: MANAGERS },
  'categories.list': { roles: ALL },
  'suppliers.list': { roles: ALL },
  'suppliers.create': { roles: MANAGERS },
  'suppliers.update': { roles: MANAGERS },
  'receipts.post': { roles: ALL, cashiersWhen: 'cashiersCanReceive', costFields: receiptCosts },
  'receipts.list': { roles: ALL, cashiersWhen: 'cashiersCanReceive', costFields: receiptCosts },
  'receipts.get': { roles: ALL, cashiersWhen: 'cashiersCanReceive', costFields: receiptCosts },
  // Reading shows costs (unit prices); posting is receiving with costs: managers only.
  // Forecasts show demand and costs: managers only.
  'forecast.status': { roles: MANAGERS },
  'forecast.train': { roles: MANAGERS },
  'forecast.product': { roles: MANAGERS },
  'forecast.recommendations': { roles: MANAGERS },
  'forecast.settings': { roles: MANAGERS },
  'forecast.updateSettings': { roles: OWNER },
  // Findings name the people who work in the store, the encargado included: the owner's only.
  'forensic.status': { roles: OWNER },
  'forensic.run': { roles: OWNER },
  'forensic.cancel': { roles: OWNER },
  'forensic.get': { roles: OWNER },
  'forensic.acknowledge': { roles: OWNER },
  'forensic.report': { roles: OWNER },
  'forensic.updateSettings': { roles: OWNER },
  'invoices.read': { roles: MANAGERS },
  'invoices.cancel': { roles: MANAGERS },
  'invoices.post': { roles: MANAGERS },
  'sales.close': { roles: ALL },
  'sales.return': { roles: ALL },
  'sales.list': { roles: ALL },
  'sales.get': { roles: ALL },
  'sales.draft': { roles: ALL },
  'sales.saveDraft': { roles: ALL },
  'sales.hold': { roles: ALL },
  'sales.held': { roles: ALL },
  'sales.resume': { roles: ALL },
  'stock.adjust': { roles: MANAGERS },
  'stock.list': { roles: MANAGERS },
  'stock.kardex': { roles: MANAGERS },
  'stock.lots': { roles: MANAGERS },
  'stock.expiring': { roles: MANAGERS },
  'counts.open': { roles: ALL, costFields: ['differenceValue'] },
  'counts.record': { roles: ALL, costFields: ['differenceValue'] },
  'counts.close': { roles: ALL, costFields: ['differenceValue'] },
  'counts.approve': { roles: MANAGERS },
  'counts.cancel': { roles: MANAGERS },
  'counts.get': { roles: ALL, costFields: ['differenceValue'] },
  'counts.list': { roles: ALL },
  'scan.resolve': { roles: ALL },
  'settings.get': { roles: ALL },
  'settings.update': { roles: OWNER },
  // The store's revenue is the owner's and the encargado's; a cashier's Inicio is their own shift.
  'dashboard.summary': { roles: MANAGERS },
  'dashboard.shift': { roles: ALL },
  'import.preview': { roles: MANAGERS },
  'import.run': { roles: MANAGERS },
  'import.template': { roles: MANAGERS },
  'purchaseOrders.create': { roles: MANAGERS },
  'purchaseOrders.update': { roles: MANAGERS },
  'purchaseOrders.send': { roles: MANAGERS },
  'purchaseOrders.cancel': { roles: MANAGERS },
  'purchaseOrders.get': { roles: MANAGERS },
  'purchaseOrders.list': { roles: MANAGERS },
  'purchaseOrders.pdf': { roles: MANAGERS },
  'purchaseOrders.csv': { roles: MANAGERS },
  'auth.status': { roles: 'anyone' },
  'auth.setup': { roles: 'anyone' },
  'auth.login': { roles: 'anyone' },
  'auth.pin': { roles: 'anyone' },
  'auth.authorize': { roles: ALL },
  'auth.unlock': { roles: 'anyone' },
  'auth.lock': { roles: ALL },
  'auth.logout': { roles: 'anyone' },
  'auth.changePassword': { roles: ALL },
  'auth.setPin': { roles: ALL },
  'users.list': { roles: OWNER },
  'users.create': { roles: OWNER },
  'users.update': { roles: OWNER },
  'users.resetPassword': { roles: OWNER },
  'audit.verify': { roles: MANAGERS },
  'audit.head': { roles: MANAGERS },
  'audit.list': { roles: OWNER },
} as const satisfies Record<MethodName, Access>;

/** Methods a session may still call while locked or before changing a temporary password. */
export const SESSION_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'auth.status',
  'auth.login',
  'auth.pin',
  'auth.unlock',
  'auth.logout',
  'auth.changePassword',
  'auth.setup',
]);

/** Roles that see costs, margins and stock value. */
export function seesCosts(role: Role): boolean {
  return role !== 'cajero';
}

/** Whether `role` may call `method`, given the store settings the matrix depends on. */
export function mayCall(role: Role, method: MethodName, settings: { cashiersCanReceive: boolean }): boolean {
  const access: Access = permissions[method];
  if (access.roles === 'anyone') return true;
  if (!access.roles.includes(role)) return false;
  if (role === 'cajero' && access.cashiersWhen === 'cashiersCanReceive') return settings.cashiersCanReceive;
  return true;
}

/** A copy of `value` without the method's cost fields, at any depth. */
export function withoutCosts<T>(method: MethodName, value: T): T {
  const fields: readonly string[] | undefined = (permissions[method] as Access).costFields;
  if (!fields || fields.length === 0) return value;
  const hidden = new Set(fields);
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([k]) => !hidden.has(k)).map(([k, inner]) => [k, strip(inner)]));
    }
    return v;
  };
  return strip(value) as T;
}
