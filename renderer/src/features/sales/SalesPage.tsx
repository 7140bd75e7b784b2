import { useEffect, useRef, useState } from 'react';
import { PAYMENTS, type HeldTicket, type Payment, type Product, type SalePayment } from '../../../../contract';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { ProductPicker } from '../../components/ProductPicker';
import { formatDateTime, formatMoney, formatQuantity, parseMoneyInput, parseQuantityInput, plural, quantityToInput } from '../../lib/format';
import { beep, useHotkeys } from '../../lib/keys';
import { Field } from '../../components/Field';
import { PinFields, requestGrant, usePinFields } from '../../components/PinFields';
import { errorsAfterEdit } from '../../lib/errors';
import { lineAmount, takenOf, useSale, type PriceChange, type SaleLine } from '../../stores/sale';
import { useSession } from '../../stores/session';
import { useToasts } from '../../stores/toast';
import { PAYMENT_LABEL } from '../../../../locale';

type Dialog =
  | { kind: 'search' }
  | { kind: 'stock' }
  | { kind: 'qty'; index: number }
  | { kind: 'pay' }
  | { kind: 'price'; index: number }
  | { kind: 'authorize'; payments: SalePayment[] | null; paid: number | null; message: string }
  | { kind: 'hold' }
  | { kind: 'held' }
  | null;

/**
 * Ventas: the quick-sale screen. The scan field keeps the focus; a scanner types
 * digits and Enter, and every code is queued, so none is lost while the last
 * one is looked up. F2 buscar, F4 cantidad, F8 anular línea, F10 cobrar.
 */
export function SalesPage() {
  const sale = useSale();
  const [code, setCode] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [flash, setFlash] = useState(false);
  const [held, setHeld] = useState<HeldTicket[]>([]);
  const [allowNegative, setAllowNegative] = useState(false);
  const scanInput = useRef<HTMLInputElement>(null);
  const showToast = useToasts((s) => s.show);
  const approvers = useSession((s) => s.status?.approvers ?? []);
  const role = useSession((s) => s.status?.user?.role);

  const active = sale.lines.filter((l) => !l.voided);
  const total = active.reduce((sum, l) => sum + lineAmount(l), 0);
  const units = active.reduce((sum, l) => sum + (l.unit === 'un' ? l.qty / 1000 : 1), 0);
  const breakdown = new Map<number, { net: number; iva: number }>();
  for (const l of active) {
    const amount = lineAmount(l);
    const iva = Math.round((amount * l.ivaRate * 10) / (1000 + l.ivaRate * 10));
    const entry = breakdown.get(l.ivaRate) ?? { net: 0, iva: 0 };
    entry.net += amount - iva;
    entry.iva += iva;
    breakdown.set(l.ivaRate, entry);
  }
  const short = [...new Set(active.map((l) => l.productId))].map((id) => active.find((l) => l.productId === id)!).filter((l) => takenOf(sale.lines, l.productId) > l.onHand);

  const loadHeld = () => void api.call('sales.held', {}).then((r) => r.ok && setHeld(r.data));
  useEffect(() => {
    // The open ticket lives in the core: a reload or a crashed window finds it again.
    if (!useSale.getState().restored) void sale.restore();
    loadHeld();
    void api.call('settings.get', {}).then((r) => r.ok && setAllowNegative(r.data.allowNegativeStock));
    const onError = () => {
      beep();
      setFlash(true);
      setTimeout(() => setFlash(false), 700);
    };
    window.addEventListener('gondola:scan-error', onError);
    return () => window.removeEventListener('gondola:scan-error', onError);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on open
  }, []);

  // The scan field takes the focus back whenever no dialog needs it.
  useEffect(() => {
    if (dialog === null) scanInput.current?.focus();
  }, [dialog, sale.lines.length]);

  // Out of stock is said when it is scanned, not when charging.
  const lastLine = sale.lines[sale.selected];
  const lastShort = lastLine && !lastLine.voided && takenOf(sale.lines, lastLine.productId) > lastLine.onHand ? lastLine : null;
  const stockWarning = lastShort
    ? `Sin stock de «${lastShort.name}»: ${remainingText(lastShort.onHand, lastShort.unit)}. ${allowNegative ? 'Se vende igual y queda marcado.' : 'Para venderlo igual, al cobrar se pide el PIN de un encargado.'}`
    : null;

  async function charge(payments: SalePayment[] | null, paid: number | null, grant?: string) {
    const result = await sale.close({ paid, ...(payments ? { payments } : {}), ...(grant ? { grant } : {}) });
    if (result.ok) {
      setDialog(null);
      showToast(`Ticket ${result.ticket.number} cobrado: ${formatMoney(result.ticket.total)}`);
      return;
    }
    if (result.error.code === 'INSUFFICIENT_STOCK' && !grant) {
      setDialog({ kind: 'authorize', payments, paid, message: result.error.message });
      return;
    }
    // A line's price authorization expired or was lost (a restart): the PIN is asked again for that line.
    const line = result.error.details?.line;
    if (result.error.code === 'NEEDS_AUTHORIZATION' && result.error.details?.action === 'precio' && typeof line === 'number' && sale.lines[line]) {
      setDialog({ kind: 'price', index: line });
      return;
    }
    setDialog(null);
    if (result.error.code === 'INSUFFICIENT_STOCK') showToast(result.error.message, 'error');
  }

  // F7: with a ticket, it waits; with the counter empty, the tickets waiting.
  const hold = () => setDialog({ kind: active.length > 0 ? 'hold' : 'held' });

  useHotkeys(
    {
      F2: () => setDialog({ kind: 'search' }),
      F4: () => sale.selected >= 0 && !sale.lines[sale.selected]?.voided && setDialog({ kind: 'qty', index: sale.selected }),
      F5: () => sale.selected >= 0 && !sale.lines[sale.selected]?.voided && setDialog({ kind: 'price', index: sale.selected }),
      F6: () => setDialog({ kind: 'stock' }),
      F7: hold,
      F8: () => sale.selected >= 0 && sale.voidLine(sale.selected),
      F10: () => active.length > 0 && setDialog({ kind: 'pay' }),
    },
    dialog === null,
  );

  function onScanKey(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      const typed = code.trim();
      setCode('');
      if (typed) sale.scan(typed);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      sale.select(sale.selected + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      sale.select(sale.selected - 1);
    } else if (event.key === 'Escape') {
      setCode('');
      sale.clearMessage();
    }
  }

  function pick(product: Product) {
    setDialog(null);
    sale.addProduct({
      productId: product.id,
      sku: product.sku,
      name: product.name,
      unit: product.unit,
      price: product.price,
      ivaRate: product.ivaRate,
      onHand: product.onHand,
      qty: null,
      amount: null,
      source: 'sku',
    });
    // Weighed goods picked by name need their weight typed next.
    if (product.unit !== 'un') setDialog({ kind: 'qty', index: useSale.getState().lines.length - 1 });
  }

  const banner = sale.message ?? (stockWarning ? { tone: 'warn' as const, text: stockWarning } : null);
  return (
    <section className="page sales" aria-labelledby="sales-title">
      <header className="page-header">
        <h1 id="sales-title">Ventas</h1>
        <div className={`scan${flash ? ' scan-alert' : ''}`}>
          <input
            ref={scanInput}
            aria-label="Escanear o escribir código"
            placeholder="Código y Enter (3*código: tres)"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onKeyDown={onScanKey}
            onBlur={() => dialog === null && setTimeout(() => document.activeElement === document.body && scanInput.current?.focus(), 0)}
            autoComplete="off"
            spellCheck={false}
            inputMode="numeric"
          />
          {sale.busy || sale.queue.length > 0 ? <span className="scan-busy" aria-live="polite">Buscando…</span> : null}
        </div>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setDialog({ kind: 'search' })}>
            Buscar <kbd>F2</kbd>
          </button>
          <button type="button" className="button" onClick={() => sale.selected >= 0 && setDialog({ kind: 'qty', index: sale.selected })} disabled={sale.selected < 0}>
            Cantidad <kbd>F4</kbd>
          </button>
          <button type="button" className="button" onClick={() => sale.selected >= 0 && setDialog({ kind: 'price', index: sale.selected })} disabled={sale.selected < 0}>
            Precio / desc. <kbd>F5</kbd>
          </button>
          <button type="button" className="button" onClick={() => setDialog({ kind: 'stock' })}>
            ¿Te queda? <kbd>F6</kbd>
          </button>
          <button type="button" className="button" onClick={hold}>
            {active.length > 0 ? 'En espera' : `Retomar${held.length > 0 ? ` (${held.length})` : ''}`} <kbd>F7</kbd>
          </button>
          <button type="button" className="button" onClick={() => sale.voidLine(sale.selected)} disabled={sale.selected < 0}>
            Anular línea <kbd>F8</kbd>
          </button>
        </div>
      </header>

      {banner ? (
        <p className={`banner ${banner.tone === 'error' ? 'banner-alert' : banner.tone === 'warn' ? 'banner-warn' : 'banner-ok'}`} role="alert">
          {banner.text}
        </p>
      ) : null}

      <div className="sales-body">
        <div className="table-wrap">
          <table className="table" aria-label="Ticket en curso">
            <thead>
              <tr>
                <th scope="col" className="col-n">#</th>
                <th scope="col" className="col-sku">Código</th>
                <th scope="col">Producto</th>
                <th scope="col" className="num col-qty">Cantidad</th>
                <th scope="col" className="num col-qty">Stock</th>
                <th scope="col" className="num col-price">Precio</th>
                <th scope="col" className="num col-price">Importe</th>
              </tr>
            </thead>
            <tbody>
              {sale.lines.map((l, i) => {
                const left = l.onHand - takenOf(sale.lines, l.productId);
                return (
                  <tr key={l.key} aria-selected={i === sale.selected} className={l.voided ? 'voided' : undefined} onClick={() => sale.select(i)}>
                    <td className="muted">{i + 1}</td>
                    <td className="mono">{l.sku}</td>
                    <td className="cell-name">
                      {l.name}
                      {l.voided ? <span className="tag">anulada</span> : null}
                      {!l.voided && left < 0 ? <span className="tag tag-alert">sin stock</span> : null}
                      {l.reason ? (
                        <span className="tag tag-reason">
                          {l.reason}
                          {l.authorizedBy ? ` · autorizó ${l.authorizedBy}` : ''}
                        </span>
                      ) : null}
                    </td>
                    <td className="num">{formatQuantity(l.qty, l.unit)}</td>
                    <td className={`num${!l.voided && left < 0 ? ' alert' : ' muted'}`} title="Lo que queda en el local después de este ticket">
                      {formatQuantity(left, l.unit)}
                    </td>
                    <td className="num">
                      {l.shelfPrice !== undefined && l.shelfPrice !== l.unitPrice ? <s className="muted shelf-price">{formatMoney(l.shelfPrice)}</s> : null}
                      {formatMoney(l.unitPrice)}
                    </td>
                    <td className="num">
                      {formatMoney(lineAmount(l))}
                      {l.discount ? <span className="line-discount">−{formatMoney(l.discount)}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {sale.lines.length === 0 ? (
            <div className="empty">
              {sale.last ? (
                <p>
                  Último ticket <strong className="mono">{sale.last.ticket.number}</strong>: {formatMoney(sale.last.ticket.total)} ({PAYMENT_LABEL[sale.last.ticket.payment ?? 'efectivo']}).
                </p>
              ) : null}
              <p>Escaneá el primer producto para empezar un ticket.</p>
            </div>
          ) : null}
        </div>

        <aside className="sale-summary" aria-label="Total del ticket">
          {sale.lines.length === 0 && sale.last?.change != null ? (
            <div className="sale-change" data-testid="sale-change" aria-live="polite">
              <span>Vuelto</span>
              <strong>{formatMoney(sale.last.change)}</strong>
              <p className="muted">
                Pagó {formatMoney(sale.last.paid!)} · total {formatMoney(sale.last.ticket.total)} · ticket {sale.last.ticket.number}
              </p>
            </div>
          ) : null}
          <div className="sale-total">
            <span>Total</span>
            <strong data-testid="sale-total">{formatMoney(total)}</strong>
          </div>
          <p className="muted">
            {plural(active.length, 'línea', 'líneas')} · {plural(units, 'artículo', 'artículos')}
          </p>
          <table className="iva-table" aria-label="IVA incluido">
            <thead>
              <tr>
                <th>IVA</th>
                <th className="num">Neto</th>
                <th className="num">IVA</th>
              </tr>
            </thead>
            <tbody>
              {[...breakdown].sort((a, b) => b[0] - a[0]).map(([rate, v]) => (
                <tr key={rate}>
                  <td>{String(rate).replace('.', ',')} %</td>
                  <td className="num">{formatMoney(v.net)}</td>
                  <td className="num">{formatMoney(v.iva)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {held.length > 0 ? <p className="muted">{plural(held.length, 'ticket en espera', 'tickets en espera')} (F7)</p> : null}
          <button type="button" className="button button-primary button-big" disabled={active.length === 0} onClick={() => setDialog({ kind: 'pay' })}>
            Cobrar <kbd>F10</kbd>
          </button>
        </aside>
      </div>

      {dialog?.kind === 'search' ? <ProductPicker onPick={pick} onClose={() => setDialog(null)} showStock /> : null}
      {dialog?.kind === 'stock' ? <ProductPicker title="¿Te queda? Stock en el local" hint="Enter lo agrega al ticket; Esc vuelve." onPick={pick} onClose={() => setDialog(null)} showStock /> : null}
      {dialog?.kind === 'qty' && sale.lines[dialog.index] ? (
        <QuantityDialog
          name={sale.lines[dialog.index]!.name}
          unit={sale.lines[dialog.index]!.unit}
          initial={sale.lines[dialog.index]!.qty}
          onDone={(qty) => {
            if (qty !== null) sale.setQty(dialog.index, qty);
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'price' && sale.lines[dialog.index] ? (
        <PriceDialog
          line={sale.lines[dialog.index]!}
          needsPin={role === 'cajero'}
          users={approvers}
          onCancel={() => setDialog(null)}
          onDone={(change) => {
            sale.setPrice(dialog.index, change);
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'pay' ? (
        <PayDialog total={total} payment={sale.payment} onPayment={sale.setPayment} onCancel={() => setDialog(null)} onConfirm={(payments, paid) => charge(payments, paid)} />
      ) : null}
      {dialog?.kind === 'authorize' ? (
        <AuthorizeDialog
          message={dialog.message}
          short={short.map((l) => l.name)}
          users={approvers}
          onCancel={() => setDialog(null)}
          onGranted={(grant) => charge(dialog.payments, dialog.paid, grant)}
        />
      ) : null}
      {dialog?.kind === 'hold' ? (
        <HoldDialog
          onCancel={() => setDialog(null)}
          onHold={async (label) => {
            const result = await sale.hold(label);
            setDialog(null);
            if (!result.ok) showToast(result.error.message, 'error');
            loadHeld();
          }}
        />
      ) : null}
      {dialog?.kind === 'held' ? (
        <HeldDialog
          held={held}
          onCancel={() => setDialog(null)}
          onResume={async (id) => {
            const result = await sale.resume(id);
            setDialog(null);
            if (!result.ok) showToast(result.error.message, 'error');
            loadHeld();
          }}
        />
      ) : null}
    </section>
  );
}


/** What is left, in words: "queda 1 unidad", "quedan 3 unidades", "no queda nada". */
function remainingText(onHand: number, unit: 'un' | 'kg' | 'l'): string {
  if (onHand <= 0) return onHand === 0 ? 'no queda nada' : `el stock está en ${formatQuantity(onHand, unit)}`;
  if (unit === 'un' && onHand % 1000 === 0) return onHand === 1000 ? 'queda 1 unidad' : `quedan ${onHand / 1000} unidades`;
  return `quedan ${formatQuantity(onHand, unit)}`;
}

function QuantityDialog({ name, unit, initial, onDone }: { name: string; unit: 'un' | 'kg' | 'l'; initial: number; onDone(qty: number | null): void }) {
  const [text, setText] = useState(quantityToInput(initial));
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title="Cantidad"
      subtitle={name}
      size="small"
      onClose={() => onDone(null)}
      onSubmit={() => {
        const parsed = parseQuantityInput(text, unit);
        if (parsed.ok) onDone(parsed.value);
        else setError(parsed.message);
      }}
    >
      <Field id="qty-input" label={unit === 'un' ? 'Unidades' : unit === 'kg' ? 'Kilos' : 'Litros'} error={error ?? undefined}>
        <input
          id="qty-input"
          inputMode="decimal"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          aria-invalid={!!error}
          aria-describedby={error ? 'qty-input-error' : undefined}
        />
      </Field>
      <DialogFooter onCancel={() => onDone(null)} confirmLabel="Aceptar" />
    </Modal>
  );
}

/**
 * F10: how the customer pays. One method is Enter (or the cash they hand over,
 * for the change). A split: type less than what is left in the amount and
 * Enter adds that part; the rest goes on the next method chosen.
 */
function PayDialog({
  total,
  payment,
  onPayment,
  onCancel,
  onConfirm,
}: {
  total: number;
  payment: Payment;
  onPayment(p: Payment): void;
  onCancel(): void;
  /** The parts when it was split, and what the customer handed in cash (for the change), when typed. */
  onConfirm(payments: SalePayment[] | null, paid: number | null): Promise<void>;
}) {
  const [parts, setParts] = useState<SalePayment[]>([]);
  const [amountText, setAmountText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const left = total - parts.reduce((sum, p) => sum + p.amount, 0);
  const typed = amountText.trim() ? parseMoneyInput(amountText, 'El monto') : null;
  const amount = typed === null ? left : typed.ok ? typed.value : null;
  const cash = payment === 'efectivo';
  const hint = amount === null ? null : amount < left ? `Queda ${formatMoney(left - amount)} para otro medio (Enter agrega este pago)` : cash && amount > left ? `Vuelto: ${formatMoney(amount - left)}` : null;

  async function submit() {
    if (saving) return;
    if (typed && !typed.ok) return setError(typed.message);
    if (amount === null) return;
    if (amount <= 0) return setError('El monto tiene que ser mayor que cero');
    if (amount < left) {
      // A part: what is left goes on the next method.
      setParts([...parts, { method: payment, amount }]);
      setAmountText('');
      setError(null);
      box.current?.focus();
      return;
    }
    if (!cash && amount > left) return setError(`Con ${PAYMENT_LABEL[payment].toLowerCase()} no se cobra más de lo que falta (${formatMoney(left)})`);
    setSaving(true);
    const all = parts.length > 0 ? [...parts, { method: payment, amount: left }] : null;
    await onConfirm(all, cash && typed ? amount : null);
    setSaving(false);
  }

  return (
    <Modal title={`Cobrar ${formatMoney(total)}`} size="small" onClose={onCancel} onSubmit={() => void submit()} initialFocus={box}>
      <div
        ref={box}
        tabIndex={-1}
        className="pay-options"
        role="radiogroup"
        aria-label="Medio de pago"
        onKeyDown={(e) => {
          const index = Number(e.key) - 1;
          if (index >= 0 && index < PAYMENTS.length) {
            e.preventDefault();
            onPayment(PAYMENTS[index]!);
          } else if (e.key === 'Enter') {
            // Enter confirms from the payment choice too (not only from the amount field).
            e.preventDefault();
            void submit();
          } else if (e.key === 'Delete' && parts.length > 0) {
            e.preventDefault();
            setParts(parts.slice(0, -1));
          }
        }}
      >
        {PAYMENTS.map((p, i) => (
          // The group takes the focus and the number keys; Tab goes on to the amount.
          <button key={p} type="button" role="radio" tabIndex={-1} aria-checked={payment === p} className={`pay-option${payment === p ? ' selected' : ''}`} onClick={() => onPayment(p)}>
            <kbd>{i + 1}</kbd> {PAYMENT_LABEL[p]}
          </button>
        ))}
      </div>
      {parts.length > 0 ? (
        <table className="iva-table pay-parts" aria-label="Pagos">
          <tbody>
            {parts.map((p, i) => (
              <tr key={i}>
                <td>{PAYMENT_LABEL[p.method]}</td>
                <td className="num">{formatMoney(p.amount)}</td>
                <td>
                  <button type="button" className="link" tabIndex={-1} aria-label={`Quitar el pago con ${PAYMENT_LABEL[p.method]}`} onClick={() => setParts(parts.filter((_, j) => j !== i))}>
                    Quitar
                  </button>
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">Falta</th>
              <td className="num" data-testid="pay-left">
                {formatMoney(left)}
              </td>
              <td />
            </tr>
          </tbody>
        </table>
      ) : null}
      {parts.length > 0 ? <p className="field-hint">Elegí el medio del resto. <kbd>Supr</kbd> quita el último pago.</p> : null}
      <Field id="pay-amount" label={cash ? 'Paga con (opcional)' : `Monto con ${PAYMENT_LABEL[payment].toLowerCase()}`} error={error ?? undefined} {...(hint ? { hint } : {})}>
        <input
          id="pay-amount"
          inputMode="decimal"
          value={amountText}
          onChange={(e) => {
            setAmountText(e.target.value);
            setError(null);
          }}
          placeholder={formatMoney(left).replace('$ ', '')}
          aria-invalid={!!error}
          aria-describedby={error ? 'pay-amount-error' : hint ? 'pay-amount-hint' : undefined}
        />
      </Field>
      <DialogFooter onCancel={onCancel} cancelLabel="Volver" confirmLabel={amount !== null && amount < left ? 'Agregar pago' : 'Confirmar'} busy={saving} busyLabel="Cobrando…" />
    </Modal>
  );
}

/** Selling what the system says is not there: an encargado or the dueño types their PIN, once, for this ticket. */
function AuthorizeDialog({ message, short, users, onCancel, onGranted }: { message: string; short: string[]; users: string[]; onCancel(): void; onGranted(grant: string): Promise<void> }) {
  const pin = usePinFields(users);
  const [busy, setBusy] = useState(false);
  const pinInput = useRef<HTMLInputElement>(null);
  async function submit() {
    if (busy) return;
    setBusy(true);
    const result = await requestGrant(pin.value, 'vender-sin-stock');
    if (!result.ok) {
      setBusy(false);
      pin.clearPin();
      pin.setError(result.message);
      pinInput.current?.focus();
      return;
    }
    await onGranted(result.grant.grant);
  }
  return (
    <Modal title="Vender sin stock" size="small" onClose={onCancel} onSubmit={() => void submit()} initialFocus={pinInput} alert>
      <p>{message}</p>
      {short.length > 1 ? <p className="muted">Sin stock: {short.join(', ')}.</p> : null}
      <p className="muted">Un encargado o el dueño autoriza esta venta con su PIN; queda registrado quién la autorizó.</p>
      <PinFields ref={pinInput} users={users} value={pin.value} error={pin.error} onChange={pin.onChange} />
      <DialogFooter onCancel={onCancel} cancelLabel="Volver" confirmLabel="Autorizar y cobrar" busy={busy} busyLabel="Cobrando…" />
    </Modal>
  );
}

/** Common reasons, offered as the person types (any other text is fine too). */
const PRICE_REASONS = ['Cliente habitual', 'Producto golpeado', 'Vence pronto', 'Precio mal cargado', 'Precio de la góndola distinto'];

/**
 * F5: this line at another price or with a discount (in pesos or percent),
 * always with a reason. A cashier needs an encargado's or the dueño's PIN,
 * asked here, for this line.
 */
function PriceDialog({ line, needsPin, users, onCancel, onDone }: { line: SaleLine; needsPin: boolean; users: string[]; onCancel(): void; onDone(change: PriceChange | null): void }) {
  const shelf = line.shelfPrice ?? line.unitPrice;
  const [priceText, setPriceText] = useState(formatMoney(line.unitPrice).replace('$ ', ''));
  const [discountText, setDiscountText] = useState(line.discount ? formatMoney(line.discount).replace('$ ', '') : '');
  const [reason, setReason] = useState(line.reason ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const pin = usePinFields(users);
  const pinInput = useRef<HTMLInputElement>(null);
  const price = parseMoneyInput(priceText, 'El precio');
  const gross = price.ok ? Math.round((line.qty * price.value) / 1000) : null;
  const discount = parseDiscount(discountText, gross);
  const amount = gross !== null && discount.ok ? gross - discount.value : null;

  async function submit() {
    if (busy) return;
    const found: Record<string, string> = {};
    if (!price.ok) found.price = price.message;
    else if (price.value <= 0) found.price = 'El precio tiene que ser mayor que cero';
    if (!discount.ok) found.discount = discount.message;
    else if (gross !== null && discount.value > gross) found.discount = `El descuento no puede ser mayor que la línea (${formatMoney(gross)})`;
    const changed = price.ok && discount.ok && (price.value !== shelf || discount.value > 0);
    if (changed && !reason.trim()) found.reason = 'Escribí el motivo: queda registrado en el ticket';
    setErrors(found);
    if (Object.keys(found).length > 0 || !price.ok || !discount.ok) return;
    if (!changed) return onDone(null);
    if (!needsPin) return onDone({ unitPrice: price.value, discount: discount.value, reason: reason.trim() });
    setBusy(true);
    const granted = await requestGrant(pin.value, 'precio');
    setBusy(false);
    if (!granted.ok) {
      pin.clearPin();
      pin.setError(granted.message);
      pinInput.current?.focus();
      return;
    }
    onDone({ unitPrice: price.value, discount: discount.value, reason: reason.trim(), authorizedBy: granted.grant.by, grant: granted.grant.grant });
  }

  const field = (id: string, label: string, value: string, set: (v: string) => void, hint?: string, list?: string) => (
    <Field id={`price-${id}`} label={label} error={errors[id]} {...(hint ? { hint } : {})}>
      <input
        id={`price-${id}`}
        inputMode={list ? undefined : 'decimal'}
        list={list}
        value={value}
        maxLength={list ? 120 : undefined}
        onChange={(e) => {
          set(e.target.value);
          setErrors((x) => errorsAfterEdit(x, [id]));
        }}
        aria-invalid={!!errors[id]}
        aria-describedby={errors[id] ? `price-${id}-error` : undefined}
      />
    </Field>
  );
  return (
    <Modal title="Precio y descuento" subtitle={`${line.name} · ${formatQuantity(line.qty, line.unit)}`} size="small" onClose={onCancel} onSubmit={() => void submit()}>
      <div className="form-grid">
        {field('price', 'Precio unitario', priceText, setPriceText, `En góndola: ${formatMoney(shelf)}`)}
        {field('discount', 'Descuento ($ o %)', discountText, setDiscountText, amount !== null ? `La línea queda en ${formatMoney(amount)}` : undefined)}
      </div>
      {field('reason', 'Motivo', reason, setReason, undefined, 'price-reasons')}
      <datalist id="price-reasons">
        {PRICE_REASONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      {needsPin ? (
        <>
          <p className="muted">Lo autoriza un encargado o el dueño con su PIN; queda registrado en el ticket.</p>
          <PinFields ref={pinInput} users={users} value={pin.value} error={pin.error} onChange={pin.onChange} />
        </>
      ) : null}
      <DialogFooter onCancel={onCancel} cancelLabel="Volver" confirmLabel={needsPin ? 'Autorizar' : 'Aplicar'} busy={busy} busyLabel="Autorizando…" />
    </Modal>
  );
}

/** "10%" of the line, or pesos ("500", "1.250,50"); empty is no discount. */
function parseDiscount(text: string, gross: number | null): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: 0 };
  const percent = /^(\d{1,3}(?:[.,]\d{1,2})?)\s*%$/.exec(trimmed);
  if (percent) {
    const rate = Number(percent[1]!.replace(',', '.'));
    if (rate > 100) return { ok: false, message: 'El descuento no puede pasar del 100 %' };
    return { ok: true, value: gross === null ? 0 : Math.round((gross * rate) / 100) };
  }
  const money = parseMoneyInput(trimmed, 'El descuento');
  return money.ok ? { ok: true, value: money.value } : { ok: false, message: money.message };
}

/** F7 with a ticket: it waits under a name while the next customer is served. */
function HoldDialog({ onCancel, onHold }: { onCancel(): void; onHold(label: string): Promise<void> }) {
  const [label, setLabel] = useState('');
  return (
    <Modal title="Dejar el ticket en espera" size="small" onClose={onCancel} onSubmit={() => void onHold(label.trim())}>
      <div className="field">
        <label htmlFor="hold-label">Nombre para encontrarlo (opcional)</label>
        <input id="hold-label" value={label} maxLength={60} placeholder="Señora de la campera roja" onChange={(e) => setLabel(e.target.value)} />
        <p className="field-hint">Sin nombre queda con la hora. Se retoma con F7.</p>
      </div>
      <DialogFooter onCancel={onCancel} cancelLabel="Volver" confirmLabel="Dejar en espera" />
    </Modal>
  );
}

/** F7 with the counter empty: the tickets on hold, oldest first; arrows and Enter take one back. */
function HeldDialog({ held, onCancel, onResume }: { held: HeldTicket[]; onCancel(): void; onResume(id: string): Promise<void> }) {
  const [selected, setSelected] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  return (
    <Modal title="Tickets en espera" onClose={onCancel} onSubmit={() => held[selected] && void onResume(held[selected].id)} initialFocus={list}>
      {held.length === 0 ? <p className="muted">No hay tickets en espera.</p> : null}
      <ul
        ref={list}
        tabIndex={0}
        className="picker-list held-list"
        role="listbox"
        aria-label="Tickets en espera"
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, held.length - 1));
          else if (e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
          else if (e.key === 'Enter' && held[selected]) void onResume(held[selected].id);
          else return;
          e.preventDefault();
        }}
      >
        {held.map((h, i) => (
          <li key={h.id} role="option" aria-selected={i === selected} onMouseDown={() => void onResume(h.id)}>
            <span className="picker-name">{h.label}</span>
            <span className="muted">
              {plural(h.items, 'línea', 'líneas')} · {h.userName ?? ''} · {formatDateTime(h.heldAt)}
            </span>
            <span className="num">{formatMoney(h.total)}</span>
          </li>
        ))}
      </ul>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onCancel}>
          Volver <kbd>Esc</kbd>
        </button>
        <button type="submit" className="button button-primary" disabled={held.length === 0}>
          Retomar <kbd>Enter</kbd>
        </button>
      </footer>
    </Modal>
  );
}
