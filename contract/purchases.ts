import { z } from 'zod';
import { centavos, entityId, optionalText, pageLimit, pageOffset, quantity } from './fields';
import { cuitText, lineProduct, unit } from './products';
import type { EventName, MethodName } from './names';
import type { EventSpec, MethodSpec } from './spec';

export const ORDER_STATUSES = ['borrador', 'enviada', 'parcial', 'recibida', 'anulada'] as const;
export const orderStatus = z.enum(ORDER_STATUSES);

const orderLines = z
  .array(
    z.strictObject({
      productId: entityId,
      qty: quantity('La cantidad pedida', { min: 1 }),
      /** Expected cost without IVA; defaults to the product's last cost. */
      unitCost: centavos('El costo').optional(),
    }),
  )
  .min(1, 'El pedido tiene que tener al menos un producto')
  .max(500, 'Un pedido admite hasta 500 líneas');

export const OrderCreateInput = z.strictObject({
  supplierCuit: cuitText,
  note: optionalText('La nota', 300),
  lines: orderLines,
});
export type OrderCreateInput = z.input<typeof OrderCreateInput>;

export const OrderUpdateInput = z.strictObject({
  id: entityId,
  expectedVersion: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  note: optionalText('La nota', 300),
  lines: orderLines,
});

export const OrderIdInput = z.strictObject({ id: entityId });

export const PurchaseOrder = z.object({
  id: z.string(),
  number: z.number().int(),
  supplierCuit: z.string(),
  supplierName: z.string(),
  status: orderStatus,
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  /** Without IVA, centavos. */
  total: z.number().int(),
  lines: z.array(
    z.object({
      ...lineProduct,
      unit,
      qty: z.number().int(),
      unitCost: z.number().int(),
      receivedQty: z.number().int(),
      ivaRate: z.number(),
      /** The supplier's own code for the product, when known. */
      supplierCode: z.string().nullable(),
      /** The product's first barcode (EAN), when it has one. */
      barcode: z.string().nullable(),
    }),
  ),
});
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

export const OrderListInput = z.strictObject({
  status: orderStatus.optional(),
  supplierCuit: cuitText.optional(),
  limit: pageLimit(200, 50),
  offset: pageOffset,
});
export const OrderList = z.object({ items: z.array(PurchaseOrder.omit({ lines: true }).extend({ lineCount: z.number().int() })), total: z.number().int() });

/** A document to save or print: the file name and its bytes. */
export const FileOutput = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });
export type FileOutput = z.infer<typeof FileOutput>;

/** The purchases methods: what each does and its schemas (combined in methods.ts). */
export const purchaseMethods = {
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
} as const satisfies Partial<Record<MethodName, MethodSpec>>;

/** The purchases events the core pushes. */
export const purchaseEvents = {
  'purchaseOrders.changed': {
    doc: 'A purchase order was created, edited, sent, cancelled or received against.',
    payload: z.object({ id: z.string() }),
  },
} as const satisfies Partial<Record<EventName, EventSpec>>;
