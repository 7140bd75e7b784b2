import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CategoryList, CountSession, MethodOutput } from '../../../../contract';
import { api } from '../../api/client';
import { ConfirmDialog, Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { formatDateTime, formatMoney, formatQuantity, parseQuantityInput, quantityToInput } from '../../lib/format';
import { useHotkeys } from '../../lib/keys';
import { useScanInput } from '../../lib/scan';
import { useSeesCosts, useSession } from '../../stores/session';
import { useToasts } from '../../stores/toast';
import { ErrorBanner } from '../../components/ErrorBanner';
import { COUNT_STATUS_LABEL as STATUS_LABEL } from '../../../../locale';

/** Inventario: blind counts by category, their differences, and the owner's approval. */
export function CountsPage() {
  const [sessions, setSessions] = useState<MethodOutput<'counts.list'>>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState<'' | CountSession['status']>('');
  const load = () => void api.call('counts.list', {}).then((r) => r.ok && setSessions(r.data));
  useEffect(() => {
    load();
    return api.on('counts.changed', load);
  }, []);
  const categories = [...new Set(sessions.map((s) => s.category).filter((c): c is string => !!c))].sort((a, b) => a.localeCompare(b, 'es'));
  const shown = sessions.filter((s) => (!category || s.category === category) && (!status || s.status === status));

  if (current) return <CountSessionView sessionId={current} onBack={() => setCurrent(null)} />;
  return (
    <section className="page" aria-labelledby="counts-title">
      <header className="page-header">
        <h1 id="counts-title">Inventario</h1>
        <div className="toolbar">
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Nuevo conteo <kbd>F3</kbd>
          </button>
        </div>
      </header>
      <CountsHotkeys onNew={() => setCreating(true)} enabled={!creating} />
      <div className="filters" role="group" aria-label="Filtros">
        <select aria-label="Categoría" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">Todas las categorías</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select aria-label="Estado" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="">Todos los estados</option>
          {(Object.keys(STATUS_LABEL) as CountSession['status'][]).map((k) => (
            <option key={k} value={k}>
              {STATUS_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="table-wrap">
        <table className="table" aria-label="Conteos">
          <thead>
            <tr>
              <th scope="col">Conteo</th>
              <th scope="col" className="col-category">Categoría</th>
              <th scope="col" className="col-datetime">Abierto</th>
              <th scope="col" className="col-kind">Estado</th>
              <th scope="col" className="num col-qty">Contados</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id} onDoubleClick={() => setCurrent(s.id)}>
                <td>
                  <button type="button" className="link" onClick={() => setCurrent(s.id)}>
                    {s.name}
                  </button>
                </td>
                <td className="muted">{s.category ?? '—'}</td>
                <td>{formatDateTime(s.openedAt)}</td>
                <td>
                  <span className={`status status-${s.status}`}>{STATUS_LABEL[s.status]}</span>
                </td>
                <td className="num">
                  {s.countedCount} de {s.lineCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {sessions.length === 0 ? <div className="empty">Todavía no hay conteos. Apretá F3 para empezar uno por categoría.</div> : null}
        {sessions.length > 0 && shown.length === 0 ? <div className="empty">No hay conteos con estos filtros.</div> : null}
      </div>
      {creating ? (
        <NewCountDialog
          onDone={(id) => {
            setCreating(false);
            if (id) setCurrent(id);
          }}
        />
      ) : null}
    </section>
  );
}

function CountsHotkeys({ onNew, enabled }: { onNew(): void; enabled: boolean }) {
  useHotkeys({ F3: onNew }, enabled);
  return null;
}

function NewCountDialog({ onDone }: { onDone(id: string | null): void }) {
  const [categories, setCategories] = useState<CategoryList>([]);
  const [category, setCategory] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.call('categories.list', {}).then((r) => r.ok && setCategories(r.data));
  }, []);
  async function submit() {
    if (!category) {
      setError('Elegí la categoría a contar');
      return;
    }
    const result = await api.call('counts.open', { name: name.trim() || `Conteo de ${category}`, category });
    if (result.ok) onDone(result.data.id);
    else setError(result.error.message);
  }
  return (
    <Modal title="Nuevo conteo" size="small" onClose={() => onDone(null)} onSubmit={() => void submit()}>
      <Field id="count-category" label="Categoría" error={error ?? undefined} required>
        <select
          id="count-category"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value);
            setError(null);
          }}
        >
          <option value="">Elegí…</option>
          {categories.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.productCount} productos)
            </option>
          ))}
        </select>
      </Field>
      <Field id="count-name" label="Nombre (opcional)">
        <input id="count-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder={category ? `Conteo de ${category}` : ''} />
      </Field>
      <DialogFooter onCancel={() => onDone(null)} confirmLabel="Empezar" />
    </Modal>
  );
}

/**
 * One count. While open it is blind: the counter scans a product, types what is
 * on the shelf and never sees what the system expects. Closing shows the
 * differences; approving posts them.
 */
function CountSessionView({ sessionId, onBack }: { sessionId: string; onBack(): void }) {
  const [session, setSession] = useState<CountSession | null>(null);
  const [entry, setEntry] = useState<{ productId: string; name: string; unit: 'un' | 'kg' | 'l' } | null>(null);
  const [qty, setQty] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'close' | 'approve' | 'cancel' | null>(null);
  const scan = useRef<HTMLInputElement>(null);
  const qtyInput = useRef<HTMLInputElement>(null);
  const showToast = useToasts((s) => s.show);
  const load = () => void api.call('counts.get', { sessionId }).then((r) => r.ok && setSession(r.data));
  useEffect(load, [sessionId]);
  // A quantity typed while the code was looked up: kept as typed, the caret after it.
  const typedAhead = useRef(false);
  const scanInput = useScanInput({
    onFound(found, ahead) {
      setMessage(null);
      const target = { productId: found.productId, name: found.name, unit: found.unit };
      // "7790…⏎8⏎" typed in one go: the count is saved as soon as the product is known.
      if (ahead.text && ahead.enter) return void save(target, ahead.text);
      // Scanning a product again shows what was counted, to correct it; a weighed label brings its weight.
      const already = session?.lines.find((l) => l.productId === found.productId)?.counted ?? null;
      const start = already ?? found.qty;
      typedAhead.current = ahead.text !== '';
      // Drawn and focused in this same task (as Recepción does): the next keystroke is the quantity's, never the scan field's.
      flushSync(() => {
        setQty(ahead.text || (start === null ? '' : quantityToInput(start)));
        setEntry(target);
      });
      focusQty();
    },
    onError: setMessage,
  });
  // The next keystroke is a scan: focus the scan field as soon as the count is on screen
  // (after Empezar it mounts before its data), and again after each quantity is saved.
  const loaded = session !== null;
  /** The quantity field: after what was typed ahead (caret at the end), or all of it selected to replace. */
  function focusQty(): void {
    const input = qtyInput.current;
    if (!input) return;
    input.focus();
    if (typedAhead.current) input.setSelectionRange(input.value.length, input.value.length);
    else input.select();
  }
  useEffect(() => {
    // Already focused when the scan drew it: selecting again would swallow a digit typed since.
    if (entry && document.activeElement === qtyInput.current) return;
    if (entry) focusQty();
    else scan.current?.focus();
  }, [entry, loaded]);
  useHotkeys({ Escape: () => (entry ? setEntry(null) : onBack()) }, confirm === null);
  const seesCosts = useSeesCosts();
  // Cashiers count and close; the owner or a manager approves or cancels.
  const canApprove = useSession((s) => !!s.status?.allowed.includes('counts.approve'));
  if (!session) return <section className="page" aria-busy="true" />;
  const open = session.status === 'abierto';
  const counted = session.lines.filter((l) => l.counted !== null).length;
  const differenceValue = session.lines.reduce((s, l) => s + (l.differenceValue ?? 0), 0);
  // Once closed, what differs comes first (largest value, then largest quantity), then what matched, then what was not counted.
  const rank = (l: CountSession['lines'][number]) => (l.counted === null ? 2 : l.difference ? 0 : 1);
  const lines = open
    ? session.lines
    : [...session.lines].sort((a, b) => rank(a) - rank(b) || Math.abs(b.differenceValue ?? 0) - Math.abs(a.differenceValue ?? 0) || Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0));


  async function record(e: React.FormEvent) {
    e.preventDefault();
    if (entry) await save(entry, qty);
  }

  /** Records what was counted of a product; a quantity that does not read stays on screen to fix. */
  async function save(target: { productId: string; name: string; unit: 'un' | 'kg' | 'l' }, text: string) {
    const parsed = text.trim() === '0' ? ({ ok: true, value: 0 } as const) : parseQuantityInput(text, target.unit, 'Lo contado');
    if (!parsed.ok) {
      setQty(text);
      setEntry(target);
      setMessage(parsed.message);
      return;
    }
    const result = await api.call('counts.record', { sessionId, productId: target.productId, counted: parsed.value });
    if (result.ok) {
      setSession(result.data);
      setEntry(null);
      setMessage(null);
    } else setMessage(result.error.message);
  }

  async function act(kind: 'close' | 'approve' | 'cancel') {
    const method = kind === 'close' ? 'counts.close' : kind === 'approve' ? 'counts.approve' : 'counts.cancel';
    const result = await api.call(method, { sessionId });
    setConfirm(null);
    if (result.ok) {
      setSession(result.data);
      showToast(kind === 'close' ? 'Conteo cerrado: revisá las diferencias' : kind === 'approve' ? 'Diferencias registradas en el stock' : 'Conteo anulado');
    } else setMessage(result.error.message);
  }

  return (
    <section className="page" aria-labelledby="count-title">
      <header className="page-header">
        <button type="button" className="button" onClick={onBack}>
          ← Conteos <kbd>Esc</kbd>
        </button>
        <h1 id="count-title">{session.name}</h1>
        <span className={`status status-${session.status}`}>{STATUS_LABEL[session.status]}</span>
        <div className="toolbar">
          {open ? (
            <button type="button" className="button button-primary" onClick={() => setConfirm('close')}>
              Cerrar conteo
            </button>
          ) : null}
          {session.status === 'cerrado' && canApprove ? (
            <button type="button" className="button button-primary" onClick={() => setConfirm('approve')}>
              Aprobar diferencias
            </button>
          ) : null}
          {(open || session.status === 'cerrado') && canApprove ? (
            <button type="button" className="button" onClick={() => setConfirm('cancel')}>
              Anular
            </button>
          ) : null}
        </div>
      </header>
      <ErrorBanner message={message} />
      {open ? (
        <div className="toolbar toolbar-left">
          <div className="search">
            <input ref={scan} aria-label="Escanear producto contado" placeholder="Escaneá el producto y escribí cuántos hay" {...scanInput} onKeyDown={(e) => void scanInput.onKeyDown(e)} disabled={!!entry} />
          </div>
          {entry ? (
            <form className="count-entry" onSubmit={(e) => void record(e)}>
              <label htmlFor="count-qty">{entry.name}</label>
              <input id="count-qty" ref={qtyInput} inputMode="decimal" value={qty} onChange={(e) => setQty(e.target.value)} />
              <span className="muted">{entry.unit}</span>
              <button type="submit" className="button button-primary">
                Guardar <kbd>Enter</kbd>
              </button>
            </form>
          ) : null}
          <span className="muted">
            {counted} de {session.lines.length} contados
          </span>
        </div>
      ) : seesCosts ? (
        <p className="muted">
          Diferencia valorizada a costo promedio: <strong className={differenceValue < 0 ? 'neg' : ''}>{formatMoney(differenceValue)}</strong>
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="table" aria-label="Productos del conteo">
          <thead>
            <tr>
              <th scope="col" className="col-sku">Código</th>
              <th scope="col">Producto</th>
              <th scope="col" className="num col-qty">Contado</th>
              {open ? null : (
                <>
                  <th scope="col" className="num col-qty">Esperado</th>
                  <th scope="col" className="num col-qty">Diferencia</th>
                  {seesCosts ? <th scope="col" className="num col-price">Valor</th> : null}
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.productId}>
                <td className="mono">{l.sku}</td>
                <td>{l.name}</td>
                <td className="num">{l.counted === null ? <span className="muted">sin contar</span> : formatQuantity(l.counted, l.unit)}</td>
                {open ? null : (
                  <>
                    <td className="num muted">{l.expected === null ? '—' : formatQuantity(l.expected, l.unit)}</td>
                    <td className={`num ${l.difference && l.difference < 0 ? 'neg' : l.difference ? 'pos' : ''}`}>
                      {l.difference === null ? '—' : `${l.difference > 0 ? '+' : ''}${formatQuantity(l.difference, l.unit)}`}
                    </td>
                    {seesCosts ? <td className="num">{l.differenceValue == null ? '—' : formatMoney(l.differenceValue)}</td> : null}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirm ? (
        <ConfirmDialog
          title={confirm === 'close' ? '¿Cerrar el conteo?' : confirm === 'approve' ? '¿Aprobar las diferencias?' : '¿Anular el conteo?'}
          confirmLabel={confirm === 'close' ? 'Cerrar conteo' : confirm === 'approve' ? 'Aprobar' : 'Anular conteo'}
          onCancel={() => setConfirm(null)}
          onConfirm={() => void act(confirm)}
        >
          <p>
            {confirm === 'close'
              ? `Se contaron ${counted} de ${session.lines.length} productos. Los que no se contaron no cambian. Después de cerrar ya no se puede contar.`
              : confirm === 'approve'
                ? `Se registran las diferencias en el stock (${formatMoney(differenceValue)} a costo). No se puede deshacer: una corrección posterior es otro conteo o un ajuste.`
                : 'No se registra nada en el stock.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
