import { z } from 'zod';
import { centavos, entityId, isoInstant, optionalText, pageLimit, pageOffset, quantity, requiredText, wholeNumber } from './fields';
import type { EventName, MethodName } from './names';
import type { EventSpec, MethodSpec } from './spec';

export const UNITS = ['un', 'kg', 'l'] as const;
export type Unit = (typeof UNITS)[number];

export const unit = z.enum(UNITS, { error: 'La unidad tiene que ser un, kg o l' });

/** IVA rates in use in Argentina, in percent. */
export const IVA_RATES = [0, 2.5, 5, 10.5, 21, 27] as const;
export type IvaRate = (typeof IVA_RATES)[number];
export const ivaRate = z
  .number({ error: 'La alícuota de IVA tiene que ser un número' })
  .min(0, 'La alícuota de IVA tiene que ser 0, 2,5, 5, 10,5, 21 o 27')
  .max(27, 'La alícuota de IVA tiene que ser 0, 2,5, 5, 10,5, 21 o 27')
  .refine((n): n is IvaRate => (IVA_RATES as readonly number[]).includes(n), 'La alícuota de IVA tiene que ser 0, 2,5, 5, 10,5, 21 o 27');

/** A CUIT as typed: digits with or without dashes. The check digit is verified by the service. */
export const cuitText = z
  .string({ error: 'El CUIT tiene que ser un texto' })
  .trim()
  .max(20, 'El CUIT tiene 11 dígitos')
  .regex(/^\d{2}-?\d{8}-?\d$/, 'El CUIT tiene que tener 11 dígitos (por ejemplo 30-71234567-8)');

/** Store code: letters, digits, dot, dash, underscore. Case is kept; uniqueness ignores it. */
export const sku = requiredText('El código interno (SKU)', 32).refine(
  (s) => /^[A-Za-z0-9._-]+$/.test(s),
  'El código interno (SKU) solo admite letras, números, punto, guion y guion bajo',
);

/**
 * A barcode as typed or scanned: 8, 12 or 13 digits (EAN-8, UPC-A, EAN-13).
 * The check digit is verified by the service, which names the bad one.
 */
export const barcode = z
  .string({ error: 'El código de barras tiene que ser un texto' })
  .trim()
  .regex(/^(\d{8}|\d{12}|\d{13})$/, 'El código de barras tiene que tener 8, 12 o 13 dígitos');

export const barcodes = z
  .array(barcode, { error: 'Los códigos de barras tienen que ser una lista' })
  .max(10, 'Un producto admite hasta 10 códigos de barras');

/** How every document line (ticket, receipt, purchase order) names its product, for output schemas to spread. */
export const lineProduct = {
  lineNo: z.number().int(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
};

export const Product = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  unit,
  /** Shelf price per unit (per kg or l for weighed goods), IVA included, in centavos. */
  price: z.number().int(),
  barcodes: z.array(z.string()),
  active: z.boolean(),
  ivaRate: z.number(),
  /** Last cost per unit without IVA, centavos. */
  cost: z.number().int().optional(), // absent for roles that do not see costs
  /** Alert level, thousandths. */
  minStock: z.number().int(),
  packSize: z.number().int(),
  shelfLifeDays: z.number().int().nullable(),
  /** Main supplier (CUIT, 11 digits), if any. */
  supplierCuit: z.string().nullable(),
  /** The main supplier's own code for this product (on its invoices and price lists). */
  supplierCode: z.string().nullable(),
  /** PLU that the store's scale prints on its labels. */
  scalePlu: z.number().int().nullable(),
  /** Every supplier that sells it, the main one first: its own code and the pack it sells in. */
  suppliers: z.array(
    z.object({ supplierCuit: z.string(), supplierName: z.string(), supplierCode: z.string().nullable(), packSize: z.number().int(), main: z.boolean() }),
  ),
  /** On hand, thousandths (the ledger's cache). */
  onHand: z.number().int(),
  /** Weighted average cost, centavos. */
  avgCost: z.number().int().optional(), // absent for roles that do not see costs
  /** Bumped on every change; `products.update` can require it to detect lost updates. */
  version: z.number().int(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Product = z.infer<typeof Product>;

const productFields = {
  sku,
  name: requiredText('El nombre', 120),
  brand: optionalText('La marca', 60),
  category: optionalText('La categoría', 60),
  unit: unit.default('un'),
  price: centavos('El precio'),
  barcodes: barcodes.default([]),
  active: z.boolean({ error: 'Activo tiene que ser sí o no' }).default(true),
  ivaRate: ivaRate.default(21),
  cost: centavos('El costo').default(0),
  minStock: quantity('El stock mínimo').default(0),
  packSize: wholeNumber('Las unidades por bulto', 1, 100_000).default(1),
  shelfLifeDays: wholeNumber('La vida útil', 1, 3650).nullish().transform((v) => v ?? null),
  supplierCuit: cuitText.nullish().transform((v) => (v ? v.replace(/-/g, '') : null)),
  supplierCode: optionalText('El código del proveedor', 40),
  scalePlu: wholeNumber('El PLU de balanza', 1, 99_999).nullish().transform((v) => v ?? null),
};

export const ProductCreateInput = z.strictObject(productFields);
export type ProductCreateInput = z.input<typeof ProductCreateInput>;

export const ProductUpdateInput = z.strictObject({
  id: entityId,
  /** When given, the update is refused with CONFLICT if someone changed the product since. */
  expectedVersion: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  changes: z.strictObject({
    sku: productFields.sku.optional(),
    name: productFields.name.optional(),
    brand: productFields.brand.optional(),
    category: productFields.category.optional(),
    unit: unit.optional(),
    price: productFields.price.optional(),
    barcodes: barcodes.optional(),
    active: z.boolean({ error: 'Activo tiene que ser sí o no' }).optional(),
    ivaRate: ivaRate.optional(),
    cost: centavos('El costo').optional(),
    minStock: quantity('El stock mínimo').optional(),
    packSize: wholeNumber('Las unidades por bulto', 1, 100_000).optional(),
    shelfLifeDays: wholeNumber('La vida útil', 1, 3650).nullable().optional(),
    supplierCuit: cuitText.transform((v) => v.replace(/-/g, '')).nullable().optional(),
    supplierCode: optionalText('El código del proveedor', 40).optional(),
    scalePlu: wholeNumber('El PLU de balanza', 1, 99_999).nullable().optional(),
  }),
});
export type ProductUpdateInput = z.input<typeof ProductUpdateInput>;

/** Adds or changes the link with one supplier (its own code for the product and its pack size). */
export const ProductLinkSupplierInput = z.strictObject({
  productId: entityId,
  supplierCuit: cuitText.transform((v) => v.replace(/-/g, '')),
  supplierCode: optionalText('El código del proveedor', 40),
  packSize: wholeNumber('Las unidades por bulto', 1, 100_000).default(1),
});

export const ProductUnlinkSupplierInput = z.strictObject({
  productId: entityId,
  supplierCuit: cuitText.transform((v) => v.replace(/-/g, '')),
});

export const ProductGetInput = z.union(
  [
    z.strictObject({ id: entityId }),
    z.strictObject({ sku: z.string().trim().min(1).max(32) }),
    z.strictObject({ barcode: z.string().trim().min(1).max(32) }),
  ],
  { error: 'Indicá el producto por id, sku o código de barras' },
);
export type ProductGetInput = z.input<typeof ProductGetInput>;

export const ProductListInput = z.strictObject({
  /** Matches name words (accents and case ignored), sku prefix or an exact barcode. */
  query: z.string().trim().max(100, 'La búsqueda admite hasta 100 caracteres').optional(),
  category: z.string().trim().max(60).optional(),
  includeInactive: z.boolean().default(false),
  limit: pageLimit(500, 50),
  offset: pageOffset,
});
export type ProductListInput = z.input<typeof ProductListInput>;

export const ProductList = z.object({
  items: z.array(Product),
  total: z.number().int(),
});
export type ProductList = z.infer<typeof ProductList>;

export const ProductsChanged = z.object({ ids: z.array(z.string()) });
export type ProductsChanged = z.infer<typeof ProductsChanged>;

export const CategoryListInput = z.strictObject({});

export const CategoryList = z.array(
  z.object({
    name: z.string(),
    /** Active products in the category. */
    productCount: z.number().int(),
  }),
);
export type CategoryList = z.infer<typeof CategoryList>;

/** The products methods: what each does and its schemas (combined in methods.ts). */
export const productMethods = {
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
  'products.linkSupplier': {
    doc: "Links a product with one more supplier (or changes the link): the supplier's own code for it, unique per supplier, and its pack size. CONFLICT when the code is another product's.",
    input: ProductLinkSupplierInput,
    output: Product,
    kind: 'mutation',
  },
  'products.unlinkSupplier': {
    doc: 'Removes the link with a supplier. INVALID_STATE for the main supplier (change the main supplier instead).',
    input: ProductUnlinkSupplierInput,
    output: Product,
    kind: 'mutation',
  },
  'categories.list': {
    doc: 'Every category by name, with its count of active products, for filters and pickers.',
    input: CategoryListInput,
    output: CategoryList,
    kind: 'query',
  },
} as const satisfies Partial<Record<MethodName, MethodSpec>>;

/** The products events the core pushes. */
export const productEvents = {
  'products.changed': {
    doc: 'Products were created or changed; lists showing them should refresh.',
    payload: ProductsChanged,
  },
} as const satisfies Partial<Record<EventName, EventSpec>>;
