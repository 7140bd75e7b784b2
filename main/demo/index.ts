import { ProductCreateInput } from '../../contract';
import type { App } from '../app';
import { withCheckDigit } from '../domain/barcode';
import { AppError } from '../domain/errors';
import { write } from '../services';
import { demoCatalog } from './catalog';

export interface DemoResult {
  products: number;
  categories: number;
}

/**
 * Fills an empty store with the demo catalog, through the same product service
 * (and so the same rules) as the screens, in one transaction. Reproducible:
 * the same seed gives the same skus and barcodes.
 */
export function seedDemoStore(app: App, options: { seed?: number } = {}): DemoResult {
  if (app.services.products.count() > 0) {
    throw new AppError('NOT_EMPTY', 'La tienda ya tiene productos: la demo solo se carga en una tienda vacía.');
  }
  const random = mulberry32(options.seed ?? 2026);
  const catalog = demoCatalog();
  const usedBarcodes = new Set<string>();
  const perPrefix = new Map<string, number>();
  write(app.core, (tx) => {
    for (const item of catalog) {
      const prefix = skuPrefix(item.category);
      const n = (perPrefix.get(prefix) ?? 0) + 1;
      perPrefix.set(prefix, n);
      // Packaged goods carry an Argentine EAN-13 (779…); weighed goods are sold by
      // the scale and have none of their own.
      const barcodes = item.unit === 'kg' ? [] : [uniqueBarcode(random, usedBarcodes)];
      const input = ProductCreateInput.parse({
        sku: `${prefix}-${String(n).padStart(4, '0')}`,
        name: item.name,
        brand: item.brand,
        category: item.category,
        unit: item.unit,
        price: item.price,
        barcodes,
      });
      app.services.products.createInTx(tx, input);
    }
  });
  return { products: catalog.length, categories: new Set(catalog.map((p) => p.category)).size };
}

function skuPrefix(category: string): string {
  return category
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .slice(0, 3);
}

function uniqueBarcode(random: () => number, used: Set<string>): string {
  for (;;) {
    const body = `779${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
    const code = withCheckDigit(body);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

/** A small seeded PRNG: the demo must come out the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
