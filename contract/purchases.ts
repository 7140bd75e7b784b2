import { z } from 'zod';
import { centavos, entityId, optionalText, pageLimit, pageOffset, quantity } from './fields';
import { cuitText, lineProduct, unit } from './products';

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
