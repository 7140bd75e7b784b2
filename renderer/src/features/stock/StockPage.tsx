import { useEffect, useRef, useState } from 'react';
import { REASONS, type AdjustmentReason, type CategoryList, type Movement, type StockRow } from '../../../../contract';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { SupplierSelect } from '../../components/SupplierSelect';
import { formatDateTime, formatInteger, formatMoney, formatQuantity, parseQuantityInput } from '../../lib/format';
import { formatDay, storeToday, addStoreDays } from '../../lib/store-clock';
import { useHotkeys } from '../../lib/keys';
import { useToasts } from '../../stores/toast';
import { FormError } from '../../components/ErrorBanner';
import { useLiveQuery } from '../../lib/use-live-query';
import { MOVEMENT_KIND_LABEL as KIND_LABEL, REASON_LABEL } from '../../../../locale';

const PAGE = 100;

/** What the kardex and the adjustment need of a product, from a stock row or an expiring lot's. */
type KardexProduct = Pick<StockRow, 'productId' | 'sku' | 'name' | 'unit' | 'onHand'>;

interface Filters {
  query: string;
  category: string;
  supplierCuit: string;
  belowMin: boolean;
  expiring: '' | '7' | '30';
}

/** Filters come from the address too, so a home-page figure links straight to its rows. */
function filtersFromHash(): Partial<Filters> {
  const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  return {
    ...(params.get('buscar') ? { query: params.get('buscar')! } : {}),
    ...(params.get('categoria') ? { category: params.get('categoria')! } : {}),
    ...(params.get('bajoMinimo') ? { belowMin: true } : {}),
    ...(params.get('vence') === '7' || params.get('vence') === '30' ? { expiring: params.get('vence') as '7' | '30' } : {}),
  };
}

/** Stock: on-hand and value at average cost, with filters and each product's kardex. */
export function StockPage() {
  const [filters, setFilters] = useState<Filters>({ query: '', category: '', supplierCuit: '', belowMin: false, expiring: '', ...filtersFromHash() });
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState(0);
  const [kardexFor, setKardexFor] = useState<KardexProduct | null>(null);
  const [categories, setCategories] = useState<CategoryList>([]);
  const search = useRef<HTMLInputElement>(null);

  const list = useLiveQuery(
    () =>
      api.call('stock.list', {
        ...(filters.query.trim() ? { query: filters.query.trim() } : {}),
        ...(filters.category ? { category: filters.category } : {}),
        ...(filters.supplierCuit ? { supplierCuit: filters.supplierCuit } : {}),
        belowMin: filters.belowMin,
        ...(filters.expiring ? { expiringWithinDays: Number(filters.expiring) } : {}),
        limit: PAGE,
        offset,
      }),
    [filters, offset],
    { events: ['stock.changed'] },
  );
  // "Vence en N días" lists the lots themselves, earliest first, each with its own quantity and code.
  const lots = useLiveQuery(
    () => (filters.expiring ? api.call('stock.expiring', { withinDays: Number(filters.expiring), ...(filters.category ? { category: filters.category } : {}) }) : Promise.resolve({ ok: true as const, data: null })),
    [filters.expiring, filters.category],
    { events: ['stock.changed'] },
  );
  const rows = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const totalValue = list.data?.totalValue ?? 0;
  const expiring = filters.expiring ? (lots.data?.items ?? []) : null;
  const count = expiring ? expiring.length : rows.length;
  useEffect(() => setSelected((s) => Math.min(s, Math.max(0, count - 1))), [count]);
  const open = (i: number) => {
    const lot = expiring?.[i];
    const row = expiring ? (lot ? { ...lot, onHand: lot.productOnHand } : undefined) : rows[i];
    if (row) setKardexFor(row);
  };

  useEffect(() => {
    void api.call('categories.list', {}).then((r) => r.ok && setCategories(r.data));
    search.current?.focus();
  }, []);

  useHotkeys({ F2: () => search.current?.select() }, kardexFor === null);

  const set = (patch: Partial<Filters>) => {
    setOffset(0);
    setFilters((f) => ({ ...f, ...patch }));
  };
  const today = storeToday();
  const soon = addStoreDays(today, 7);

  return (
    <section className="page" aria-labelledby="stock-title">
      <header className="page-header">
        <h1 id="stock-title">Stock</h1>
        <div className="toolbar">
          <div className="search">
            <input
              ref={search}
              type="search"
              aria-label="Buscar en el stock"
              placeholder="Buscar por nombre, código o código de barras"
              value={filters.query}
              onChange={(e) => set({ query: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  setSelected((s) => Math.min(s + 1, count - 1));
                } else if (e.key === 'ArrowUp') {
                  e.preventDefault();
                  setSelected((s) => Math.max(s - 1, 0));
                } else if (e.key === 'Enter') {
                  e.preventDefault();
                  open(selected);
                }
              }}
            />
            <kbd>F2</kbd>
          </div>
        </div>
      </header>
      <div className="filters" role="group" aria-label="Filtros">
        <select aria-label="Categoría" value={filters.category} onChange={(e) => set({ category: e.target.value })}>
          <option value="">Todas las categorías</option>
          {categories.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <SupplierSelect aria-label="Proveedor" value={filters.supplierCuit} onChange={(cuit) => set({ supplierCuit: cuit })} emptyLabel="Todos los proveedores" />
        <label className="check">
          <input type="checkbox" checked={filters.belowMin} onChange={(e) => set({ belowMin: e.target.checked })} /> Bajo el mínimo
        </label>
        <select aria-label="Vencimiento" value={filters.expiring} onChange={(e) => set({ expiring: e.target.value as Filters['expiring'] })}>
          <option value="">Cualquier vencimiento</option>
          <option value="7">Vence en 7 días</option>
          <option value="30">Vence en 30 días</option>
        </select>
      </div>
      {expiring ? (
        <div className="table-wrap">
          <table className="table" aria-label="Lotes que vencen">
            <thead>
              <tr>
                <th scope="col" className="col-date">Vence</th>
                <th scope="col">Producto</th>
                <th scope="col" className="col-category">Categoría</th>
                <th scope="col" className="col-sku">Lote</th>
                <th scope="col" className="num col-qty">En el lote</th>
                <th scope="col" className="num col-qty">Stock total</th>
              </tr>
            </thead>
            <tbody>
              {expiring.map((l, i) => (
                <tr key={l.lotId} aria-selected={i === selected} onClick={() => setSelected(i)} onDoubleClick={() => open(i)}>
                  <td className={l.expiry < today ? 'alert' : l.expiry <= soon ? 'warn' : 'muted'}>
                    {formatDay(l.expiry)}
                  </td>
                  <td>
                    <button type="button" className="link" tabIndex={-1} onClick={() => open(i)}>
                      {l.name}
                    </button>{' '}
                    <span className="muted mono">{l.sku}</span>
                    {l.expiry < today ? <span className="tag tag-alert">vencido</span> : null}
                  </td>
                  <td className="muted">{l.category ?? '—'}</td>
                  <td className="mono">{l.code}</td>
                  <td className="num">{formatQuantity(l.onHand, l.unit)}</td>
                  <td className="num muted">{formatQuantity(l.productOnHand, l.unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {expiring.length === 0 ? <div className="empty">No hay lotes que venzan en esos días.</div> : null}
        </div>
      ) : (
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="col-sku">Código</th>
              <th scope="col">Producto</th>
              <th scope="col" className="col-category">Categoría</th>
              <th scope="col" className="num col-qty">Stock</th>
              <th scope="col" className="num col-qty">Mínimo</th>
              <th scope="col" className="num col-price">Costo prom.</th>
              <th scope="col" className="num col-price">Valor</th>
              <th scope="col" className="col-date">Vence</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const low = r.minStock > 0 && r.onHand < r.minStock;
              return (
                <tr key={r.productId} aria-selected={i === selected} onClick={() => setSelected(i)} onDoubleClick={() => setKardexFor(r)}>
                  <td className="mono">{r.sku}</td>
                  <td>
                    <button type="button" className="link" tabIndex={-1} onClick={() => setKardexFor(r)}>
                      {r.name}
                    </button>
                  </td>
                  <td className="muted">{r.category ?? '—'}</td>
                  <td className={`num${r.onHand < 0 || (low && r.onHand <= 0) ? ' alert' : low ? ' warn' : ''}`}>{formatQuantity(r.onHand, r.unit)}</td>
                  <td className="num muted">{r.minStock ? formatQuantity(r.minStock, r.unit) : '—'}</td>
                  <td className="num">{formatMoney(r.avgCost)}</td>
                  <td className="num">{formatMoney(r.value)}</td>
                  <td className={r.nextExpiry && r.nextExpiry < today ? 'alert' : r.nextExpiry && r.nextExpiry <= soon ? 'warn' : 'muted'}>
                    {r.nextExpiry ? formatDay(r.nextExpiry) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 ? <div className="empty">No hay productos con estos filtros.</div> : null}
      </div>
      )}
      <footer className="page-footer">
        <span>
          {expiring ? `${formatInteger(lots.data?.total ?? 0)} lotes de ` : ''}
          {formatInteger(total)} productos · Valor del stock: <strong data-testid="stock-value">{formatMoney(totalValue)}</strong>
        </span>
        <span className="keys-help">
          <kbd>Enter</kbd> movimientos del producto
        </span>
        <span className="pager">
          <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Anterior
          </button>
          <button type="button" className="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Siguiente
          </button>
        </span>
      </footer>
      {kardexFor ? (
        <KardexDialog
          row={kardexFor}
          onClose={() => {
            setKardexFor(null);
            search.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}

/** A product's movements, newest first, with the balance after each: the kardex. */
function KardexDialog({ row, onClose }: { row: KardexProduct; onClose(): void }) {
  const [items, setItems] = useState<Movement[]>([]);
  const [total, setTotal] = useState(0);
  const [adjusting, setAdjusting] = useState(false);
  const load = () =>
    void api.call('stock.kardex', { productId: row.productId, limit: 200 }).then((r) => {
      if (r.ok) {
        setItems(r.data.items);
        setTotal(r.data.total);
      }
    });
  useEffect(load, [row.productId]);
  useHotkeys({ F6: () => setAdjusting(true) }, !adjusting);

  return (
    <>
      <Modal title={`Movimientos de ${row.name}`} subtitle={<span className="mono">{row.sku}</span>} size="wide" onClose={onClose}>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setAdjusting(true)}>
            Ajustar stock <kbd>F6</kbd>
          </button>
        </div>
        <div className="table-wrap kardex">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="col-datetime">Fecha</th>
                <th scope="col" className="col-kind">Tipo</th>
                <th scope="col">Documento</th>
                <th scope="col" className="num col-qty">Cantidad</th>
                <th scope="col" className="num col-qty">Saldo</th>
                <th scope="col" className="num col-price">Costo</th>
                <th scope="col" className="col-user">Usuario</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.occurredAt)}</td>
                  <td>
                    {KIND_LABEL[m.kind]}
                    {m.reason ? ` (${REASON_LABEL[m.reason].toLowerCase()})` : ''}
                    {m.oversold ? <span className="tag tag-alert">sin stock</span> : null}
                  </td>
                  <td className="muted cell-name">
                    {m.docRef}
                    {m.lot ? ` · lote ${m.lot}` : ''}
                  </td>
                  <td className={`num ${m.qty < 0 ? 'neg' : 'pos'}`}>
                    {m.qty > 0 ? '+' : ''}
                    {formatQuantity(m.qty, row.unit)}
                  </td>
                  <td className="num">{formatQuantity(m.balanceAfter, row.unit)}</td>
                  <td className="num muted">{formatMoney(m.unitCost)}</td>
                  <td className="muted">{m.userName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 ? <div className="empty">Este producto todavía no tiene movimientos.</div> : null}
        </div>
        <footer className="dialog-footer">
          <span className="muted spacer">{total > items.length ? `Se muestran los últimos ${items.length} de ${total}` : `${total} movimientos`}</span>
          <button type="button" className="button" onClick={onClose}>
            Cerrar <kbd>Esc</kbd>
          </button>
        </footer>
      </Modal>
      {adjusting ? (
        <AdjustDialog
          row={row}
          onDone={(saved) => {
            setAdjusting(false);
            if (saved) load();
          }}
        />
      ) : null}
    </>
  );
}

function AdjustDialog({ row, onDone }: { row: KardexProduct; onDone(saved: boolean): void }) {
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [qty, setQty] = useState('');
  const [reason, setReason] = useState<AdjustmentReason>('merma');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ qty?: string; form?: string }>({});
  const showToast = useToasts((s) => s.show);
  const input = useRef<HTMLInputElement>(null);

  async function submit() {
    const parsed = parseQuantityInput(qty, row.unit);
    if (!parsed.ok) {
      setErrors({ qty: parsed.message });
      return;
    }
    const result = await api.call('stock.adjust', {
      productId: row.productId,
      qty: direction === 'out' ? -parsed.value : parsed.value,
      reason,
      note,
    });
    if (result.ok) {
      showToast(`Ajuste registrado: ${row.name}`);
      onDone(true);
    } else setErrors({ form: result.error.message });
  }

  return (
    <Modal title="Ajustar stock" subtitle={`${row.name} · hay ${formatQuantity(row.onHand, row.unit)}`} size="small" onClose={() => onDone(false)} onSubmit={() => void submit()} initialFocus={input}>
        <FormError message={errors.form} />
        <div className="segmented" role="radiogroup" aria-label="Sentido">
          <button type="button" role="radio" aria-checked={direction === 'out'} className={direction === 'out' ? 'selected' : ''} onClick={() => setDirection('out')}>
            Sacar
          </button>
          <button type="button" role="radio" aria-checked={direction === 'in'} className={direction === 'in' ? 'selected' : ''} onClick={() => { setDirection('in'); setReason('correccion'); }}>
            Agregar
          </button>
        </div>
        <Field id="adjust-qty" label="Cantidad" error={errors.qty} required>
          <input id="adjust-qty" ref={input} inputMode="decimal" value={qty} onChange={(e) => { setQty(e.target.value); setErrors({}); }} aria-invalid={!!errors.qty} />
        </Field>
        <Field id="adjust-reason" label="Motivo">
          <select id="adjust-reason" value={reason} onChange={(e) => setReason(e.target.value as AdjustmentReason)}>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABEL[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="adjust-note" label="Nota">
          <input id="adjust-note" value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <DialogFooter onCancel={() => onDone(false)} confirmLabel="Registrar" />
    </Modal>
  );
}
