import { useRef, useState } from 'react';
import { INTERCHANGE_FILES, type ImportSummary } from '../../../../contract';
import { download } from '../../lib/download';
import { api } from '../../api/client';
import { formatInteger, plural } from '../../lib/format';
import { fileToBase64 } from '../../lib/files';
import { useToasts } from '../../stores/toast';
import { ErrorBanner } from '../../components/ErrorBanner';

interface Picked {
  name: string;
  size: number;
  base64: string;
}

const KNOWN: readonly string[] = INTERCHANGE_FILES;

/**
 * Importar: pick the CSV files of the interchange format, see what would happen
 * (row by row, with every error as file:line: column: reason), then import.
 * Nothing changes until the person confirms, and a file with errors applies
 * nothing unless they choose to leave the bad rows out.
 */
export function ImportPage() {
  const [files, setFiles] = useState<Picked[]>([]);
  const [preview, setPreview] = useState<ImportSummary | null>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  /** How the files write decimals: '' reads it from all the files together. */
  const [decimals, setDecimals] = useState<'' | 'comma' | 'dot'>('');
  /** Headers the person mapped to the format's columns, per file (sent with the preview and the import). */
  const [mapping, setMapping] = useState<Record<string, Record<string, string>>>({});
  const [template, setTemplate] = useState<string>('products.csv');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const showToast = useToasts((s) => s.show);

  async function pick(list: FileList | null) {
    if (!list) return;
    setError(null);
    setPreview(null);
    setResult(null);
    const picked: Picked[] = [];
    for (const file of Array.from(list)) picked.push({ name: file.name, size: file.size, base64: await fileToBase64(file) });
    setFiles(picked);
    const unknown = picked.filter((f) => !KNOWN.includes(f.name.toLowerCase()));
    if (unknown.length > 0) setError(`No se reconocen ${unknown.map((f) => f.name).join(', ')}: los archivos se llaman ${KNOWN.join(', ')}.`);
    setMapping({});
    await check(picked, decimals, {});
  }

  /** The preview: nothing changes; every bad row is listed. */
  async function check(picked: Picked[], style: typeof decimals, map: typeof mapping) {
    const known = picked.filter((f) => KNOWN.includes(f.name.toLowerCase()));
    if (known.length === 0) return;
    setBusy(true);
    setResult(null);
    const r = await api.call('import.preview', {
      files: known.map((f) => ({ name: f.name, base64: f.base64 })),
      ...(style ? { decimals: style } : {}),
      ...(Object.keys(map).length > 0 ? { mapping: mappingList(map) } : {}),
    });
    setBusy(false);
    if (r.ok) setPreview(r.data);
    else setError(r.error.message);
  }

  async function run() {
    const known = files.filter((f) => KNOWN.includes(f.name.toLowerCase()));
    setBusy(true);
    const r = await api.call('import.run', {
      files: known.map((f) => ({ name: f.name, base64: f.base64 })),
      skipBadRows,
      ...(decimals ? { decimals } : {}),
      ...(Object.keys(mapping).length > 0 ? { mapping: mappingList(mapping) } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setResult(r.data);
    setPreview(null);
    if (r.data.applied) showToast(r.data.message);
  }

  const shown = result ?? preview;
  // The headers to map: those no column took, and those the person already mapped (to change their mind).
  const headersToMap = (f: ImportSummary['files'][number]) => [...new Set([...Object.keys(mapping[f.file] ?? {}), ...f.unmapped])];
  const canImport = !!preview && (preview.errorCount === 0 || skipBadRows) && !busy;

  return (
    <section className="page" aria-labelledby="import-title">
      <header className="page-header">
        <h1 id="import-title">Importar</h1>
        <div className="toolbar">
          <label className="check" htmlFor="import-decimals">
            Decimales
          </label>
          <select
            id="import-decimals"
            value={decimals}
            onChange={(e) => {
              const style = e.target.value as typeof decimals;
              setDecimals(style);
              // A new way of reading the numbers: check the same files again.
              if (files.length > 0) void check(files, style, mapping);
            }}
          >
            <option value="">Detectar de los archivos</option>
            <option value="comma">Coma: 1.234,56</option>
            <option value="dot">Punto: 1,234.56</option>
          </select>
          <select aria-label="Plantilla" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {KNOWN.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={() => void api.call('import.template', { file: template as 'products.csv' }).then((r) => (r.ok ? download(r.data) : setError(r.error.message)))}>
            Descargar plantilla
          </button>
          <input ref={input} type="file" accept=".csv,text/csv" multiple hidden aria-label="Archivos CSV" onChange={(e) => void pick(e.target.files)} />
          <button type="button" className="button button-primary" onClick={() => input.current?.click()}>
            Elegir archivos CSV…
          </button>
        </div>
      </header>
      <p className="muted">
        Elegí los archivos del formato de intercambio ({KNOWN.join(', ')}). Primero se revisan sin cambiar nada; importar dos veces los mismos archivos no
        duplica nada.
      </p>
      <ErrorBanner message={error} />
      {busy ? <p aria-live="polite">Revisando…</p> : null}
      {shown ? (
        <>
          <p className={`banner ${shown.errorCount > 0 && !shown.applied ? 'banner-alert' : 'banner-ok'}`} role="status" aria-label="Resultado de la importación">
            {shown.message}
          </p>
          {shown.changes.newProducts + shown.changes.priceChanges + shown.changes.newSuppliers > 0 ? (
            <p className="import-changes" data-testid="import-changes">
              {result ? 'Cambió' : 'Va a cambiar'}: {plural(shown.changes.newProducts, 'producto nuevo', 'productos nuevos')} · {plural(shown.changes.priceChanges, 'precio que cambia', 'precios que cambian')} ·{' '}
              {plural(shown.changes.newSuppliers, 'proveedor nuevo', 'proveedores nuevos')}
            </p>
          ) : null}
          {shown.files.some((f) => headersToMap(f).length > 0) ? (
            <div className="import-mapping" role="group" aria-label="Columnas">
              <h2>Columnas por reconocer</h2>
              <p className="muted">Decí qué es cada una (se recuerda para la próxima importación de ese archivo), o dejalas sin usar.</p>
              {shown.files
                .filter((f) => headersToMap(f).length > 0)
                .map((f) =>
                  headersToMap(f).map((header) => (
                    <label key={`${f.file}:${header}`} className="mapping-row">
                      <span>
                        <span className="mono">{f.file}</span> «{header}»
                      </span>
                      <select
                        aria-label={`Columna «${header}» de ${f.file}`}
                        value={mapping[f.file]?.[header] ?? ''}
                        onChange={(e) => {
                          const next = { ...mapping, [f.file]: { ...mapping[f.file], [header]: e.target.value } };
                          if (!e.target.value) delete next[f.file]![header];
                          setMapping(next);
                          void check(files, decimals, next);
                        }}
                      >
                        <option value="">no usar</option>
                        {f.columns.map((c) => (
                          <option key={c.name} value={c.name}>
                            {c.label === c.name ? c.name : `${c.label} (${c.name})`}
                          </option>
                        ))}
                      </select>
                    </label>
                  )),
                )}
            </div>
          ) : null}
          <div className="table-wrap import-table">
            <table className="table" aria-label="Resumen por archivo">
              <thead>
                <tr>
                  <th scope="col">Archivo</th>
                  <th scope="col" className="num col-qty">Filas</th>
                  <th scope="col" className="num col-qty">{result ? 'Aplicadas' : 'Listas'}</th>
                  <th scope="col" className="num col-qty">Ya cargadas</th>
                  <th scope="col" className="num col-qty">Con error</th>
                </tr>
              </thead>
              <tbody>
                {shown.files.map((f) => (
                  <tr key={f.file}>
                    <td>
                      {f.file}
                      {f.refused ? <span className="tag tag-alert">rechazado: {f.refused}</span> : null}
                    </td>
                    <td className="num">{formatInteger(f.rows)}</td>
                    <td className="num">{formatInteger(result ? f.applied : f.rows - f.rejected - f.unchanged)}</td>
                    <td className="num">{formatInteger(f.unchanged)}</td>
                    <td className={`num${f.rejected ? ' alert' : ''}`}>{formatInteger(f.rejected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.errors.length > 0 ? (
            <div className="errors-list" role="region" aria-label="Errores">
              <h2>Errores ({formatInteger(shown.errorCount)})</h2>
              <ol>
                {shown.errors.map((e) => (
                  <li key={e} className="mono">
                    {e}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          {preview ? (
            <footer className="page-footer">
              {preview.errorCount > 0 ? (
                <label className="check">
                  <input type="checkbox" checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} /> Importar igual, dejando afuera las filas con error
                </label>
              ) : null}
              <span className="spacer" />
              <button type="button" className="button button-primary" disabled={!canImport} onClick={() => void run()}>
                Importar
              </button>
            </footer>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The screen's mapping as the core takes it: one entry per header. */
function mappingList(map: Record<string, Record<string, string>>): { file: string; header: string; column: string }[] {
  return Object.entries(map).flatMap(([file, headers]) => Object.entries(headers).map(([header, column]) => ({ file, header, column })));
}
