import { useEffect, useState } from 'react';
import type { ForecastProduct, ForecastStatus, Product } from '../../../../contract';
import { api } from '../../api/client';
import { ProductPicker } from '../../components/ProductPicker';
import { formatDateTime, formatDecimal, formatFixed, formatPercent } from '../../lib/format';
import { formatDay } from '../../lib/store-clock';
import { useHotkeys } from '../../lib/keys';
import { useSession } from '../../stores/session';
import { useToasts } from '../../stores/toast';
import { ForecastChart } from './ForecastChart';
import { ForecastSettingsDialog } from './ForecastSettingsDialog';
import { ErrorBanner } from '../../components/ErrorBanner';

/** The methods in the owner's words; the technical name only in brackets. */
export const METHOD_LABEL: Record<string, string> = {
  model: 'Modelo de pronóstico',
  chosen: 'Modelo con métodos de respaldo',
  current: 'Modelo en uso',
  seasonal_naive: 'Igual que la semana anterior',
  ma28: 'Promedio de 28 días',
  ses: 'Promedio que pesa más lo reciente',
  croston_sba: 'Demanda intermitente (Croston)',
  tsb: 'Demanda intermitente que se apaga (TSB)',
  adida: 'Suma semanal suavizada (ADIDA)',
  category: 'Nivel típico de su categoría',
};

function productFromHash(): string | null {
  const query = window.location.hash.split('?')[1];
  return query ? new URLSearchParams(query).get('producto') : null;
}

/** Pronóstico: the model in use and how it did, and one product's history, forecast and band. */
export function ForecastPage() {
  const [status, setStatus] = useState<ForecastStatus | null>(null);
  const [productId, setProductId] = useState<string | null>(productFromHash);
  const [horizon, setHorizon] = useState<14 | 28>(28);
  const [data, setData] = useState<ForecastProduct | null>(null);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () => void api.call('forecast.status', {}).then((r) => (r.ok ? setStatus(r.data) : setError(r.error.message)));
    load();
    const offProgress = api.on('forecast.progress', (p) =>
      setStatus((s) => (s ? { ...s, training: p.running ? { progress: p.progress, message: p.message, startedAt: s.training?.startedAt ?? new Date().toISOString() } : null } : s)),
    );
    const offChanged = api.on('forecast.changed', load);
    return () => {
      offProgress();
      offChanged();
    };
  }, []);

  useEffect(() => {
    if (!productId) return;
    setData(null);
    void api.call('forecast.product', { productId, horizon }).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setData(r.data);
      // The first forecast of a week records it: the store's weekly table has a new row.
      void api.call('forecast.status', {}).then((st) => st.ok && setStatus(st.data));
    });
  }, [productId, horizon]);

  useHotkeys({ F2: () => setPicking(true) }, !picking);

  return (
    <section className="page" aria-labelledby="forecast-title">
      <header className="page-header">
        <h1 id="forecast-title">Pronóstico</h1>
        <div className="toolbar">
          <button type="button" className="button button-primary" onClick={() => setPicking(true)}>
            Elegir producto <kbd>F2</kbd>
          </button>
        </div>
      </header>
      <ErrorBanner message={error} />
      <div className="forecast-layout">
        <div className="panel forecast-main">
          {!productId ? (
            <div className="empty-state">
              <p>Elegí un producto (F2) para ver lo que vendió, lo que se espera que venda y con qué margen de error.</p>
            </div>
          ) : !data ? (
            <p className="muted" aria-busy="true">
              Calculando…
            </p>
          ) : (
            <ProductForecast data={data} horizon={horizon} onHorizon={setHorizon} />
          )}
        </div>
        {status ? <ModelPanel status={status} /> : null}
      </div>
      {picking ? (
        <ProductPicker
          title="Pronóstico de…"
          onPick={(p: Product) => {
            setPicking(false);
            setProductId(p.id);
            window.history.replaceState(null, '', `#/pronostico?producto=${encodeURIComponent(p.id)}`);
          }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </section>
  );
}

function ProductForecast({ data, horizon, onHorizon }: { data: ForecastProduct; horizon: 14 | 28; onHorizon(h: 14 | 28): void }) {
  const unit = data.product.unit;
  const censored = data.history.filter((d) => d.censored).length;
  return (
    <>
      <div className="forecast-head">
        <h2>
          {data.product.name} <span className="tag">{data.product.sku}</span>
          {data.product.category ? <span className="tag">{data.product.category}</span> : null}
        </h2>
        <div className="tabs" role="tablist" aria-label="Horizonte">
          {([14, 28] as const).map((h) => (
            <button key={h} type="button" role="tab" aria-selected={horizon === h} onClick={() => onHorizon(h)}>
              {h} días
            </button>
          ))}
        </div>
      </div>
      {data.forecast.length === 0 ? (
        <p className="muted">Este producto todavía no tiene ventas: {data.method.why}</p>
      ) : (
        <>
          <div className="forecast-figures">
            <Figure label={`Esperado en ${horizon} días`} value={`${formatDecimal(data.total.mean)} ${unit}`} />
            <Figure label="P50 (la mitad de las veces menos)" value={`${formatDecimal(data.total.p50)} ${unit}`} />
            <Figure label="P90 (9 de cada 10 veces menos)" value={`${formatDecimal(data.total.p90)} ${unit}`} />
            <Figure label="Método" value={METHOD_LABEL[data.method.choice] ?? data.method.choice} />
          </div>
          <ForecastChart data={data} />
          <p className="forecast-why">
            <strong>Por qué este método:</strong> {data.method.why}
            {censored > 0 ? ` En los últimos ${data.history.length} días hubo ${censored} sin stock al cierre: esos días no cuentan como venta cero.` : ''}
          </p>
          <Accuracy data={data} />
        </>
      )}
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <span className="kpi-label">{label}</span>
      <strong>{value}</strong>
    </div>
  );
}

function Accuracy({ data }: { data: ForecastProduct }) {
  const done = data.accuracy.filter((w) => w.actual !== null);
  if (data.accuracy.length === 0) return <p className="muted">Todavía no hay semanas pronosticadas para comparar con lo vendido.</p>;
  const error = done.reduce((s, w) => s + Math.abs(w.forecast - w.actual!), 0);
  const actual = done.reduce((s, w) => s + w.actual!, 0);
  return (
    <div className="forecast-accuracy">
      <h3>
        Precisión semana a semana{done.length > 0 && actual > 0 ? <span className="muted"> · error {formatPercent(error / actual, 0)}</span> : null}
      </h3>
      <table className="table table-compact" aria-label="Pronóstico semanal contra lo vendido">
        <thead>
          <tr>
            <th scope="col">Semana desde</th>
            <th scope="col" className="num">Pronóstico</th>
            <th scope="col" className="num">Vendido</th>
          </tr>
        </thead>
        <tbody>
          {data.accuracy.map((w) => (
            <tr key={w.weekStart}>
              <td>{formatDay(w.weekStart)}</td>
              <td className="num">{formatDecimal(w.forecast)}</td>
              <td className="num">{w.actual === null ? <span className="muted">en curso</span> : formatDecimal(w.actual)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ModelPanel({ status }: { status: ForecastStatus }) {
  const canTrain = useSession((s) => !!s.status?.allowed.includes('forecast.train'));
  const canConfigure = useSession((s) => !!s.status?.allowed.includes('forecast.updateSettings'));
  const [configuring, setConfiguring] = useState(false);
  const toast = useToasts((s) => s.show);
  const [starting, setStarting] = useState(false);
  const m = status.model;
  async function train() {
    setStarting(true);
    const r = await api.call('forecast.train', {});
    setStarting(false);
    if (!r.ok) toast(r.error.message, 'error');
  }
  const bt = m.backtest;
  // The row the forecasts come from: the model alone unless this store's backtest kept the fallbacks.
  const inUse = bt?.usesFallbacks ? 'chosen' : 'model';
  return (
    <aside className="panel forecast-model" aria-label="Modelo de pronóstico">
      <h2>Modelo en uso</h2>
      <p>
        {m.source === 'store' ? (
          <>
            Propio de la tienda, entrenado el {formatDateTime(m.trainedAt!)} con las ventas hasta el {m.trainedUntil ? formatDay(m.trainedUntil) : "—"}.
          </>
        ) : status.historyDays < status.minHistoryDays ? (
          <>
            El modelo de base que trae Góndola. La tienda entrena el suyo cuando tiene {status.minHistoryDays} días de ventas (tiene {status.historyDays}).
          </>
        ) : status.lastTraining && !status.lastTraining.replaced ? (
          <>
            El modelo de base que trae Góndola: la tienda ya tiene {status.historyDays} días de ventas, pero el modelo propio que entrenó no acertó mejor que este.
          </>
        ) : (
          <>
            El modelo de base que trae Góndola: la tienda ya tiene {status.historyDays} días de ventas y todavía no entrenó el suyo{status.nextTraining ? '' : ' (apretá «Reentrenar ahora»)'}.
          </>
        )}
      </p>
      {bt ? (
        <details className="forecast-details">
        <summary>Detalles técnicos: cómo le fue al modelo contra los métodos simples</summary>
        <table className="table table-compact" aria-label="Backtest del modelo contra los métodos clásicos">
          <caption className="muted">
            Backtest: {bt.origins} orígenes × {bt.horizon} días, {bt.products} productos; en negrita, lo que se usa. Menos es mejor, salvo la cobertura (85–95 %).
          </caption>
          <thead>
            <tr>
              <th scope="col">Método</th>
              <th scope="col" className="num" title="Error cuadrático escalado (RMSSE)">RMSSE</th>
              <th scope="col" className="num" title="Pérdida por cuantiles P50/P90/P95, escalada">Cuantiles</th>
              <th scope="col" className="num" title="Sesgo: cuánto de más (+) o de menos (−) pronostica">Sesgo</th>
              <th scope="col" className="num" title="Períodos con la venta por debajo del P90">Cob. P90</th>
            </tr>
          </thead>
          <tbody>
            {bt.methods.map((row) => (
              <tr key={row.method} className={row.method === inUse ? 'row-strong' : undefined} aria-current={row.method === inUse ? 'true' : undefined}>
                <td>{METHOD_LABEL[row.method] ?? row.method}</td>
                <td className="num">{formatFixed(row.rmsse, 3)}</td>
                <td className="num">{formatFixed(row.spl, 3)}</td>
                <td className="num">{formatPercent(row.bias)}</td>
                <td className="num">{formatPercent(row.coverage90)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </details>
      ) : null}
      <p className={status.drift.alert ? 'banner banner-alert' : 'muted'} role={status.drift.alert ? 'alert' : undefined}>
        {status.drift.message}
      </p>
      {status.weeks.length > 0 ? (
        <table className="table table-compact" aria-label="Precisión semanal de toda la tienda">
          <caption className="muted">Toda la tienda, semana a semana</caption>
          <thead>
            <tr>
              <th scope="col">Semana desde</th>
              <th scope="col" className="num">Pronóstico</th>
              <th scope="col" className="num">Vendido</th>
              <th scope="col" className="num">Error</th>
            </tr>
          </thead>
          <tbody>
            {status.weeks.map((w) => (
              <tr key={w.weekStart}>
                <td>{formatDay(w.weekStart)}</td>
                <td className="num">{formatDecimal(w.forecast, 0)}</td>
                <td className="num">{w.actual === null ? <span className="muted">en curso</span> : formatDecimal(w.actual, 0)}</td>
                <td className="num">{w.wape === null ? '—' : formatPercent(w.wape)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {status.training ? (
        <div className="training" aria-live="polite">
          <progress max={1} value={status.training.progress} aria-label="Progreso del entrenamiento" />
          <span className="muted">{status.training.message}</span>
        </div>
      ) : null}
      <div className="forecast-model-actions">
        {canTrain && !status.training ? (
          <button type="button" className="button" onClick={() => void train()} disabled={starting || status.historyDays < status.minHistoryDays}>
            Reentrenar ahora
          </button>
        ) : null}
        {canConfigure ? (
          <button type="button" className="button" onClick={() => setConfiguring(true)}>
            Niveles de servicio y feriados
          </button>
        ) : null}
      </div>
      {configuring ? <ForecastSettingsDialog onClose={() => setConfiguring(false)} /> : null}
      {status.lastTraining ? <p className={status.lastTraining.replaced ? 'banner banner-ok' : 'muted'}>{status.lastTraining.message}</p> : null}
      {status.nextTraining && !status.training ? <p className="muted">Próximo reentrenamiento automático: {formatDateTime(status.nextTraining)}.</p> : null}
    </aside>
  );
}
