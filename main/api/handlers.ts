import type { MethodName, MethodOutput, MethodParsedInput } from '../../contract';
import type { Session } from '../session';
import type { Services } from '../services';
import type { ImportService } from '../interchange';

export interface CallContext {
  session: Session;
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  context: CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** The name recorded on documents and movements a session writes. */
function actor(session: Session): string | null {
  return session.user?.name ?? null;
}

/**
 * One line per method: the contract's name to the one service that does the
 * work (the import is interchange's service: it builds on the others).
 */
export function createHandlers(services: Services, imports: ImportService): Handlers {
  return {
    'system.info': () => services.system.info(),
    'system.backup': () => services.backups.create(),
    'products.list': (input) => services.products.list(input),
    'products.get': (input) => services.products.get(input),
    'products.create': (input) => services.products.create(input),
    'products.update': (input) => services.products.update(input),
    'products.linkSupplier': (input) => services.products.linkSupplier(input),
    'products.unlinkSupplier': (input) => services.products.unlinkSupplier(input),
    'categories.list': () => services.products.categories(),
    'suppliers.list': (input) => services.suppliers.list(input),
    'suppliers.create': (input) => services.suppliers.create(input),
    'suppliers.update': (input) => services.suppliers.update(input),
    'receipts.post': (input, { session }) => services.receipts.post(input, session.user),
    'forecast.status': () => services.forecasts.status(),
    'forecast.train': () => services.forecasts.train(),
    'forecast.product': (input) => services.forecasts.product(input),
    'forecast.recommendations': (input) => services.purchaseSuggestions.recommend(input),
    'forecast.settings': () => services.forecasts.settings(),
    'forecast.updateSettings': (input) => services.forecasts.updateSettings(input),
    'forensic.status': () => services.forensics.status(),
    'forensic.run': (input) => services.forensics.start(input),
    'forensic.cancel': () => services.forensics.cancel(),
    'forensic.get': (input) => services.forensics.get(input.runId),
    'forensic.acknowledge': (input, { session }) => services.forensics.acknowledge(input, actor(session)),
    'forensic.report': (input) => services.forensics.report(input.runId, input.format),
    'forensic.updateSettings': (input) => services.forensics.updateSettings(input),
    'invoices.read': (input) => services.invoices.read(input),
    'invoices.cancel': (input) => services.invoices.cancel(input),
    'invoices.post': (input, { session }) => services.invoices.post(input, actor(session)),
    'receipts.list': (input) => services.receipts.list(input),
    'receipts.get': (input) => services.receipts.get(input.id),
    'sales.close': (input, { session }) => services.sales.close(input, session.user, session.id),
    'sales.draft': (_input, { session }) => services.drafts.get(actor(session)!),
    'sales.saveDraft': (input, { session }) => services.drafts.save(actor(session)!, input),
    'sales.hold': (input, { session }) => services.drafts.hold(actor(session)!, input),
    'sales.held': () => services.drafts.held(),
    'sales.resume': (input, { session }) => services.drafts.resume(actor(session)!, input),
    'sales.return': (input, { session }) => services.sales.return(input, session.user, session.id),
    'sales.list': (input) => services.sales.list(input),
    'sales.get': (input) => services.sales.get(input.number),
    'stock.adjust': (input, { session }) => services.adjustments.adjust(input, actor(session)),
    'stock.list': (input) => services.stock.list(input),
    'stock.kardex': (input) => services.stock.kardex(input),
    'stock.lots': (input) => services.stock.lots(input),
    'stock.expiring': (input) => services.stock.expiring(input),
    'counts.open': (input, { session }) => services.counts.open(input, actor(session)),
    'counts.record': (input, { session }) => services.counts.record(input, actor(session)),
    'counts.close': (input) => services.counts.close(input),
    'counts.approve': (input, { session }) => services.counts.approve(input, actor(session)),
    'counts.cancel': (input) => services.counts.cancel(input),
    'counts.get': (input) => services.counts.get(input.sessionId),
    'counts.list': () => services.counts.list(),
    'scan.resolve': (input) => services.stock.scan(input.code),
    'settings.get': () => services.settings.get(),
    'settings.update': (input) => services.settings.update(input),
    'dashboard.summary': () => services.stock.dashboard(),
    'dashboard.shift': (_input, { session }) => services.sales.shift(session.user?.name ?? ''),
    'import.preview': (input, { session }) => imports.preview(input, actor(session)),
    'import.run': (input, { session }) => imports.run(input, actor(session)),
    'import.template': (input) => imports.template(input),
    'purchaseOrders.create': (input) => services.purchaseOrders.create(input),
    'purchaseOrders.update': (input) => services.purchaseOrders.update(input),
    'purchaseOrders.send': (input) => services.purchaseOrders.send(input),
    'purchaseOrders.cancel': (input) => services.purchaseOrders.cancel(input),
    'purchaseOrders.get': (input) => services.purchaseOrders.get(input.id),
    'purchaseOrders.list': (input) => services.purchaseOrders.list(input),
    'purchaseOrders.pdf': (input) => services.purchaseOrders.pdf(input.id),
    'purchaseOrders.csv': (input) => services.purchaseOrders.csv(input.id),
    'auth.status': (_input, { session }) => services.sessions.status(session),
    'auth.setup': (input, { session }) => services.sessions.setup(input, session),
    'auth.login': (input, { session }) => services.sessions.login(input, session),
    'auth.pin': (input, { session }) => services.sessions.pin(input, session),
    'auth.authorize': (input, { session }) => services.sessions.grant(input, session),
    'auth.unlock': (input, { session }) => services.sessions.unlock(input, session),
    'auth.lock': (_input, { session }) => services.sessions.lock(session),
    'auth.logout': (_input, { session }) => services.sessions.logout(session),
    'auth.changePassword': (input, { session }) => services.sessions.changePassword(input, session),
    'auth.setPin': (input, { session }) => services.sessions.setPin(input, session),
    'users.list': () => ({ items: services.users.list() }),
    'users.create': (input) => services.users.create(input),
    'users.update': (input, { session }) => services.users.update(input, session),
    'users.resetPassword': (input) => services.users.resetPassword(input),
    'audit.verify': () => services.audit.verify(),
    'audit.head': () => services.audit.head(),
    'audit.list': (input) => services.audit.list(input),
  };
}
