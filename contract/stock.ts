import { z } from 'zod';
import {
  centavos,
  entityId,
  isoDate,
  isoDateTime,
  optionalText,
  pageLimit,
  pageOffset,
  quantity,
  requiredText,
  wholeNumber,
} from './fields';
import { cuitText, ivaRate, lineProduct, unit } from './products';
import type { EventName, MethodName } from './names';
import type { EventSpec, MethodSpec } from './spec';

export const PAYMENTS = ['efectivo', 'debito', 'credito', 'qr', 'cuenta'] as const;
export const payment = z.enum(PAYMENTS, { error: 'El medio de pago tiene que ser efectivo, débito, crédito, QR o cuenta' });
export type Payment = (typeof PAYMENTS)[number];

/** One part of a ticket's payment: a method and the amount it covers (centavos, change already given back). */
export const SalePayment = z.strictObject({
  method: payment,
  amount: centavos('El importe del pago').refine((n) => n > 0, 'El importe del pago tiene que ser mayor que cero'),
});
export type SalePayment = z.infer<typeof SalePayment>;

/** A one-time authorization token from auth.authorize, sent with the call it authorizes. */
const grantToken = z.string().regex(/^[\w-]{8,64}$/, 'La autorización no es válida');

export const REASONS = ['merma', 'rotura', 'vencido', 'robo', 'consumo', 'correccion'] as const;
export const reason = z.enum(REASONS, { error: 'El motivo tiene que ser merma, rotura, vencido, robo, consumo o corrección' });
export type AdjustmentReason = (typeof REASONS)[number];

export const INVOICE_TYPES = ['A', 'B', 'C', 'R'] as const;
export const invoiceType = z.enum(INVOICE_TYPES, { error: 'El tipo de comprobante tiene que ser A, B, C o R (remito)' });

const lotCode = z.string().trim().min(1).max(40, 'El lote admite hasta 40 caracteres');

// ── Receipts (recepción de mercadería) ───────────────────────────────────────

export const ReceiptPostInput = z.strictObject({
  supplierCuit: cuitText,
  docType: invoiceType,
  pos: wholeNumber('El punto de venta', 0, 99_999),
  number: wholeNumber('El número de comprobante', 0, 99_999_999),
  date: isoDate('La fecha del comprobante'),
  /**
   * The store day the goods arrived, when their stock enters. Defaults to today;
   * never in the future. Not the invoice's date: an old invoice must not rewrite the past.
   */
  receivedOn: isoDate('La fecha de recepción').optional(),
  /**
   * The person confirmed an invoice dated more than 30 days before it was received,
   * or after today. Without it such a post answers NEEDS_CONFIRMATION.
   */
  confirmDate: z.boolean().optional(),
  /** The purchase order this delivery fulfils (sent or partly received, same supplier). */
  purchaseOrderId: entityId.optional(),
  lines: z
    .array(
      z.strictObject({
        productId: entityId,
        qty: quantity('La cantidad', { min: 1 }),
        /** Without IVA, centavos per unit. Left out (a cashier receiving), the order line's cost, else the product's last cost. */
        unitCost: centavos('El costo unitario').optional(),
        /** Defaults to the product's rate. */
        ivaRate: ivaRate.optional(),
        lot: lotCode.optional(),
        expiry: isoDate('El vencimiento').optional(),
      }),
    )
    .min(1, 'El comprobante tiene que tener al menos una línea')
    .max(1000, 'Un comprobante admite hasta 1000 líneas'),
});
export type ReceiptPostInput = z.input<typeof ReceiptPostInput>;

export const Receipt = z.object({
  id: z.string(),
  seq: z.number().int(),
  supplierCuit: z.string(),
  supplierName: z.string(),
  docType: invoiceType,
  pos: z.number().int(),
  number: z.number().int(),
  /** The invoice's date. */
  date: z.string(),
  /** The store day the goods arrived (their stock entered then). */
  receivedOn: z.string(),
  netTotal: z.number().int().optional(), // absent for roles that do not see costs
  ivaTotal: z.number().int().optional(), // absent for roles that do not see costs
  total: z.number().int().optional(), // absent for roles that do not see costs
  /** What a supplier invoice printed, as read and confirmed (absent for roles that do not see costs; null when not known). */
  printedNet: z.number().int().nullable().optional(),
  printedIva: z.number().int().nullable().optional(),
  /** Perceptions and internal taxes printed on the invoice. */
  printedOther: z.number().int().nullable().optional(),
  printedTotal: z.number().int().nullable().optional(),
  /** Printed minus computed net + IVA when that is rounding (a few cents). */
  rounding: z.number().int().optional(),
  postedAt: z.string(),
  userName: z.string().nullable(),
  purchaseOrderNumber: z.number().int().nullable(),
  lines: z.array(
    z.object({
      ...lineProduct,
      qty: z.number().int(),
      unitCost: z.number().int().optional(), // absent for roles that do not see costs
      ivaRate: z.number(),
      lot: z.string().nullable(),
      expiry: z.string().nullable(),
    }),
  ),
});
export type Receipt = z.infer<typeof Receipt>;

export const ReceiptListInput = z.strictObject({
  supplierCuit: cuitText.optional(),
  limit: pageLimit(200, 50),
  offset: pageOffset,
});
export const ReceiptList = z.object({ items: z.array(Receipt.omit({ lines: true })), total: z.number().int() });

// ── Sales tickets ────────────────────────────────────────────────────────────

export const SaleCloseInput = z.strictObject({
  /** The store's ticket id; numbered by the store when absent. */
  number: z.string().trim().min(1).max(40).optional(),
  /** Defaults to now. */
  closedAt: isoDateTime('La fecha del ticket').optional(),
  /** The whole ticket in one method. Ignored when `payments` is given. */
  payment: payment.default('efectivo'),
  /**
   * A split payment: the parts must add up to the ticket's total (cash net of
   * the change). Without it, `payment` pays the whole ticket.
   */
  payments: z.array(SalePayment).min(1, 'Falta el pago').max(6, 'Un ticket admite hasta 6 pagos').optional(),
  /**
   * A one-time authorization from auth.authorize ('vender-sin-stock') when the
   * ticket takes more than is on hand and the store does not allow it.
   */
  grant: grantToken.optional(),
  lines: z
    .array(
      z.strictObject({
        productId: entityId,
        qty: quantity('La cantidad', { min: 1 }),
        /**
         * IVA included, centavos; defaults to the shelf price. A price other than
         * the shelf's is an override: it needs a `reason`, and a cashier needs a `grant`.
         */
        unitPrice: centavos('El precio').optional(),
        /** Centavos off the line; never more than the line. Needs a `reason` (and a cashier a `grant`). */
        discount: centavos('El descuento').default(0),
        /** Why the price was changed or discounted ("cliente habitual", "producto golpeado"). */
        reason: optionalText('El motivo', 120),
        /** An encargado's or dueño's authorization ('precio') for a cashier's override or discount. */
        grant: grantToken.optional(),
        /** Scanned and then voided: recorded, never deleted, moves no stock. */
        voided: z.boolean().default(false),
      }),
    )
    .min(1, 'El ticket no tiene líneas')
    .max(500, 'Un ticket admite hasta 500 líneas'),
});
export type SaleCloseInput = z.input<typeof SaleCloseInput>;

// ── The open ticket (kept in the core while it is rung up) and tickets on hold ──

export const DraftLine = z.strictObject({
  productId: entityId,
  sku: z.string().max(40),
  name: z.string().max(200),
  unit,
  qty: quantity('La cantidad', { min: 1 }),
  /** IVA included, centavos. */
  unitPrice: centavos('El precio'),
  /** Percent, for the ticket's IVA breakdown (the sale takes the product's own). */
  ivaRate: z.number().min(0).max(27),
  /** On hand when it was scanned, thousandths (to warn at the line); negative when oversold. */
  onHand: z.number().int().min(-1e12).max(1e12),
  fromScale: z.boolean(),
  voided: z.boolean(),
  /** The shelf price when the line's price was overridden or discounted. */
  shelfPrice: centavos('El precio de góndola').optional(),
  discount: centavos('El descuento').optional(),
  reason: z.string().max(120).optional(),
  /** Who authorized a cashier's override, and the grant that proves it. */
  authorizedBy: z.string().max(60).optional(),
  grant: grantToken.optional(),
});
export type DraftLine = z.infer<typeof DraftLine>;

/** The ticket on screen: saved on every change so a reload or a crashed window gets it back. */
export const SaleDraft = z.object({
  lines: z.array(DraftLine),
  payment,
  updatedAt: z.string().nullable(),
});
export type SaleDraft = z.infer<typeof SaleDraft>;

export const SaleDraftInput = z.strictObject({
  lines: z.array(DraftLine).max(500, 'Un ticket admite hasta 500 líneas'),
  payment: payment.default('efectivo'),
});

export const HeldTicket = z.object({
  id: z.string(),
  /** A word to find it again ("señora del perro"); the time it was held by default. */
  label: z.string(),
  userName: z.string().nullable(),
  heldAt: z.string(),
  items: z.number().int(),
  total: z.number().int(),
});
export type HeldTicket = z.infer<typeof HeldTicket>;

export const SaleHoldInput = z.strictObject({ label: optionalText('El nombre', 60) });
export const SaleResumeInput = z.strictObject({ id: entityId });

export const SaleReturnInput = z.strictObject({
  /** Number of the ticket being returned. */
  originalNumber: z.string().trim().min(1).max(40),
  number: z.string().trim().min(1).max(40).optional(),
  closedAt: isoDateTime('La fecha de la devolución').optional(),
  /** How the money goes back. */
  payment: payment.default('efectivo'),
  /** Why the goods came back (fallado, vencido, cambio…): asked of everyone. */
  reason: requiredText('El motivo de la devolución', 120),
  /**
   * An encargado's or dueño's authorization ('devolucion') when a cashier refunds
   * another cashier's ticket, or more than the store's `returnPinAbove`.
   */
  grant: grantToken.optional(),
  lines: z
    .array(z.strictObject({ productId: entityId, qty: quantity('La cantidad devuelta', { min: 1 }) }))
    .min(1, 'La devolución no tiene líneas')
    .max(500),
});
export type SaleReturnInput = z.input<typeof SaleReturnInput>;

export const Ticket = z.object({
  id: z.string(),
  seq: z.number().int(),
  number: z.string(),
  closedAt: z.string(),
  cashier: z.string().nullable(),
  payment: payment.nullable(),
  total: z.number().int(),
  /** The ticket this one returns goods from. */
  originalNumber: z.string().nullable(),
  /** A line sold more than was on hand (the store allows it). */
  oversold: z.boolean(),
  /** How it was paid: one part per method (a ticket of one method has one part). Returns: what went back. */
  payments: z.array(z.object({ method: payment, amount: z.number().int() })),
  /** Why goods came back (returns only). */
  reason: z.string().nullable(),
  /** Who authorized, with their PIN, what this ticket needed (selling without stock, a price, a return). */
  authorizedBy: z.string().nullable(),
  /** IVA included in the total, per rate (percent as key), centavos. */
  ivaBreakdown: z.record(z.string(), z.object({ net: z.number().int(), iva: z.number().int() })),
  lines: z.array(
    z.object({
      ...lineProduct,
      unit,
      qty: z.number().int(),
      unitPrice: z.number().int(),
      discount: z.number().int(),
      amount: z.number().int(),
      ivaRate: z.number(),
      voided: z.boolean(),
      /** The shelf price when the line was charged otherwise (override or discount), and why. */
      shelfPrice: z.number().int().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type Ticket = z.infer<typeof Ticket>;

export const TicketListInput = z.strictObject({
  /** One store day (YYYY-MM-DD), bounded in the store's time zone by the core; instead of from/to. */
  day: isoDate('El día').optional(),
  from: isoDateTime('Desde').optional(),
  to: isoDateTime('Hasta').optional(),
  limit: pageLimit(200, 50),
  offset: pageOffset,
});
export const TicketList = z.object({ items: z.array(Ticket.omit({ lines: true, ivaBreakdown: true, payments: true })), total: z.number().int() });

export const TicketGetInput = z.strictObject({ number: z.string().trim().min(1).max(40) });

// ── Adjustments ──────────────────────────────────────────────────────────────

export const AdjustInput = z.strictObject({
  productId: entityId,
  /** Signed thousandths: negative takes stock out. */
  qty: quantity('La cantidad', { allowNegative: true }).refine((n) => n !== 0, 'La cantidad no puede ser cero'),
  reason,
  note: optionalText('La nota', 300),
  occurredAt: isoDateTime('La fecha').optional(),
});
export type AdjustInput = z.input<typeof AdjustInput>;

export const Movement = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(['receipt', 'sale', 'return', 'adjustment', 'count']),
  reason: reason.nullable(),
  productId: z.string(),
  lot: z.string().nullable(),
  qty: z.number().int(),
  unitCost: z.number().int(),
  unitPrice: z.number().int().nullable(),
  occurredAt: z.string(),
  userName: z.string().nullable(),
  docType: z.enum(['receipt', 'ticket', 'adjustment', 'count']),
  docId: z.string(),
  /** Receipt as CUIT-letter-pos-number, ticket number, or count session name. */
  docRef: z.string(),
  balanceAfter: z.number().int(),
  oversold: z.boolean(),
  note: z.string().nullable(),
});
export type Movement = z.infer<typeof Movement>;

// ── Stock views ──────────────────────────────────────────────────────────────

export const StockListInput = z.strictObject({
  query: z.string().trim().max(100).optional(),
  category: z.string().trim().max(60).optional(),
  supplierCuit: cuitText.optional(),
  belowMin: z.boolean().default(false),
  /** Only products with a lot expiring within this many days (7 or 30 in the screens). */
  expiringWithinDays: wholeNumber('Los días', 0, 3650).optional(),
  limit: pageLimit(500, 50),
  offset: pageOffset,
});
export type StockListInput = z.input<typeof StockListInput>;

export const StockRow = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  unit,
  onHand: z.number().int(),
  minStock: z.number().int(),
  avgCost: z.number().int(),
  /** onHand × avgCost, centavos. */
  value: z.number().int(),
  /** Earliest expiry among lots with stock. */
  nextExpiry: z.string().nullable(),
});
export type StockRow = z.infer<typeof StockRow>;

export const StockList = z.object({
  items: z.array(StockRow),
  total: z.number().int(),
  /** Value of everything that matched, not only this page. */
  totalValue: z.number().int(),
});

export const KardexInput = z.strictObject({ productId: entityId, limit: pageLimit(1000, 100), offset: pageOffset });
export const Kardex = z.object({ items: z.array(Movement), total: z.number().int() });

export const LotsInput = z.strictObject({ productId: entityId });
export const LotList = z.array(z.object({ id: z.string(), code: z.string(), expiry: z.string().nullable(), onHand: z.number().int() }));

export const ExpiringLotsInput = z.strictObject({
  /** Lots expiring on or before today + this many days (already expired ones too). */
  withinDays: wholeNumber('Los días', 0, 3650),
  category: z.string().trim().max(60).optional(),
  limit: pageLimit(500, 200),
  offset: pageOffset,
});
/** Lots with stock that expire soon, earliest first: what to check on the shelf. */
export const ExpiringLots = z.object({
  items: z.array(
    z.object({
      lotId: z.string(),
      code: z.string(),
      expiry: z.string(),
      /** This lot's own quantity, thousandths. */
      onHand: z.number().int(),
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      unit,
      category: z.string().nullable(),
      /** The product's whole stock, all lots. */
      productOnHand: z.number().int(),
    }),
  ),
  total: z.number().int(),
});

// ── Counts (inventario) ──────────────────────────────────────────────────────

export const COUNT_STATUSES = ['abierto', 'cerrado', 'aprobado', 'anulado'] as const;

export const CountOpenInput = z
  .strictObject({
    name: requiredText('El nombre del conteo', 80),
    /** Count every active product of a category… */
    category: z.string().trim().min(1).max(60).optional(),
    /** …or these products (a shelf). */
    productIds: z.array(entityId).min(1).max(5000).optional(),
  })
  .refine((v) => !!v.category !== !!v.productIds, 'Elegí una categoría o una lista de productos para contar');

export const CountRecordInput = z.strictObject({
  sessionId: entityId,
  productId: entityId,
  /** What is on the shelf, thousandths. */
  counted: quantity('Lo contado'),
});

export const CountIdInput = z.strictObject({ sessionId: entityId });

export const CountSession = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  status: z.enum(COUNT_STATUSES),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  lines: z.array(
    z.object({
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      unit,
      counted: z.number().int().nullable(),
      /** Hidden (null) while the count is open: the counter does not see it. */
      expected: z.number().int().nullable(),
      /** counted − expected once closed. */
      difference: z.number().int().nullable(),
      /** Difference at average cost, centavos. */
      differenceValue: z.number().int().nullable().optional(), // absent for roles that do not see costs
    }),
  ),
});
export type CountSession = z.infer<typeof CountSession>;

export const CountList = z.array(CountSession.omit({ lines: true }).extend({ lineCount: z.number().int(), countedCount: z.number().int() }));

// ── Scanning ─────────────────────────────────────────────────────────────────

export const ScanInput = z.strictObject({ code: z.string().trim().min(1).max(40) });
export const ScanResult = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  unit,
  price: z.number().int(),
  /** IVA rate in percent (21, 10.5 …), for the ticket's breakdown. */
  ivaRate: z.number(),
  /** On hand now, thousandths (a quantity, never a cost: cashiers see it to warn at the scan). */
  onHand: z.number().int(),
  /** From a weighed label, thousandths; null for a plain barcode. */
  qty: z.number().int().nullable(),
  /** From a price label, centavos; null otherwise. */
  amount: z.number().int().nullable(),
  source: z.enum(['barcode', 'scale', 'sku']),
});
export type ScanResult = z.infer<typeof ScanResult>;

// ── Settings ─────────────────────────────────────────────────────────────────

export const ScaleLayout = z.strictObject({
  prefixes: z.array(z.string().regex(/^2\d$/, 'Los prefijos de balanza van de 20 a 29')).min(1).max(10),
  pluStart: wholeNumber('La posición del PLU', 1, 11),
  pluLength: wholeNumber('El largo del PLU', 1, 6),
  valueStart: wholeNumber('La posición del valor', 1, 11),
  valueLength: wholeNumber('El largo del valor', 1, 6),
  valueKind: z.enum(['weight', 'price']),
  valueFactor: wholeNumber('El multiplicador', 1, 1000),
}).superRefine((l, ctx) => {
  // Positions count from 0: digits 0–1 are the prefix and 12 the check digit, so the PLU and the value
  // live in 2–11 and must not overlap (a label laid out otherwise never scans right).
  const fits = (start: number, length: number) => start >= 2 && start + length <= 12;
  if (!fits(l.pluStart, l.pluLength)) ctx.addIssue({ code: 'custom', path: ['pluStart'], message: 'El PLU tiene que caber entre el prefijo y el dígito verificador (posiciones 2 a 11)' });
  if (!fits(l.valueStart, l.valueLength)) ctx.addIssue({ code: 'custom', path: ['valueStart'], message: 'El valor tiene que caber entre el prefijo y el dígito verificador (posiciones 2 a 11)' });
  if (l.pluStart < l.valueStart + l.valueLength && l.valueStart < l.pluStart + l.pluLength) {
    ctx.addIssue({ code: 'custom', path: ['valueStart'], message: 'El PLU y el valor se pisan en la etiqueta: tienen que ocupar posiciones distintas' });
  }
});

/** The store's IVA condition: what its documents say, and (for pricing) whether IVA is a cost. */
export const IVA_CONDITIONS = ['responsable-inscripto', 'monotributo', 'exento'] as const;
export const ivaCondition = z.enum(IVA_CONDITIONS, { error: 'La condición frente al IVA tiene que ser responsable inscripto, monotributo o exento' });
export type IvaCondition = (typeof IVA_CONDITIONS)[number];

export const Settings = z.object({
  storeName: z.string(),
  storeCuit: z.string().nullable(),
  /** The store's identity on purchase orders (and, later, labels and tickets). */
  storeAddress: z.string().nullable(),
  ivaCondition: ivaCondition.nullable(),
  /** Ingresos Brutos registration, as printed ("901-123456-7", "Convenio Multilateral…"). */
  iibb: z.string().nullable(),
  /** Inicio de actividades, YYYY-MM-DD. */
  activityStart: z.string().nullable(),
  /** "Permitir vender sin stock": sales beyond on-hand go through, flagged. */
  allowNegativeStock: z.boolean(),
  scaleLayout: ScaleLayout,
  timeZone: z.string(),
  /** Minutes without activity before a session locks itself; 0 = never. */
  idleLockMinutes: z.number().int(),
  /** Whether cashiers may post receipts of goods (the owner decides). */
  cashiersCanReceive: z.boolean(),
  /** A cashier's refund above this many centavos needs an encargado's or dueño's PIN. */
  returnPinAbove: z.number().int(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsUpdateInput = z.strictObject({
  storeName: requiredText('El nombre del negocio', 80).optional(),
  storeCuit: cuitText.nullable().optional(),
  storeAddress: optionalText('La dirección', 120).optional(),
  ivaCondition: ivaCondition.nullable().optional(),
  iibb: optionalText('Ingresos Brutos', 40).optional(),
  activityStart: isoDate('El inicio de actividades').nullable().optional(),
  allowNegativeStock: z.boolean().optional(),
  scaleLayout: ScaleLayout.optional(),
  idleLockMinutes: wholeNumber('El tiempo de bloqueo', 1, 240).optional(),
  cashiersCanReceive: z.boolean().optional(),
  returnPinAbove: centavos('El monto de devolución sin PIN').optional(),
});

// ── Home (Inicio) ────────────────────────────────────────────────────────────

export const DashboardSummary = z.object({
  today: z.string(),
  salesToday: z.object({ tickets: z.number().int(), total: z.number().int() }),
  /** Absent for roles that do not see costs (see contract/permissions.ts). */
  stockValue: z.number().int().optional(),
  belowMin: z.number().int(),
  expiringThisWeek: z.number().int(),
  /** The last 14 store days, oldest first, for the home chart. */
  salesByDay: z.array(z.object({ date: z.string(), tickets: z.number().int(), total: z.number().int() })),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

/** A cashier's own day at the counter: what they rang up, never the store's figures. */
export const ShiftSummary = z.object({
  /** The store day (YYYY-MM-DD). */
  day: z.string(),
  userName: z.string(),
  /** Sales (not returns). */
  tickets: z.number().int(),
  /** Articles sold: units, and each weighed line as one. */
  items: z.number().int(),
  /** Sales less returns, centavos. */
  total: z.number().int(),
  /** By payment method, split payments counted per part: sales (tickets, amount), refunds (negative) and the net. */
  byMethod: z.array(z.object({ method: payment, tickets: z.number().int(), sold: z.number().int(), refunded: z.number().int(), total: z.number().int() })),
  returns: z.object({ tickets: z.number().int(), total: z.number().int() }),
  voidedLines: z.number().int(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
});
export type ShiftSummary = z.infer<typeof ShiftSummary>;

/** The stock methods: what each does and its schemas (combined in methods.ts). */
export const stockMethods = {
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
} as const satisfies Partial<Record<MethodName, MethodSpec>>;

/** The stock events the core pushes. */
export const stockEvents = {
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
} as const satisfies Partial<Record<EventName, EventSpec>>;
