import type { RawDatabase } from '../db/open';
import { isValidBarcode } from '../domain/barcode';
import { isValidCuit } from '../domain/cuit';
import { counted, phaseFindings, type Finding, type RuleContext } from './types';

/**
 * Phase 1, validation: data that cannot be right on its face. Each rule reads
 * the store through the connection it is given (read-only in a run) and
 * returns at most one finding that lists every offending row.
 */
const IVA_TENTHS = new Set([0, 25, 50, 105, 210, 270]);
const money = (centavos: number) => `$ ${(centavos / 100).toFixed(2).replace('.', ',')}`;

const { listing: finding } = phaseFindings('validacion');

export const VALIDATION_RULES: Record<string, (db: RawDatabase, ctx: RuleContext) => Finding[]> = {
  'codigo-de-barras-invalido'(db, ctx) {
    const rows = (db.prepare('select b.barcode, p.sku, p.name from product_barcodes b join products p on p.id = b.product_id order by p.sku').all() as { barcode: string; sku: string; name: string }[]).filter(
      (r) => /^\d+$/.test(r.barcode) && [8, 12, 13, 14].includes(r.barcode.length) && !isValidBarcode(r.barcode),
    );
    return finding(ctx, 'codigo-de-barras-invalido', 'media', counted(rows.length, 'Un código de barras con dígito verificador incorrecto', 'códigos de barras con dígito verificador incorrecto'), 'Un código EAN/UPC mal cargado no se puede escanear en la caja: se vende "a mano" o como otro producto.', { sku: [...new Set(rows.map((r) => r.sku))] }, ['código', 'sku', 'producto'], rows.map((r) => [r.barcode, r.sku, r.name]));
  },
  'codigo-de-barras-duplicado'(db, ctx) {
    // A product's barcode that is another product's SKU: a scan finds one, a search the other.
    const rows = db.prepare('select b.barcode, p.sku, o.sku as other from product_barcodes b join products p on p.id = b.product_id join products o on o.sku_key = lower(b.barcode) and o.id <> p.id order by p.sku').all() as { barcode: string; sku: string; other: string }[];
    return finding(ctx, 'codigo-de-barras-duplicado', 'media', counted(rows.length, 'Un código que apunta a dos productos', 'códigos que apuntan a dos productos'), 'El código de barras de un producto es el código interno de otro: la caja puede cobrar uno por el otro.', { sku: [...new Set(rows.flatMap((r) => [r.sku, r.other]))] }, ['código', 'sku', 'también es el sku de'], rows.map((r) => [r.barcode, r.sku, r.other]));
  },
  'cuit-invalido'(db, ctx) {
    const rows = (db.prepare('select cuit, name from suppliers order by name').all() as { cuit: string; name: string }[]).filter((r) => !isValidCuit(r.cuit));
    return finding(ctx, 'cuit-invalido', 'alta', counted(rows.length, 'Un proveedor con CUIT inválido', 'proveedores con CUIT inválido'), 'Un CUIT con el dígito verificador mal no existe en AFIP: las facturas de ese proveedor no se pueden validar.', { supplier: rows.map((r) => r.cuit) }, ['CUIT', 'proveedor'], rows.map((r) => [r.cuit, r.name]));
  },
  'sin-costo-o-precio'(db, ctx) {
    const rows = db.prepare('select sku, name, cost, price from products where active = 1 and (cost <= 0 or price <= 0) order by sku').all() as { sku: string; name: string; cost: number; price: number }[];
    return finding(ctx, 'sin-costo-o-precio', 'media', counted(rows.length, 'Un producto activo sin costo o sin precio', 'productos activos sin costo o sin precio'), 'Sin costo no hay margen ni valor de stock; sin precio la caja no puede cobrar.', { sku: rows.map((r) => r.sku) }, ['sku', 'producto', 'costo', 'precio'], rows.map((r) => [r.sku, r.name, money(r.cost), money(r.price)]));
  },
  'precio-bajo-costo'(db, ctx) {
    const rows = (db.prepare('select sku, name, cost, price, iva_rate from products where active = 1 and cost > 0 and price > 0 order by sku').all() as { sku: string; name: string; cost: number; price: number; iva_rate: number }[]).filter(
      (r) => r.price / (1 + r.iva_rate / 1000) < r.cost,
    );
    return finding(ctx, 'precio-bajo-costo', 'alta', counted(rows.length, 'Un producto con precio por debajo del costo', 'productos con precio por debajo del costo'), 'Sin IVA, el precio de góndola no cubre lo que cuesta reponerlo: cada venta pierde plata.', { sku: rows.map((r) => r.sku) }, ['sku', 'producto', 'costo s/IVA', 'precio s/IVA'], rows.map((r) => [r.sku, r.name, money(r.cost), money(Math.round(r.price / (1 + r.iva_rate / 1000)))]));
  },
  'iva-imposible'(db, ctx) {
    const rows = (db.prepare('select sku, name, iva_rate from products order by sku').all() as { sku: string; name: string; iva_rate: number }[]).filter((r) => !IVA_TENTHS.has(r.iva_rate));
    return finding(ctx, 'iva-imposible', 'alta', counted(rows.length, 'Un producto con una alícuota de IVA que no existe', 'productos con una alícuota de IVA que no existe'), 'Las alícuotas vigentes son 0, 2,5, 5, 10,5, 21 y 27 %.', { sku: rows.map((r) => r.sku) }, ['sku', 'producto', 'IVA %'], rows.map((r) => [r.sku, r.name, r.iva_rate / 10]));
  },
  'stock-negativo'(db, ctx) {
    const rows = db.prepare('select sku, name, unit, on_hand from products where on_hand < 0 order by on_hand').all() as { sku: string; name: string; unit: string; on_hand: number }[];
    return finding(ctx, 'stock-negativo', 'media', counted(rows.length, 'Un producto con stock negativo', 'productos con stock negativo'), 'Se vendió más de lo que entró: falta cargar una recepción o la venta fue de otro producto.', { sku: rows.map((r) => r.sku) }, ['sku', 'producto', 'stock'], rows.map((r) => [r.sku, r.name, `${r.on_hand / 1000} ${r.unit}`]));
  },
  'movimiento-futuro'(db, ctx) {
    const rows = db.prepare('select p.sku, m.kind, m.occurred_at, m.recorded_at, m.user_name from stock_movements m join products p on p.id = m.product_id where m.occurred_at > ? order by m.occurred_at').all(ctx.now) as { sku: string; kind: string; occurred_at: string; recorded_at: string; user_name: string | null }[];
    return finding(ctx, 'movimiento-futuro', 'alta', counted(rows.length, 'Un movimiento con fecha futura', 'movimientos con fecha futura'), 'Un movimiento fechado después de hoy altera el stock de días que todavía no pasaron.', { sku: [...new Set(rows.map((r) => r.sku))], user: [...new Set(rows.map((r) => r.user_name).filter((u): u is string => !!u))] }, ['sku', 'tipo', 'fecha', 'registrado', 'usuario'], rows.map((r) => [r.sku, r.kind, r.occurred_at, r.recorded_at, r.user_name]));
  },
  'inactivo-con-movimientos'(db, ctx) {
    const rows = db
      .prepare("select p.sku, p.name, count(*) as n, max(m.occurred_at) as last from stock_movements m join products p on p.id = m.product_id where p.active = 0 and m.occurred_at >= p.updated_at and m.occurred_at between ? and ? group by p.id order by n desc")
      .all(ctx.fromIso, ctx.toIso) as { sku: string; name: string; n: number; last: string }[];
    return finding(ctx, 'inactivo-con-movimientos', 'media', counted(rows.length, 'Un producto dado de baja que sigue moviéndose', 'productos dados de baja que siguen moviéndose'), 'Un producto inactivo no debería venderse ni recibirse: o se dio de baja por error o alguien lo usa para otra cosa.', { sku: rows.map((r) => r.sku) }, ['sku', 'producto', 'movimientos', 'último'], rows.map((r) => [r.sku, r.name, r.n, r.last]));
  },
};

