import type { MethodParsedInput, OverrideAction, Payment, Role, SalePayment, ShiftSummary, Ticket } from '../../contract';
import { AppError, validationError } from '../domain/errors';
import { amountFits, ivaIncluded, lineAmount, MAX_AMOUNT } from '../domain/ledger';
import { formatMoney } from '../../locale';
import { mainMethod } from '../domain/payments';
import { dayRange, localDate } from '../domain/time';
import { type Core, type ProductStock, write, type WriteTx } from '../write';
import { tenthsToRate } from './products';
import type { SettingsService } from './settings';
import type { Grants } from '../security/grants';
import type { SaleDraftService } from './sale-drafts';
import { checkPlausibleInstant } from './store-dates';

type CloseInput = MethodParsedInput<'sales.close'>;
type ReturnInput = MethodParsedInput<'sales.return'>;

/** Who is calling: their name goes on the ticket, their role decides what needs a PIN. */
export interface Caller {
  name: string;
  role: Role;
}

/** Who authorized `action` with this grant (checked, spent once the call commits); null if nobody did. */
type Authorizer = (grant: string | undefined, action: OverrideAction) => string | null;

const UNIT_LABEL = { un: 'unidades', kg: 'kg', l: 'l' } as const;

/** Sale tickets and returns: each closed in one transaction with its stock movements. */
export class SaleService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
    private readonly grants: Grants,
    private readonly drafts: SaleDraftService,
  ) {}

  /**
   * A sale at the counter: the ticket, its payment parts, movements and audit
   * entry, and the cashier's open ticket cleared, in one transaction. Selling
   * beyond on-hand where the store does not allow it needs an encargado's or
   * dueño's grant (auth.authorize), and so does a cashier's price override or
   * discount; grants are spent only once the ticket is written.
   */
  close(input: CloseInput, caller: Caller | null, sessionId: string): Ticket {
    this.onlyOwnerDates(input, caller);
    if (input.closedAt) checkPlausibleInstant(this.core, input.closedAt, 'closedAt', 'La fecha del ticket');
    const actor = caller?.name ?? null;
    const grants = this.grants.forCall(sessionId);
    const id = write(this.core, (tx) => {
      const { id, audit } = this.closeInTx(tx, input, caller, grants.check);
      tx.audit({ entity: 'ticket', id, after: { ...this.auditSummary(tx, id), ...audit } });
      if (actor) this.drafts.clearInTx(tx, actor);
      return id;
    });
    grants.spend();
    return this.getById(id);
  }

  private closeInTx(tx: WriteTx, input: CloseInput, caller: Caller | null, authorizedBy: Authorizer): { id: string; audit: Record<string, unknown> } {
    const actor = caller?.name ?? null;
    const allowNegative = this.settings.get().allowNegativeStock;
    const products = input.lines.map((line, i) => {
      const product = tx.ledger.product(line.productId);
      if (!product) throw validationError([{ path: `lines.${i}.productId`, message: `La línea ${i + 1} no tiene un producto válido` }]);
      return product;
    });
    const lines = input.lines.map((line, i) => {
      const product = products[i]!;
      const unitPrice = line.unitPrice ?? product.price;
      const gross = lineAmount(line.qty, unitPrice, 0);
      return { line, product, unitPrice, gross, amount: gross - line.discount, override: unitPrice !== product.price || line.discount > 0 };
    });
    lines.forEach(({ line, product, unitPrice }, i) => {
      if (!amountFits(line.qty, unitPrice)) throw validationError([{ path: `lines.${i}.qty`, message: `La línea de «${product.name}» da más de ${formatMoney(MAX_AMOUNT)}: revisá la cantidad` }]);
    });
    const authorizers = new Set<string>();
    lines.forEach(({ line, product, gross, override }, i) => {
      if (line.discount > gross) {
        throw validationError([{ path: `lines.${i}.discount`, message: `El descuento de «${product.name}» (${formatMoney(line.discount)}) es mayor que la línea (${formatMoney(gross)})` }]);
      }
      if (!override || line.voided) return;
      if (!line.reason) throw validationError([{ path: `lines.${i}.reason`, message: `Falta el motivo del precio o el descuento de «${product.name}»` }]);
      if (caller?.role !== 'cajero') return;
      const by = authorizedBy(line.grant, 'precio');
      if (!by) {
        throw new AppError('NEEDS_AUTHORIZATION', `Cambiar el precio o descontar «${product.name}» lo autoriza un encargado o el dueño con su PIN.`, { action: 'precio', line: i });
      }
      authorizers.add(by);
    });
    // Stock is checked per product over the whole ticket (a product scanned twice counts twice).
    const wanted = new Map<string, { product: ProductStock; qty: number }>();
    input.lines.forEach((line, i) => {
      if (line.voided) return;
      const entry = wanted.get(line.productId) ?? { product: products[i]!, qty: 0 };
      entry.qty += line.qty;
      wanted.set(line.productId, entry);
    });
    const short = [...wanted.values()].filter((w) => w.qty > w.product.on_hand);
    const sinStock = short.length > 0 && !allowNegative ? authorizedBy(input.grant, 'vender-sin-stock') : null;
    if (short.length > 0 && !allowNegative && !sinStock) {
      const first = short[0]!;
      throw new AppError(
        'INSUFFICIENT_STOCK',
        `No hay stock suficiente de «${first.product.name}»: ${remaining(first.product.on_hand, first.product.unit)} y el ticket lleva ${formatQty(first.qty, first.product.unit)}.`,
        { productId: first.product.id, onHand: first.product.on_hand, requested: first.qty, products: short.map((w) => w.product.id) },
      );
    }
    if (sinStock) authorizers.add(sinStock);
    const total = lines.reduce((sum, l) => (l.line.voided ? sum : sum + l.amount), 0);
    if (total > MAX_AMOUNT) throw validationError([{ path: 'lines', message: `El ticket suma más de ${formatMoney(MAX_AMOUNT)}: revisá las cantidades` }]);
    const parts = paymentParts(input.payments ?? [{ method: input.payment, amount: total }], total);
    const number = this.ticketNumber(tx, input.number);
    const closedAt = input.closedAt ? new Date(input.closedAt).toISOString() : tx.now;
    const ticketId = tx.newId();
    tx.sql.run(
      tx.sql.q.insertInto('sale_tickets').values({
        id: ticketId,
        seq: tx.ledger.next('store'),
        number,
        closed_at: closedAt,
        cashier: actor,
        payment: parts.main,
        total,
        original_ticket_id: null,
        oversold: short.length > 0 ? 1 : 0,
        authorized_by: authorizers.size > 0 ? [...authorizers].join(', ') : null,
      }),
    );
    this.insertPayments(tx, ticketId, parts.split);
    const oversoldIds = new Set(short.map((s) => s.product.id));
    lines.forEach(({ line, product, unitPrice, amount, override }, i) => {
      tx.sql.run(
        tx.sql.q.insertInto('sale_lines').values({
          id: tx.newId(),
          ticket_id: ticketId,
          line_no: i + 1,
          product_id: product.id,
          qty: line.qty,
          unit_price: unitPrice,
          discount: line.discount,
          amount,
          iva_rate: product.iva_rate,
          voided: line.voided ? 1 : 0,
          shelf_price: override ? product.price : null,
          price_reason: override ? line.reason : null,
        }),
      );
      if (line.voided) return;
      // Read fresh: an earlier line of this ticket may have moved the average or the balance.
      const current = tx.ledger.product(product.id)!;
      tx.ledger.takeOut(
        {
          kind: 'sale',
          productId: product.id,
          unitCost: current.avg_cost,
          unitPrice,
          occurredAt: closedAt,
          recordedAt: tx.now,
          userName: actor,
          docType: 'ticket',
          docId: ticketId,
          oversold: oversoldIds.has(product.id),
        },
        line.qty,
        tx.newId,
      );
    });
    tx.emit('stock.changed', { productIds: [...wanted.keys()] });
    const overrides = lines
      .filter((l) => l.override && !l.line.voided)
      .map((l) => ({ producto: l.product.sku, precioGondola: l.product.price, precio: l.unitPrice, descuento: l.line.discount, motivo: l.line.reason }));
    return {
      id: ticketId,
      audit: {
        ...(sinStock ? { sinStockAutorizadoPor: sinStock } : {}),
        ...(overrides.length > 0 ? { precios: overrides } : {}),
        ...(parts.split.length > 0 ? { pagos: parts.split } : {}),
        ...(authorizers.size > 0 ? { autorizadoPor: [...authorizers] } : {}),
      },
    };
  }

  /** A ticket paid with more than one method keeps its parts (see migration 0009). */
  private insertPayments(tx: WriteTx, ticketId: string, split: SalePayment[]): void {
    split.forEach((part, i) => tx.sql.run(tx.sql.q.insertInto('sale_payments').values({ ticket_id: ticketId, part_no: i + 1, method: part.method, amount: part.amount })));
  }

  /**
   * A return against a ticket. A cashier needs an encargado's or dueño's grant
   * ('devolucion') to refund another cashier's ticket, or more than the store's
   * `returnPinAbove`.
   */
  return(input: ReturnInput, caller: Caller | null, sessionId: string): Ticket {
    this.onlyOwnerDates(input, caller);
    if (input.closedAt) checkPlausibleInstant(this.core, input.closedAt, 'closedAt', 'La fecha de la devolución');
    const grants = this.grants.forCall(sessionId);
    const id = write(this.core, (tx) => {
      const id = this.returnInTx(tx, input, caller, grants.check);
      tx.audit({ entity: 'ticket', id, after: { ...this.auditSummary(tx, id), returnOf: input.originalNumber, motivo: input.reason } });
      return id;
    });
    grants.spend();
    return this.getById(id);
  }

  /** What the audit keeps of a ticket: its number, total and lines in brief. */
  private auditSummary(tx: WriteTx, id: string): Record<string, unknown> {
    const head = tx.sql.raw.prepare('select number, total, payment, oversold from sale_tickets where id = ?').get(id) as Record<string, unknown>;
    const lines = tx.sql.raw.prepare('select product_id, qty, unit_price, voided from sale_lines where ticket_id = ? order by line_no').raw().all(id);
    return { ...head, lines };
  }

  returnInTx(tx: WriteTx, input: ReturnInput, caller: Caller | null, authorizedBy: Authorizer = () => null): string {
    const actor = caller?.name ?? null;
    const original = tx.sql.first(tx.sql.q.selectFrom('sale_tickets').select(['id', 'number', 'cashier']).where('number', '=', input.originalNumber));
    if (!original) throw new AppError('NOT_FOUND', `No existe el ticket ${input.originalNumber}`, { number: input.originalNumber });
    // What can still come back: sold on the original, minus earlier returns against it.
    const sold = tx.sql.all(
      tx.sql.q
        .selectFrom('sale_lines')
        .innerJoin('sale_tickets', 'sale_tickets.id', 'sale_lines.ticket_id')
        .select(['sale_lines.product_id', 'sale_lines.qty', 'sale_lines.unit_price', 'sale_lines.amount'])
        .where('sale_lines.voided', '=', 0)
        .where((eb) => eb.or([eb('sale_tickets.id', '=', original.id), eb('sale_tickets.original_ticket_id', '=', original.id)])),
    );
    const remaining = new Map<string, { qty: number; amount: number; soldQty: number }>();
    for (const row of sold) {
      const entry = remaining.get(row.product_id) ?? { qty: 0, amount: 0, soldQty: 0 };
      entry.qty += row.qty;
      if (row.qty > 0) {
        entry.amount += row.amount;
        entry.soldQty += row.qty;
      }
      remaining.set(row.product_id, entry);
    }
    const ticketId = tx.newId();
    const closedAt = input.closedAt ? new Date(input.closedAt).toISOString() : tx.now;
    const lines = input.lines.map((line, i) => {
      const left = remaining.get(line.productId);
      const product = tx.ledger.product(line.productId);
      if (!product || !left || line.qty > left.qty) {
        throw validationError([
          {
            path: `lines.${i}.qty`,
            message: `No se puede devolver más de lo vendido en el ticket ${original.number}${product && left ? ` (quedan ${formatQty(left.qty, product.unit)} de «${product.name}»)` : ''}`,
          },
        ]);
      }
      left.qty -= line.qty;
      // Refund at what was actually charged per unit on the original ticket.
      const unitPrice = Math.round((left.amount * 1000) / left.soldQty);
      return { line, product, unitPrice, amount: -lineAmount(line.qty, unitPrice, 0) };
    });
    const total = lines.reduce((s, l) => s + l.amount, 0);
    let authorized: string | null = null;
    if (caller?.role === 'cajero') {
      const limit = this.settings.get().returnPinAbove;
      const why = original.cashier !== actor ? `El ticket ${original.number} lo cobró ${original.cashier ?? 'otra persona'}` : -total > limit ? `La devolución (${formatMoney(-total)}) supera ${formatMoney(limit)}` : null;
      if (why) {
        authorized = authorizedBy(input.grant, 'devolucion');
        if (!authorized) throw new AppError('NEEDS_AUTHORIZATION', `${why}: la autoriza un encargado o el dueño con su PIN.`, { action: 'devolucion' });
      }
    }
    tx.sql.run(
      tx.sql.q.insertInto('sale_tickets').values({
        id: ticketId,
        seq: tx.ledger.next('store'),
        number: this.ticketNumber(tx, input.number),
        closed_at: closedAt,
        cashier: actor,
        payment: input.payment,
        total,
        original_ticket_id: original.id,
        oversold: 0,
        reason: input.reason,
        authorized_by: authorized,
      }),
    );
    lines.forEach(({ line, product, unitPrice, amount }, i) => {
      tx.sql.run(
        tx.sql.q.insertInto('sale_lines').values({
          id: tx.newId(),
          ticket_id: ticketId,
          line_no: i + 1,
          product_id: product.id,
          qty: -line.qty,
          unit_price: unitPrice,
          discount: 0,
          amount,
          iva_rate: product.iva_rate,
          voided: 0,
        }),
      );
      tx.ledger.post({
        id: tx.newId(),
        kind: 'return',
        productId: product.id,
        qty: line.qty,
        unitCost: tx.ledger.product(product.id)!.avg_cost,
        unitPrice,
        occurredAt: closedAt,
        recordedAt: tx.now,
        userName: actor,
        docType: 'ticket',
        docId: ticketId,
      });
    });
    tx.emit('stock.changed', { productIds: lines.map((l) => l.product.id) });
    return ticketId;
  }

  /**
   * Posts a ticket from history (imports): lines as they were, negative
   * quantities as returns, no stock check (what happened, happened: a line that
   * took stock below zero is flagged). Prepared statements: an import posts
   * hundreds of thousands of these.
   */
  postHistoricInTx(tx: WriteTx, t: HistoricTicket): void {
    const s = (this.historic ??= {
      ticket: this.core.sql.raw.prepare(
        'insert into sale_tickets (id, seq, number, closed_at, cashier, payment, total, original_ticket_id, oversold) values (?, ?, ?, ?, ?, ?, ?, null, ?)',
      ),
      line: this.core.sql.raw.prepare(
        'insert into sale_lines (id, ticket_id, line_no, product_id, qty, unit_price, discount, amount, iva_rate, voided) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      oversold: this.core.sql.raw.prepare('update sale_tickets set oversold = 1 where id = ?'),
    });
    const ticketId = tx.newId();
    const amounts = t.lines.map((l) => lineAmount(l.qty, l.unitPrice, l.discount));
    const total = amounts.reduce((sum, a, i) => (t.lines[i]!.voided ? sum : sum + a), 0);
    s.ticket.run(ticketId, tx.ledger.next('store'), t.number, t.closedAt, t.cashier, t.payment, total, 0);
    if (/^\d{1,15}$/.test(t.number)) tx.ledger.raise('ticket', Number(t.number));
    let oversold = false;
    t.lines.forEach((line, i) => {
      const product = tx.ledger.product(line.productId)!;
      s.line.run(tx.newId(), ticketId, line.lineNo, line.productId, line.qty, line.unitPrice, line.discount, amounts[i], product.iva_rate, line.voided ? 1 : 0);
      if (line.voided) return;
      const base = {
        productId: line.productId,
        unitCost: product.avg_cost,
        unitPrice: line.unitPrice,
        occurredAt: t.closedAt,
        recordedAt: tx.now,
        userName: t.cashier,
        docType: 'ticket' as const,
        docId: ticketId,
      };
      if (line.qty > 0) {
        const short = line.qty > product.on_hand;
        oversold ||= short;
        tx.ledger.takeOut({ ...base, kind: 'sale', oversold: short }, line.qty, tx.newId, product.on_hand);
      } else {
        tx.ledger.post({ ...base, id: tx.newId(), kind: 'return', qty: -line.qty }, product.on_hand);
      }
    });
    if (oversold) s.oversold.run(ticketId);
  }

  private historic: Record<'ticket' | 'line' | 'oversold', import('better-sqlite3').Statement> | undefined;

  get(number: string): Ticket {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('sale_tickets').select('id').where('number', '=', number));
    if (!row) throw new AppError('NOT_FOUND', `No existe el ticket ${number}`);
    return this.getById(row.id);
  }

  getById(id: string): Ticket {
    const { q } = this.core.sql;
    const head = this.core.sql.first(
      q
        .selectFrom('sale_tickets as t')
        .leftJoin('sale_tickets as o', 'o.id', 't.original_ticket_id')
        .selectAll('t')
        .select('o.number as original_number')
        .where('t.id', '=', id),
    );
    if (!head) throw new AppError('NOT_FOUND', 'No se encontró el ticket', { id });
    const lines = this.core.sql.all(
      q
        .selectFrom('sale_lines')
        .innerJoin('products', 'products.id', 'sale_lines.product_id')
        .selectAll('sale_lines')
        .select(['products.sku', 'products.name', 'products.unit'])
        .where('ticket_id', '=', id)
        .orderBy('line_no'),
    );
    const split = this.core.sql.all(q.selectFrom('sale_payments').select(['method', 'amount']).where('ticket_id', '=', id).orderBy('part_no'));
    const ivaBreakdown: Ticket['ivaBreakdown'] = {};
    for (const line of lines) {
      if (line.voided) continue;
      const key = String(tenthsToRate(line.iva_rate));
      const iva = ivaIncluded(line.amount, line.iva_rate);
      const entry = (ivaBreakdown[key] ??= { net: 0, iva: 0 });
      entry.iva += iva;
      entry.net += line.amount - iva;
    }
    return {
      id: head.id,
      seq: head.seq,
      number: head.number,
      closedAt: head.closed_at,
      cashier: head.cashier,
      payment: head.payment,
      total: head.total,
      originalNumber: head.original_number,
      oversold: head.oversold === 1,
      payments: split.length > 0 ? split : head.payment ? [{ method: head.payment, amount: head.total }] : [],
      reason: head.reason,
      authorizedBy: head.authorized_by,
      ivaBreakdown,
      lines: lines.map((l) => ({
        lineNo: l.line_no,
        productId: l.product_id,
        sku: l.sku,
        name: l.name,
        unit: l.unit,
        qty: l.qty,
        unitPrice: l.unit_price,
        discount: l.discount,
        amount: l.amount,
        ivaRate: tenthsToRate(l.iva_rate),
        voided: l.voided === 1,
        shelfPrice: l.shelf_price,
        reason: l.price_reason,
      })),
    };
  }

  list(input: MethodParsedInput<'sales.list'>) {
    let base = this.core.sql.q.selectFrom('sale_tickets as t').leftJoin('sale_tickets as o', 'o.id', 't.original_ticket_id');
    const day = input.day ? dayRange(input.day, this.settings.get().timeZone) : null;
    const from = day?.from ?? (input.from ? new Date(input.from).toISOString() : null);
    const to = day?.to ?? (input.to ? new Date(input.to).toISOString() : null);
    if (from) base = base.where('t.closed_at', '>=', from);
    if (to) base = base.where('t.closed_at', '<', to);
    const total = Number(this.core.sql.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
    const rows = this.core.sql.all(
      base.selectAll('t').select('o.number as original_number').orderBy('t.closed_at', 'desc').orderBy('t.seq', 'desc').limit(input.limit).offset(input.offset),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        seq: r.seq,
        number: r.number,
        closedAt: r.closed_at,
        cashier: r.cashier,
        payment: r.payment,
        total: r.total,
        originalNumber: r.original_number,
        oversold: r.oversold === 1,
        reason: r.reason,
        authorizedBy: r.authorized_by,
      })),
      total,
    };
  }

  /**
   * One user's store day at the counter. Payments by method follow the rule of
   * migration 0009: a ticket's parts when it was split, else its one method.
   */
  shift(userName: string, now: Date = this.core.clock.now()): ShiftSummary {
    const tz = this.settings.get().timeZone;
    const day = localDate(now, tz);
    const { from, to } = dayRange(day, tz);
    const raw = this.core.sql.raw;
    const head = raw
      .prepare(
        `select sum(original_ticket_id is null) as sales, sum(case when original_ticket_id is null then total else 0 end) as sold,
                sum(original_ticket_id is not null) as returns, sum(case when original_ticket_id is not null then total else 0 end) as returned,
                min(closed_at) as first_at, max(closed_at) as last_at
           from sale_tickets where cashier = ? and closed_at >= ? and closed_at < ?`,
      )
      .get(userName, from, to) as { sales: number | null; sold: number | null; returns: number | null; returned: number | null; first_at: string | null; last_at: string | null };
    const lines = raw
      .prepare(
        `select sum(case when l.voided = 1 then 0 when p.unit = 'un' then l.qty else 1000 end) as items, sum(l.voided) as voided
           from sale_lines l join sale_tickets t on t.id = l.ticket_id join products p on p.id = l.product_id
          where t.cashier = ? and t.closed_at >= ? and t.closed_at < ? and t.original_ticket_id is null`,
      )
      .get(userName, from, to) as { items: number | null; voided: number | null };
    const byMethod = raw
      .prepare(
        `select method, count(distinct case when original_ticket_id is null then id end) as tickets,
                sum(case when original_ticket_id is null then amount else 0 end) as sold,
                sum(case when original_ticket_id is null then 0 else amount end) as refunded, sum(amount) as total
           from (select t.id, t.original_ticket_id, coalesce(p.method, t.payment) as method, coalesce(p.amount, t.total) as amount
                   from sale_tickets t left join sale_payments p on p.ticket_id = t.id
                  where t.cashier = ? and t.closed_at >= ? and t.closed_at < ?)
          where method is not null
          group by method order by sold desc, method`,
      )
      .all(userName, from, to) as ShiftSummary['byMethod'];
    return {
      day,
      userName,
      tickets: head.sales ?? 0,
      items: Math.round((lines.items ?? 0) / 1000),
      total: (head.sold ?? 0) + (head.returned ?? 0),
      byMethod,
      returns: { tickets: head.returns ?? 0, total: head.returned ?? 0 },
      voidedLines: lines.voided ?? 0,
      firstAt: head.first_at,
      lastAt: head.last_at,
    };
  }

  /** The given ticket id (refused if taken), or the store's next number. */
  /**
   * At the counter only the store's clock dates a ticket and only the store
   * numbers it: a date or a number in the call is an owner's correction.
   */
  private onlyOwnerDates(input: { closedAt?: string | undefined; number?: string | undefined }, caller: Caller | null): void {
    if ((input.closedAt || input.number) && caller?.role !== 'dueño') {
      throw new AppError('FORBIDDEN', 'La fecha y el número del ticket los pone la caja: solo el dueño puede cargar un ticket con otra fecha o número.', { field: input.closedAt ? 'closedAt' : 'number' });
    }
  }

  private ticketNumber(tx: WriteTx, given: string | undefined): string {
    if (given) {
      const taken = tx.sql.first(tx.sql.q.selectFrom('sale_tickets').select('id').where('number', '=', given));
      if (taken) throw new AppError('CONFLICT', `Ya existe el ticket ${given}`, { field: 'number' });
      // A number in the store's own format (eight digits) keeps the numbering ahead of it;
      // any other never steers it (fifteen nines would jump the store to 10^15).
      if (/^\d{1,8}$/.test(given)) tx.ledger.raise('ticket', Number(given));
      return given;
    }
    for (;;) {
      const candidate = String(tx.ledger.next('ticket')).padStart(8, '0');
      const taken = tx.sql.first(tx.sql.q.selectFrom('sale_tickets').select('id').where('number', '=', candidate));
      if (!taken) return candidate;
    }
  }
}

export interface HistoricTicket {
  number: string;
  closedAt: string;
  cashier: string | null;
  payment: Payment | null;
  lines: { lineNo: number; productId: string; qty: number; unitPrice: number; discount: number; voided: boolean }[];
}

/** "queda 1 unidad", "quedan 3 unidades", "quedan 1,250 kg", "no queda nada": what is left, in words. */
export function remaining(thousandths: number, unit: 'un' | 'kg' | 'l'): string {
  if (thousandths <= 0) return thousandths === 0 ? 'no queda nada' : `el stock está en ${formatQty(thousandths, unit)}`;
  if (unit === 'un' && thousandths % 1000 === 0) return thousandths === 1000 ? 'queda 1 unidad' : `quedan ${thousandths / 1000} unidades`;
  return `quedan ${formatQty(thousandths, unit)}`;
}

export function formatQty(thousandths: number, unit: 'un' | 'kg' | 'l'): string {
  const whole = Math.trunc(thousandths / 1000);
  const frac = Math.abs(thousandths % 1000);
  const text = unit === 'un' && frac === 0 ? String(whole) : `${whole},${String(frac).padStart(3, '0')}`;
  return `${text} ${thousandths === 1000 && unit === 'un' ? 'unidad' : UNIT_LABEL[unit]}`;
}

/**
 * A ticket's payment in parts: the same method twice is one part; the parts must
 * add up to the total. `main` is the method that paid most (the ticket's
 * `payment`), `split` the parts to keep when more than one method paid.
 */
export function paymentParts(payments: SalePayment[], total: number): { main: Payment; split: SalePayment[] } {
  const byMethod = new Map<Payment, number>();
  for (const p of payments) byMethod.set(p.method, (byMethod.get(p.method) ?? 0) + p.amount);
  const parts = [...byMethod].map(([method, amount]) => ({ method, amount }));
  const paid = parts.reduce((sum, p) => sum + p.amount, 0);
  if (parts.length > 1 && paid !== total) {
    throw validationError([{ path: 'payments', message: `Los pagos suman ${formatMoney(paid)} y el ticket ${formatMoney(total)}: tienen que coincidir` }]);
  }
  const main = mainMethod(parts);
  return { main, split: parts.length > 1 ? parts : [] };
}
