import { useEffect, useState } from 'react';
import type { DashboardSummary } from '../../../../contract';
import { api } from '../../api/client';
import { SalesChart } from '../../components/SalesChart';
import { formatInteger, formatMoney } from '../../lib/format';
import { formatDay } from '../../lib/store-clock';

/** Inicio: the four figures an owner checks first, each leading to the rows behind it. */
export function HomePage() {
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
