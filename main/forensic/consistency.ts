import type { RawDatabase } from '../db/open';
import { findingFor, type Finding, type RuleContext } from './types';

/**
 * Phase 2, consistency: figures the store keeps twice must agree. The ledger
 * (stock_movements) is the truth; on-hand caches, lot balances and receipt
 * totals are derived from it and from their lines, and every movement must
 * point at the document that caused it.
 */
const finding = (ctx: RuleContext, rule: string, severity: Finding['severity'], title: string, explanation: string, entities: Finding['entities'], columns: string[], rows: (string | number | null)[][]) =>
  findingFor('consistencia', ctx, rule, severity, title, explanation, entities, columns, rows);

/** Per document type, the movements whose document is not there (whole statements: SQL is never assembled). */
const ORPHANS: Record<string, string> = {
  receipt: 'select p.sku, m.kind, m.doc_id, m.occurred_at from stock_movements m join products p on p.id = m.product_id where m.doc_type = \'receipt\' and not exists (select 1 from receipts d where d.id = m.doc_id)',
  ticket: 'select p.sku, m.kind, m.doc_id, m.occurred_at from stock_movements m join products p on p.id = m.product_id where m.doc_type = \'ticket\' and not exists (select 1 from sale_tickets d where d.id = m.doc_id)',
  adjustment: 'select p.sku, m.kind, m.doc_id, m.occurred_at from stock_movements m join products p on p.id = m.product_id where m.doc_type = \'adjustment\' and not exists (select 1 from adjustments d where d.id = m.doc_id)',
  count: 'select p.sku, m.kind, m.doc_id, m.occurred_at from stock_movements m join products p on p.id = m.product_id where m.doc_type = \'count\' and not exists (select 1 from count_sessions d where d.id = m.doc_id)',
};

export const CONSISTENCY_RULES: Record<string, (db: RawDatabase, ctx: RuleContext) => Finding[]> = {
  'stock-no-cuadra'(db, ctx) {
    const rows = db
      .prepare('select p.sku, p.name, p.on_hand, coalesce(m.total, 0) as ledger from products p left join (select product_id, sum(qty) as total from stock_movements group by product_id) m on m.product_id = p.id where p.on_hand <> coalesce(m.total, 0) order by p.sku')
      .all() as { sku: string; name: string; on_hand: number; ledger: number }[];
    return finding(ctx, 'stock-no-cuadra', 'alta', `${rows.length} productos cuyo stock no es la suma de sus movimientos`, 'El stock guardado de cada producto tiene que ser exactamente la suma de sus movimientos. Si no lo es, alguien lo cambió por fuera de Góndola.', { sku: rows.map((r) => r.sku) }, ['sku', 'producto', 'stock guardado', 'suma de movimientos'], rows.map((r) => [r.sku, r.name, r.on_hand / 1000, r.ledger / 1000]));
  },
  'lote-no-cuadra'(db, ctx) {
    const rows = db
      .prepare('select p.sku, l.code, l.on_hand, coalesce(m.total, 0) as ledger from lots l join products p on p.id = l.product_id left join (select lot_id, sum(qty) as total from stock_movements where lot_id is not null group by lot_id) m on m.lot_id = l.id where l.on_hand <> coalesce(m.total, 0) order by p.sku')
      .all() as { sku: string; code: string; on_hand: number; ledger: number }[];
    return finding(ctx, 'lote-no-cuadra', 'alta', `${rows.length} lotes cuyo saldo no es la suma de sus movimientos`, 'El saldo de un lote se deriva de sus movimientos; si difiere, el vencimiento que muestra la góndola no es el real.', { sku: [...new Set(rows.map((r) => r.sku))] }, ['sku', 'lote', 'saldo guardado', 'suma de movimientos'], rows.map((r) => [r.sku, r.code, r.on_hand / 1000, r.ledger / 1000]));
  },
  'factura-no-suma'(db, ctx) {
    const receipts = db
      .prepare('select r.id, s.cuit, r.doc_type, r.pos, r.number, r.net_total, r.iva_total, r.total from receipts r join suppliers s on s.id = r.supplier_id where r.date between ? and ?')
      .all(ctx.from, ctx.to) as { id: string; cuit: string; doc_type: string; pos: number; number: number; net_total: number; iva_total: number; total: number }[];
    const lines = db.prepare('select receipt_id, qty, unit_cost, iva_rate from receipt_lines where receipt_id = ?');
    const rows: (string | number)[][] = [];
    for (const r of receipts) {
      let net = 0;
      let iva = 0;
      for (const l of lines.all(r.id) as { qty: number; unit_cost: number; iva_rate: number }[]) {
        const lineNet = Math.round((l.qty * l.unit_cost) / 1000);
        net += lineNet;
        iva += Math.round((lineNet * l.iva_rate) / 1000);
      }
      if (net !== r.net_total || iva !== r.iva_total || r.net_total + r.iva_total !== r.total) rows.push([`${r.cuit}-${r.doc_type}-${r.pos}-${r.number}`, r.net_total / 100, net / 100, r.iva_total / 100, iva / 100, r.total / 100]);
    }
    return finding(ctx, 'factura-no-suma', 'alta', `${rows.length} recepciones cuyos renglones no suman su total`, 'El neto y el IVA de una factura recibida son la suma de sus renglones; una diferencia es un total o un renglón editado.', { invoice: rows.map((r) => String(r[0])) }, ['factura', 'neto', 'neto de los renglones', 'IVA', 'IVA de los renglones', 'total'], rows);
  },
  'movimiento-sin-documento'(db, ctx) {
    const rows: (string | number)[][] = [];
    for (const [docType, statement] of Object.entries(ORPHANS)) {
      const orphans = db.prepare(statement).all() as { sku: string; kind: string; doc_id: string; occurred_at: string }[];
      for (const o of orphans) rows.push([o.sku, o.kind, docType, o.doc_id, o.occurred_at]);
    }
    return finding(ctx, 'movimiento-sin-documento', 'alta', `${rows.length} movimientos de stock sin su comprobante`, 'Cada movimiento nace de una recepción, un ticket, un ajuste o un conteo; uno sin comprobante entró por fuera de Góndola.', { sku: [...new Set(rows.map((r) => String(r[0])))] }, ['sku', 'tipo', 'comprobante', 'id', 'fecha'], rows);
  },
  'numeracion-de-tickets'(db, ctx) {
    // The store's own numbering is 8 digits from one counter: a hole is a ticket that was removed.
    const numbers = (db.prepare("select number from sale_tickets where length(number) = 8 and number not glob '*[^0-9]*' order by number").all() as { number: string }[]).map((r) => Number(r.number));
    const rows: (string | number)[][] = [];
    for (let i = 1; i < numbers.length; i++) {
      const gap = numbers[i]! - numbers[i - 1]! - 1;
      if (gap > 0) rows.push([String(numbers[i - 1]! + 1).padStart(8, '0'), String(numbers[i]! - 1).padStart(8, '0'), gap]);
    }
    return finding(ctx, 'numeracion-de-tickets', 'alta', `${rows.reduce((s, r) => s + Number(r[2]), 0)} números de ticket faltantes`, 'Los tickets se numeran de a uno; un número que falta es un ticket borrado de la base.', { ticket: rows.map((r) => String(r[0])) }, ['desde', 'hasta', 'faltan'], rows);
  },
};
