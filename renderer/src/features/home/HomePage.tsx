import { useEffect, useState } from 'react';
import type { DashboardSummary, ShiftSummary } from '../../../../contract';
import { api } from '../../api/client';
import { SalesChart } from '../../components/SalesChart';
import { formatInteger, formatMoney, formatTime, plural } from '../../lib/format';
import { formatDay } from '../../lib/store-clock';
import { useSession } from '../../stores/session';
import { PAYMENT_LABEL } from '../../../../locale';

/** Inicio: the store's figures for whoever may see them; a cashier's own shift otherwise. */
export function HomePage() {
  const seesStore = useSession((s) => !!s.status?.allowed.includes('dashboard.summary'));
  return seesStore ? <StoreHome /> : <ShiftHome />;
}

/** A cashier's Inicio: their own day at the counter, never the store's revenue. */
function ShiftHome() {
  const [shift, setShift] = useState<ShiftSummary | null>(null);
  useEffect(() => {
    const load = () => void api.call('dashboard.shift', {}).then((r) => r.ok && setShift(r.data));
    load();
    return api.on('stock.changed', load);
  }, []);
  if (!shift) return <section className="page" aria-busy="true" />;
  return (
    <section className="page" aria-labelledby="home-title">
      <header className="page-header">
        <h1 id="home-title">Inicio</h1>
        <span className="muted">
          Tu turno de hoy, {formatDay(shift.day)}
          {shift.firstAt ? ` · desde las ${formatTime(shift.firstAt)}` : ''}
        </span>
      </header>
      <div className="kpis">
        <a className="kpi" href="#/tickets">
          <span className="kpi-label">Tus tickets de hoy</span>
          <strong className="kpi-value">{formatInteger(shift.tickets)}</strong>
          <span className="kpi-detail">{shift.lastAt ? `El último a las ${formatTime(shift.lastAt)}` : 'Todavía ninguno'}</span>
        </a>
        <a className="kpi" href="#/ventas">
          <span className="kpi-label">Artículos que cobraste</span>
          <strong className="kpi-value">{formatInteger(shift.items)}</strong>
          <span className="kpi-detail">{plural(shift.voidedLines, 'línea anulada', 'líneas anuladas')}</span>
        </a>
        <a className="kpi" href="#/tickets">
          <span className="kpi-label">Neto de tu turno</span>
          <strong className="kpi-value">{formatMoney(shift.total)}</strong>
          <span className="kpi-detail">
            {shift.returns.tickets === 0 ? 'Sin devoluciones' : `${plural(shift.returns.tickets, 'devolución', 'devoluciones')}: ${formatMoney(shift.returns.total)}`}
          </span>
        </a>
      </div>
      <div className="panel">
        <h2>Por medio de pago</h2>
        {shift.byMethod.length === 0 ? (
          <p className="muted">Cuando cobres el primer ticket, acá vas a ver cuánto entró por cada medio.</p>
        ) : (
          <table className="table table-compact" aria-label="Por medio de pago">
            <thead>
              <tr>
                <th scope="col">Medio</th>
                <th scope="col" className="num">Tickets</th>
                <th scope="col" className="num">Ventas</th>
                <th scope="col" className="num">Devoluciones</th>
                <th scope="col" className="num">Neto</th>
              </tr>
            </thead>
            <tbody>
              {shift.byMethod.map((m) => (
                <tr key={m.method}>
                  <td>{PAYMENT_LABEL[m.method]}</td>
                  <td className="num">{formatInteger(m.tickets)}</td>
                  <td className="num">{formatMoney(m.sold)}</td>
                  <td className={`num${m.refunded < 0 ? ' neg' : ' muted'}`}>{formatMoney(m.refunded)}</td>
                  <td className={`num${m.total < 0 ? ' neg' : ''}`}>{formatMoney(m.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/** The store's home: the four figures an owner checks first, each leading to the rows behind it. */
function StoreHome() {
  const [summary, setSummary] = useState<DashboardSummary | null>(null);
  useEffect(() => {
    const load = () => void api.call('dashboard.summary', {}).then((r) => r.ok && setSummary(r.data));
    load();
    return api.on('stock.changed', load);
  }, []);
  if (!summary) return <section className="page" aria-busy="true" />;
  return (
    <section className="page" aria-labelledby="home-title">
      <header className="page-header">
        <h1 id="home-title">Inicio</h1>
        <span className="muted">{formatDay(summary.today)}</span>
      </header>
      <div className="kpis">
        <a className="kpi" href="#/tickets">
          <span className="kpi-label">Ventas de hoy</span>
          <strong className="kpi-value">{formatMoney(summary.salesToday.total)}</strong>
          <span className="kpi-detail">{formatInteger(summary.salesToday.tickets)} tickets</span>
        </a>
        {/* A cashier's summary comes without stock value: the card is not there to leave empty. */}
        {summary.stockValue === undefined ? null : (
          <a className="kpi" href="#/stock">
            <span className="kpi-label">Valor del stock (a costo)</span>
            <strong className="kpi-value">{formatMoney(summary.stockValue)}</strong>
            <span className="kpi-detail">Ver el stock</span>
          </a>
        )}
        <a className={`kpi${summary.belowMin > 0 ? ' kpi-warn' : ''}`} href="#/stock?bajoMinimo=1">
          <span className="kpi-label">Productos bajo el mínimo</span>
          <strong className="kpi-value">{formatInteger(summary.belowMin)}</strong>
          <span className="kpi-detail">{summary.belowMin > 0 ? 'Reponer pronto' : 'Todo en orden'}</span>
        </a>
        <a className={`kpi${summary.expiringThisWeek > 0 ? ' kpi-alert' : ''}`} href="#/stock?vence=7">
          <span className="kpi-label">Lotes que vencen esta semana</span>
          <strong className="kpi-value">{formatInteger(summary.expiringThisWeek)}</strong>
          <span className="kpi-detail">{summary.expiringThisWeek > 0 ? 'Revisar la góndola' : 'Nada por vencer'}</span>
        </a>
      </div>
      <div className="panel">
        <h2>Ventas de los últimos 14 días</h2>
        <SalesChart days={summary.salesByDay} />
      </div>
    </section>
  );
}
