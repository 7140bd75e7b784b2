import { Fragment, useEffect, useState } from 'react';
import type { RecommendationLine, Recommendations } from '../../../../contract';
import { api } from '../../api/client';
import { formatDate, formatDecimal, formatMoney, formatPercent, parseMoneyInput } from '../../lib/format';
import { formatDay } from '../../lib/store-clock';
import { useToasts } from '../../stores/toast';
import { METHOD_LABEL } from './ForecastPage';
import { ErrorBanner } from '../../components/ErrorBanner';

type Supplier = Recommendations['suppliers'][number];

/**
 * Compras sugeridas: per supplier and its next order day, what to buy and why,
 * beside what a 28-day average would say; quantities editable; one click makes
 * the draft purchase order.
 */
export function SuggestionsPanel({ onOrderCreated }: { onOrderCreated(): void }) {
  const [data, setData] = useState<Recommendations | null>(null);
  const [budgetText, setBudgetText] = useState('');
  const [budget, setBudget] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = (cap: number | undefined) => {
    setData(null);
    void api.call('forecast.recommendations', cap === undefined ? {} : { budget: cap }).then((r) => (r.ok ? setData(r.data) : setError(r.error.message)));
  };
  useEffect(() => {
    load(budget);
  }, [budget]);

  function applyBudget(event: React.FormEvent) {
    event.preventDefault();
    if (budgetText.trim() === '') {
      setError(null);
      setBudget(undefined);
      return;
    }
    const parsed = parseMoneyInput(budgetText, 'El presupuesto');
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setBudget(parsed.value);
  }

  return (
    <div className="suggestions">
      <form className="toolbar toolbar-left" onSubmit={applyBudget}>
        <label htmlFor="budget">Presupuesto por pedido (sin IVA)</label>
        <input id="budget" className="input input-money" inputMode="decimal" placeholder="sin límite" value={budgetText} onChange={(e) => setBudgetText(e.target.value)} />
        <button type="submit" className="button">
          Aplicar
        </button>
        {data ? <span className="muted">Modelo {data.modelSource === 'store' ? 'propio de la tienda' : 'de base'} · calculado {formatDate(data.generatedAt)}</span> : null}
      </form>
      <ErrorBanner message={error} />
      {!data ? (
        <p className="muted" aria-busy="true">
          Calculando las compras sugeridas…
        </p>
      ) : data.suppliers.length === 0 ? (
        <p className="muted">No hay nada para pedir: el stock y lo pedido cubren la demanda esperada de todos los proveedores.</p>
      ) : (
        <div className="suggestion-list">
          {data.suppliers.map((s) => (
            <SupplierSuggestion key={`${s.supplierId}-${data.generatedAt}`} supplier={s} onOrderCreated={onOrderCreated} />
          ))}
        </div>
      )}
    </div>
  );
}

function SupplierSuggestion({ supplier, onOrderCreated }: { supplier: Supplier; onOrderCreated(): void }) {
  const toast = useToasts((s) => s.show);
  const [qty, setQty] = useState<Record<string, string>>(() => Object.fromEntries(supplier.lines.map((l) => [l.productId, String(l.qty).replace('.', ',')])));
  const [open, setOpen] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parsed = supplier.lines.map((l) => ({ line: l, qty: Number((qty[l.productId] ?? '0').replace(',', '.')) }));
  const invalid = parsed.find((p) => !Number.isFinite(p.qty) || p.qty < 0 || (p.line.unit === 'un' && !Number.isInteger(p.qty)));
  const total = parsed.reduce((s, p) => s + (Number.isFinite(p.qty) ? Math.round(p.qty * p.line.unitCost) : 0), 0);
  const belowMinimum = supplier.minOrder > 0 && total > 0 && total < supplier.minOrder;

  async function createOrder() {
    if (invalid) {
      setError(`La cantidad de ${invalid.line.name} no es válida${invalid.line.unit === 'un' ? ' (unidades enteras)' : ''}.`);
      return;
    }
    const lines = parsed.filter((p) => p.qty > 0).map((p) => ({ productId: p.line.productId, qty: Math.round(p.qty * 1000), unitCost: p.line.unitCost }));
    if (lines.length === 0) {
      setError('No hay cantidades para pedir.');
      return;
    }
    setSaving(true);
    const r = await api.call('purchaseOrders.create', { supplierCuit: supplier.cuit, note: `Sugerido por el pronóstico para pedir el ${formatDay(supplier.orderDate)}`, lines });
    setSaving(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    toast(`Pedido N° ${r.data.number} a ${supplier.name} creado en borrador.`);
    onOrderCreated();
  }

  const id = `sug-${supplier.supplierId}`;
  return (
    <section className="panel suggestion" aria-labelledby={id}>
      <header className="suggestion-head">
        <h2 id={id}>{supplier.name}</h2>
        <span className="suggestion-total">
          <strong>{formatMoney(total)}</strong>
          <span className="muted"> · promedio 28 días: {formatMoney(supplier.movingAverageTotal)}</span>
          {supplier.minOrder > 0 ? <span className={belowMinimum ? 'text-alert' : 'muted'}> · mínimo {formatMoney(supplier.minOrder)}</span> : null}
        </span>
        <button type="button" className="button button-primary" disabled={saving} onClick={() => void createOrder()}>
          Crear pedido
        </button>
      </header>
      <p className="muted suggestion-dates">
        Pedir el {formatDay(supplier.orderDate)} · llega el {formatDay(supplier.arrivalDate)} · tiene que durar hasta el {formatDay(supplier.coverUntil)} (la entrega del pedido siguiente)
      </p>
      {supplier.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      <ErrorBanner message={error} />
      <table className="table table-compact" aria-label={`Compras sugeridas a ${supplier.name}`}>
        <thead>
          <tr>
            <th scope="col">Producto</th>
            <th scope="col" className="col-abc" title="Clase por facturación: A el 80 %, B el 15 %, C el resto">ABC</th>
            <th scope="col" className="num">Stock</th>
            <th scope="col" className="num">Pedido</th>
            <th scope="col" className="num" title="Demanda esperada hasta que llegue el pedido siguiente">Esperado</th>
            <th scope="col" className="num" title="Nivel a alcanzar: el cuantil de la demanda al nivel de servicio de su clase">Llegar a</th>
            <th scope="col" className="num" title="Probabilidad de quedarse sin stock antes de la entrega siguiente si no se pide">Riesgo</th>
            <th scope="col" className="num">Prom. 28 d</th>
            <th scope="col" className="num col-qty-input">Pedir</th>
            <th scope="col" className="num">Importe</th>
            <th scope="col" className="col-why"><span className="sr-only">Detalle</span></th>
          </tr>
        </thead>
        <tbody>
          {supplier.lines.map((l, index) => (
            <Fragment key={l.productId}>
              <tr>
                <td title={l.name}>
                  <a href={`#/pronostico?producto=${encodeURIComponent(l.productId)}`}>{l.name}</a>
                </td>
                <td>
                  {l.abc} <span className="muted">{formatPercent(l.serviceLevel, 0)}</span>
                </td>
                <td className="num">{formatDecimal(l.onHand, 2)}</td>
                <td className="num">{l.onOrder > 0 ? formatDecimal(l.onOrder, 2) : '—'}</td>
                <td className="num">{formatDecimal(l.expected, 1)}</td>
                <td className="num">{formatDecimal(l.orderUpTo, 1)}</td>
                <td className="num">{formatPercent(l.stockoutRisk, 0)}</td>
                <td className="num">{formatDecimal(l.movingAverageQty, 2)}</td>
                <td className="num">
                  <input
                    className="input input-qty"
                    inputMode="decimal"
                    aria-label={`Cantidad a pedir de ${l.name}`}
                    value={qty[l.productId] ?? ''}
                    onChange={(e) => setQty({ ...qty, [l.productId]: e.target.value })}
                    onKeyDown={(e) => {
                      // Enter moves down the column, as on a spreadsheet.
                      if (e.key !== 'Enter') return;
                      e.preventDefault();
                      const inputs = (e.currentTarget.closest('tbody')?.querySelectorAll<HTMLInputElement>('input.input-qty')) ?? [];
                      inputs[index + 1]?.focus();
                    }}
                  />
                </td>
                <td className="num">{formatMoney(Math.round(parsed[index]!.qty * l.unitCost) || 0)}</td>
                <td>
                  <button type="button" className="link" aria-expanded={open === l.productId} onClick={() => setOpen(open === l.productId ? null : l.productId)}>
                    por qué
                  </button>
                </td>
              </tr>
              {open === l.productId ? (
                <tr className="explain">
                  <td colSpan={11}>
                    <Explanation line={l} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Explanation({ line }: { line: RecommendationLine }) {
  return (
    <div className="explanation">
      <ul>
        {line.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
        <li>
          Disponible: {formatDecimal(line.onHand, 2)} en stock{line.expiring > 0 ? ` (menos ${formatDecimal(line.expiring, 2)} por vencer)` : ''} + {formatDecimal(line.onOrder, 2)} pedidos; falta {formatDecimal(line.need, 2)}. Bulto de {formatDecimal(line.packSize, 0)}.
        </li>
        <li>
          Pronosticado con: {METHOD_LABEL[line.method] ?? line.method}. Con el promedio de 28 días (sin mirar día de la semana, feriados ni promociones) se pedirían {formatDecimal(line.movingAverageQty, 2)}.
        </li>
      </ul>
    </div>
  );
}
