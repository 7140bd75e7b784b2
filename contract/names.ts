/**
 * Method and event names only, without schemas, so that the preload script can
 * allowlist them without bundling zod. `contract/methods.ts` is checked against
 * these lists by the type system: a name here without a schema there (or the
 * other way round) fails `tsc`.
 */
export const METHOD_NAMES = [
  'system.info',
  'system.backup',
  'products.list',
  'products.get',
  'products.create',
  'products.update',
  'products.linkSupplier',
  'products.unlinkSupplier',
  'categories.list',
  'suppliers.list',
  'suppliers.create',
  'suppliers.update',
  'receipts.post',
  'receipts.list',
  'receipts.get',
  'invoices.read',
  'invoices.cancel',
  'invoices.post',
  'sales.close',
  'sales.return',
  'sales.list',
  'sales.get',
  'sales.draft',
  'sales.saveDraft',
  'sales.hold',
  'sales.held',
  'sales.resume',
  'stock.adjust',
  'stock.list',
  'stock.kardex',
  'stock.lots',
  'stock.expiring',
  'counts.open',
  'counts.record',
  'counts.close',
  'counts.approve',
  'counts.cancel',
  'counts.get',
  'counts.list',
  'scan.resolve',
  'settings.get',
  'settings.update',
  'dashboard.summary',
  'dashboard.shift',
  'import.preview',
  'import.run',
  'import.template',
  'purchaseOrders.create',
  'purchaseOrders.update',
  'purchaseOrders.send',
  'purchaseOrders.cancel',
  'purchaseOrders.get',
  'purchaseOrders.list',
  'purchaseOrders.pdf',
  'purchaseOrders.csv',
  'auth.status',
  'auth.setup',
  'auth.login',
  'auth.pin',
  'auth.authorize',
  'auth.unlock',
  'auth.lock',
  'auth.logout',
  'auth.changePassword',
  'auth.setPin',
  'users.list',
  'users.create',
  'users.update',
  'users.resetPassword',
  'audit.verify',
  'audit.head',
  'audit.list',
  'forecast.status',
  'forecast.train',
  'forecast.product',
  'forecast.recommendations',
  'forecast.settings',
  'forecast.updateSettings',
  'forensic.status',
  'forensic.run',
  'forensic.cancel',
  'forensic.get',
  'forensic.acknowledge',
  'forensic.report',
  'forensic.updateSettings',
] as const;

export const EVENT_NAMES = [
  'products.changed',
  'suppliers.changed',
  'stock.changed',
  'counts.changed',
  'settings.changed',
  'purchaseOrders.changed',
  'users.changed',
  'forecast.progress',
  'forecast.changed',
  'forensic.progress',
  'forensic.changed',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

const methodSet: ReadonlySet<string> = new Set(METHOD_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && methodSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}
