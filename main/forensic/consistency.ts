import type { RawDatabase } from '../db/open';
import { invoiceRef } from '../domain/cuit';
import { formatMoney } from '../../locale';
import { localDate } from '../domain/time';
import { auditCrossCheck } from './audit-crosscheck';
import { ledgerReplay } from './period-data';
import { counted, KIND_LABEL, localStamp, phaseFindings, type Finding, type RuleContext } from './types';

/**
 * Phase 2, consistency: figures the store keeps twice must agree. The ledger
 * (stock_movements) is the truth; on-hand caches, lot balances and receipt
 * totals are derived from it and from their lines, and every movement must
 * point at the document that caused it.
 */
const { listing: finding } = phaseFindings('consistencia');

/** Per document type, the movements whose document is not there (whole statements: SQL is never assembled). */
const ORPHANS: Record<string, string> = {
  receipt: 'select p.sku, m.kind, m.doc_id, m.occurred_at from stock_movements m join products p on p.id = m.product_id where m.doc_type = \'receipt\' and not exists (select 1 from receipts d where d.id = m.doc_id)',
  ticket: 'select p.sku, m.kind, m.doc_id, m.occurred_at from stock_movements m join products p on p.id = m.product_id where m.doc_type = \'ticket\' and not exists (select 1 from sale_tickets d where d.id = m.doc_id)',
  adjustment: 'select p.sku, m.kind, m.doc_id, m.occurred_at from stock_movements m join products p on p.id = m.product_id where m.doc_type = \'adjustment\' and not exists (select 1 from adjustments d where d.id = m.doc_id)',
  count: 'select p.sku, m.kind, m.doc_id, m.occurred_at from stock_movements m join products p on p.id = m.product_id where m.doc_type = \'count\' and not exists (select 1 from count_sessions d where d.id = m.doc_id)',
};

export const CONSISTENCY_RULES: Record<string, (db: RawDatabase, ctx: RuleContext) => Finding[]> = {
  'stock-no-cuadra'(db, ctx) {
    const ledger = ledgerReplay(db, ctx).onHand;
    const rows = (db.prepare('select id, sku, name, on_hand from products order by sku').all() as { id: string; sku: string; name: string; on_hand: number }[])
      .map((p) => ({ ...p, ledger: ledger.get(p.id) ?? 0 }))
      .filter((p) => p.on_hand !== p.ledger);
    return finding(ctx, 'stock-no-cuadra', 'alta', counted(rows.length, 'Un producto cuyo stock no es la suma de sus movimientos', 'productos cuyo stock no es la suma de sus movimientos'), 'El stock guardado de cada producto tiene que ser exactamente la suma de sus movimientos. Si no lo es, alguien lo cambió por fuera de Góndola.', { sku: rows.map((r) => r.sku) }, ['sku', 'producto', 'stock guardado', 'suma de movimientos'], rows.map((r) => [r.sku, r.name, r.on_hand / 1000, r.ledger / 1000]));
  },
  'lote-no-cuadra'(db, ctx) {
    const rows = db
      .prepare('select p.sku, l.code, l.on_hand, coalesce(m.total, 0) as ledger from lots l join products p on p.id = l.product_id left join (select lot_id, sum(qty) as total from stock_movements where lot_id is not null group by lot_id) m on m.lot_id = l.id where l.on_hand <> coalesce(m.total, 0) order by p.sku')
      .all() as { sku: string; code: string; on_hand: number; ledger: number }[];
    return finding(ctx, 'lote-no-cuadra', 'alta', counted(rows.length, 'Un lote cuyo saldo no es la suma de sus movimientos', 'lotes cuyo saldo no es la suma de sus movimientos'), 'El saldo de un lote se deriva de sus movimientos; si difiere, el vencimiento que muestra la góndola no es el real.', { sku: [...new Set(rows.map((r) => r.sku))] }, ['sku', 'lote', 'saldo guardado', 'suma de movimientos'], rows.map((r) => [r.sku, r.code, r.on_hand / 1000, r.ledger / 1000]));
  },
  'lotes-exceden-stock'(db, ctx) {
    // Lots can hold no more than the product has: more means a sale went out without taking from its lots
    // (two processes on one store before they followed each other's lots), or a lot was edited by hand.
    const rows = db
      .prepare(
        `select p.sku, p.name, p.on_hand, sum(l.on_hand) as in_lots from lots l join products p on p.id = l.product_id
          where l.on_hand > 0 group by p.id having sum(l.on_hand) > max(p.on_hand, 0) order by p.sku`,
      )
      .all() as { sku: string; name: string; on_hand: number; in_lots: number }[];
    return finding(ctx, 'lotes-exceden-stock', 'alta', counted(rows.length, 'Un producto con más en sus lotes que en stock', 'productos con más en sus lotes que en stock'), 'Lo que hay en los lotes de un producto no puede superar su stock. Si lo supera, el vencimiento que muestra la góndola y el orden en que se vende (primero lo que vence antes) están mal desde entonces.', { sku: rows.map((r) => r.sku) }, ['sku', 'producto', 'stock', 'en lotes'], rows.map((r) => [r.sku, r.name, r.on_hand / 1000, r.in_lots / 1000]));
  },
  'fila-distinta-de-auditoria'(db, ctx) {
    const rows = auditCrossCheck(db);
    return finding(
      ctx,
      'fila-distinta-de-auditoria',
      'alta',
      counted(rows.length, 'Un dato que no coincide con el registro de auditoría', 'datos que no coinciden con el registro de auditoría'),
      'Cada ticket cobrado, cada usuario y la configuración tienen que ser lo que dice su última entrada del registro de auditoría. Si no lo son, alguien los cambió por fuera de Góndola (con la base de datos abierta en otro programa).',
      { ticket: rows.filter((r) => r.what === 'ticket').map((r) => r.which.replace(/^ticket /, '')), user: rows.filter((r) => r.what === 'usuario').map((r) => r.which) },
      ['qué', 'cuál', 'diferencia', 'entrada'],
      rows.map((r) => [r.what, r.which, r.reason, r.seq || '—']),
    );
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
      if (net !== r.net_total || iva !== r.iva_total || r.net_total + r.iva_total !== r.total) rows.push([invoiceRef(r.cuit, r.doc_type, r.pos, r.number), r.net_total / 100, net / 100, r.iva_total / 100, iva / 100, r.total / 100]);
    }
    return finding(ctx, 'factura-no-suma', 'alta', counted(rows.length, 'Una recepción cuyos renglones no suman su total', 'recepciones cuyos renglones no suman su total'), 'El neto y el IVA de una factura recibida son la suma de sus renglones; una diferencia es un total o un renglón editado.', { invoice: rows.map((r) => String(r[0])) }, ['factura', 'neto', 'neto de los renglones', 'IVA', 'IVA de los renglones', 'total'], rows);
  },
  'movimiento-sin-documento'(db, ctx) {
    const rows: (string | number)[][] = [];
    for (const [docType, statement] of Object.entries(ORPHANS)) {
      const orphans = db.prepare(statement).all() as { sku: string; kind: string; doc_id: string; occurred_at: string }[];
      for (const o of orphans) rows.push([o.sku, KIND_LABEL[o.kind] ?? o.kind, KIND_LABEL[docType] ?? docType, o.doc_id, localStamp(ctx, o.occurred_at)]);
    }
    return finding(ctx, 'movimiento-sin-documento', 'alta', counted(rows.length, 'Un movimiento de stock sin su comprobante', 'movimientos de stock sin su comprobante'), 'Cada movimiento nace de una recepción, un ticket, un ajuste o un conteo; uno sin comprobante entró por fuera de Góndola.', { sku: [...new Set(rows.map((r) => String(r[0])))] }, ['sku', 'tipo', 'comprobante', 'id', 'fecha'], rows);
  },
  'valor-no-cuadra'(db, ctx) {
    // The stock's value is on-hand × average cost, and the average is made by
    // the receipts' layers: replaying them must give the stored average, and
    // every other movement was valued at the average of its moment.
    const replay = ledgerReplay(db, ctx);
    const rows: (string | number)[][] = [];
    for (const p of db.prepare('select id, sku, name, on_hand, avg_cost from products order by sku').all() as { id: string; sku: string; name: string; on_hand: number; avg_cost: number }[]) {
      const avg = replay.avgCost.get(p.id);
      const off = replay.offCost.get(p.id) ?? 0;
      if (avg === undefined || (Math.abs(p.avg_cost - avg) <= 1 && off === 0)) continue;
      rows.push([p.sku, p.name, formatMoney(p.avg_cost), formatMoney(avg), formatMoney(Math.round((p.on_hand * (p.avg_cost - avg)) / 1000)), off]);
    }
    return finding(ctx, 'valor-no-cuadra', 'alta', counted(rows.length, 'Un producto cuyo costo promedio no sale de sus compras', 'productos cuyo costo promedio no sale de sus compras'), 'El valor del stock es la cantidad por el costo promedio, y el promedio lo forman las recepciones: recalculado desde los movimientos tiene que dar lo mismo. Si no, alguien cambió un costo o un movimiento por fuera de Góndola y el valor del stock (y el margen) está mal.', { sku: rows.map((r) => String(r[0])) }, ['sku', 'producto', 'costo promedio guardado', 'según las compras', 'diferencia en el valor del stock', 'movimientos a otro costo'], rows);
  },
  'periodo-cerrado-modificado'(db, ctx) {
    // A period is closed once a forensic run has reviewed it: anything recorded
    // afterwards with a business date inside it changed what was reported.
    const runs = db.prepare('select period_to, finished_at from forensic_runs order by finished_at').all() as { period_to: string; finished_at: string }[];
    if (runs.length === 0) return [];
    const earliest = runs[0]!.finished_at;
    const late = db
      .prepare('select m.occurred_at, m.recorded_at, m.kind, m.doc_type, m.doc_id, p.sku, m.qty, m.user_name from stock_movements m join products p on p.id = m.product_id where m.recorded_at > ? order by m.recorded_at')
      .all(earliest) as { occurred_at: string; recorded_at: string; kind: string; doc_type: string; doc_id: string; sku: string; qty: number; user_name: string | null }[];
    const rows: (string | number | null)[][] = [];
    for (const m of late) {
      const date = localDate(m.occurred_at, ctx.timeZone);
      const closedBy = runs.find((r) => r.finished_at < m.recorded_at && date <= r.period_to);
      if (closedBy) rows.push([date, localStamp(ctx, m.recorded_at), KIND_LABEL[m.kind] ?? m.kind, m.sku, m.qty / 1000, m.user_name, closedBy.period_to]);
    }
    return finding(ctx, 'periodo-cerrado-modificado', 'media', counted(rows.length, 'Un movimiento cargado con fecha de un período ya revisado', 'movimientos cargados con fecha de un período ya revisado'), 'Una revisión forense cierra su período: lo que se carga después con fecha anterior cambia números que ya se informaron. Puede ser una factura atrasada; también una manera de tapar un faltante.', { sku: [...new Set(rows.map((r) => String(r[3])))], user: [...new Set(rows.map((r) => String(r[5] ?? '—')))] }, ['fecha del movimiento', 'cargado', 'tipo', 'sku', 'cantidad', 'usuario', 'período revisado hasta'], rows);
  },
  'numeracion-de-tickets'(db, ctx) {
    // The store's own numbering is 8 digits from one counter: a hole is a ticket that was removed.
    const numbers = (db.prepare("select number from sale_tickets where length(number) = 8 and number not glob '*[^0-9]*' order by number").all() as { number: string }[]).map((r) => Number(r.number));
    const rows: (string | number)[][] = [];
    for (let i = 1; i < numbers.length; i++) {
      const gap = numbers[i]! - numbers[i - 1]! - 1;
      if (gap > 0) rows.push([String(numbers[i - 1]! + 1).padStart(8, '0'), String(numbers[i]! - 1).padStart(8, '0'), gap]);
    }
    return finding(ctx, 'numeracion-de-tickets', 'alta', counted(rows.reduce((s, r) => s + Number(r[2]), 0), 'Un número de ticket faltante', 'números de ticket faltantes'), 'Los tickets se numeran de a uno; un número que falta es un ticket borrado de la base.', { ticket: rows.map((r) => String(r[0])) }, ['desde', 'hasta', 'faltan'], rows);
  },
};
