import type { MethodParsedInput, Supplier, Weekday } from '../../contract';
import type { SuppliersTable } from '../db/schema';
import { isValidCuit, normalizeCuit } from '../domain/cuit';
import { AppError, validationError } from '../domain/errors';
import { escapeLike } from '../domain/text';
import { changedFields, type Core, write, type WriteTx } from '../write';
import { sql } from 'kysely';

export class SupplierService {
  constructor(private readonly core: Core) {}

  list(input: MethodParsedInput<'suppliers.list'>): Supplier[] {
    let query = this.core.sql.q.selectFrom('suppliers').selectAll();
    if (!input.includeInactive) query = query.where('active', '=', 1);
    if (input.query) {
      const text = input.query;
      const digits = text.replace(/\D/g, '');
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`name like ${`%${escapeLike(text)}%`} escape '\\'`,
          ...(digits.length >= 3 ? [sql<boolean>`cuit like ${`${digits}%`}`] : []),
        ]),
      );
    }
    return this.core.sql.all(query.orderBy('name')).map(toSupplier);
  }

  byCuit(cuit: string): Supplier | undefined {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('suppliers').selectAll().where('cuit', '=', cuit));
    return row ? toSupplier(row) : undefined;
  }

  get(id: string): Supplier {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('suppliers').selectAll().where('id', '=', id));
    if (!row) throw new AppError('NOT_FOUND', 'No se encontró el proveedor', { id });
    return toSupplier(row);
  }

  create(input: MethodParsedInput<'suppliers.create'>): Supplier {
    return write(this.core, (tx) => this.createInTx(tx, input));
  }

  createInTx(tx: WriteTx, input: MethodParsedInput<'suppliers.create'>): Supplier {
    const cuit = checkedCuit(input.cuit, 'cuit');
    const existing = this.byCuit(cuit);
    if (existing) throw new AppError('CONFLICT', `Ya existe el proveedor «${existing.name}» con CUIT ${input.cuit}`, { field: 'cuit', id: existing.id });
    const id = tx.newId();
    tx.sql.run(
      tx.sql.q.insertInto('suppliers').values({
        id,
        cuit,
        name: input.name,
        lead_time_days: input.leadTimeDays,
        order_weekdays: input.orderWeekdays.join(','),
        min_order: input.minOrder,
        active: 1,
        version: 1,
        created_at: tx.now,
        updated_at: tx.now,
      }),
    );
    tx.emit('suppliers.changed', { ids: [id] });
    tx.audit({ entity: 'supplier', id, after: { cuit, name: input.name } });
    return this.get(id);
  }

  update(input: MethodParsedInput<'suppliers.update'>): Supplier {
    return write(this.core, (tx) => this.updateInTx(tx, input));
  }

  /** The update inside a caller's transaction (an import): audited with what changed. */
  updateInTx(tx: WriteTx, input: MethodParsedInput<'suppliers.update'>): Supplier {
    const current = this.get(input.id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw new AppError('CONFLICT', 'Otra persona modificó este proveedor. Volvé a abrirlo para ver los cambios.');
    }
    const c = input.changes;
    tx.sql.run(
      tx.sql.q
        .updateTable('suppliers')
        .set({
          name: c.name ?? current.name,
          lead_time_days: c.leadTimeDays ?? current.leadTimeDays,
          order_weekdays: (c.orderWeekdays ?? current.orderWeekdays).join(','),
          min_order: c.minOrder ?? current.minOrder,
          active: (c.active ?? current.active) ? 1 : 0,
          version: current.version + 1,
          updated_at: tx.now,
        })
        .where('id', '=', current.id),
    );
    tx.emit('suppliers.changed', { ids: [current.id] });
    const updated = this.get(current.id);
    tx.audit({ entity: 'supplier', id: current.id, ...changedFields(current, updated) });
    return updated;
  }
}

/** A CUIT with a right check digit, as 11 digits; VALIDATION naming `path` otherwise. */
export function checkedCuit(text: string, path: string): string {
  const cuit = normalizeCuit(text);
  if (!cuit || !isValidCuit(cuit)) {
    throw validationError([{ path, message: `El CUIT ${text} no es válido: revisá el último dígito` }]);
  }
  return cuit;
}

function toSupplier(row: SuppliersTable): Supplier {
  return {
    id: row.id,
    cuit: row.cuit,
    name: row.name,
    leadTimeDays: row.lead_time_days,
    orderWeekdays: row.order_weekdays ? (row.order_weekdays.split(',') as Weekday[]) : [],
    minOrder: row.min_order,
    active: row.active === 1,
    version: row.version,
  };
}
