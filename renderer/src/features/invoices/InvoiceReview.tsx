import { useRef, useState } from 'react';
import type { InvoiceBox, InvoiceReading, InvoiceSuggestion, Product } from '../../../../contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { ProductPicker } from '../../components/ProductPicker';
import { formatDate, formatMoney, moneyToInput, parseMoneyInput, parseQuantityInput, quantityToInput } from '../../lib/format';
import { useHotkeys } from '../../lib/keys';
import { errorsAfterEdit } from '../../lib/errors';
import { fileToBase64 } from '../../lib/files';
import { useToasts } from '../../stores/toast';
import { DocumentViewer } from './DocumentViewer';
import { QuickProduct } from './QuickProduct';
import { SupplierDialog } from '../suppliers/SuppliersPage';
import { ErrorBanner } from '../../components/ErrorBanner';
import { DateInput } from '../../components/DateInput';
import { InvoiceDateConfirm } from '../purchases/InvoiceDateConfirm';
import { storeToday } from '../../lib/store-clock';

interface ReviewLine {
  key: number;
  code: string;
  description: string;
  qty: string;
  cost: string;
  ivaRate: number;
  lot: string;
  expiry: string;
  product: Pick<Product, 'id' | 'sku' | 'name' | 'unit'> | null;
  /** Why this product was proposed ("memoria", "nombre parecido"…), null once the person chose it. */
  reason: InvoiceSuggestion['reason'] | null;
  suggestions: InvoiceSuggestion[];
  confidence: number;
  box: InvoiceBox | null;
}

type Header = { cuit: string; letter: string; pos: string; number: string; date: string; total: string };

/** A confidence dot: green when sure, amber when worth a look, red when missing or doubtful. */
function Confidence({ value, label }: { value: number | undefined; label: string }) {
  const level = value === undefined ? 'low' : value >= 0.9 ? 'high' : value >= 0.6 ? 'mid' : 'low';
  const text = level === 'high' ? 'seguro' : level === 'mid' ? 'revisar' : 'dudoso';
  return <span className={`conf conf-${level}`} title={`${label}: ${text}`} role="img" aria-label={`confianza ${text}`} />;
}

let nextKey = 1;

/**
 * Compras › Factura: a supplier's invoice (PDF or photo) read by the core — AFIP
 * QR, text or OCR — shown beside what was understood, field by field, with how
 * sure the reader is and every sum that does not add up. The person fixes what
 * is wrong, maps each line to a product (suggested, searched with F2 or
 * created), and posts it as a receipt with F10. Nothing moves before that.
 */
export function InvoiceReview() {
  const [reading, setReading] = useState<InvoiceReading | null>(null);
  const [header, setHeader] = useState<Header>({ cuit: '', letter: 'A', pos: '', number: '', date: '', total: '' });
  const [lines, setLines] = useState<ReviewLine[]>([]);
  const [busy, setBusy] = useState<'read' | 'post' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [highlight, setHighlight] = useState<InvoiceBox | null>(null);
  const [picking, setPicking] = useState<number | null>(null);
  const [creating, setCreating] = useState<ReviewLine | null>(null);
  const [supplierKnown, setSupplierKnown] = useState(false);
  // Stock enters the day the goods arrived, not the invoice's date.
  const [receivedOn, setReceivedOn] = useState(storeToday());
  const [confirmDate, setConfirmDate] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const showToast = useToasts((s) => s.show);

  const [focused, setFocused] = useState<number | null>(null);
  useHotkeys(
    {
      F10: () => void post(),
      F2: () => {
        const target = focused ?? lines.find((l) => !l.product)?.key ?? lines[0]?.key;
        if (target !== undefined) setPicking(target);
      },
      'Control+o': () => fileInput.current?.click(),
      Escape: () => {
        if (busy === 'read' && reading_.current) void api.call('invoices.cancel', { requestId: reading_.current });
      },
    },
    picking === null && creating === null && confirmDate === null,
  );

  const reading_ = useRef<string | null>(null);

  async function read(file: File) {
    const requestId = `lectura-${Date.now()}`;
    reading_.current = requestId;
    setError(null);
    setErrors({});
    setReading(null);
    setLines([]);
    setBusy('read');
    const result = await api.call('invoices.read', { fileName: file.name, requestId, base64: await fileToBase64(file) });
    reading_.current = null;
    setBusy(null);
    if (!result.ok && result.error.details?.reason === 'cancelled') return;
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const r = result.data;
    setReading(r);
    setSupplierKnown(!!r.supplier);
    setHeader({
      cuit: r.header.cuit ?? '',
      letter: r.header.letter && ['A', 'B', 'C'].includes(r.header.letter) ? r.header.letter : 'A',
      pos: r.header.pos === null ? '' : String(r.header.pos),
      number: r.header.number === null ? '' : String(r.header.number),
      date: r.header.date ?? '',
      total: r.header.total === null ? '' : moneyToInput(r.header.total),
    });
    setLines(
      r.lines.map((l) => ({
        key: nextKey++,
        code: l.code ?? '',
        description: l.description,
        qty: quantityToInput(l.qty),
        cost: l.unitCost === null ? '' : moneyToInput(l.unitCost),
        ivaRate: l.ivaRate ?? 21,
        lot: '',
        expiry: '',
        product: l.suggestions[0] ? { id: l.suggestions[0].productId, sku: l.suggestions[0].sku, name: l.suggestions[0].name, unit: l.suggestions[0].unit as 'un' } : null,
        reason: l.suggestions[0]?.reason ?? null,
        suggestions: l.suggestions,
        confidence: l.confidence,
        box: l.box,
      })),
    );
  }

  /** A header field changed: its own error, and the form's, no longer apply. */
  const editHeader = (patch: Partial<Header>) => {
    setHeader((h) => ({ ...h, ...patch }));
    setErrors((x) => errorsAfterEdit(x, Object.keys(patch)));
  };
  const update = (key: number, patch: Partial<ReviewLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const parsed = lines.map((l) => ({ qty: parseQuantityInput(l.qty, l.product?.unit ?? 'un'), cost: parseMoneyInput(l.cost, 'El costo') }));
  const net = parsed.reduce((s, p) => s + (p.qty.ok && p.cost.ok ? Math.round((p.qty.value * p.cost.value) / 1000) : 0), 0);
  const iva = lines.reduce((s, l, i) => {
    const p = parsed[i]!;
    return s + (p.qty.ok && p.cost.ok ? Math.round((Math.round((p.qty.value * p.cost.value) / 1000) * l.ivaRate) / 100) : 0);
  }, 0);
  const printedTotal = parseMoneyInput(header.total, 'El total');
  // What the invoice printed besides net and IVA (perceptions, internos), and where the lines stand against its total now.
  const printedOther = (reading?.header.perceptions ?? 0) + (reading?.header.internalTaxes ?? 0);
  const difference = printedTotal.ok && header.total ? printedTotal.value - printedOther - (net + iva) : null;
  const rounding = difference !== null && difference !== 0 && Math.abs(difference) <= Math.max(2, lines.length);
  const totalsClose = difference === null || difference === 0 || rounding;
  const sum = (values: Record<string, number> | undefined) => Object.values(values ?? {}).reduce((a, b) => a + b, 0);

  const [creatingSupplier, setCreatingSupplier] = useState(false);
  const [savedSupplier, setSavedSupplier] = useState<string | null>(null);

  async function post(confirmed = false) {
    if (!reading || busy) return;
    const problems: Record<string, string> = {};
    if (!supplierKnown) problems.cuit = 'Dá de alta el proveedor antes de registrar';
    if (!/^\d{1,5}$/.test(header.pos)) problems.pos = 'El punto de venta son hasta 5 dígitos';
    if (!/^\d{1,8}$/.test(header.number)) problems.number = 'El número son hasta 8 dígitos';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(header.date)) problems.date = 'Falta la fecha';
    if (lines.length === 0) problems.form = 'La factura no tiene líneas para recibir';
    lines.forEach((l, i) => {
      if (!l.product) problems[`product-${l.key}`] = 'Elegí el producto';
      if (!parsed[i]!.qty.ok) problems[`qty-${l.key}`] = (parsed[i]!.qty as { message: string }).message;
      if (!parsed[i]!.cost.ok) problems[`cost-${l.key}`] = (parsed[i]!.cost as { message: string }).message;
    });
    if (Object.keys(problems).length > 0) {
      setErrors({ form: problems.form ?? 'Hay datos para revisar antes de registrar', ...problems });
      return;
    }
    setErrors({});
    setBusy('post');
    const result = await api.call('invoices.post', {
      supplierCuit: header.cuit,
      docType: header.letter as 'A',
      pos: Number(header.pos),
      number: Number(header.number),
      date: header.date,
      receivedOn,
      ...(confirmed ? { confirmDate: true } : {}),
      ...(printedTotal.ok && header.total ? { total: printedTotal.value } : {}),
      // What it printed, kept beside what its lines make (the purchase book needs the printed figures).
      printed: {
        ...(Object.keys(reading.header.net).length > 0 ? { net: sum(reading.header.net) } : {}),
        ...(Object.keys(reading.header.iva).length > 0 ? { iva: sum(reading.header.iva) } : {}),
        ...(printedOther > 0 ? { other: printedOther } : {}),
      },
      lines: lines.map((l, i) => ({
        productId: l.product!.id,
        qty: (parsed[i]!.qty as { value: number }).value,
        unitCost: (parsed[i]!.cost as { value: number }).value,
        ivaRate: l.ivaRate,
        ...(l.lot.trim() ? { lot: l.lot.trim() } : {}),
        ...(l.expiry ? { expiry: l.expiry } : {}),
        ...(l.code.trim() ? { supplierCode: l.code.trim().slice(0, 40) } : {}),
        ...(l.description.trim() ? { description: l.description.trim().slice(0, 300) } : {}),
      })),
    });
    setBusy(null);
    if (!result.ok && result.error.code === 'NEEDS_CONFIRMATION') {
      setConfirmDate(result.error.message);
      return;
    }
    if (!result.ok) {
      const fields = (result.error.details?.fields as { path: string; message: string }[] | undefined) ?? [];
      setErrors({ form: result.error.message, ...Object.fromEntries(fields.map((f) => [f.path, f.message])) });
      return;
    }
    showToast(`Factura registrada: ${result.data.supplierName}${result.data.total === undefined ? '' : `, ${formatMoney(result.data.total)}`}`);
    setReading(null);
    setLines([]);
  }

  const failed = reading?.checks.filter((c) => !c.ok) ?? [];
  const focusBox = (field: string) => setHighlight(reading?.fieldBoxes[field] ?? null);
  const fc = reading?.fieldConfidence ?? {};

  return (
    <div className="invoice-review">
      <div className="invoice-doc">
        {reading ? (
          <DocumentViewer pages={reading.pages} highlight={highlight} />
        ) : (
          <div
            className="dropzone"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const file = e.dataTransfer.files[0];
              if (file) void read(file);
            }}
          >
            <p>{busy === 'read' ? 'Leyendo la factura… (QR, texto u OCR)' : 'Arrastrá acá el PDF o la foto de la factura del proveedor'}</p>
            {busy === 'read' ? (
              <button type="button" className="button" onClick={() => reading_.current && void api.call('invoices.cancel', { requestId: reading_.current })}>
                Cancelar <kbd>Esc</kbd>
              </button>
            ) : (
              <button type="button" className="button button-primary" onClick={() => fileInput.current?.click()}>
                Elegir archivo <kbd>Ctrl+O</kbd>
              </button>
            )}
          </div>
        )}
        <input ref={fileInput} type="file" accept="application/pdf,image/png,image/jpeg,image/webp" hidden aria-label="Factura (PDF o imagen)" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void read(f); }} />
      </div>
      <div className="invoice-data">
        <ErrorBanner message={error} />
        {!reading ? (
          <p className="muted">Góndola lee el código QR de AFIP, el texto del PDF o, si es una foto o un escaneo, la reconoce con OCR. Vos revisás y confirmás: el stock no se mueve hasta que registres.</p>
        ) : (
          <>
            <div className="toolbar toolbar-left">
              <span className="muted">
                {reading.fileName} · leída con {[reading.sources.qr && 'QR de AFIP', reading.sources.itf && 'código de barras', reading.sources.textLayer && 'texto del PDF', reading.sources.ocr && 'OCR'].filter(Boolean).join(', ')} · confianza {Math.round(reading.confidence * 100)} %
              </span>
              <span className="spacer" />
              <button type="button" className="button" onClick={() => fileInput.current?.click()}>
                Otra factura
              </button>
            </div>
            {reading.duplicateOf ? (
              <p className="banner banner-alert" role="alert">
                Esta factura ya se recibió el {formatDate(reading.duplicateOf.postedAt)}: no se puede registrar dos veces.
              </p>
            ) : null}
            {errors.form ? (
              <p className="banner banner-alert" role="alert">
                {errors.form}
              </p>
            ) : null}
            <div className="doc-fields">
              <Field id="iv-cuit" label="CUIT del proveedor" error={errors.cuit}>
                <div className="with-mark">
                  <Confidence value={fc.cuit} label="CUIT" />
                  <input id="iv-cuit" value={header.cuit} onFocus={() => focusBox('cuit')} onChange={(e) => { editHeader({ cuit: e.target.value }); setSupplierKnown(false); }} />
                </div>
              </Field>
              <Field id="iv-letter" label="Factura">
                <div className="with-mark">
                  <Confidence value={fc.letter} label="Tipo" />
                  <select id="iv-letter" value={header.letter} onFocus={() => focusBox('letter')} onChange={(e) => editHeader({ letter: e.target.value })}>
                    <option value="A">A</option>
                    <option value="B">B</option>
                    <option value="C">C</option>
                  </select>
                </div>
              </Field>
              <Field id="iv-pos" label="Punto de venta" error={errors.pos}>
                <div className="with-mark">
                  <Confidence value={fc.pos} label="Punto de venta" />
                  <input id="iv-pos" inputMode="numeric" maxLength={5} value={header.pos} onFocus={() => focusBox('pos')} onChange={(e) => editHeader({ pos: e.target.value })} />
                </div>
              </Field>
              <Field id="iv-number" label="Número" error={errors.number}>
                <div className="with-mark">
                  <Confidence value={fc.number} label="Número" />
                  <input id="iv-number" inputMode="numeric" maxLength={8} value={header.number} onFocus={() => focusBox('number')} onChange={(e) => editHeader({ number: e.target.value })} />
                </div>
              </Field>
              <Field id="iv-date" label="Fecha" error={errors.date}>
                <div className="with-mark">
                  <Confidence value={fc.date} label="Fecha" />
                  <DateInput id="iv-date" label="La fecha de la factura" value={header.date} onFocus={() => focusBox('date')} onChange={(date) => setHeader((h) => ({ ...h, date }))} />
                </div>
              </Field>
              <Field id="iv-received" label="Recibido el" error={errors.receivedOn} hint="El stock entra este día">
                <DateInput id="iv-received" label="La fecha de recepción" value={receivedOn} onChange={setReceivedOn} />
              </Field>
              <Field id="iv-total" label="Total impreso">
                <div className="with-mark">
                  <Confidence value={fc.total} label="Total" />
                  <input id="iv-total" inputMode="decimal" value={header.total} onFocus={() => focusBox('total')} onChange={(e) => editHeader({ total: e.target.value })} />
                </div>
              </Field>
            </div>
            <p className="supplier-line">
              {supplierKnown ? (
                <span>Proveedor: <strong>{savedSupplier ?? reading.supplier?.name ?? reading.header.supplierName ?? header.cuit}</strong></span>
              ) : (
                <>
                  <span className="warn">No hay un proveedor con CUIT {header.cuit || '—'} en la tienda.</span>{' '}
                  <button type="button" className="button" onClick={() => setCreatingSupplier(true)} disabled={!/^\d{2}-?\d{8}-?\d$/.test(header.cuit)}>
                    Dar de alta «{reading.header.supplierName ?? 'proveedor'}»
                  </button>
                </>
              )}
            </p>
            {failed.length > 0 || reading.warnings.length > 0 || !totalsClose ? (
              <ul className="checks" aria-label="Controles">
                {failed.map((c, i) => (
                  <li key={`c${i}`} className="check-bad" onClick={() => c.line && setHighlight(lines[c.line - 1]?.box ?? null)}>
                    ⚠ {c.message}
                  </li>
                ))}
                {!totalsClose ? (
                  <li className="check-bad" data-testid="totals-check">
                    ⚠ Las líneas suman {formatMoney(net + iva + printedOther)} y la factura dice {formatMoney(printedTotal.ok ? printedTotal.value : 0)}: revisá cantidades y costos.
                  </li>
                ) : null}
                {reading.warnings.map((w, i) => (
                  <li key={`w${i}`} className="check-warn">
                    ⓘ {w}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="check-ok" data-testid="totals-check">
                ✓ Las cuentas de la factura cierran{rounding ? `, con un redondeo de ${formatMoney(difference!)} sobre el total impreso` : ''}: {reading.checks.length} controles.
              </p>
            )}
            <div className="table-wrap">
              <table className="table table-edit table-invoice" aria-label="Líneas de la factura">
                <thead>
                  <tr>
                    <th scope="col">En la factura → producto de la tienda</th>
                    <th scope="col" className="num col-qty"><abbr title="Cantidad">Cant.</abbr></th>
                    <th scope="col" className="num col-price">Costo s/IVA</th>
                    <th scope="col" className="col-lot">Lote</th>
                    <th scope="col" className="col-expiry">Vencimiento</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l) => (
                    <tr key={l.key} onClick={() => setHighlight(l.box)} onFocusCapture={() => setFocused(l.key)} className={errors[`product-${l.key}`] ? 'row-invalid' : ''}>
                      <td>
                        <div className="invoice-line-text" title={l.description}>
                          <Confidence value={l.confidence} label="Línea" /> {l.code ? <span className="mono">{l.code} </span> : null}
                          {l.description}
                        </div>
                        <div className="product-choice">
                          <select
                            aria-label={`Producto para ${l.description}`}
                            className={errors[`product-${l.key}`] ? 'invalid' : ''}
                            value={l.product?.id ?? ''}
                            onFocus={() => setHighlight(l.box)}
                            onChange={(e) => {
                              const s = l.suggestions.find((x) => x.productId === e.target.value);
                              if (s) update(l.key, { product: { id: s.productId, sku: s.sku, name: s.name, unit: s.unit as 'un' }, reason: s.reason });
                            }}
                          >
                            {l.product && !l.suggestions.some((s) => s.productId === l.product!.id) ? <option value={l.product.id}>{l.product.name}</option> : null}
                            {!l.product ? <option value="">Sin producto: buscá o creá uno</option> : null}
                            {l.suggestions.map((s) => (
                              <option key={s.productId} value={s.productId}>
                                {s.name} — {s.reason}
                                {s.reason === 'nombre parecido' ? ` ${Math.round(s.score * 100)} %` : ''}
                              </option>
                            ))}
                          </select>
                          <button type="button" className="button" title="Buscar otro producto (F2)" onClick={() => setPicking(l.key)}>
                            Buscar
                          </button>
                          <button type="button" className="button" title="Crear el producto con los datos de la línea" onClick={() => setCreating(l)}>
                            Crear
                          </button>
                        </div>
                      </td>
                      {(['qty', 'cost'] as const).map((field) => {
                        const key = `${field}-${l.key}`;
                        return (
                          <td className="num" key={field}>
                            <input
                              aria-label={`${field === 'qty' ? 'Cantidad' : 'Costo'} de ${l.description}`}
                              className={errors[key] ? 'invalid' : ''}
                              aria-invalid={!!errors[key]}
                              inputMode="decimal"
                              value={l[field]}
                              onFocus={() => setHighlight(l.box)}
                              onChange={(e) => {
                                update(l.key, { [field]: e.target.value });
                                setErrors((x) => errorsAfterEdit(x, [key]));
                              }}
                            />
                            {errors[key] ? (
                              <p className="field-error" role="alert">
                                {errors[key]}
                              </p>
                            ) : null}
                          </td>
                        );
                      })}
                      <td>
                        <input aria-label={`Lote de ${l.description}`} value={l.lot} maxLength={40} onChange={(e) => update(l.key, { lot: e.target.value })} />
                      </td>
                      <td>
                        <DateInput aria-label={`Vencimiento de ${l.description}`} label="El vencimiento" optional value={l.expiry} onChange={(expiry) => update(l.key, { expiry })} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {lines.length === 0 ? <div className="empty">No se encontraron líneas de productos: cargalas en Recepción.</div> : null}
            </div>
            <footer className="page-footer">
              <span>
                Neto {formatMoney(net)} · IVA {formatMoney(iva)}
                {printedOther > 0 ? ` · Percepciones e impuestos ${formatMoney(printedOther)}` : ''} · <strong data-testid="invoice-total">Total {formatMoney(net + iva + printedOther)}</strong>
                {rounding ? (
                  <span className="muted" data-testid="invoice-rounding">
                    {' '}
                    · redondeo {formatMoney(difference!)}: se registra el total impreso, {formatMoney(printedTotal.ok ? printedTotal.value : 0)}
                  </span>
                ) : null}
              </span>
              <span className="spacer" />
              <button type="button" className="button button-primary" onClick={() => void post()} disabled={busy !== null || !!reading.duplicateOf}>
                {busy === 'post' ? 'Registrando…' : 'Confirmar y registrar'} <kbd>F10</kbd>
              </button>
            </footer>
          </>
        )}
      </div>
      {creatingSupplier && reading ? (
        <SupplierDialog
          supplier={null}
          initial={{ cuit: header.cuit, name: reading.header.supplierName?.slice(0, 80) ?? '' }}
          onDone={() => setCreatingSupplier(false)}
          onSaved={(saved) => {
            // The person may have typed another CUIT: the invoice's header follows the supplier saved.
            editHeader({ cuit: saved.cuit });
            setSavedSupplier(saved.name);
            setSupplierKnown(true);
          }}
        />
      ) : null}
      {confirmDate ? (
        <InvoiceDateConfirm
          message={confirmDate}
          onCancel={() => setConfirmDate(null)}
          onConfirm={() => {
            setConfirmDate(null);
            void post(true);
          }}
        />
      ) : null}
      {picking !== null ? (
        <ProductPicker
          title="Producto para la línea"
          onPick={(p) => {
            update(picking, { product: p, reason: null });
            setPicking(null);
          }}
          onClose={() => setPicking(null)}
        />
      ) : null}
      {creating ? (
        <QuickProduct
          line={creating}
          supplierCuit={supplierKnown ? header.cuit : null}
          onCreated={(p) => {
            update(creating.key, { product: p, reason: null });
            setCreating(null);
          }}
          onClose={() => setCreating(null)}
        />
      ) : null}
    </div>
  );
}
