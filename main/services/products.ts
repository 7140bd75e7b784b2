import type {
  CategoryList,
  FieldError,
  Product,
  ProductList,
  MethodParsedInput,
} from '../../contract';
import type { ProductsTable } from '../db/schema';
import { isValidBarcode } from '../domain/barcode';
import { AppError, validationError } from '../domain/errors';
import { foldForSearch } from '../domain/text';
import { changedFields, type Core, write, type WriteTx } from '../write';
import { productTextFilter } from './search';

type CreateInput = MethodParsedInput<'products.create'>;
type UpdateInput = MethodParsedInput<'products.update'>;
type ListInput = MethodParsedInput<'products.list'>;
type GetInput = MethodParsedInput<'products.get'>;

interface ProductRow extends ProductsTable {
  category_name: string | null;
  supplier_cuit: string | null;
  supplier_code: string | null;
}

/** 21 → 210: rates are stored in tenths of a percent. */
export const rateToTenths = (rate: number): number => Math.round(rate * 10);
export const tenthsToRate = (tenths: number): number => tenths / 10;

/** Catalog use-cases. Reads are plain queries; writes go through `write()`. */
export class ProductService {
  constructor(private readonly core: Core) {}

  list(input: ListInput): ProductList {
    const { q } = this.core.sql;
    let base = q
      .selectFrom('products')
      .leftJoin('categories', 'categories.id', 'products.category_id')
      .leftJoin('suppliers', 'suppliers.id', 'products.supplier_id')
      .leftJoin('product_suppliers', (j) => j.onRef('product_suppliers.product_id', '=', 'products.id').onRef('product_suppliers.supplier_id', '=', 'products.supplier_id'));
    if (!input.includeInactive) base = base.where('products.active', '=', 1);
    if (input.category) base = base.where('categories.name_key', '=', foldForSearch(input.category));
    const text = input.query?.trim();
    if (text) base = base.where(productTextFilter(text));
    const total = Number(this.core.sql.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
    const rows = this.core.sql.all(
      base
        .selectAll('products')
        .select(['categories.name as category_name', 'suppliers.cuit as supplier_cuit', 'product_suppliers.supplier_code'])
        .orderBy('products.search_text')
        .orderBy('products.sku_key')
        .limit(input.limit)
        .offset(input.offset),
    ) as ProductRow[];
    return { items: this.withBarcodes(rows), total };
  }

  get(input: GetInput): Product {
    const row =
      'id' in input
        ? this.findRow('id', input.id)
        : 'sku' in input
          ? this.findRow('sku_key', input.sku.toUpperCase())
          : this.findByBarcode(input.barcode);
    if (!row) throw new AppError('NOT_FOUND', 'No se encontró el producto', { input });
    return this.withBarcodes([row])[0]!;
  }

  create(input: CreateInput): Product {
    return write(this.core, (tx) => this.createInTx(tx, input));
  }

  /** Creates inside a caller's transaction (bulk loads such as the demo store use it). */
  createInTx(tx: WriteTx, input: CreateInput): Product {
    this.checkBarcodes(input.barcodes);
    this.checkSkuFree(tx, input.sku, null);
    this.checkBarcodesFree(tx, input.barcodes, null);
    this.checkPluFree(tx, input.scalePlu, null);
    const supplierId = this.supplierId(tx, input.supplierCuit);
    const id = tx.newId();
    const categoryId = input.category ? this.categoryId(tx, input.category) : null;
    tx.sql.run(
      tx.sql.q.insertInto('products').values({
        id,
        sku: input.sku,
        sku_key: input.sku.toUpperCase(),
        name: input.name,
        search_text: searchText(input.name, input.brand, input.category),
        brand: input.brand,
        category_id: categoryId,
        unit: input.unit,
        price: input.price,
        active: input.active ? 1 : 0,
        version: 1,
        created_at: tx.now,
        updated_at: tx.now,
        iva_rate: rateToTenths(input.ivaRate),
        cost: input.cost,
        min_stock: input.minStock,
        pack_size: input.packSize,
        shelf_life_days: input.shelfLifeDays,
        supplier_id: supplierId,
        scale_plu: input.scalePlu,
        on_hand: 0,
        // Until the first receipt, the list cost is the best estimate of what stock is worth.
        avg_cost: input.cost,
      }),
    );
    this.replaceBarcodes(tx, id, input.barcodes);
    this.linkSupplier_(tx, id, supplierId, input.supplierCode, input.packSize);
    tx.emit('products.changed', { ids: [id] });
    const created = this.get({ id });
    tx.audit({ entity: 'product', id, after: { sku: created.sku, name: created.name, price: created.price, cost: created.cost, barcodes: created.barcodes } });
    return created;
  }

  update(input: UpdateInput): Product {
    return write(this.core, (tx) => this.updateInTx(tx, input));
  }

  /** Updates inside a caller's transaction (imports). */
  updateInTx(tx: WriteTx, input: UpdateInput): Product {
    const current = this.get({ id: input.id });
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw new AppError(
        'CONFLICT',
        'Otra persona modificó este producto mientras lo editabas. Volvé a abrirlo para ver los cambios.',
        { currentVersion: current.version },
      );
    }
    const next = { ...current, ...stripUndefined(input.changes) };
    if (input.changes.barcodes) this.checkBarcodes(input.changes.barcodes);
    this.checkSkuFree(tx, next.sku, current.id);
    this.checkBarcodesFree(tx, next.barcodes, current.id);
    this.checkPluFree(tx, next.scalePlu, current.id);
    const supplierId = this.supplierId(tx, next.supplierCuit);
    const categoryId = next.category ? this.categoryId(tx, next.category) : null;
    tx.sql.run(
      tx.sql.q
        .updateTable('products')
        .set({
          sku: next.sku,
          sku_key: next.sku.toUpperCase(),
          name: next.name,
          search_text: searchText(next.name, next.brand, next.category),
          brand: next.brand,
          category_id: categoryId,
          unit: next.unit,
          price: next.price,
          active: next.active ? 1 : 0,
          version: current.version + 1,
          updated_at: tx.now,
          iva_rate: rateToTenths(next.ivaRate),
          cost: next.cost,
          min_stock: next.minStock,
          pack_size: next.packSize,
          shelf_life_days: next.shelfLifeDays,
          supplier_id: supplierId,
          scale_plu: next.scalePlu,
        })
        .where('id', '=', current.id),
    );
    if (input.changes.barcodes) this.replaceBarcodes(tx, current.id, next.barcodes);
    this.linkSupplier_(tx, current.id, supplierId, next.supplierCode, next.packSize);
    tx.emit('products.changed', { ids: [current.id] });
    const updated = this.get({ id: current.id });
    tx.audit({ entity: 'product', id: current.id, ...changedFields(current, updated) });
    return updated;
  }

  /** Adds or changes the link with one supplier; the main supplier's link is changed through update. */
  linkSupplier(input: MethodParsedInput<'products.linkSupplier'>): Product {
    return write(this.core, (tx) => {
      const product = this.get({ id: input.productId });
      const supplierId = this.supplierId(tx, input.supplierCuit);
      if (!supplierId) throw validationError([{ path: 'supplierCuit', message: `No hay ningún proveedor con CUIT ${input.supplierCuit}` }]);
      this.linkSupplier_(tx, product.id, supplierId, input.supplierCode, input.packSize);
      tx.audit({ entity: 'product', id: product.id, after: { supplierLink: [input.supplierCuit, input.supplierCode, input.packSize] } });
      tx.emit('products.changed', { ids: [product.id] });
      return this.get({ id: product.id });
    });
  }

  unlinkSupplier(input: MethodParsedInput<'products.unlinkSupplier'>): Product {
    return write(this.core, (tx) => {
      const product = this.get({ id: input.productId });
      if (product.supplierCuit === input.supplierCuit) {
        throw new AppError('INVALID_STATE', 'Es el proveedor principal: elegí otro proveedor principal antes de quitarlo.');
      }
      const supplierId = this.supplierId(tx, input.supplierCuit);
      const removed = supplierId
        ? tx.sql.run(tx.sql.q.deleteFrom('product_suppliers').where('product_id', '=', product.id).where('supplier_id', '=', supplierId))
        : 0;
      if (removed === 0) throw new AppError('NOT_FOUND', 'Ese proveedor no estaba vinculado al producto');
      tx.audit({ entity: 'product', id: product.id, before: { supplierLink: input.supplierCuit } });
      tx.emit('products.changed', { ids: [product.id] });
      return this.get({ id: product.id });
    });
  }

  categories(): CategoryList {
    const rows = this.core.sql.all(
      this.core.sql.q
        .selectFrom('categories')
        .leftJoin('products', (join) => join.onRef('products.category_id', '=', 'categories.id').on('products.active', '=', 1))
        .select(['categories.name', (eb) => eb.fn.count<number>('products.id').as('productCount')])
        .groupBy('categories.id')
        .orderBy('categories.name_key'),
    );
    return rows.map((r) => ({ name: r.name, productCount: Number(r.productCount) }));
  }

  /** The id of the product with this SKU (case does not matter), or undefined. */
  idBySku(sku: string): string | undefined {
    return this.core.sql.raw.prepare('select id from products where sku_key = ?').pluck().get(sku.toUpperCase()) as string | undefined;
  }

  /** Whether goods of this product were ever received (then receipts and price lists own its cost). */
  everReceived(id: string): boolean {
    return !!this.core.sql.raw.prepare("select 1 from stock_movements where product_id = ? and kind = 'receipt' limit 1").get(id);
  }

  count(): number {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')));
    return Number(row?.n ?? 0);
  }

  private findRow(column: 'id' | 'sku_key', value: string): ProductRow | undefined {
    return this.core.sql.first(
      this.core.sql.q
        .selectFrom('products')
        .leftJoin('categories', 'categories.id', 'products.category_id')
        .leftJoin('suppliers', 'suppliers.id', 'products.supplier_id')
        .leftJoin('product_suppliers', (j) => j.onRef('product_suppliers.product_id', '=', 'products.id').onRef('product_suppliers.supplier_id', '=', 'products.supplier_id'))
        .selectAll('products')
        .select(['categories.name as category_name', 'suppliers.cuit as supplier_cuit', 'product_suppliers.supplier_code'])
        .where(`products.${column}`, '=', value),
    ) as ProductRow | undefined;
  }

  private findByBarcode(barcode: string): ProductRow | undefined {
    const link = this.core.sql.first(
      this.core.sql.q.selectFrom('product_barcodes').select('product_id').where('barcode', '=', barcode),
    );
    return link ? this.findRow('id', link.product_id) : undefined;
  }

  private withBarcodes(rows: ProductRow[]): Product[] {
    if (rows.length === 0) return [];
    const links = this.core.sql.all(
      this.core.sql.q
        .selectFrom('product_barcodes')
        .select(['product_id', 'barcode'])
        .where(
          'product_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('product_id')
        .orderBy('position'),
    );
    const byProduct = new Map<string, string[]>();
    for (const link of links) {
      const list = byProduct.get(link.product_id) ?? [];
      list.push(link.barcode);
      byProduct.set(link.product_id, list);
    }
    const supplierLinks = this.core.sql.all(
      this.core.sql.q
        .selectFrom('product_suppliers')
        .innerJoin('suppliers', 'suppliers.id', 'product_suppliers.supplier_id')
        .select(['product_suppliers.product_id', 'suppliers.cuit', 'suppliers.name', 'product_suppliers.supplier_code', 'product_suppliers.pack_size'])
        .where(
          'product_suppliers.product_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('suppliers.name'),
    );
    const suppliersOf = new Map<string, Product['suppliers']>();
    for (const l of supplierLinks) {
      const list = suppliersOf.get(l.product_id) ?? [];
      list.push({ supplierCuit: l.cuit, supplierName: l.name, supplierCode: l.supplier_code, packSize: l.pack_size, main: false });
      suppliersOf.set(l.product_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      sku: r.sku,
      name: r.name,
      brand: r.brand,
      category: r.category_name,
      unit: r.unit,
      price: r.price,
      barcodes: byProduct.get(r.id) ?? [],
      active: r.active === 1,
      ivaRate: tenthsToRate(r.iva_rate),
      cost: r.cost,
      minStock: r.min_stock,
      packSize: r.pack_size,
      shelfLifeDays: r.shelf_life_days,
      supplierCuit: r.supplier_cuit,
      supplierCode: r.supplier_code,
      scalePlu: r.scale_plu,
      // The main supplier first, then the others by name.
      suppliers: (suppliersOf.get(r.id) ?? [])
        .map((s) => ({ ...s, main: s.supplierCuit === r.supplier_cuit }))
        .sort((a, b) => Number(b.main) - Number(a.main)),
      onHand: r.on_hand,
      avgCost: r.avg_cost,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  /** Check digits and repeats within the input; names each bad code by its position. */
  private checkBarcodes(barcodes: readonly string[]): void {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    barcodes.forEach((code, i) => {
      if (!isValidBarcode(code)) {
        errors.push({ path: `barcodes.${i}`, message: `El código de barras ${code} no es válido: revisá el último dígito` });
      } else if (seen.has(code)) {
        errors.push({ path: `barcodes.${i}`, message: `El código de barras ${code} está repetido` });
      }
      seen.add(code);
    });
    if (errors.length > 0) throw validationError(errors);
  }

  /**
   * Keeps the product–supplier link of the main supplier: its own code for the
   * product (unique per supplier) and the pack size it sells in.
   */
  private linkSupplier_(tx: WriteTx, productId: string, supplierId: string | null, code: string | null, packSize: number): void {
    if (!supplierId) return;
    if (code) {
      const other = tx.sql.first(
        tx.sql.q
          .selectFrom('product_suppliers')
          .innerJoin('products', 'products.id', 'product_suppliers.product_id')
          .select(['products.id', 'products.name'])
          .where('product_suppliers.supplier_id', '=', supplierId)
          .where('product_suppliers.supplier_code', '=', code),
      );
      if (other && other.id !== productId) {
        throw new AppError('CONFLICT', `El código de proveedor ${code} ya es de «${other.name}»`, { field: 'supplierCode', productId: other.id });
      }
    }
    tx.sql.run(
      tx.sql.q
        .insertInto('product_suppliers')
        .values({ product_id: productId, supplier_id: supplierId, supplier_code: code, pack_size: packSize })
        .onConflict((oc) => oc.columns(['product_id', 'supplier_id']).doUpdateSet({ supplier_code: code, pack_size: packSize })),
    );
  }

  private checkPluFree(tx: WriteTx, plu: number | null, selfId: string | null): void {
    if (plu === null) return;
    const other = tx.sql.first(tx.sql.q.selectFrom('products').select(['id', 'name']).where('scale_plu', '=', plu));
    if (other && other.id !== selfId) {
      throw new AppError('CONFLICT', `El PLU de balanza ${plu} ya es de «${other.name}»`, { field: 'scalePlu', productId: other.id });
    }
  }

  private supplierId(tx: WriteTx, cuit: string | null): string | null {
    if (!cuit) return null;
    const row = tx.sql.first(tx.sql.q.selectFrom('suppliers').select('id').where('cuit', '=', cuit));
    if (!row) throw validationError([{ path: 'supplierCuit', message: `No hay ningún proveedor con CUIT ${cuit}: cargalo primero` }]);
    return row.id;
  }

  private checkSkuFree(tx: WriteTx, sku: string, selfId: string | null): void {
    const other = tx.sql.first(
      tx.sql.q.selectFrom('products').select(['id', 'name']).where('sku_key', '=', sku.toUpperCase()),
    );
    if (other && other.id !== selfId) {
      throw new AppError('CONFLICT', `El código interno ${sku} ya es de «${other.name}»`, {
        field: 'sku',
        productId: other.id,
      });
    }
  }

  private checkBarcodesFree(tx: WriteTx, barcodes: readonly string[], selfId: string | null): void {
    if (barcodes.length === 0) return;
    const taken = tx.sql.all(
      tx.sql.q
        .selectFrom('product_barcodes')
        .innerJoin('products', 'products.id', 'product_barcodes.product_id')
        .select(['product_barcodes.barcode', 'products.id', 'products.name'])
        .where('product_barcodes.barcode', 'in', [...barcodes]),
    ).filter((row) => row.id !== selfId);
    const first = taken[0];
    if (first) {
      throw new AppError('CONFLICT', `El código de barras ${first.barcode} ya es de «${first.name}»`, {
        field: `barcodes.${barcodes.indexOf(first.barcode)}`,
        productId: first.id,
      });
    }
  }

  private replaceBarcodes(tx: WriteTx, productId: string, barcodes: readonly string[]): void {
    tx.sql.run(tx.sql.q.deleteFrom('product_barcodes').where('product_id', '=', productId));
    barcodes.forEach((barcode, position) => {
      tx.sql.run(tx.sql.q.insertInto('product_barcodes').values({ barcode, product_id: productId, position }));
    });
  }

  /** Finds a category by its folded name or creates it. */
  private categoryId(tx: WriteTx, name: string): string {
    const key = foldForSearch(name);
    const existing = tx.sql.first(tx.sql.q.selectFrom('categories').select('id').where('name_key', '=', key));
    if (existing) return existing.id;
    const id = tx.newId();
    tx.sql.run(tx.sql.q.insertInto('categories').values({ id, name, name_key: key, created_at: tx.now }));
    return id;
  }
}

function searchText(name: string, brand: string | null, category: string | null): string {
  return foldForSearch([name, brand, category].filter(Boolean).join(' '));
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
