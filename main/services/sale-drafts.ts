import type { DraftLine, HeldTicket, MethodParsedInput, Payment, SaleDraft } from '../../contract';
import { AppError } from '../domain/errors';
import { lineAmount } from '../domain/ledger';
import { isoWithOffset } from '../domain/time';
import { write, type Core } from '../write';
import type { SettingsService } from './settings';

interface Payload {
  lines: DraftLine[];
  payment: Payment;
}

const EMPTY: SaleDraft = { lines: [], payment: 'efectivo', updatedAt: null };

function totals(lines: DraftLine[]): { items: number; total: number } {
  const active = lines.filter((l) => !l.voided);
  return { items: active.length, total: active.reduce((sum, l) => sum + lineAmount(l.qty, l.unitPrice, 0), 0) };
}

/**
 * The ticket at the counter while it is rung up, one per user, and tickets on
 * hold (en espera). The open ticket is the screen's state saved on every
 * change, so a reloaded or crashed window gets it back; saving it leaves no
 * audit entry (it is not a store record and would flood the log with one entry
 * per scan). Holding and resuming are audited; closing it is the sale.
 */
export class SaleDraftService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
  ) {}

  get(user: string): SaleDraft {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('sale_drafts').select(['payload', 'updated_at']).where('user_name', '=', user).where('status', '=', 'open'));
    if (!row) return EMPTY;
    const payload = JSON.parse(row.payload) as Payload;
    return { lines: payload.lines, payment: payload.payment, updatedAt: row.updated_at };
  }

  save(user: string, input: MethodParsedInput<'sales.saveDraft'>): SaleDraft {
    const now = this.core.clock.now().toISOString();
    const { q } = this.core.sql;
    // A transaction of its own without an audit entry: see the class comment.
    this.core.sql.transaction(() => {
      this.core.sql.run(q.deleteFrom('sale_drafts').where('user_name', '=', user).where('status', '=', 'open'));
      if (input.lines.length === 0) return;
      this.core.sql.run(
        q.insertInto('sale_drafts').values({
          id: this.core.ids.newId(),
          user_name: user,
          status: 'open',
          label: null,
          payload: JSON.stringify({ lines: input.lines, payment: input.payment } satisfies Payload),
          ...totals(input.lines),
          created_at: now,
          updated_at: now,
        }),
      );
    });
    return input.lines.length === 0 ? EMPTY : { lines: input.lines, payment: input.payment, updatedAt: now };
  }

  /** Clears the user's open ticket inside the transaction that closed it as a sale. */
  clearInTx(tx: { sql: Core['sql'] }, user: string): void {
    tx.sql.run(tx.sql.q.deleteFrom('sale_drafts').where('user_name', '=', user).where('status', '=', 'open'));
  }

  hold(user: string, input: MethodParsedInput<'sales.hold'>): HeldTicket {
    const id = write(this.core, (tx) => {
      const row = tx.sql.first(tx.sql.q.selectFrom('sale_drafts').selectAll().where('user_name', '=', user).where('status', '=', 'open'));
      if (!row || row.items === 0) throw new AppError('INVALID_STATE', 'No hay un ticket en curso para dejar en espera.');
      // The default label is the store's time of day: "Ticket de las 14:05".
      const label = input.label?.trim() || `Ticket de las ${isoWithOffset(tx.now, this.settings.get().timeZone).slice(11, 16)}`;
      tx.sql.run(tx.sql.q.updateTable('sale_drafts').set({ status: 'held', label, updated_at: tx.now }).where('id', '=', row.id));
      tx.audit({ entity: 'ticket-en-espera', id: row.id, after: { label, items: row.items, total: row.total } });
      return row.id;
    });
    return this.held().find((h) => h.id === id)!;
  }

  held(): HeldTicket[] {
    return this.core.sql
      .all(this.core.sql.q.selectFrom('sale_drafts').selectAll().where('status', '=', 'held').orderBy('updated_at'))
      .map((r) => ({ id: r.id, label: r.label ?? '', userName: r.user_name, heldAt: r.updated_at, items: r.items, total: r.total }));
  }

  resume(user: string, input: MethodParsedInput<'sales.resume'>): SaleDraft {
    write(this.core, (tx) => {
      const open = tx.sql.first(tx.sql.q.selectFrom('sale_drafts').select('items').where('user_name', '=', user).where('status', '=', 'open'));
      if (open && open.items > 0) throw new AppError('CONFLICT', 'Hay un ticket en curso: cobralo o dejalo en espera antes de retomar otro.');
      const row = tx.sql.first(tx.sql.q.selectFrom('sale_drafts').selectAll().where('id', '=', input.id).where('status', '=', 'held'));
      if (!row) throw new AppError('NOT_FOUND', 'Ese ticket ya no está en espera (lo retomó otra caja o se cobró).');
      tx.sql.run(tx.sql.q.deleteFrom('sale_drafts').where('user_name', '=', user).where('status', '=', 'open'));
      // Whoever resumes it owns it now: it becomes their open ticket.
      tx.sql.run(tx.sql.q.updateTable('sale_drafts').set({ status: 'open', user_name: user, label: null, updated_at: tx.now }).where('id', '=', row.id));
      tx.audit({ entity: 'ticket-en-espera', id: row.id, before: { label: row.label, user: row.user_name }, after: { resumedBy: user } });
    });
    return this.get(user);
  }
}
