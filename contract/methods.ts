import type { z } from 'zod';
import type { EventName, MethodName } from './names';
import {
  CategoryList,
  CategoryListInput,
  Product,
  ProductCreateInput,
  ProductGetInput,
  ProductList,
  ProductListInput,
  ProductUpdateInput,
  ProductsChanged,
} from './products';
import { SystemInfo, SystemInfoInput } from './system';

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
  'categories.list': {
    doc: 'Every category by name, with its count of active products, for filters and pickers.',
    input: CategoryListInput,
    output: CategoryList,
    kind: 'query',
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
} as const satisfies Record<EventName, EventSpec>;

type Methods = typeof methods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives, after parsing and defaults. */
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;
