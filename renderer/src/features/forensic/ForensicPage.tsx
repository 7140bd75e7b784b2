import { PHASE_LABEL, SEVERITY_LABEL } from '../../../../locale';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { KPI_TEXT, type ForensicFinding, type ForensicRun, type ForensicStatus } from '../../../../contract';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { download } from '../../lib/download';
import { formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { addStoreDays, formatDay, storeToday } from '../../lib/store-clock';
import { DateInput } from '../../components/DateInput';
import { useHotkeys } from '../../lib/keys';
import { useToasts } from '../../stores/toast';
import { FindingDetail } from './FindingDetail';
import { ForensicSettingsDialog } from './ForensicSettingsDialog';


interface Filters {
  phase: '' | ForensicFinding['phase'];
  severity: '' | ForensicFinding['severity'];
  entity: string;
  showAcknowledged: boolean;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Forense: run the review now or see the last one, findings filtered by phase, severity and entity, their evidence, acknowledgements, the PDF. */
export function ForensicPage() {
  const [status, setStatus] = useState<ForensicStatus | null>(null);
  const [run, setRun] = useState<ForensicRun | null>(null);
  const [filters, setFilters] = useState<Filters>({ phase: '', severity: '', entity: '', showAcknowledged: true });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [configuring, setConfiguring] = useState(false);
  const [period, setPeriod] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const toast = useToasts((s) => s.show);
  const list = useRef<HTMLTableSectionElement>(null);

  // Only setters inside (the run shown is read through its updater), so the
  // event listener subscribed once never acts on a stale screen.
  const load = useCallback(
    (keepRun = false) =>
      void api.call('forensic.status', {}).then((r) => {
        if (!r.ok) return setError(r.error.message);
        setStatus(r.data);
        setRun((shown) => (keepRun && shown ? shown : r.data.latest));
      }),
    [],
  );

  useEffect(() => {
    load();
    const offProgress = api.on('forensic.progress', (p) =>
      setStatus((s) => (s ? { ...s, running: p.running ? { progress: p.progress, message: p.message, startedAt: s.running?.startedAt ?? new Date().toISOString(), trigger: s.running?.trigger ?? 'manual' } : null } : s)),
    );
    const offChanged = api.on('forensic.changed', () => load());
    return () => {
      offProgress();
      offChanged();
    };
  }, [load]);

  // The period the next run covers: the settings' days up to today, editable.
  useEffect(() => {
    if (!status) return;
    const today = storeToday();
    setPeriod((p) => (p.to ? p : { from: addStoreDays(today, -(status.settings.periodDays - 1)), to: today }));
  }, [status]);

  const findings = useMemo(() => {
    if (!run) return [];
    const needle = fold(filters.entity.trim());
    return run.findings.filter(
      (f) =>
        (!filters.phase || f.phase === filters.phase) &&
        (!filters.severity || f.severity === filters.severity) &&
        (filters.showAcknowledged || !f.acknowledged) &&
        (!needle || Object.values(f.entities).some((values) => values?.some((v) => fold(v).includes(needle))) || fold(f.title).includes(needle)),
    );
  }, [run, filters]);
  const selected = findings.find((f) => f.id === selectedId) ?? null;

  async function start() {
    setError(null);
    const r = await api.call('forensic.run', period.from && period.to ? period : {});
    if (!r.ok) return setError(r.error.message);
    setStatus(r.data);
  }

  async function cancel() {
    const r = await api.call('forensic.cancel', {});
    if (!r.ok) toast(r.error.message, 'error');
  }

  async function exportPdf() {
    if (!run) return;
    const r = await api.call('forensic.report', { runId: run.runId, format: 'pdf' });
    if (r.ok) download(r.data);
    else toast(r.error.message, 'error');
  }

  async function openRun(runId: string) {
    const r = await api.call('forensic.get', { runId });
    if (!r.ok) return setError(r.error.message);
    setRun(r.data);
    setSelectedId(null);
  }

  function move(delta: number) {
    if (findings.length === 0) return;
    const index = Math.max(0, Math.min(findings.length - 1, findings.findIndex((f) => f.id === selectedId) + delta));
    setSelectedId(findings[index]!.id);
    list.current?.querySelectorAll('tr')[index]?.scrollIntoView({ block: 'nearest' });
  }

  useHotkeys({ F5: () => void (status?.running ? undefined : start()), F9: () => void exportPdf() }, !configuring);

  return (
    <section className="page" aria-labelledby="forensic-title">
      <header className="page-header">
        <h1 id="forensic-title">Forense</h1>
        <div className="toolbar">
          <label className="check" htmlFor="fx-from">
            Desde
          </label>
          <DateInput id="fx-from" aria-label="Desde" label="La fecha desde" value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} />
          <label className="check" htmlFor="fx-to">
            Hasta
          </label>
          <DateInput id="fx-to" aria-label="Hasta" label="La fecha hasta" value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} />
          <button type="button" className="button button-primary" onClick={() => void start()} disabled={!!status?.running}>
            Revisar ahora <kbd>F5</kbd>
          </button>
          <button type="button" className="button" onClick={() => void exportPdf()} disabled={!run}>
            Exportar PDF <kbd>F9</kbd>
          </button>
          <button type="button" className="button" onClick={() => setConfiguring(true)}>
            Configuración
          </button>
        </div>
      </header>
      <ErrorBanner message={error} />
      {status?.running ? (
        <div className="panel forensic-running" role="status" aria-live="polite">
          <span>
            {status.running.trigger === 'programada' ? 'Revisión nocturna' : 'Revisión'} en curso: {status.running.message}
          </span>
          <progress max={1} value={status.running.progress} aria-label="Avance de la revisión" />
          <button type="button" className="button" onClick={() => void cancel()}>
            Cancelar
          </button>
        </div>
      ) : status?.lastError ? (
        <p className="banner banner-alert" role="alert">
          {status.lastError}
        </p>
      ) : null}
      {!status ? (
        <p className="muted" aria-busy="true">
          Cargando…
        </p>
      ) : !run ? (
        <div className="panel empty-state">
          <p>
            Todavía no hay revisiones. Góndola revisa la tienda cada noche{status.settings.nightly ? ` a las ${status.settings.nightlyTime}` : ' (desactivado)'}; podés revisarla ahora con F5.
          </p>
        </div>
      ) : (
        <>
          <RunSummary run={run} latest={run.runId === status.latest?.runId} nextRun={status.nextRun} />
          <div className="forensic-layout">
            <div className="panel forensic-findings">
              <div className="filters" role="search">
                <select aria-label="Fase" value={filters.phase} onChange={(e) => setFilters({ ...filters, phase: e.target.value as Filters['phase'] })}>
                  <option value="">Todas las fases</option>
                  {Object.entries(PHASE_LABEL).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <select aria-label="Severidad" value={filters.severity} onChange={(e) => setFilters({ ...filters, severity: e.target.value as Filters['severity'] })}>
                  <option value="">Todas las severidades</option>
                  {Object.entries(SEVERITY_LABEL).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <input
                  type="search"
                  aria-label="Entidad"
                  placeholder="Producto, usuario, ticket, factura, proveedor, categoría…"
                  value={filters.entity}
                  onChange={(e) => setFilters({ ...filters, entity: e.target.value })}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowDown') {
                      e.preventDefault();
                      move(1);
                      list.current?.closest('table')?.focus();
                    }
                  }}
                />
                <label className="check">
                  <input type="checkbox" checked={filters.showAcknowledged} onChange={(e) => setFilters({ ...filters, showAcknowledged: e.target.checked })} /> Mostrar los ya vistos
                </label>
              </div>
              <table
                className="table table-compact"
                aria-label="Hallazgos"
                tabIndex={0}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    move(e.key === 'ArrowDown' ? 1 : -1);
                  } else if (e.key === 'Escape') setSelectedId(null);
                }}
              >
                <thead>
                  <tr>
                    <th scope="col">Severidad</th>
                    <th scope="col">Hallazgo</th>
                    <th scope="col">Fase</th>
                    <th scope="col">Estado</th>
                  </tr>
                </thead>
                <tbody ref={list}>
                  {findings.map((f) => (
                    <tr key={f.id} aria-selected={f.id === selectedId} className={f.id === selectedId ? 'selected' : undefined} onClick={() => setSelectedId(f.id)}>
                      <td>
                        <span className={`severity severity-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span>
                      </td>
                      <td>{f.title}</td>
                      <td className="muted">{PHASE_LABEL[f.phase]}</td>
                      <td>{f.acknowledged ? <span className="tag">Visto</span> : f.status === 'nuevo' ? <span className="tag tag-new">Nuevo</span> : <span className="muted">Sigue</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {findings.length === 0 ? <p className="muted">{run.findings.length === 0 ? 'La revisión no encontró nada para señalar.' : 'Ningún hallazgo coincide con los filtros.'}</p> : null}
              {run.resolved.length > 0 ? (
                <details className="forensic-resolved">
                  <summary>{run.resolved.length} resueltos desde la revisión anterior</summary>
                  <ul>
                    {run.resolved.map((r) => (
                      <li key={r.id}>
                        <span className={`severity severity-${r.severity}`}>{SEVERITY_LABEL[r.severity]}</span> {r.title}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
            <aside className="panel forensic-detail" aria-label="Detalle del hallazgo">
              {selected ? (
                <FindingDetail key={selected.id} runId={run.runId} finding={selected} onChanged={(next) => setRun(next)} onClose={() => setSelectedId(null)} />
              ) : (
                <>
                  <h2>Indicadores del período</h2>
                  <Kpis run={run} />
                  <h2>Historial</h2>
                  <History status={status} current={run.runId} onOpen={(id) => void openRun(id)} />
                </>
              )}
            </aside>
          </div>
        </>
      )}
      {configuring && status ? <ForensicSettingsDialog settings={status.settings} onClose={() => setConfiguring(false)} onSaved={(s) => setStatus(s)} /> : null}
    </section>
  );
}

function RunSummary({ run, latest, nextRun }: { run: ForensicRun; latest: boolean; nextRun: string | null }) {
  const counts = run.kpis.findings;
  const fresh = run.findings.filter((f) => f.status === 'nuevo').length;
  return (
    <div className="forensic-summary">
      <div className="figure">
        <span className="kpi-label">{latest ? 'Última revisión' : 'Revisión del historial'}</span>
        <strong>
          {formatDay(run.period.from)} – {formatDay(run.period.to)}
        </strong>
        <span className="muted">
          {run.trigger === 'programada' ? 'nocturna' : 'a pedido'}, {formatDateTime(run.finishedAt)}
          {nextRun ? (Date.parse(nextRun) <= Date.now() ? ' · la nocturna de hoy está pendiente: corre en unos minutos' : ` · próxima: ${formatDateTime(nextRun)}`) : ''}
        </span>
      </div>
      <div className="figure">
        <span className="kpi-label">Hallazgos</span>
        <strong>
          <span className="severity severity-alta">{counts.alta} alta</span> <span className="severity severity-media">{counts.media} media</span>{' '}
          <span className="severity severity-baja">{counts.baja} baja</span>
        </strong>
        <span className="muted">
          {fresh} nuevos · {run.resolved.length} resueltos
        </span>
      </div>
      <div className={`figure ${run.audit.verified ? '' : 'figure-alert'}`}>
        <span className="kpi-label">Cadena de auditoría</span>
        <strong>{run.audit.verified ? 'Verificó' : 'NO verificó'}</strong>
        <span className="muted">{run.audit.head ? `entrada ${run.audit.head.seq} · ${run.audit.head.hash.slice(0, 12)}` : 'sin entradas'}</span>
      </div>
    </div>
  );
}

function Kpis({ run }: { run: ForensicRun }) {
  const k = run.kpis;
  const pct = (x: number | null) => (x === null ? '—' : formatPercent(x));
  const num = (x: number | null, digits = 1) => (x === null ? '—' : x.toLocaleString('es-AR', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const t = KPI_TEXT;
  const rows: [{ label: string; explain: string }, string][] = [
    [t.sales, formatMoney(k.sales)],
    [t.grossMargin, `${formatMoney(k.grossMargin)} (${pct(k.marginRate)})`],
    [t.rotation, num(k.rotation)],
    [t.daysOfInventory, num(k.daysOfInventory, 0)],
    [t.gmroi, num(k.gmroi, 2)],
    [t.sellThrough, pct(k.sellThrough)],
    [t.stockOutRate, pct(k.stockOutRate)],
    [t.shrinkage, `${formatMoney(k.shrinkage)} (${pct(k.shrinkageRate)})`],
    [t.deadStock, `${k.deadStock.products} productos, ${formatMoney(k.deadStock.value)}`],
    [t.expiringSoon, `${k.expiringSoon.lots} lotes, ${formatMoney(k.expiringSoon.value)}`],
    [t.forecastWape, pct(k.forecastWape)],
  ];
  return (
    <table className="table table-compact forensic-kpis" aria-label="Indicadores del período">
      <tbody>
        {rows.map(([text, value]) => (
          <tr key={text.label}>
            <th scope="row">
              {text.label}
              <span className="kpi-explain">{text.explain}</span>
            </th>
            <td className="num">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ status, current, onOpen }: { status: ForensicStatus; current: string; onOpen(id: string): void }) {
  return (
    <table className="table table-compact" aria-label="Historial de revisiones">
      <thead>
        <tr>
          <th scope="col">Hecha</th>
          <th scope="col">Período</th>
          <th scope="col" className="num">Alta/Media/Baja</th>
          <th scope="col" className="num">Nuevos</th>
        </tr>
      </thead>
      <tbody>
        {status.history.map((h) => (
          <tr key={h.runId} className={h.runId === current ? 'selected' : undefined}>
            <td>
              <button type="button" className="link" onClick={() => onOpen(h.runId)}>
                {formatDateTime(h.startedAt)}
              </button>
              {h.trigger === 'programada' ? <span className="tag">nocturna</span> : null}
              {h.auditVerified ? null : <span className="tag tag-alert">auditoría</span>}
            </td>
            <td>
              {formatDay(h.period.from)} – {formatDay(h.period.to)}
            </td>
            <td className="num">
              {h.counts.alta}/{h.counts.media}/{h.counts.baja}
            </td>
            <td className="num">{h.newFindings}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
