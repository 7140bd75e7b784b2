import { ProductCreateInput, SupplierCreateInput, type Weekday } from '../../contract';
import type { App } from '../app';
import { withCheckDigit } from '../domain/barcode';
import { withCuitCheckDigit } from '../domain/cuit';
import { AppError } from '../domain/errors';
import { mulberry32 } from '../domain/random';
import { foldForSearch } from '../domain/text';
import { write } from '../write';
import { demoCatalog } from './catalog';
import { simulateHistory, type HistoryProduct } from './history';

export interface DemoOptions {
  seed?: number;
  /** Days of history ending yesterday; 0 for the catalog alone. Default: 18 months. */
  days?: number;
  onProgress?: (day: number, days: number) => void;
}

export interface DemoResult {
  products: number;
  categories: number;
  suppliers: number;
  tickets: number;
  saleLines: number;
  receipts: number;
}

export const DEMO_HISTORY_DAYS = 548;

/** Who delivers what: distributors by category, with their order days and lead times. */
const SUPPLIERS: { name: string; categories: string[]; days: Weekday[]; lead: number; minOrder: number }[] = [
  { name: 'Distribuidora Mayorista del Sur SA', categories: ['Almacén'], days: ['lun', 'jue'], lead: 2, minOrder: 30_000_000 },
  { name: 'Molinos y Alimentos Río Paraná SRL', categories: ['Almacén'], days: ['mar'], lead: 3, minOrder: 20_000_000 },
  { name: 'Yerbatera Misionera Distribuciones SA', categories: ['Almacén'], days: ['mie'], lead: 4, minOrder: 15_000_000 },
  { name: 'Embotelladora Pampeana SA', categories: ['Bebidas'], days: ['lun', 'mie', 'vie'], lead: 1, minOrder: 25_000_000 },
  { name: 'Cervecería y Maltería Litoral SA', categories: ['Bebidas'], days: ['mar', 'vie'], lead: 2, minOrder: 20_000_000 },
  { name: 'Bodegas Cuyanas Distribución SRL', categories: ['Bebidas'], days: ['jue'], lead: 3, minOrder: 15_000_000 },
  { name: 'Lácteos La Cuenca SA', categories: ['Lácteos'], days: ['lun', 'mie', 'vie'], lead: 1, minOrder: 10_000_000 },
  { name: 'Usina Láctea del Oeste SRL', categories: ['Lácteos'], days: ['mar', 'sab'], lead: 1, minOrder: 8_000_000 },
  { name: 'Frigorífico y Fiambres Don Carlos SA', categories: ['Fiambrería'], days: ['lun', 'jue'], lead: 1, minOrder: 12_000_000 },
  { name: 'Panificadora La Espiga SRL', categories: ['Panadería'], days: ['lun', 'mar', 'mie', 'jue', 'vie', 'sab'], lead: 1, minOrder: 2_000_000 },
  { name: 'Golosinas y Snacks Norte SA', categories: ['Golosinas'], days: ['mie'], lead: 2, minOrder: 10_000_000 },
  { name: 'Tabacalera Distribuidora Centro SA', categories: ['Cigarrillos'], days: ['lun', 'jue'], lead: 1, minOrder: 20_000_000 },
  { name: 'Química Hogar Distribuciones SRL', categories: ['Limpieza'], days: ['mar'], lead: 3, minOrder: 15_000_000 },
  { name: 'Perfumería Mayorista Belgrano SA', categories: ['Perfumería'], days: ['jue'], lead: 3, minOrder: 15_000_000 },
  { name: 'Frío Express Congelados SRL', categories: ['Congelados'], days: ['vie'], lead: 2, minOrder: 10_000_000 },
  { name: 'Alimentos para Mascotas del Plata SA', categories: ['Mascotas'], days: ['mie'], lead: 4, minOrder: 10_000_000 },
  { name: 'Mercado Central Frutihortícola Puesto 41', categories: ['Verdulería'], days: ['lun', 'mie', 'vie'], lead: 1, minOrder: 5_000_000 },
  { name: 'Granja Avícola San Vicente SRL', categories: [], days: ['mar', 'vie'], lead: 1, minOrder: 3_000_000 },
  { name: 'Distribuidora Bebidas Sin Alcohol Oeste SRL', categories: [], days: ['mar'], lead: 2, minOrder: 10_000_000 },
  { name: 'Comercial Mayorista Once SA', categories: [], days: ['sab'], lead: 5, minOrder: 40_000_000 },
];

const PERISHABLE = new Set(['Lácteos', 'Fiambrería', 'Panadería', 'Verdulería']);
const SHELF_LIFE: Record<string, number> = { Lácteos: 20, Fiambrería: 25, Panadería: 3, Verdulería: 10 };

/**
 * Builds the demo store: suppliers with valid CUITs, the catalog with costs,
 * barcodes (779…) and scale PLUs, and (unless days is 0) eighteen months of
 * history. Everything goes through the services, in one transaction, so it
 * obeys every rule; the same seed and day give the same store.
 */
/**
 * The staples of an Argentine almacén, by the demo catalog's names: relative
 * weights in the day's ticket lines (the rest of the catalog weighs 0.03–1.5),
 * so the first ones sell 20–40 a day in a 220-ticket day.
 */
const STAPLES: { name: RegExp; weight: number }[] = [
  { name: /^Gaseosa cola Coca-Cola (1,5|2,25) l/, weight: 38 },
  { name: /^Gaseosa cola Coca-Cola 500 ml/, weight: 22 },
  { name: /^Leche entera sachet La Serenísima/, weight: 40 },
  { name: /^Leche entera sachet Sancor/, weight: 14 },
  { name: /^Pan francés/, weight: 45 },
  { name: /^Cigarrillos (Marlboro|Philip Morris) box 20/, weight: 30 },
  { name: /^Cigarrillos (Marlboro|Philip Morris) común 20/, weight: 12 },
  { name: /^Pan lactal blanco Fargo/, weight: 12 },
  { name: /^Gaseosa (lima limón Sprite|naranja Fanta) 2,25 l/, weight: 10 },
  { name: /^Agua mineral sin gas Villavicencio 2 l/, weight: 10 },
  { name: /^Yerba mate Playadito 1 kg/, weight: 9 },
  { name: /^Galletitas de agua/, weight: 6 },
];

export function seedDemoStore(app: App, options: DemoOptions = {}): DemoResult {
  if (app.services.products.count() > 0) {
    throw new AppError('NOT_EMPTY', 'La tienda ya tiene productos: la demo solo se carga en una tienda vacía.');
  }
  const random = mulberry32(options.seed ?? 2026);
  const days = options.days ?? DEMO_HISTORY_DAYS;
  const catalog = demoCatalog();
  const usedBarcodes = new Set<string>();
  const perPrefix = new Map<string, number>();
  return write(app.core, (tx) => {
    const cuits: string[] = [];
    SUPPLIERS.forEach((s, i) => {
      let cuit: string | null = null;
      for (let n = 0; !cuit; n++) cuit = withCuitCheckDigit(`30${String(70_000_000 + i * 104_729 + n).padStart(8, '0')}`);
      cuits.push(cuit);
      app.services.suppliers.createInTx(tx, SupplierCreateInput.parse({ cuit, name: s.name, leadTimeDays: s.lead, orderWeekdays: s.days, minOrder: s.minOrder }));
    });
    const suppliersFor = (category: string, brand: string) => {
      const matching = SUPPLIERS.map((s, i) => ({ s, i })).filter(({ s }) => s.categories.includes(category));
      if (brand === 'Granja Avícola') return cuits[17]!;
      if (matching.length === 0) return cuits[19]!;
      // Brands stick to one distributor.
      const h = [...brand].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
      return cuits[matching[h % matching.length]!.i]!;
    };

    const history: HistoryProduct[] = [];
    let plu = 0;
    for (const item of catalog) {
      const prefix = skuPrefix(item.category);
      const n = (perPrefix.get(prefix) ?? 0) + 1;
      perPrefix.set(prefix, n);
      // Packaged goods carry an Argentine EAN-13 (779…); weighed goods are sold by the scale with a PLU.
      const barcodes = item.unit === 'kg' ? [] : [uniqueBarcode(random, usedBarcodes)];
      const markup = 1.3 + random() * 0.3;
      // Prices were lower eighteen months ago: start from today's catalog deflated by ~4 % a month.
      const deflate = days > 0 ? Math.pow(1.04, days / 30.4) : 1;
      const cost = Math.max(100, Math.round(item.price / 1.21 / markup / deflate));
      const supplierCuit = suppliersFor(item.category, item.brand);
      const perishable = PERISHABLE.has(item.category);
      // Popularity as in a real almacén: a handful of staples sell dozens a day
      // (the leading gaseosas, milk, bread, cigarettes), the long tail a few a week.
      const staple = STAPLES.find((s) => s.name.test(item.name));
      const demand = staple ? staple.weight * (0.8 + 0.4 * random()) : (item.unit === 'kg' ? 0.6 : 1.5) * Math.pow(random(), 3) + 0.03;
      // A staple's minimum is about a day of its sales; the rest keep a few units.
      const minStock = staple
        ? Math.round(staple.weight * (item.unit === 'kg' ? 0.2 : 0.6)) * 1000
        : (perishable ? 1 : item.unit === 'kg' ? 2 : 3 + Math.floor(random() * 4)) * 1000;
      const product = app.services.products.createInTx(
        tx,
        ProductCreateInput.parse({
          sku: `${prefix}-${String(n).padStart(4, '0')}`,
          name: item.name,
          brand: item.brand,
          category: item.category,
          unit: item.unit,
          price: item.price,
          cost,
          barcodes,
          supplierCuit,
          ivaRate: item.category === 'Verdulería' || item.category === 'Panadería' ? 10.5 : 21,
          minStock,
          packSize: item.unit === 'kg' ? 1 : [1, 6, 12, 12, 24][Math.floor(random() * 5)]!,
          shelfLifeDays: perishable ? SHELF_LIFE[item.category] : undefined,
          scalePlu: item.unit === 'kg' ? ++plu : undefined,
        }),
      );
      history.push({ id: product.id, category: item.category, unit: item.unit, supplierCuit, cost, markup, demand, minStock, perishable, shelfLife: perishable ? SHELF_LIFE[item.category]! : null });
    }
    const simulated = days > 0 ? simulateHistory(app, tx, history, { days, random, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }) : { tickets: 0, lines: 0, receipts: 0 };
    tx.emit('products.changed', { ids: [] });
    return {
      products: catalog.length,
      categories: new Set(catalog.map((p) => p.category)).size,
      suppliers: SUPPLIERS.length,
      tickets: simulated.tickets,
      saleLines: simulated.lines,
      receipts: simulated.receipts,
    };
  });
}

/** ALM, BEB, LAC…: the category's first three letters, without accents. */
function skuPrefix(category: string): string {
  return foldForSearch(category).toUpperCase().slice(0, 3);
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
