import type { CountSession, MethodParsedInput } from '../../contract';
import type { CountStatus } from '../db/schema';
import { AppError, validationError } from '../domain/errors';
import { stockValue } from '../domain/ledger';
import { foldForSearch } from '../domain/text';
import { write, type Core, type WriteTx } from '../write';
import type { SettingsService } from './settings';

/**
 * Blind stock counts: the counter records what is on the shelf without seeing
 * what the ledger expects; closing freezes the expected figures and shows the
 * differences; only approval posts them, as count movements.
 */
export class CountService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
  ) {}

  open(input: MethodParsedInput<'counts.open'>, actor: string | null): CountSession {
    const id = write(this.core, (tx) => {
      let categoryId: string | null = null;
      let productIds: string[];
      if (input.category) {
        const category = tx.sql.first(tx.sql.q.selectFrom('categories').select('id').where('name_key', '=', foldForSearch(input.category)));
        if (!category) throw validationError([{ path: 'category', message: `No existe la categoría «${input.category}»` }]);
        categoryId = category.id;
        productIds = tx.sql
          .all(tx.sql.q.selectFrom('products').select('id').where('category_id', '=', category.id).where('active', '=', 1))
          .map((r) => r.id);
        if (productIds.length === 0) throw validationError([{ path: 'category', message: `La categoría «${input.category}» no tiene productos activos` }]);
      } else {
        productIds = [...new Set(input.productIds ?? [])];
        const found = tx.sql.all(tx.sql.q.selectFrom('products').select('id').where('id', 'in', productIds)).length;
        if (found !== productIds.length) throw validationError([{ path: 'productIds', message: 'Algún producto de la lista no existe' }]);
      }
      const sessionId = tx.newId();
      tx.sql.run(
        tx.sql.q.insertInto('count_sessions').values({
          id: sessionId,
          seq: tx.ledger.next('store'),
          name: input.name,
          category_id: categoryId,
          status: 'abierto',
          opened_at: tx.now,
          opened_by: actor,
          closed_at: null,
          approved_at: null,
          approved_by: null,
        }),
      );
      for (const productId of productIds) {
        tx.sql.run(tx.sql.q.insertInto('count_lines').values({ session_id: sessionId, product_id: productId, counted: null, counted_at: null, counted_by: null, expected: null }));
      }
      tx.emit('counts.changed', { sessionId });
      tx.audit({ entity: 'count', id: sessionId, after: { name: input.name, status: 'abierto', products: productIds.length } });
      return sessionId;
    });
    return this.get(id);
  }

  record(input: MethodParsedInput<'counts.record'>, actor: string | null): CountSession {
    write(this.core, (tx) => {
      this.requireStatus(tx, input.sessionId, ['abierto'], 'Solo se puede contar en un conteo abierto');
      const product = tx.ledger.product(input.productId);
      if (!product) throw new AppError('NOT_FOUND', 'No se encontró el producto');
      // A count changes on-hand only for what it covers: its list, or (a count by category) any product
      // of that category found on the shelf. Anything else would let a count set any product's stock.
      const session = tx.sql.first(tx.sql.q.selectFrom('count_sessions').select('category_id').where('id', '=', input.sessionId))!;
      const listed = tx.sql.first(tx.sql.q.selectFrom('count_lines').select('product_id').where('session_id', '=', input.sessionId).where('product_id', '=', input.productId));
      const inCategory = session.category_id !== null && tx.sql.first(tx.sql.q.selectFrom('products').select('id').where('id', '=', input.productId).where('category_id', '=', session.category_id));
      if (!listed && !inCategory) {
        throw validationError([{ path: 'productId', message: `«${product.name}» no está en este conteo: contalo en un conteo que lo incluya` }]);
      }
      tx.sql.run(
        tx.sql.q
          .insertInto('count_lines')
          .values({ session_id: input.sessionId, product_id: input.productId, counted: input.counted, counted_at: tx.now, counted_by: actor, expected: null })
          .onConflict((oc) => oc.columns(['session_id', 'product_id']).doUpdateSet({ counted: input.counted, counted_at: tx.now, counted_by: actor })),
      );
      tx.emit('counts.changed', { sessionId: input.sessionId });
      tx.audit({ entity: 'count', id: input.sessionId, after: { productId: input.productId, counted: input.counted } });
    });
    return this.get(input.sessionId);
  }

  close(input: MethodParsedInput<'counts.close'>): CountSession {
    write(this.core, (tx) => {
      this.requireStatus(tx, input.sessionId, ['abierto'], 'El conteo ya está cerrado');
      const lines = tx.sql.all(tx.sql.q.selectFrom('count_lines').select('product_id').where('session_id', '=', input.sessionId));
      for (const line of lines) {
        tx.sql.run(
          tx.sql.q
            .updateTable('count_lines')
            .set({ expected: tx.ledger.product(line.product_id)!.on_hand })
            .where('session_id', '=', input.sessionId)
            .where('product_id', '=', line.product_id),
        );
      }
      tx.sql.run(tx.sql.q.updateTable('count_sessions').set({ status: 'cerrado', closed_at: tx.now }).where('id', '=', input.sessionId));
      tx.emit('counts.changed', { sessionId: input.sessionId });
      tx.audit({ entity: 'count', id: input.sessionId, before: { status: 'abierto' }, after: { status: 'cerrado' } });
    });
    return this.get(input.sessionId);
  }

  approve(input: MethodParsedInput<'counts.approve'>, actor: string | null): CountSession {
    write(this.core, (tx) => {
      const session = this.requireStatus(tx, input.sessionId, ['cerrado'], 'Solo se aprueba un conteo cerrado');
      const lines = tx.sql.all(
        tx.sql.q.selectFrom('count_lines').selectAll().where('session_id', '=', input.sessionId).where('counted', 'is not', null),
      );
      for (const line of lines) {
        // The difference frozen at close: sales since then stay as they were.
        const difference = line.counted! - line.expected!;
        this.postDifference(tx, {
          productId: line.product_id,
          difference,
          occurredAt: session.closed_at ?? tx.now,
          actor,
          sessionId: session.id,
        });
      }
      tx.sql.run(
        tx.sql.q.updateTable('count_sessions').set({ status: 'aprobado', approved_at: tx.now, approved_by: actor }).where('id', '=', input.sessionId),
      );
      tx.emit('counts.changed', { sessionId: input.sessionId });
      tx.emit('stock.changed', { productIds: lines.map((l) => l.product_id) });
      tx.audit({
        entity: 'count',
        id: input.sessionId,
        before: { status: 'cerrado' },
        after: { status: 'aprobado', differences: lines.filter((l) => l.counted !== l.expected).map((l) => [l.product_id, l.counted! - l.expected!]) },
      });
    });
    return this.get(input.sessionId);
  }

  cancel(input: MethodParsedInput<'counts.cancel'>): CountSession {
    write(this.core, (tx) => {
      this.requireStatus(tx, input.sessionId, ['abierto', 'cerrado'], 'Un conteo aprobado no se puede anular: corregilo con otro conteo o un ajuste');
      const before = tx.sql.raw.prepare('select status from count_sessions where id = ?').pluck().get(input.sessionId);
      tx.sql.run(tx.sql.q.updateTable('count_sessions').set({ status: 'anulado' }).where('id', '=', input.sessionId));
      tx.emit('counts.changed', { sessionId: input.sessionId });
      tx.audit({ entity: 'count', id: input.sessionId, before: { status: before }, after: { status: 'anulado' } });
    });
    return this.get(input.sessionId);
  }

  /**
   * Posts a count difference as movements: a surplus into unlotted stock, a
   * shortfall out earliest expiry first. Imports of counts.csv use it too.
   */
  postDifference(
    tx: WriteTx,
    d: { productId: string; difference: number; occurredAt: string; actor: string | null; sessionId: string; historic?: boolean },
  ): void {
    if (d.difference === 0) return;
    const product = tx.ledger.product(d.productId)!;
    if (!d.historic && product.on_hand + d.difference < 0 && !this.settings.get().allowNegativeStock) {
      throw new AppError('INSUFFICIENT_STOCK', `El conteo de «${product.name}» dejaría el stock en negativo: revisalo antes de aprobar.`, {
        productId: product.id,
      });
    }
    const base = {
      kind: 'count' as const,
      productId: d.productId,
      unitCost: product.avg_cost,
      occurredAt: d.occurredAt,
      recordedAt: tx.now,
      userName: d.actor,
      docType: 'count' as const,
      docId: d.sessionId,
    };
    if (d.difference > 0) tx.ledger.post({ ...base, id: tx.newId(), qty: d.difference });
    else tx.ledger.takeOut(base, -d.difference, tx.newId);
  }

  /**
   * A count from history (counts.csv): posted at its time against the on-hand of
   * that moment, in an approved session per count time so it shows like any count.
   */
  postHistoricInTx(tx: WriteTx, c: { productId: string; counted: number; at: string; user: string | null; sessionName: string }): void {
    let session = tx.sql.first(
      tx.sql.q.selectFrom('count_sessions').select('id').where('name', '=', c.sessionName).where('opened_at', '=', c.at).where('status', '=', 'aprobado'),
    );
    if (!session) {
      const id = tx.newId();
      tx.sql.run(
        tx.sql.q.insertInto('count_sessions').values({
          id,
          seq: tx.ledger.next('store'),
          name: c.sessionName,
          category_id: null,
          status: 'aprobado',
          opened_at: c.at,
          opened_by: c.user,
          closed_at: c.at,
          approved_at: c.at,
          approved_by: c.user,
        }),
      );
      session = { id };
    }
    const expected = tx.ledger.product(c.productId)!.on_hand;
    tx.sql.run(
      tx.sql.q.insertInto('count_lines').values({ session_id: session.id, product_id: c.productId, counted: c.counted, counted_at: c.at, counted_by: c.user, expected }),
    );
    this.postDifference(tx, { productId: c.productId, difference: c.counted - expected, occurredAt: c.at, actor: c.user, sessionId: session.id, historic: true });
  }

  get(sessionId: string): CountSession {
    const { q } = this.core.sql;
    const session = this.core.sql.first(
      q
        .selectFrom('count_sessions')
        .leftJoin('categories', 'categories.id', 'count_sessions.category_id')
        .selectAll('count_sessions')
        .select('categories.name as category_name')
        .where('count_sessions.id', '=', sessionId),
    );
    if (!session) throw new AppError('NOT_FOUND', 'No se encontró el conteo', { sessionId });
    const lines = this.core.sql.all(
      q
        .selectFrom('count_lines')
        .innerJoin('products', 'products.id', 'count_lines.product_id')
        .select(['count_lines.product_id', 'count_lines.counted', 'count_lines.expected', 'products.sku', 'products.name', 'products.unit', 'products.avg_cost', 'products.search_text'])
        .where('session_id', '=', sessionId)
        .orderBy('products.search_text'),
    );
    const blind = session.status === 'abierto';
    return {
      id: session.id,
      name: session.name,
      category: session.category_name,
      status: session.status,
      openedAt: session.opened_at,
      closedAt: session.closed_at,
      approvedAt: session.approved_at,
      lines: lines.map((l) => {
        const difference = blind || l.counted === null || l.expected === null ? null : l.counted - l.expected;
        return {
          productId: l.product_id,
          sku: l.sku,
          name: l.name,
          unit: l.unit,
          counted: l.counted,
          expected: blind ? null : l.expected,
          difference,
          differenceValue: difference === null ? null : stockValue(difference, l.avg_cost),
        };
      }),
    };
  }

  list() {
    const rows = this.core.sql.all(
      this.core.sql.q
        .selectFrom('count_sessions')
        .leftJoin('categories', 'categories.id', 'count_sessions.category_id')
        .selectAll('count_sessions')
        .select('categories.name as category_name')
        .select((eb) => [
          eb.selectFrom('count_lines').whereRef('count_lines.session_id', '=', 'count_sessions.id').select(eb.fn.countAll<number>().as('n')).as('line_count'),
          eb
            .selectFrom('count_lines')
            .whereRef('count_lines.session_id', '=', 'count_sessions.id')
            .where('count_lines.counted', 'is not', null)
            .select(eb.fn.countAll<number>().as('n'))
            .as('counted_count'),
        ])
        .orderBy('count_sessions.seq', 'desc'),
    );
    return rows.map((s) => ({
      id: s.id,
      name: s.name,
      category: s.category_name,
      status: s.status,
      openedAt: s.opened_at,
      closedAt: s.closed_at,
      approvedAt: s.approved_at,
      lineCount: Number(s.line_count ?? 0),
      countedCount: Number(s.counted_count ?? 0),
    }));
  }

  private requireStatus(tx: WriteTx, sessionId: string, allowed: CountStatus[], message: string) {
    const session = tx.sql.first(tx.sql.q.selectFrom('count_sessions').selectAll().where('id', '=', sessionId));
    if (!session) throw new AppError('NOT_FOUND', 'No se encontró el conteo', { sessionId });
    if (!allowed.includes(session.status)) throw new AppError('INVALID_STATE', message, { status: session.status });
    return session;
  }
}
