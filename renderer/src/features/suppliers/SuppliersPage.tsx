import { useRef, useState } from 'react';
import { WEEKDAYS, type Supplier, type Weekday } from '../../../../contract';
import { api } from '../../api/client';
import { useLiveQuery } from '../../lib/use-live-query';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { formatMoney, moneyToInput, parseMoneyInput } from '../../lib/format';
import { useHotkeys } from '../../lib/keys';
import { useToasts } from '../../stores/toast';
import { errorsAfterEdit, errorsByField } from '../../lib/errors';
import { FormError } from '../../components/ErrorBanner';
import { formatCuit, WEEKDAY_SHORT as DAY_LABEL } from '../../../../locale';

/** Proveedores: who delivers, their CUIT, order days, lead time and minimum order. */
export function SuppliersPage() {
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const items = useLiveQuery(() => api.call('suppliers.list', { ...(query.trim() ? { query: query.trim() } : {}), includeInactive: true }), [query], { events: ['suppliers.changed'] }).data ?? [];
  useHotkeys({ F3: () => setEditing('new') }, editing === null);

  return (
    <section className="page" aria-labelledby="suppliers-title">
      <header className="page-header">
        <h1 id="suppliers-title">Proveedores</h1>
        <div className="toolbar">
          <div className="search">
            <input type="search" aria-label="Buscar proveedores" placeholder="Buscar por nombre o CUIT" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
          </div>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            Nuevo proveedor <kbd>F3</kbd>
          </button>
        </div>
      </header>
      <div className="table-wrap">
        <table className="table" aria-label="Proveedores">
          <thead>
            <tr>
              <th scope="col">Proveedor</th>
              <th scope="col" className="col-barcode">CUIT</th>
              <th scope="col" className="col-kind">Días de pedido</th>
              <th scope="col" className="num col-qty">Demora</th>
              <th scope="col" className="num col-price">Pedido mínimo</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id} className={s.active ? undefined : 'inactive'}>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(s)}>
                    {s.name}
                  </button>
                  {s.active ? null : <span className="tag">inactivo</span>}
                </td>
                <td className="mono">{formatCuit(s.cuit)}</td>
                <td>{s.orderWeekdays.length ? s.orderWeekdays.map((d) => DAY_LABEL[d]).join(' ') : <span className="muted">—</span>}</td>
                <td className="num">
                  {s.leadTimeDays} {s.leadTimeDays === 1 ? 'día' : 'días'}
                </td>
                <td className="num">{s.minOrder ? formatMoney(s.minOrder) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 ? <div className="empty">No hay proveedores. Apretá F3 para cargar el primero.</div> : null}
      </div>
      {editing ? <SupplierDialog supplier={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
    </section>
  );
}

/**
 * A supplier's form: new, or editing one. `initial` prefills a new one (from an
 * invoice being read: its CUIT and the name printed on it, for the person to check).
 */
export function SupplierDialog({ supplier, initial, onDone, onSaved }: { supplier: Supplier | null; initial?: { cuit: string; name: string }; onDone(): void; onSaved?(saved: Supplier): void }) {
  const [cuit, setCuit] = useState(supplier ? formatCuit(supplier.cuit) : (initial?.cuit ?? ''));
  const [name, setName] = useState(supplier?.name ?? initial?.name ?? '');
  const [lead, setLead] = useState(String(supplier?.leadTimeDays ?? 2));
  const [days, setDays] = useState<Weekday[]>(supplier?.orderWeekdays ?? []);
  const [minOrder, setMinOrder] = useState(supplier?.minOrder ? moneyToInput(supplier.minOrder) : '');
  const [active, setActive] = useState(supplier?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const first = useRef<HTMLInputElement>(null);
  const showToast = useToasts((s) => s.show);

  async function submit() {
    const min = minOrder.trim() ? parseMoneyInput(minOrder, 'El pedido mínimo') : ({ ok: true, value: 0 } as const);
    if (!min.ok) {
      setErrors({ minOrder: min.message });
      return;
    }
    const leadTimeDays = Number(lead);
    const result = supplier
      ? await api.call('suppliers.update', { id: supplier.id, expectedVersion: supplier.version, changes: { name, leadTimeDays, orderWeekdays: days, minOrder: min.value, active } })
      : await api.call('suppliers.create', { cuit, name, leadTimeDays, orderWeekdays: days, minOrder: min.value });
    if (result.ok) {
      showToast(`Proveedor guardado: ${result.data.name}`);
      onSaved?.(result.data);
      onDone();
      return;
    }
    setErrors(errorsByField(result.error, (path) => path.replace(/^changes\./, '').split('.')[0]!));
  }

  return (
    <Modal title={supplier ? 'Editar proveedor' : 'Nuevo proveedor'} onClose={onDone} onSubmit={() => void submit()} initialFocus={first}>
        <FormError message={errors.form} />
        <div className="form-grid">
          <Field id="sup-name" label="Razón social" error={errors.name} required>
            <input id="sup-name" ref={first} value={name} maxLength={120} onChange={(e) => { setName(e.target.value); setErrors((x) => errorsAfterEdit(x, ['name'])); }} />
          </Field>
          <Field id="sup-cuit" label="CUIT" error={errors.cuit} required hint={supplier ? 'El CUIT no se cambia' : 'Con o sin guiones'}>
            <input id="sup-cuit" className="mono" value={cuit} disabled={!!supplier} maxLength={13} placeholder="30-12345678-9" onChange={(e) => { setCuit(e.target.value); setErrors((x) => errorsAfterEdit(x, ['cuit'])); }} />
          </Field>
          <Field id="sup-lead" label="Demora de entrega (días)" error={errors.leadTimeDays}>
            <input id="sup-lead" inputMode="numeric" value={lead} onChange={(e) => { setLead(e.target.value); setErrors((x) => errorsAfterEdit(x, ['leadTimeDays'])); }} />
          </Field>
          <Field id="sup-min" label="Pedido mínimo ($)" error={errors.minOrder}>
            <input id="sup-min" inputMode="decimal" value={minOrder} onChange={(e) => { setMinOrder(e.target.value); setErrors((x) => errorsAfterEdit(x, ['minOrder'])); }} placeholder="0,00" />
          </Field>
          <div className="field">
            <span className="label">Días en que toma pedidos</span>
            <div className="weekdays" role="group" aria-label="Días en que toma pedidos">
              {WEEKDAYS.map((d) => (
                <label key={d}>
                  <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? WEEKDAYS.filter((x) => x === d || days.includes(x)) : days.filter((x) => x !== d))} />
                  {DAY_LABEL[d]}
                </label>
              ))}
            </div>
          </div>
          {supplier ? (
            <div className="field field-check">
              <label>
                <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Activo
              </label>
            </div>
          ) : null}
        </div>
        <DialogFooter onCancel={onDone} confirmLabel="Guardar" />
    </Modal>
  );
}
