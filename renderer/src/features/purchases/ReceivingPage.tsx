import { flushSync } from 'react-dom';
import { useCallback, useEffect, useRef, useState } from 'react';
import { INVOICE_TYPES, type Product, type PurchaseOrder, type Receipt } from '../../../../contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { ProductPicker } from '../../components/ProductPicker';
import { SupplierSelect } from '../../components/SupplierSelect';
import { formatMoney, moneyToInput, parseMoneyInput, parseQuantityInput, quantityToInput } from '../../lib/format';
import { formatDay, storeToday } from '../../lib/store-clock';
import { DateInput } from '../../components/DateInput';
import { InvoiceDateConfirm } from './InvoiceDateConfirm';
import { useHotkeys } from '../../lib/keys';
import { useScanInput, type TypedAhead } from '../../lib/scan';
import { useToasts } from '../../stores/toast';
import { useSeesCosts } from '../../stores/session';

interface Line {
  key: number;
  product: Pick<Product, 'id' | 'sku' | 'name' | 'unit' | 'ivaRate' | 'packSize' | 'shelfLifeDays'>;
  qty: string;
  cost: string;
  lot: string;
  expiry: string;
}

let nextKey = 1;

/**
 * Compras › Recepción: the supplier's document, its lines scanned or searched,
 * quantities, costs, lots and expiry; posted in one step (F10) with the stock,
 * lot and average-cost updates. The same invoice twice is refused.
 */
export function ReceivingPage({ order, onPosted }: { order?: PurchaseOrder | null; onPosted?(): void } = {}) {
  const [supplierCuit, setSupplierCuit] = useState(order?.supplierCuit ?? '');
  const [docType, setDocType] = useState<(typeof INVOICE_TYPES)[number]>('A');
  const [pos, setPos] = useState('');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(storeToday());
  // The day the goods arrived (their stock enters then): today unless the person says otherwise.
  const [receivedOn, setReceivedOn] = useState(storeToday());
  const [confirmDate, setConfirmDate] = useState<string | null>(null);
  /** The product whose line's quantity takes the focus once drawn (after a scan or a pick). */
  // Receiving against an order starts from what is still pending of it.
  const [lines, setLines] = useState<Line[]>(
    () =>
      order?.lines
        .filter((l) => l.receivedQty < l.qty)
        .map((l) => ({
          key: nextKey++,
          product: { id: l.productId, sku: l.sku, name: l.name, unit: l.unit, ivaRate: l.ivaRate, packSize: 1, shelfLifeDays: null },
          qty: quantityToInput(l.qty - l.receivedQty),
          cost: moneyToInput(l.unitCost),
          lot: '',
          expiry: '',
        })) ?? [],
  );
  const [searching, setSearching] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [recent, setRecent] = useState<Omit<Receipt, 'lines'>[]>([]);
  const [saving, setSaving] = useState(false);
  const scan = useRef<HTMLInputElement>(null);
  const supplierField = useRef<HTMLDivElement>(null);
  const showToast = useToasts((s) => s.show);
  // A cashier receives quantities, lots and expiry; the cost comes from the order or the last one, unseen.
  const seesCosts = useSeesCosts();

  const loadRecent = useCallback(() => void api.call('receipts.list', { limit: 12 }).then((r) => r.ok && setRecent(r.data.items)), []);
  useEffect(loadRecent, [loadRecent]);
  // The first thing a delivery needs is who sent it; against an order, its products.
  const againstOrder = !!order;
  useEffect(() => {
    if (againstOrder) scan.current?.focus();
    else supplierField.current?.querySelector('select')?.focus();
  }, [againstOrder]);

  useHotkeys({ F2: () => setSearching(true), F10: () => void post() }, !searching && !confirmDate);

  /** A scanned product: a new line of one, or one more on its line; a quantity typed right after the code (`ahead`) is the line's. */
  function add(product: Line['product'], cost: number, ahead: TypedAhead = { text: '', enter: false }) {
    // Functional update: a fast scanner's second code may arrive before the first is drawn.
    // Drawn at once (flushSync): the quantity field must exist before the next keystroke is handled.
    let lineKey = 0;
    flushSync(() =>
      setLines((ls) => {
        const existing = ls.findIndex((l) => l.product.id === product.id && !l.lot && !l.expiry);
        if (existing >= 0) {
          const parsed = parseQuantityInput(ls[existing]!.qty, product.unit);
          const copy = [...ls];
          copy[existing] = { ...copy[existing]!, qty: ahead.text || quantityToInput((parsed.ok ? parsed.value : 0) + 1000) };
          lineKey = copy[existing]!.key;
          return copy;
        }
        lineKey = nextKey++;
        return [...ls, { key: lineKey, product, qty: ahead.text || '1', cost: cost ? moneyToInput(cost) : '', lot: '', expiry: '' }];
      }),
    );
    // Enter after the quantity: back to the scanner (where the focus already is). Otherwise the line's
    // quantity takes the next keystrokes, in the same task as the scan's answer, so none lands in the
    // scan field in between: after what was typed ahead (caret at the end), or replacing the 1.
    if (ahead.enter) return;
    const input = document.getElementById(`rc-qty-${lineKey}`) as HTMLInputElement | null;
    input?.focus();
    if (ahead.text) input?.setSelectionRange(input.value.length, input.value.length);
    else input?.select();
  }

  const scanInput = useScanInput({
    // The product's cost and the rest of the line come with a second call, while keystrokes still count as typed ahead.
    prepare: (found) => api.call('products.get', { id: found.productId }),
    onFound(_found, ahead, product) {
      if (product?.ok) {
        add(product.data, product.data.cost ?? 0, ahead);
        setErrors({});
      }
    },
    onError: (message) => setErrors({ scan: message }),
  });

  const update = (key: number, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const parsed = lines.map((l) => ({ qty: parseQuantityInput(l.qty, l.product.unit), cost: seesCosts ? parseMoneyInput(l.cost, 'El costo') : ({ ok: true, value: 0 } as const) }));
  const net = parsed.reduce((s, p) => s + (p.qty.ok && p.cost.ok ? Math.round((p.qty.value * p.cost.value) / 1000) : 0), 0);
  const iva = lines.reduce((s, l, i) => {
    const p = parsed[i]!;
    return s + (p.qty.ok && p.cost.ok ? Math.round((Math.round((p.qty.value * p.cost.value) / 1000) * l.product.ivaRate) / 100) : 0);
  }, 0);

  async function post(confirmed = false) {
    if (saving) return;
    const problems: Record<string, string> = {};
    if (!supplierCuit) problems.supplier = 'Elegí el proveedor';
    if (!/^\d{1,5}$/.test(pos)) problems.pos = 'El punto de venta son hasta 5 dígitos';
    if (!/^\d{1,8}$/.test(number)) problems.number = 'El número son hasta 8 dígitos';
    if (lines.length === 0) problems.form = 'Agregá al menos un producto';
    parsed.forEach((p, i) => {
      if (!p.qty.ok) problems[`qty-${lines[i]!.key}`] = p.qty.message;
      if (!p.cost.ok) problems[`cost-${lines[i]!.key}`] = p.cost.message;
    });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    const result = await api.call('receipts.post', {
      supplierCuit,
      docType,
      pos: Number(pos),
      number: Number(number),
      date,
      receivedOn,
      ...(confirmed ? { confirmDate: true } : {}),
      ...(order ? { purchaseOrderId: order.id } : {}),
      lines: lines.map((l, i) => ({
        productId: l.product.id,
        qty: (parsed[i]!.qty as { value: number }).value,
        ...(seesCosts ? { unitCost: (parsed[i]!.cost as { value: number }).value } : {}),
        ...(l.lot.trim() ? { lot: l.lot.trim() } : {}),
        ...(l.expiry ? { expiry: l.expiry } : {}),
      })),
    });
    setSaving(false);
    if (!result.ok && result.error.code === 'NEEDS_CONFIRMATION') {
      setConfirmDate(result.error.message);
      return;
    }
    if (!result.ok) {
      const fields = (result.error.details?.fields as { path: string; message: string }[] | undefined) ?? [];
      setErrors({ form: result.error.message, ...Object.fromEntries(fields.map((f) => [f.path, f.message])) });
      return;
    }
    showToast(result.data.total === undefined ? `Recepción registrada: ${result.data.supplierName}` : `Recepción registrada: ${result.data.supplierName}, ${formatMoney(result.data.total)}`);
    setLines([]);
    setNumber('');
    setErrors({});
    loadRecent();
    scan.current?.focus();
    onPosted?.();
  }

  return (
    <>
      {order ? (
        <p className="banner banner-ok">
          Recibiendo contra el pedido N° {String(order.number).padStart(6, '0')} de {order.supplierName}: se cargaron las cantidades pendientes.
        </p>
      ) : null}
      {errors.form ? (
        <p className="banner banner-alert" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="receiving">
        <div className="receiving-main">
          <div className="doc-fields">
            <div ref={supplierField} className="doc-supplier">
              <Field id="rc-supplier" label="Proveedor" error={errors.supplier ?? errors.supplierCuit} required>
                <SupplierSelect id="rc-supplier" value={supplierCuit} onChange={setSupplierCuit} emptyLabel="Elegí…" />
              </Field>
            </div>
            <Field id="rc-type" label="Comprobante">
              <select id="rc-type" value={docType} onChange={(e) => setDocType(e.target.value as 'A')}>
                {INVOICE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t === 'R' ? 'Remito' : `Factura ${t}`}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="rc-pos" label="Punto de venta" error={errors.pos} required>
              <input id="rc-pos" inputMode="numeric" value={pos} onChange={(e) => setPos(e.target.value)} maxLength={5} />
            </Field>
            <Field id="rc-number" label="Número" error={errors.number} required>
              <input id="rc-number" inputMode="numeric" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={8} />
            </Field>
            <Field id="rc-date" label="Fecha de la factura" error={errors.date}>
              <DateInput id="rc-date" label="La fecha de la factura" value={date} onChange={setDate} />
            </Field>
            <Field id="rc-received" label="Recibido el" error={errors.receivedOn} hint="El stock entra este día">
              <DateInput id="rc-received" label="La fecha de recepción" value={receivedOn} onChange={setReceivedOn} />
            </Field>
          </div>
          <div className="toolbar toolbar-left">
            <div className={`search${errors.scan ? ' search-alert' : ''}`}>
              <input ref={scan} aria-label="Escanear producto recibido" placeholder="Escaneá o escribí el código y Enter" {...scanInput} onKeyDown={(e) => void scanInput.onKeyDown(e)} />
            </div>
            <button type="button" className="button" onClick={() => setSearching(true)}>
              Buscar <kbd>F2</kbd>
            </button>
            {errors.scan ? <span className="field-error">{errors.scan}</span> : null}
          </div>
          <div className="table-wrap">
            <table className="table table-edit" aria-label="Líneas de la recepción">
              <thead>
                <tr>
                  <th scope="col">Producto</th>
                  <th scope="col" className="num col-qty">Cantidad</th>
                  {seesCosts ? <th scope="col" className="num col-price">Costo s/IVA</th> : null}
                  <th scope="col" className="col-lot">Lote</th>
                  <th scope="col" className="col-expiry">Vencimiento</th>
                  {seesCosts ? <th scope="col" className="num col-price">Subtotal</th> : null}
                  <th scope="col" className="col-x" />
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => {
                  const p = parsed[i]!;
                  return (
                    <tr key={l.key}>
                      <td className="cell-name">
                        {l.product.name} <span className="muted mono">{l.product.sku}</span>
                      </td>
                      <td className="num">
                        <input
                          id={`rc-qty-${l.key}`}
                          aria-label={`Cantidad de ${l.product.name}`}
                          className={errors[`qty-${l.key}`] ? 'invalid' : ''}
                          aria-invalid={!!errors[`qty-${l.key}`]}
                          inputMode="decimal"
                          value={l.qty}
                          onChange={(e) => update(l.key, { qty: e.target.value })}
                          onKeyDown={(e) => {
                            // Enter after the quantity: back to the scanner for the next product.
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              scan.current?.focus();
                            }
                          }}
                        />
                        {errors[`qty-${l.key}`] ? <span className="cell-error" role="alert">{errors[`qty-${l.key}`]}</span> : null}
                      </td>
                      {seesCosts ? (
                        <td className="num">
                          <input aria-label={`Costo de ${l.product.name}`} className={errors[`cost-${l.key}`] ? 'invalid' : ''} aria-invalid={!!errors[`cost-${l.key}`]} inputMode="decimal" value={l.cost} onChange={(e) => update(l.key, { cost: e.target.value })} />
                          {errors[`cost-${l.key}`] ? <span className="cell-error" role="alert">{errors[`cost-${l.key}`]}</span> : null}
                        </td>
                      ) : null}
                      <td>
                        <input aria-label={`Lote de ${l.product.name}`} value={l.lot} maxLength={40} onChange={(e) => update(l.key, { lot: e.target.value })} />
                      </td>
                      <td>
                        <DateInput aria-label={`Vencimiento de ${l.product.name}`} label="El vencimiento" optional value={l.expiry} onChange={(expiry) => update(l.key, { expiry })} />
                      </td>
                      {seesCosts ? <td className="num">{p.qty.ok && p.cost.ok ? formatMoney(Math.round((p.qty.value * p.cost.value) / 1000)) : '—'}</td> : null}
                      <td>
                        <button type="button" className="link" aria-label={`Quitar ${l.product.name}`} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                          ✕
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {lines.length === 0 ? <div className="empty">Escaneá los productos de la factura o buscalos con F2.</div> : null}
          </div>
          <footer className="page-footer">
            {seesCosts ? (
              <span>
                Neto {formatMoney(net)} · IVA {formatMoney(iva)} · <strong data-testid="receipt-total">Total {formatMoney(net + iva)}</strong>
              </span>
            ) : (
              <span>{lines.length} productos</span>
            )}
            <span className="spacer" />
            <button type="button" className="button button-primary" onClick={() => void post()} disabled={saving}>
              {saving ? 'Registrando…' : 'Registrar recepción'} <kbd>F10</kbd>
            </button>
          </footer>
        </div>
        <aside className="receiving-recent" aria-label="Últimas recepciones">
          <h2>Últimas recepciones</h2>
          <ul>
            {recent.map((r) => (
              <li key={r.id}>
                <span>{r.supplierName}</span>
                <span className="muted">
                  {formatDay(r.date)} · {r.docType} {String(r.pos).padStart(5, '0')}-{String(r.number).padStart(8, '0')}
                </span>
                {r.total === undefined ? null : <span className="num">{formatMoney(r.total)}</span>}
              </li>
            ))}
            {recent.length === 0 ? <li className="muted">Todavía no hay recepciones.</li> : null}
          </ul>
        </aside>
      </div>
      {confirmDate ? (
        <InvoiceDateConfirm
          message={confirmDate}
          onCancel={() => {
            setConfirmDate(null);
            document.getElementById('rc-date')?.focus();
          }}
          onConfirm={() => {
            setConfirmDate(null);
            void post(true);
          }}
        />
      ) : null}
      {searching ? (
        <ProductPicker
          onPick={(p) => {
            setSearching(false);
            add(p, p.cost ?? 0);
          }}
          onClose={() => setSearching(false)}
        />
      ) : null}
    </>
  );
}
