import type { Statement } from 'better-sqlite3';
import type { RawDatabase } from '../db/open';
import { allocateFefo, lineAmount, type LotStock } from '../domain/ledger';
import { RowError } from '../domain/errors';
import type { WriteTx } from './core';

/**
 * sales.csv, the big file of an import, on a path of its own: the ledger's
 * second writer (the first is `ledger.ts`; no other code writes movements,
 * lots or on-hand caches).
 *
 * Posting a million lines one by one (a sale-line row, a movement row and a
 * cache update each, issued from JavaScript) cost ~55 µs a line. Here the lines
 * are staged as plain integers; the replay walks them in time order with each
 * product's on-hand, average cost and lots held in memory, and writes only
 * what needs computing (sequence, balance, unit cost, lot, oversold) to a lean
 * table; tickets, sale lines and movements are then written with one
 * `INSERT … SELECT` each, with secondary indexes rebuilt afterwards when the
 * import is bigger than what the store already holds.
 *
 * The ledger's rules are the same as `SaleService.postHistoricInTx` (which the
 * demo store still uses): earliest expiry first for lot-tracked products, the
 * average cost of the moment as the unit cost, and oversold lines flagged.
 * Receipts, adjustments and counts, interleaved by time, go through their
 * services; before one touches a product its state is written back
 * (`settle`), and read again after.
 */

interface ProductState {
  id: string;
  onHand: number;
  avgCost: number;
  /** The product's lots with stock (FEFO), or null when it has never had lots. */
  lots: LotStock[] | null;
  dirty: boolean;
}

interface TicketHead {
  ord: number;
  number: string;
  ts: string;
  cashier: string | null;
  payment: string | null;
}

/** A ticket whose split payment does not add up to its lines: reported on its first line. */
export interface SplitMismatch {
  line: number;
  ticket: string;
  paid: number;
  total: number;
  /** The ticket's lines, all left out with it. */
  lines: number;
}

/** What the bulk path needs of a checked line of sales.csv (the importer's SaleRow is one). */
export interface BulkSaleRow {
  ticket: string;
  line: number | null;
  datetime: string;
  qty: number;
  unitPrice: number;
  discount: number;
  cashier: string | null;
  payment: string | null;
  payments: { method: string; amount: number }[] | null;
  voided: boolean;
}

export interface StagedSaleLine {
  row: BulkSaleRow;
  sku: string;
  /** The row's line in the file (a split payment that does not add up is reported there). */
  line: number;
}

export class SalesBulk {
  private readonly s: Record<'ticketInsert' | 'ticketGet' | 'lineInsert' | 'lineMax', Statement>;
  private readonly productIndex = new Map<string, number>();
  private readonly skus: string[] = [];
  private last: { number: string | null; ord: number; ts: string; inStore: boolean; nextLine: number } = { number: null, ord: 0, ts: '', inStore: false, nextLine: 1 };

  constructor(
    private readonly raw: RawDatabase,
    private readonly ticketInStore: (number: string) => boolean,
  ) {
    raw.exec(`
      drop table if exists temp.imp_ticket; drop table if exists temp.imp_sale_line; drop table if exists temp.imp_ticket_out;
      drop table if exists temp.imp_mv; drop table if exists temp.imp_product;
      create temp table imp_ticket (ord integer primary key, number text not null unique, ts text not null, cashier text, payment text, split text, first_line integer);
      create temp table imp_sale_line (ticket_ord integer not null, line_no integer not null, product integer not null, qty integer not null,
        unit_price integer not null, discount integer not null, amount integer not null, voided integer not null, primary key (ticket_ord, line_no));
    `);
    this.s = {
      ticketInsert: raw.prepare('insert into imp_ticket (number, ts, cashier, payment, split, first_line) values (?, ?, ?, ?, ?, ?)'),
      ticketGet: raw.prepare('select ord, ts from imp_ticket where number = ?'),
      lineInsert: raw.prepare('insert into imp_sale_line values (?, ?, ?, ?, ?, ?, ?, ?)'),
      lineMax: raw.prepare('select coalesce(max(line_no), 0) from imp_sale_line where ticket_ord = ?').pluck(),
    };
  }

  /**
   * Tickets whose split payment does not add up to their lines (voided lines
   * aside): each is reported on its first line and taken out of what will be
   * applied, so a ticket is never written with parts that disagree with it.
   */
  rejectSplitMismatches(): SplitMismatch[] {
    const found = this.raw
      .prepare(
        `select t.ord, t.first_line as line, t.number as ticket, s.paid, coalesce(sum(case when l.voided = 0 then l.amount end), 0) as total, count(l.line_no) as lines
           from imp_ticket t
           join (select t2.ord, sum(json_extract(j.value, '$.amount')) as paid from imp_ticket t2, json_each(t2.split) j where t2.split is not null group by t2.ord) s on s.ord = t.ord
           left join imp_sale_line l on l.ticket_ord = t.ord
          group by t.ord
         having s.paid <> total`,
      )
      .all() as (SplitMismatch & { ord: number })[];
    const dropLines = this.raw.prepare('delete from imp_sale_line where ticket_ord = ?');
    const dropTicket = this.raw.prepare('delete from imp_ticket where ord = ?');
    for (const m of found) {
      dropLines.run(m.ord);
      dropTicket.run(m.ord);
    }
    return found.map(({ ord: _ord, ...m }) => m);
  }

  drop(): void {
    this.raw.exec(`drop table if exists temp.imp_ticket; drop table if exists temp.imp_sale_line; drop table if exists temp.imp_ticket_out;
      drop table if exists temp.imp_mv; drop table if exists temp.imp_product;`);
  }

  // ── staging ──────────────────────────────────────────────────────────────

  /** Stages one checked line of sales.csv; `unchanged` when its ticket is already in the store. */
  stage({ row: r, sku, line }: StagedSaleLine): 'staged' | 'unchanged' {
    // Lines of a ticket usually come together: look the ticket up once, not per line.
    if (r.ticket !== this.last.number) {
      const inStore = this.ticketInStore(r.ticket);
      let ord = 0;
      let ts = '';
      let nextLine = 1;
      if (!inStore) {
        const found = this.s.ticketGet.get(r.ticket) as { ord: number; ts: string } | undefined;
        if (found) {
          ord = found.ord;
          ts = found.ts;
          nextLine = (this.s.lineMax.get(ord) as number) + 1;
        } else {
          ord = Number(this.s.ticketInsert.run(r.ticket, r.datetime, r.cashier, r.payment, r.payments ? JSON.stringify(r.payments) : null, line).lastInsertRowid);
          ts = r.datetime;
        }
      }
      this.last = { number: r.ticket, ord, ts, inStore, nextLine };
    }
    if (this.last.inStore) return 'unchanged';
    if (this.last.ts !== r.datetime) throw new RowError('datetime', `el ticket ${r.ticket} ya tiene otra fecha y hora en otra línea`);
    const lineNo = r.line ?? this.last.nextLine;
    try {
      this.s.lineInsert.run(this.last.ord, lineNo, this.indexOf(sku), r.qty, r.unitPrice, r.discount, lineAmount(r.qty, r.unitPrice, r.discount), r.voided ? 1 : 0);
    } catch {
      throw new RowError('line', `la línea ${lineNo} del ticket ${r.ticket} está repetida (clave repetida)`);
    }
    this.last.nextLine = Math.max(this.last.nextLine, lineNo + 1);
    return 'staged';
  }

  private indexOf(sku: string): number {
    const key = sku.toUpperCase();
    let index = this.productIndex.get(key);
    if (index === undefined) {
      index = this.skus.length;
      this.skus.push(key);
      this.productIndex.set(key, index);
    }
    return index;
  }

  // ── replaying ────────────────────────────────────────────────────────────

  /**
   * Walks the staged tickets in time order, interleaved with the other events,
   * and writes everything at the end. At the same instant the order is the
   * files' (receipts, tickets, adjustments, counts), as it was posted.
   * Returns the number of sale lines applied.
   */
  replay(
    tx: WriteTx,
    actor: string | null,
    others: { peek(): { ts: string; kind: string } | null; runNext(settle: (productIds: string[]) => void): void },
    onProgress?: (done: number) => void,
  ): number {
    const raw = this.raw;
    raw.exec(`
      create temp table imp_product (idx integer primary key, id text not null, iva_rate integer not null);
      create temp table imp_ticket_out (ord integer primary key, id text not null, seq integer not null, total integer not null, oversold integer not null,
        number text not null, ts text not null, cashier text, payment text);
      create temp table imp_mv (seq integer primary key, ticket_ord integer not null, product integer not null, unit_price integer not null,
        lot_id text, qty integer not null, unit_cost integer not null, balance integer not null, oversold integer not null);
      create index temp.imp_ticket_time on imp_ticket (ts, ord);
    `);
    const productRow = raw.prepare('select id, iva_rate from products where sku_key = ?');
    const productInsert = raw.prepare('insert into imp_product values (?, ?, ?)');
    const ids: string[] = [];
    this.skus.forEach((key, idx) => {
      const p = productRow.get(key) as { id: string; iva_rate: number };
      productInsert.run(idx, p.id, p.iva_rate);
      ids.push(p.id);
    });

    const state = new Map<number, ProductState>();
    const byId = new Map<string, number>(ids.map((id, idx) => [id, idx]));
    const load = (idx: number): ProductState => {
      let p = state.get(idx);
      if (!p) {
        const row = tx.ledger.product(ids[idx]!)!;
        const lots = tx.ledger.lots(row.id);
        p = { id: row.id, onHand: row.on_hand, avgCost: row.avg_cost, lots: lots.length > 0 ? lots.map((l) => ({ ...l })) : null, dirty: false };
        state.set(idx, p);
      }
      return p;
    };
    const writeOnHand = raw.prepare('update products set on_hand = ? where id = ?');
    const writeLot = raw.prepare('update lots set on_hand = ? where id = ?');
    const write = (p: ProductState) => {
      if (!p.dirty) return;
      writeOnHand.run(p.onHand, p.id);
      for (const lot of p.lots ?? []) writeLot.run(lot.onHand, lot.id);
      p.dirty = false;
    };
    // Another event is about to touch these products through the ledger: hand
    // their state over, and read it back next time it is needed.
    const settle = (productIds: string[]) => {
      for (const id of productIds) {
        const idx = byId.get(id);
        if (idx === undefined) continue;
        const p = state.get(idx);
        if (p) write(p);
        state.delete(idx);
      }
    };

    const page = raw.prepare('select ord, number, ts, cashier, payment from imp_ticket where (ts, ord) > (?, ?) order by ts, ord limit 2000');
    const pageLines = raw.prepare(`select l.ticket_ord as ord, l.product, l.qty, l.unit_price as price, l.amount, l.voided
      from imp_sale_line l where l.ticket_ord in (select ord from imp_ticket where (ts, ord) > (?, ?) order by ts, ord limit 2000)
      order by l.ticket_ord, l.line_no`);
    // Each computed row carries what the final INSERT … SELECT needs, so that
    // statement joins only small tables (tickets by ord, products by index).
    const mvInsert = raw.prepare('insert into imp_mv values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const ticketOut = raw.prepare('insert into imp_ticket_out values (?, ?, ?, ?, ?, ?, ?, ?, ?)');

    let cursor = { ts: '', ord: 0 };
    let lines = 0;
    let maxNumber = 0;
    for (;;) {
      const tickets = page.all(cursor.ts, cursor.ord) as TicketHead[];
      if (tickets.length === 0) break;
      const linesOf = new Map<number, { product: number; qty: number; price: number; amount: number; voided: number }[]>();
      for (const line of pageLines.all(cursor.ts, cursor.ord) as { ord: number; product: number; qty: number; price: number; amount: number; voided: number }[]) {
        let list = linesOf.get(line.ord);
        if (!list) linesOf.set(line.ord, (list = []));
        list.push(line);
      }
      for (const ticket of tickets) {
        // What happened before this ticket goes first: earlier events, and receipts of the same instant.
        for (let e = others.peek(); e && (e.ts < ticket.ts || (e.ts === ticket.ts && e.kind === 'receipt')); e = others.peek()) others.runNext(settle);
        const seq = tx.ledger.next('store');
        let total = 0;
        let oversold = false;
        for (const line of linesOf.get(ticket.ord) ?? []) {
          lines++;
          if (line.voided) continue;
          total += line.amount;
          const p = load(line.product);
          p.dirty = true;
          if (line.qty > 0) {
            const short = line.qty > p.onHand;
            oversold ||= short;
            const parts = p.lots ? allocateFefo(p.lots, line.qty) : [{ lotId: null, qty: line.qty }];
            for (const part of parts) {
              p.onHand -= part.qty;
              if (part.lotId) p.lots!.find((l) => l.id === part.lotId)!.onHand -= part.qty;
              mvInsert.run(tx.ledger.next('store'), ticket.ord, line.product, line.price, part.lotId, -part.qty, p.avgCost, p.onHand, short ? 1 : 0);
            }
          } else {
            p.onHand -= line.qty;
            mvInsert.run(tx.ledger.next('store'), ticket.ord, line.product, line.price, null, -line.qty, p.avgCost, p.onHand, 0);
          }
        }
        ticketOut.run(ticket.ord, tx.newId(), seq, total, oversold ? 1 : 0, ticket.number, ticket.ts, ticket.cashier, ticket.payment);
        if (/^\d{1,15}$/.test(ticket.number)) maxNumber = Math.max(maxNumber, Number(ticket.number));
      }
      onProgress?.(lines);
      const tail = tickets[tickets.length - 1]!;
      cursor = { ts: tail.ts, ord: tail.ord };
    }
    while (others.peek()) others.runNext(settle);
    if (maxNumber > 0) tx.ledger.raise('ticket', maxNumber);
    for (const p of state.values()) write(p);
    timing('replay');
    if (lines > 0) this.writeDocuments(tx, actor);
    return lines;
  }

  /** Tickets, sale lines and movements, one statement each, in sequence order. */
  private writeDocuments(tx: WriteTx, actor: string | null): void {
    const raw = this.raw;
    raw.function('gondola_new_id', { deterministic: false, varargs: false }, () => tx.newId());
    const staged = raw.prepare('select count(*) from imp_mv').pluck().get() as number;
    const existing = (raw.prepare("select value from sequences where name = 'store'").pluck().get() as number | undefined) ?? 0;
    // Maintaining secondary indexes row by row costs more than building them
    // again once, when the import is at least as big as what is there.
    const rebuild = staged > existing - staged
      ? (raw
          .prepare("select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('stock_movements', 'sale_lines', 'sale_tickets')")
          .all() as { name: string; sql: string }[])
      : [];
    // Identifiers read back from the schema itself, not values: checked, then named.
    for (const index of rebuild) raw.exec('drop index ' + identifier(index.name));

    timing('drop indexes');
    const expected = raw.prepare('select (select count(*) from imp_ticket_out), (select count(*) from imp_sale_line), (select count(*) from imp_mv)').raw().get() as [number, number, number];
    const written = [0, 0, 0];
    written[0] = raw
      .prepare(
        `insert into sale_tickets (id, seq, number, closed_at, cashier, payment, total, original_ticket_id, oversold)
         select o.id, o.seq, o.number, o.ts, coalesce(o.cashier, ?), o.payment, o.total, null, o.oversold
         from imp_ticket_out o order by o.seq`,
      )
      .run(actor).changes;
    // Split payments: their parts, in the order the file gave them (see migration 0009).
    raw
      .prepare(
        `insert into sale_payments (ticket_id, part_no, method, amount)
         select o.id, j.key + 1, json_extract(j.value, '$.method'), json_extract(j.value, '$.amount')
           from imp_ticket_out o join imp_ticket t on t.ord = o.ord, json_each(t.split) j
          where t.split is not null`,
      )
      .run();
    timing('tickets');
    written[1] = raw
      .prepare(
        `insert into sale_lines (id, ticket_id, line_no, product_id, qty, unit_price, discount, amount, iva_rate, voided)
         select gondola_new_id(), o.id, l.line_no, p.id, l.qty, l.unit_price, l.discount, l.amount, p.iva_rate, l.voided
         from imp_ticket_out o join imp_sale_line l on l.ticket_ord = o.ord join imp_product p on p.idx = l.product`,
      )
      .run().changes;
    timing('sale lines');
    written[2] = raw
      .prepare(
        `insert into stock_movements (id, seq, kind, reason, product_id, lot_id, qty, unit_cost, unit_price, occurred_at, recorded_at, user_name, doc_type, doc_id, balance_after, oversold, note)
         select gondola_new_id(), m.seq, case when m.qty < 0 then 'sale' else 'return' end, null, p.id, m.lot_id, m.qty, m.unit_cost, m.unit_price,
                o.ts, ?, coalesce(o.cashier, ?), 'ticket', o.id, m.balance, m.oversold, null
         from imp_mv m join imp_ticket_out o on o.ord = m.ticket_ord join imp_product p on p.idx = m.product
         order by m.seq`,
      )
      .run(tx.now, actor).changes;
    timing('movements');
    // Inner joins would drop a row silently if a reference were missing: count instead of trusting.
    if (written.some((n, i) => n !== expected[i])) {
      throw new Error(`bulk sales wrote ${written.join('/')} rows, expected ${expected.join('/')} (tickets/lines/movements)`);
    }
    for (const index of rebuild) raw.exec(index.sql);
    timing('indexes');
  }
}

/** With GONDOLA_IMPORT_TIMING set, how long each step of an import took (for the benchmark). */
let lastMark = 0;
export function timing(step: string): void {
  if (!process.env.GONDOLA_IMPORT_TIMING) return;
  const now = performance.now();
  const { rss, heapUsed } = process.memoryUsage();
  if (lastMark) process.stderr.write(`  ${step}: ${((now - lastMark) / 1000).toFixed(2)} s (rss ${Math.round(rss / 1048576)} MB, heap ${Math.round(heapUsed / 1048576)} MB)\n`);
  lastMark = now;
}

/** An index name from sqlite_master, refused unless it is a plain identifier. */
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`unexpected index name ${name}`);
  return name;
}
