/**
 * Column headers as people's spreadsheets write them. The format's own names
 * (sku, price…) always work; so do the Spanish headers an old point-of-sale or
 * a spreadsheet exports (código, descripción, precio de venta…), and any other
 * header the person maps once on the Importar screen (remembered per file).
 * Pure.
 */
import { foldForSearch } from '../domain/text';

/** Per file, the Spanish headers each column goes by (folded: lower case, no accents, single spaces). */
const ALIASES: Record<string, Record<string, string[]>> = {
  'suppliers.csv': {
    cuit: ['c.u.i.t.', 'cuit proveedor', 'nro cuit'],
    name: ['razon social', 'nombre', 'proveedor', 'denominacion'],
    lead_time_days: ['demora', 'demora de entrega', 'dias de entrega', 'plazo de entrega'],
    order_weekdays: ['dias de pedido', 'toma pedidos'],
    min_order: ['pedido minimo', 'minimo de compra'],
  },
  'products.csv': {
    sku: ['codigo', 'cod', 'cod.', 'codigo interno', 'cod interno', 'cod. interno'],
    barcode: ['codigo de barras', 'cod barras', 'cod. barras', 'cod de barras', 'ean', 'ean13', 'gtin'],
    name: ['descripcion', 'nombre', 'producto', 'articulo', 'detalle'],
    category: ['categoria', 'rubro', 'familia', 'seccion'],
    brand: ['marca'],
    unit: ['unidad', 'unidad de medida', 'um', 'u.m.'],
    iva_rate: ['iva', 'alicuota', 'alicuota iva', '% iva', 'tasa iva'],
    cost: ['costo', 'precio de costo', 'costo sin iva', 'precio compra', 'precio de compra'],
    price: ['precio', 'precio de venta', 'precio venta', 'pvp', 'precio final', 'precio publico', 'precio al publico'],
    min_stock: ['stock minimo', 'minimo', 'punto de pedido'],
    supplier_cuit: ['cuit proveedor', 'proveedor cuit'],
    pack_size: ['unidades por bulto', 'unidades x bulto', 'bulto', 'pack'],
    shelf_life_days: ['vida util', 'dias de vida util'],
    active: ['activo', 'habilitado'],
  },
  'sales.csv': {
    ticket: ['comprobante', 'nro ticket', 'numero de ticket', 'numero', 'factura'],
    line: ['linea', 'renglon', 'item'],
    datetime: ['fecha', 'fecha y hora', 'fecha hora'],
    sku: ['codigo', 'cod', 'codigo interno'],
    barcode: ['codigo de barras', 'cod barras', 'ean'],
    qty: ['cantidad', 'cant', 'cant.', 'unidades'],
    unit_price: ['precio', 'precio unitario', 'p. unit.', 'p unit', 'precio unit'],
    discount: ['descuento', 'bonificacion', 'desc'],
    cashier: ['cajero', 'vendedor', 'usuario'],
    payment: ['medio de pago', 'forma de pago', 'pago'],
    voided: ['anulado', 'anulada'],
  },
  'receipts.csv': {
    supplier_cuit: ['cuit', 'cuit proveedor'],
    invoice_type: ['tipo', 'letra', 'tipo comprobante', 'tipo de comprobante'],
    pos: ['punto de venta', 'pto vta', 'pto. vta.', 'pv', 'punto venta'],
    number: ['numero', 'nro', 'numero comprobante', 'nro comprobante'],
    date: ['fecha', 'fecha comprobante', 'fecha factura'],
    sku: ['codigo', 'cod', 'codigo interno'],
    barcode: ['codigo de barras', 'cod barras', 'ean'],
    qty: ['cantidad', 'cant', 'cant.'],
    unit_cost: ['costo', 'costo unitario', 'precio unitario', 'precio'],
    iva_rate: ['iva', 'alicuota'],
    lot: ['lote'],
    expiry: ['vencimiento', 'vto', 'vto.', 'fecha de vencimiento'],
  },
  'adjustments.csv': {
    datetime: ['fecha', 'fecha y hora'],
    sku: ['codigo', 'cod'],
    barcode: ['codigo de barras', 'ean'],
    qty: ['cantidad', 'cant'],
    reason: ['motivo', 'razon'],
    user: ['usuario'],
    note: ['nota', 'observacion', 'observaciones'],
  },
  'counts.csv': {
    datetime: ['fecha', 'fecha y hora'],
    sku: ['codigo', 'cod'],
    barcode: ['codigo de barras', 'ean'],
    counted: ['contado', 'cantidad', 'stock contado', 'conteo'],
    user: ['usuario', 'contador'],
  },
  'prices.csv': {
    supplier_cuit: ['cuit', 'cuit proveedor'],
    date: ['fecha', 'vigencia', 'fecha de vigencia'],
    sku: ['codigo interno'],
    barcode: ['codigo de barras', 'ean'],
    supplier_code: ['codigo', 'cod', 'codigo proveedor', 'cod proveedor', 'codigo del proveedor'],
    cost: ['costo', 'precio', 'precio de lista', 'precio costo'],
  },
  'cpi.csv': {
    month: ['mes', 'periodo'],
    index: ['indice', 'ipc', 'nivel general'],
  },
};

/** A header as compared: folded, without a BOM or surrounding quotes. */
export function headerKey(cell: string): string {
  return foldForSearch(cell.replace(/^\uFEFF/, '').trim()).replace(/\s+/g, ' ');
}

/** What a column is called on screen: its first Spanish header, or its own name. */
export function columnLabel(file: string, column: string): string {
  return ALIASES[file]?.[column]?.[0] ?? column;
}

export interface ResolvedColumns {
  /** The format's column → the cell index that holds it. */
  columns: Map<string, number>;
  /** Headers the file has that map to no column (the screen offers to map them). */
  unmapped: string[];
}

/**
 * The file's header read into the format's columns: its own names, then the
 * person's mapping for this file, then the Spanish headers. The first header
 * that claims a column keeps it.
 */
export function resolveColumns(file: string, known: readonly string[], header: string[], mapping: Record<string, string> = {}): ResolvedColumns {
  const aliases = ALIASES[file] ?? {};
  const byAlias = new Map<string, string>();
  for (const [column, names] of Object.entries(aliases)) for (const name of names) if (!byAlias.has(name)) byAlias.set(name, column);
  const columns = new Map<string, number>();
  const unmapped: string[] = [];
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    if (!key) return;
    const own = key.replace(/ /g, '_');
    const column = known.includes(own) ? own : known.includes(mapping[key] ?? '') ? mapping[key]! : byAlias.get(key);
    if (column && !columns.has(column)) columns.set(column, i);
    else if (!column) unmapped.push(cell.trim());
  });
  return { columns, unmapped };
}
