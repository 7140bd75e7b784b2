import { z } from 'zod';
import { centavos, entityId, isoDate, quantity, wholeNumber } from './fields';
import { cuitText, ivaRate } from './products';
import { invoiceType, Receipt } from './stock';
import type { MethodName } from './names';
import type { MethodSpec } from './spec';

/**
 * Supplier invoices read from a PDF or a photo (AFIP QR, text layer, OCR) and
 * posted as a receipt after a person has reviewed them. Money in centavos,
 * quantities in thousandths, boxes page-relative (0..1).
 */

export const InvoiceReadInput = z.strictObject({
  fileName: z.string().trim().min(1).max(200, 'El nombre del archivo es demasiado largo'),
  /** Chosen by the caller, to cancel this read with invoices.cancel. */
  requestId: z.string().regex(/^[\w-]{1,64}$/, 'El identificador de la lectura no es válido').optional(),
  /** The file's bytes, base64: a PDF or an image (PNG, JPEG). */
  base64: z.string().min(1, 'El archivo está vacío').max(41 * 1024 * 1024, 'El archivo es demasiado grande: una factura admite hasta 30 MB'),
});

const box = z.object({ page: z.number().int(), x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type InvoiceBox = z.infer<typeof box>;

export const MATCH_REASONS = ['memoria', 'código del proveedor', 'código de barras', 'nombre parecido'] as const;

const suggestion = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  reason: z.enum(MATCH_REASONS),
  /** 0..1 */
  score: z.number(),
});
export type InvoiceSuggestion = z.infer<typeof suggestion>;

export const InvoiceReading = z.object({
  fileName: z.string(),
  header: z.object({
    cuit: z.string().nullable(),
    letter: z.string().nullable(),
    typeCode: z.number().int().nullable(),
    pos: z.number().int().nullable(),
    number: z.number().int().nullable(),
    date: z.string().nullable(),
    net: z.record(z.string(), z.number().int()),
    iva: z.record(z.string(), z.number().int()),
    perceptions: z.number().int().nullable(),
    internalTaxes: z.number().int().nullable(),
    total: z.number().int().nullable(),
    cae: z.string().nullable(),
    supplierName: z.string().nullable(),
  }),
  /** 0..1 per header field; absent when the field was not found. */
  fieldConfidence: z.record(z.string(), z.number()),
  fieldBoxes: z.record(z.string(), box),
  lines: z.array(
    z.object({
      code: z.string().nullable(),
      description: z.string(),
      qty: z.number().int(),
      unitPrice: z.number().int().nullable(),
      discount: z.number().nullable(),
      amount: z.number().int().nullable(),
      ivaRate: z.number().nullable(),
      confidence: z.number(),
      box: box.nullable(),
      /** Cost per unit without IVA, after the discount (what the receipt will post). */
      unitCost: z.number().int().nullable(),
      /** Best first; empty when nothing in the catalog looks like it. */
      suggestions: z.array(suggestion),
    }),
  ),
  checks: z.array(z.object({ id: z.string(), ok: z.boolean(), message: z.string(), expected: z.number().optional(), found: z.number().optional(), line: z.number().int().optional() })),
  sources: z.object({ qr: z.boolean(), itf: z.boolean(), textLayer: z.boolean(), ocr: z.boolean() }),
  confidence: z.number(),
  warnings: z.array(z.string()),
  pages: z.array(z.object({ dataUrl: z.string(), width: z.number().int(), height: z.number().int() })),
  /** The supplier with that CUIT in this store, if any. */
  supplier: z.object({ id: z.string(), cuit: z.string(), name: z.string() }).nullable(),
  /** This invoice was already received. */
  duplicateOf: z.object({ receiptId: z.string(), date: z.string(), postedAt: z.string() }).nullable(),
  timingsMs: z.record(z.string(), z.number()),
});
export type InvoiceReading = z.infer<typeof InvoiceReading>;

export const InvoicePostInput = z.strictObject({
  supplierCuit: cuitText,
  docType: invoiceType,
  pos: wholeNumber('El punto de venta', 0, 99_999),
  number: wholeNumber('El número de comprobante', 0, 99_999_999),
  date: isoDate('La fecha del comprobante'),
  /** The store day the goods arrived; defaults to today (see ReceiptPostInput). */
  receivedOn: isoDate('La fecha de recepción').optional(),
  /** Confirms an invoice dated over 30 days before receiving it, or in the future. */
  confirmDate: z.boolean().optional(),
  /** The printed total, kept on the receipt (and its audit entry, for the forensic checks). */
  total: centavos('El total').optional(),
  /** The invoice's printed net, IVA and other taxes (perceptions, internos), as read and confirmed. */
  printed: z
    .strictObject({
      net: centavos('El neto impreso').optional(),
      iva: centavos('El IVA impreso').optional(),
      other: centavos('Las percepciones e impuestos impresos').optional(),
    })
    .optional(),
  lines: z
    .array(
      z.strictObject({
        productId: entityId,
        qty: quantity('La cantidad', { min: 1 }),
        unitCost: centavos('El costo unitario'),
        ivaRate: ivaRate.optional(),
        lot: z.string().trim().min(1).max(40, 'El lote admite hasta 40 caracteres').optional(),
        expiry: isoDate('El vencimiento').optional(),
        /** The supplier's code and wording on the invoice: remembered for this supplier. */
        supplierCode: z.string().trim().min(1).max(40, 'El código del proveedor admite hasta 40 caracteres').optional(),
        description: z.string().trim().max(300, 'La descripción admite hasta 300 caracteres').optional(),
      }),
    )
    .min(1, 'El comprobante tiene que tener al menos una línea')
    .max(1000, 'Un comprobante admite hasta 1000 líneas'),
});
export type InvoicePostInput = z.input<typeof InvoicePostInput>;

export const InvoiceCancelInput = z.strictObject({
  requestId: z.string().regex(/^[\w-]{1,64}$/, 'El identificador de la lectura no es válido'),
});
export const InvoiceCancelled = z.object({ cancelled: z.boolean() });

/** The invoices methods: what each does and its schemas (combined in methods.ts). */
export const invoiceMethods = {
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
} as const satisfies Partial<Record<MethodName, MethodSpec>>;
