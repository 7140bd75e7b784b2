import { useState } from 'react';
import type { ForensicFinding, ForensicRun } from '../../../../contract';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { formatDay } from '../../lib/store-clock';
import { useToasts } from '../../stores/toast';
import { ENTITY_LABEL, PHASE_LABEL, SEVERITY_LABEL } from '../../../../locale';

/** Where each kind of entity's rows are: the screen that shows them, filtered to it. */
function linkFor(kind: string, value: string): string | null {
  if (kind === 'sku') return `#/stock?buscar=${encodeURIComponent(value)}`;
  if (kind === 'category') return `#/stock?categoria=${encodeURIComponent(value)}`;
  if (kind === 'ticket') return `#/tickets?ticket=${encodeURIComponent(value)}`;
  if (kind === 'user') return '#/usuarios';
  if (kind === 'supplier') return '#/proveedores';
  return null;
}

/** One finding: what, why, who and which, the evidence rows, and the owner's acknowledgement. */
export function FindingDetail({ runId, finding, onChanged, onClose }: { runId: string; finding: ForensicFinding; onChanged(run: ForensicRun): void; onClose(): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToasts((s) => s.show);

  async function acknowledge(event: React.FormEvent) {
    event.preventDefault();
    if (!note.trim()) return setError('Escribí qué viste o qué se hizo: la nota queda con el hallazgo.');
    setBusy(true);
    const r = await api.call('forensic.acknowledge', { runId, findingId: finding.id, note });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    toast('Hallazgo marcado como visto.');
    onChanged(r.data);
  }

  return (
    <article className="finding-detail" aria-labelledby="finding-title">
      <button type="button" className="button finding-close" onClick={onClose}>
        Volver a los indicadores <kbd>Esc</kbd>
      </button>
      <p className="muted">
        <span className={`severity severity-${finding.severity}`}>{SEVERITY_LABEL[finding.severity]}</span> · {PHASE_LABEL[finding.phase]} · regla {finding.rule}
        {finding.status === 'nuevo' ? <span className="tag tag-new">Nuevo</span> : null}
      </p>
      <h2 id="finding-title">{finding.title}</h2>
      <p>{finding.explanation}</p>
      <dl className="finding-entities">
        {Object.entries(finding.entities)
          .filter(([, values]) => values && values.length > 0)
          .map(([kind, values]) => (
            <div key={kind}>
              <dt>{ENTITY_LABEL[kind] ?? kind}</dt>
              <dd>
                {values!.map((v) => {
                  const href = linkFor(kind, v);
                  return href ? (
                    <a key={v} href={href} className="chip">
                      {v}
                    </a>
                  ) : (
                    <span key={v} className="chip">
                      {v}
                    </span>
                  );
                })}
              </dd>
            </div>
          ))}
      </dl>
      <div className="table-wrap finding-evidence">
        <table className="table table-compact" aria-label="Evidencia">
          <thead>
            <tr>
              {finding.evidence.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {finding.evidence.rows.map((row, i) => (
              <tr key={i}>
                {finding.evidence.columns.map((_, j) => {
                  const v = row[j] ?? null;
                  return (
                    <td key={j} className={typeof v === 'number' || /^-?\$ /.test(String(v ?? '')) ? 'num' : undefined}>
                      {v === null ? '—' : typeof v === 'number' ? v.toLocaleString('es-AR') : /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDay(v) : v}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {finding.evidence.total > finding.evidence.rows.length ? <p className="muted">Se muestran las primeras {finding.evidence.rows.length} de {finding.evidence.total} filas: la revisión guarda esas.</p> : null}
      {finding.acknowledged ? (
        <p className="banner banner-ok">
          Visto por {finding.acknowledged.by ?? 'el dueño'} el {formatDateTime(finding.acknowledged.at)}: «{finding.acknowledged.note}». Sigue visto mientras la evidencia no cambie.
        </p>
      ) : (
        <form className="finding-ack" onSubmit={(e) => void acknowledge(e)}>
          <label htmlFor="ack-note">Nota (qué viste, qué se hizo)</label>
          <textarea id="ack-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} aria-invalid={!!error} />
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={busy}>
            Marcar como visto
          </button>
        </form>
      )}
    </article>
  );
}
