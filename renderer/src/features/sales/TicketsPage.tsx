import { useCallback, useEffect, useRef, useState } from 'react';
import { PAYMENTS, type MethodOutput, type Payment, type Ticket } from '../../../../contract';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { PinFields, requestGrant, usePinFields } from '../../components/PinFields';
import { DateInput } from '../../components/DateInput';
import { formatDateTime, formatMoney, formatQuantity, parseQuantityInput } from '../../lib/format';
import { storeDateOf, storeToday } from '../../lib/store-clock';
import { errorsByField } from '../../lib/errors';
import { useSession } from '../../stores/session';
import { useToasts } from '../../stores/toast';
import { PAYMENT_LABEL } from '../../../../locale';
import { FormError } from '../../components/ErrorBanner';

/** Tickets: the day's sales, each ticket's lines and IVA, and returns against a ticket. */
export function TicketsPage() {
  const [date, setDate] = useState(storeToday());
  const [list, setList] = useState<MethodOutput<'sales.list'> | null>(null);
  const [open, setOpen] = useState<Ticket | null>(null);
  const load = useCallback(() => void api.call('sales.list', { day: date, limit: 200 }).then((r) => r.ok && setList(r.data)), [date]);
  useEffect(load, [load]);
  // A link to one ticket (#/tickets?ticket=00001234, from a forensic finding) opens it on its day.
  useEffect(() => {
    const number = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('ticket');
    if (!number) return;
    void api.call('sales.get', { number }).then((r) => {
      if (!r.ok) return;
      setDate(storeDateOf(r.data.closedAt));
      setOpen(r.data);
    });
  }, []);
  useEffect(() => api.on('stock.changed', load), [load]);
  const total = list?.items.reduce((s, t) => s + t.total, 0) ?? 0;

  return (
    <section className="page" aria-labelledby="tickets-title">
      <header className="page-header">
        <h1 id="tickets-title">Tickets</h1>
        <div className="toolbar">
          <label className="check" htmlFor="tk-day">
            Día
          </label>
          <DateInput id="tk-day" aria-label="Día" label="El día" value={date} onChange={(d) => d && setDate(d)} />
        </div>
      </header>
      <div className="table-wrap">
        <table className="table" aria-label="Tickets del día">
          <thead>
            <tr>
              <th scope="col" className="col-sku">Ticket</th>
              <th scope="col" className="col-datetime">Hora</th>
              <th scope="col">Cajero</th>
              <th scope="col" className="col-pay">Pago</th>
              <th scope="col" className="num col-price">Total</th>
            </tr>
          </thead>
          <tbody>
            {list?.items.map((t) => (
              <tr key={t.id}>
                <td className="mono">
                  <button type="button" className="link" onClick={() => void api.call('sales.get', { number: t.number }).then((r) => r.ok && setOpen(r.data))}>
                    {t.number}
                  </button>
                </td>
                <td>{formatDateTime(t.closedAt)}</td>
                <td className="muted">{t.cashier ?? '—'}</td>
                <td>
                  {t.payment ? PAYMENT_LABEL[t.payment] : '—'}
                  {t.reason ? <span className="tag">{t.reason}</span> : null}
                  {t.originalNumber ? <span className="tag">devolución de {t.originalNumber}</span> : null}
                  {t.oversold ? <span className="tag tag-alert">sin stock</span> : null}
                </td>
                <td className={`num${t.total < 0 ? ' neg' : ''}`}>{formatMoney(t.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list && list.items.length === 0 ? <div className="empty">No hay tickets ese día.</div> : null}
      </div>
      <footer className="page-footer">
        <span>
          {list?.total ?? 0} tickets · Total del día: <strong data-testid="day-total">{formatMoney(total)}</strong>
        </span>
      </footer>
      {open ? (
        <TicketDialog
          ticket={open}
          onClose={() => {
            setOpen(null);
            load();
          }}
        />
      ) : null}
    </section>
  );
}

/** Why goods come back, offered as the person types. */
const RETURN_REASONS = ['Fallado', 'Vencido', 'Cambio por otro producto', 'Error de cobro', 'No lo quiso'];

/** How a ticket was paid, in words: "Efectivo" or "Efectivo $ 8.000,00 + Débito $ 6.000,00". */
export function paymentsText(ticket: Pick<Ticket, 'payment' | 'payments'>): string {
  if (ticket.payments.length > 1) return ticket.payments.map((p) => `${PAYMENT_LABEL[p.method]} ${formatMoney(Math.abs(p.amount))}`).join(' + ');
  return ticket.payment ? PAYMENT_LABEL[ticket.payment] : '—';
}

/**
 * One ticket: its lines and IVA, and a return against it. The return asks what
 * comes back, why, and how the money goes back; when the core answers that a
 * cashier needs a PIN (another cashier's ticket, over the owner's amount) the
 * PIN is asked right here and the return sent again.
 */
function TicketDialog({ ticket, onClose }: { ticket: Ticket; onClose(): void }) {
  const [returning, setReturning] = useState(false);
  const [qty, setQty] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [refund, setRefund] = useState<Payment>(ticket.payment ?? 'efectivo');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [needsPin, setNeedsPin] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const approvers = useSession((s) => s.status?.approvers ?? []);
  const pin = usePinFields(approvers);
  const pinInput = useRef<HTMLInputElement>(null);
  const firstQty = useRef<HTMLInputElement>(null);
  const showToast = useToasts((s) => s.show);
  const canReturn = !ticket.originalNumber && ticket.lines.some((l) => !l.voided && l.qty > 0);

  useEffect(() => {
    if (returning) firstQty.current?.focus();
  }, [returning]);
  // The core asked for a PIN: the next keystrokes are the PIN.
  useEffect(() => {
    if (needsPin) pinInput.current?.focus();
  }, [needsPin]);

  async function confirmReturn() {
    if (busy) return;
    const found: Record<string, string> = {};
    const lines = [];
    for (const l of ticket.lines) {
      const text = qty[l.lineNo]?.trim();
      if (!text) continue;
      const parsed = parseQuantityInput(text, l.unit, `La cantidad de ${l.name}`);
      if (!parsed.ok) found[`qty-${l.lineNo}`] = parsed.message;
      else if (parsed.value > 0) lines.push({ productId: l.productId, qty: parsed.value });
    }
    if (lines.length === 0 && Object.keys(found).length === 0) setError('Indicá qué se devuelve: la cantidad en la columna «Devuelve»');
    if (!reason.trim()) found.reason = 'Escribí el motivo de la devolución';
    setErrors(found);
    if (Object.keys(found).length > 0 || lines.length === 0) return;
    setBusy(true);
    let grant: string | undefined;
    if (needsPin) {
      const granted = await requestGrant(pin.value, 'devolucion');
      if (!granted.ok) {
        setBusy(false);
        pin.clearPin();
        pin.setError(granted.message);
        pinInput.current?.focus();
        return;
      }
      grant = granted.grant.grant;
    }
    const result = await api.call('sales.return', { originalNumber: ticket.number, reason: reason.trim(), payment: refund, lines, ...(grant ? { grant } : {}) });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'NEEDS_AUTHORIZATION') {
        setNeedsPin(result.error.message);
        setError(null);
        return;
      }
      const fields = errorsByField(result.error);
      if (fields.reason) setErrors({ reason: fields.reason });
      setError(result.error.message);
      return;
    }
    showToast(`Devolución registrada: ticket ${result.data.number}, ${formatMoney(result.data.total)}`);
    onClose();
  }

  return (
    <Modal
      title={`Ticket ${ticket.number}`}
      subtitle={
        <>
          {formatDateTime(ticket.closedAt)} · {ticket.cashier ?? 'sin cajero'} · {paymentsText(ticket)}
          {ticket.originalNumber ? ` · devolución del ticket ${ticket.originalNumber}${ticket.reason ? `: ${ticket.reason}` : ''}` : ''}
          {ticket.authorizedBy ? ` · autorizó ${ticket.authorizedBy}` : ''}
        </>
      }
      size="wide"
      onClose={onClose}
      onSubmit={returning ? () => void confirmReturn() : undefined}
    >
      {canReturn && !returning ? (
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setReturning(true)}>
            Devolución
          </button>
        </div>
      ) : null}
      <FormError message={error} />
      <div className="table-wrap">
        <table className="table table-edit" aria-label="Líneas del ticket">
          <thead>
            <tr>
              <th scope="col">Producto</th>
              <th scope="col" className="num col-qty">Cantidad</th>
              <th scope="col" className="num col-price">Precio</th>
              <th scope="col" className="num col-price">Importe</th>
              {returning ? <th scope="col" className="num col-qty">Devuelve</th> : null}
            </tr>
          </thead>
          <tbody>
            {ticket.lines.map((l, i) => (
              <tr key={l.lineNo} className={l.voided ? 'voided' : undefined}>
                <td>
                  {l.name} <span className="muted mono">{l.sku}</span>
                  {l.voided ? <span className="tag">anulada</span> : null}
                  {l.reason ? <span className="tag">{l.reason}</span> : null}
                </td>
                <td className="num">{formatQuantity(l.qty, l.unit)}</td>
                <td className="num">
                  {l.shelfPrice !== null && l.shelfPrice !== l.unitPrice ? <s className="muted shelf-price">{formatMoney(l.shelfPrice)}</s> : null}
                  {formatMoney(l.unitPrice)}
                </td>
                <td className="num">
                  {formatMoney(l.amount)}
                  {l.discount ? <span className="line-discount">−{formatMoney(l.discount)}</span> : null}
                </td>
                {returning ? (
                  <td className="num">
                    {l.voided || l.qty <= 0 ? null : (
                      <div className={`field${errors[`qty-${l.lineNo}`] ? ' field-invalid' : ''}`}>
                        <input
                          ref={i === ticket.lines.findIndex((x) => !x.voided && x.qty > 0) ? firstQty : undefined}
                          aria-label={`Devuelve de ${l.name}`}
                          inputMode="decimal"
                          value={qty[l.lineNo] ?? ''}
                          onChange={(e) => {
                            setQty({ ...qty, [l.lineNo]: e.target.value });
                            setError(null);
                          }}
                          aria-invalid={!!errors[`qty-${l.lineNo}`]}
                        />
                        {errors[`qty-${l.lineNo}`] ? (
                          <p className="field-error" role="alert">
                            {errors[`qty-${l.lineNo}`]}
                          </p>
                        ) : null}
                      </div>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="ticket-footer">
        <table className="iva-table" aria-label="IVA incluido">
          <tbody>
            {Object.entries(ticket.ivaBreakdown).map(([rate, v]) => (
              <tr key={rate}>
                <td>IVA {rate.replace('.', ',')} %</td>
                <td className="num">neto {formatMoney(v.net)}</td>
                <td className="num">IVA {formatMoney(v.iva)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <strong className="ticket-total">Total {formatMoney(ticket.total)}</strong>
      </div>
      {returning ? (
        <>
          <div className="form-grid">
            <div className={`field${errors.reason ? ' field-invalid' : ''}`}>
              <label htmlFor="return-reason">Motivo</label>
              <input
                id="return-reason"
                list="return-reasons"
                maxLength={120}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  setErrors(({ reason: _gone, ...rest }) => rest);
                }}
                aria-invalid={!!errors.reason}
                aria-describedby={errors.reason ? 'return-reason-error' : undefined}
              />
              <datalist id="return-reasons">
                {RETURN_REASONS.map((r) => (
                  <option key={r} value={r} />
                ))}
              </datalist>
              {errors.reason ? (
                <p className="field-error" id="return-reason-error" role="alert">
                  {errors.reason}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="return-refund">Se devuelve en</label>
              <select id="return-refund" value={refund} onChange={(e) => setRefund(e.target.value as Payment)}>
                {PAYMENTS.map((p) => (
                  <option key={p} value={p}>
                    {PAYMENT_LABEL[p]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {needsPin ? (
            <>
              <p className="banner banner-warn">{needsPin}</p>
              <PinFields ref={pinInput} users={approvers} value={pin.value} error={pin.error} onChange={pin.onChange} />
            </>
          ) : null}
          <DialogFooter onCancel={() => setReturning(false)} cancelLabel="Volver" confirmLabel={needsPin ? 'Autorizar y registrar' : 'Registrar devolución'} busy={busy} busyLabel="Registrando…" />
        </>
      ) : (
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cerrar <kbd>Esc</kbd>
          </button>
        </footer>
      )}
    </Modal>
  );
}
