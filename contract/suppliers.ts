import { z } from 'zod';
import { centavos, entityId, optionalText, requiredText, wholeNumber } from './fields';
import { cuitText } from './products';
import type { EventName, MethodName } from './names';
import type { EventSpec, MethodSpec } from './spec';

export const WEEKDAYS = ['lun', 'mar', 'mie', 'jue', 'vie', 'sab', 'dom'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const weekday = z.enum(WEEKDAYS, { error: 'Los días son lun, mar, mie, jue, vie, sab o dom' });

export const Supplier = z.object({
  id: z.string(),
  /** 11 digits, no dashes. */
  cuit: z.string(),
  name: z.string(),
  leadTimeDays: z.number().int(),
  /** Days the supplier takes orders. */
  orderWeekdays: z.array(weekday),
  /** Minimum order, centavos. */
  minOrder: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Supplier = z.infer<typeof Supplier>;

const supplierFields = {
  cuit: cuitText,
  name: requiredText('El nombre del proveedor', 120),
  leadTimeDays: wholeNumber('La demora de entrega', 0, 365).default(2),
  orderWeekdays: z.array(weekday).max(7).default([]),
  minOrder: centavos('El pedido mínimo').default(0),
};

export const SupplierCreateInput = z.strictObject(supplierFields);
export type SupplierCreateInput = z.input<typeof SupplierCreateInput>;

export const SupplierUpdateInput = z.strictObject({
  id: entityId,
  expectedVersion: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  changes: z.strictObject({
    name: supplierFields.name.optional(),
    leadTimeDays: wholeNumber('La demora de entrega', 0, 365).optional(),
    orderWeekdays: z.array(weekday).max(7).optional(),
    minOrder: centavos('El pedido mínimo').optional(),
    active: z.boolean().optional(),
  }),
});
export type SupplierUpdateInput = z.input<typeof SupplierUpdateInput>;

export const SupplierListInput = z.strictObject({
  query: optionalText('La búsqueda', 100),
  includeInactive: z.boolean().default(false),
});

export const SupplierList = z.array(Supplier);

/** The suppliers methods: what each does and its schemas (combined in methods.ts). */
export const supplierMethods = {
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
} as const satisfies Partial<Record<MethodName, MethodSpec>>;

/** The suppliers events the core pushes. */
export const supplierEvents = {
  'suppliers.changed': {
    doc: 'Suppliers were created or changed.',
    payload: z.object({ ids: z.array(z.string()) }),
  },
} as const satisfies Partial<Record<EventName, EventSpec>>;
