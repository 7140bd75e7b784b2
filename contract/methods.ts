import type { z } from 'zod';
import type { EventName, MethodName } from './names';
import type { EventSpec, MethodSpec } from './spec';
import { forecastMethods, forecastEvents } from './forecast';
import { forensicMethods, forensicEvents } from './forensic';
import { interchangeMethods } from './interchange';
import { invoiceMethods } from './invoices';
import { productMethods, productEvents } from './products';
import { purchaseMethods, purchaseEvents } from './purchases';
import { securityMethods, securityEvents } from './security';
import { stockMethods, stockEvents } from './stock';
import { supplierMethods, supplierEvents } from './suppliers';
import { systemMethods } from './system';

export type { EventSpec, MethodSpec } from './spec';

/**
 * Every method the core serves, combined from each area's table (each
 * contract/<area>.ts holds its methods beside their schemas). Handlers in
 * `main/api/handlers.ts` are typed from this table, so a method without a
 * handler fails `tsc`; the `satisfies` below fails it for a name in names.ts
 * that no area serves.
 */
export const methods = {
  ...forecastMethods,
  ...forensicMethods,
  ...interchangeMethods,
  ...invoiceMethods,
  ...productMethods,
  ...purchaseMethods,
  ...securityMethods,
  ...stockMethods,
  ...supplierMethods,
  ...systemMethods,
} as const satisfies Record<MethodName, MethodSpec>;

/** Events the core pushes to every connected client, combined from each area's table. */
export const events = {
  ...forecastEvents,
  ...forensicEvents,
  ...productEvents,
  ...purchaseEvents,
  ...securityEvents,
  ...stockEvents,
  ...supplierEvents,
} as const satisfies Record<EventName, EventSpec>;

type Methods = typeof methods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives, after parsing and defaults. */
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;
