import { useEffect, useState } from 'react';
import type { MethodOutput, Ticket } from '../../../../contract';
import { api } from '../../api/client';
import { DialogFooter } from '../../components/DialogFooter';
import { DateInput } from '../../components/DateInput';
import { formatDateTime, formatMoney, formatQuantity, parseQuantityInput } from '../../lib/format';
import { storeDateOf, storeToday } from '../../lib/store-clock';
import { useHotkeys } from '../../lib/keys';
import { useToasts } from '../../stores/toast';
import { PAYMENT_LABEL } from './SalesPage';
import { FormError } from '../../components/ErrorBanner';

/** Tickets: the day's sales, each ticket's lines and IVA, and returns against a ticket. */
export function TicketsPage() {
  const [date, setDate] = useState(storeToday());
  const [list, setList] = useState<MethodOutput<'sales.list'> | null>(null);
  const [open, setOpen] = useState<Ticket | null>(null);
  const load = () => void api.call('sales.list', { day: date, limit: 200 }).then((r) => r.ok && setList(r.data));
  useEffect(load, [date]);
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
  useEffect(() => api.on('stock.changed', load), [date]);
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

function TicketDialog({ ticket, onClose }: { ticket: Ticket; onClose(): void }) {
  const [returning, setReturning] = useState(false);
  const [qty, setQty] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const showToast = useToasts((s) => s.show);
  useHotkeys({ Escape: onClose }, true);
  const canReturn = !ticket.originalNumber && ticket.lines.some((l) => !l.voided && l.qty > 0);

  async function confirmReturn() {
    const lines = [];
    for (const l of ticket.lines) {
      const text = qty[l.lineNo]?.trim();
      if (!text) continue;
      const parsed = parseQuantityInput(text, l.unit, `La cantidad de ${l.name}`);
      if (!parsed.ok) {
        setError(parsed.message);
        return;
      }
      lines.push({ productId: l.productId, qty: parsed.value });
    }
    if (lines.length === 0) {
      setError('Indicá qué se devuelve');
      return;
    }
    const result = await api.call('sales.return', { originalNumber: ticket.number, lines });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    showToast(`Devolución registrada: ticket ${result.data.number}, ${formatMoney(result.data.total)}`);
    onClose();
  }

  return (
    <div className="overlay" role="presentation">
      <div className="dialog dialog-wide" role="dialog" aria-modal="true" aria-labelledby="ticket-title">
        <header className="dialog-header">
          <h2 id="ticket-title">Ticket {ticket.number}</h2>
          <span className="muted">
            {formatDateTime(ticket.closedAt)} · {ticket.cashier ?? 'sin cajero'} · {ticket.payment ? PAYMENT_LABEL[ticket.payment] : '—'}
          </span>
          <span className="spacer" />
          {canReturn && !returning ? (
            <button type="button" className="button" onClick={() => setReturning(true)}>
              Devolución
            </button>
          ) : null}
        </header>
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
              {ticket.lines.map((l) => (
                <tr key={l.lineNo} className={l.voided ? 'voided' : undefined}>
                  <td>
                    {l.name} <span className="muted mono">{l.sku}</span>
                    {l.voided ? <span className="tag">anulada</span> : null}
                  </td>
                  <td className="num">{formatQuantity(l.qty, l.unit)}</td>
                  <td className="num">{formatMoney(l.unitPrice)}</td>
                  <td className="num">{formatMoney(l.amount)}</td>
                  {returning ? (
                    <td className="num">
                      {l.voided || l.qty <= 0 ? null : (
                        <input aria-label={`Devuelve de ${l.name}`} inputMode="decimal" value={qty[l.lineNo] ?? ''} onChange={(e) => setQty({ ...qty, [l.lineNo]: e.target.value })} />
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
          <DialogFooter onCancel={() => setReturning(false)} cancelLabel="Volver" confirmLabel="Registrar devolución" onConfirm={() => void confirmReturn()} />
        ) : (
          <footer className="dialog-footer">
            <button type="button" className="button" onClick={onClose}>
              Cerrar <kbd>Esc</kbd>
            </button>
          </footer>
        )}
      </div>
    </div>
  );
}
