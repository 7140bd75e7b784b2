import { useEffect, useRef, useState } from 'react';
import { PAYMENTS, type Payment, type Product } from '../../../../contract';
import { DialogFooter } from '../../components/DialogFooter';
import { ProductPicker } from '../../components/ProductPicker';
import { formatMoney, formatQuantity, parseMoneyInput, parseQuantityInput, quantityToInput } from '../../lib/format';
import { beep, useHotkeys } from '../../lib/keys';
import { lineAmount, useSale } from '../../stores/sale';
import { useToasts } from '../../stores/toast';

export const PAYMENT_LABEL: Record<Payment, string> = {
  efectivo: 'Efectivo',
  debito: 'Débito',
  credito: 'Crédito',
  qr: 'QR / billetera',
  cuenta: 'Cuenta corriente',
};

type Dialog = { kind: 'search' } | { kind: 'qty'; index: number } | { kind: 'pay' } | null;

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
  const scanInput = useRef<HTMLInputElement>(null);
  const showToast = useToasts((s) => s.show);

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

  useEffect(() => {
    const onError = () => {
      beep();
      setFlash(true);
      setTimeout(() => setFlash(false), 700);
    };
    window.addEventListener('gondola:scan-error', onError);
    return () => window.removeEventListener('gondola:scan-error', onError);
  }, []);

  // The scan field takes the focus back whenever no dialog needs it.
  useEffect(() => {
    if (dialog === null) scanInput.current?.focus();
  }, [dialog, sale.lines.length]);

  useHotkeys(
    {
      F2: () => setDialog({ kind: 'search' }),
      F4: () => sale.selected >= 0 && !sale.lines[sale.selected]?.voided && setDialog({ kind: 'qty', index: sale.selected }),
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
      qty: null,
      amount: null,
      source: 'sku',
    });
    // Weighed goods picked by name need their weight typed next.
    if (product.unit !== 'un') setDialog({ kind: 'qty', index: useSale.getState().lines.length - 1 });
  }

  return (
    <section className="page sales" aria-labelledby="sales-title">
      <header className="page-header">
        <h1 id="sales-title">Ventas</h1>
        <div className={`scan${flash ? ' scan-alert' : ''}`}>
          <input
            ref={scanInput}
            aria-label="Escanear o escribir código"
            placeholder="Escaneá o escribí el código y Enter"
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
          <button type="button" className="button" onClick={() => sale.voidLine(sale.selected)} disabled={sale.selected < 0}>
            Anular línea <kbd>F8</kbd>
          </button>
        </div>
      </header>

      {sale.message ? (
        <p className={`banner ${sale.message.tone === 'error' ? 'banner-alert' : 'banner-ok'}`} role="alert">
          {sale.message.text}
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
                <th scope="col" className="num col-price">Precio</th>
                <th scope="col" className="num col-price">Importe</th>
              </tr>
            </thead>
            <tbody>
              {sale.lines.map((l, i) => (
                <tr key={l.key} aria-selected={i === sale.selected} className={l.voided ? 'voided' : undefined} onClick={() => sale.select(i)}>
                  <td className="muted">{i + 1}</td>
                  <td className="mono">{l.sku}</td>
                  <td>
                    {l.name}
                    {l.voided ? <span className="tag">anulada</span> : null}
                  </td>
                  <td className="num">{formatQuantity(l.qty, l.unit)}</td>
                  <td className="num">{formatMoney(l.unitPrice)}</td>
                  <td className="num">{formatMoney(lineAmount(l))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {sale.lines.length === 0 ? (
            <div className="empty">
              {sale.lastTicket ? (
                <p>
                  Último ticket <strong className="mono">{sale.lastTicket.number}</strong>: {formatMoney(sale.lastTicket.total)} ({PAYMENT_LABEL[sale.lastTicket.payment ?? 'efectivo']}).
                </p>
              ) : null}
              <p>Escaneá el primer producto para empezar un ticket.</p>
            </div>
          ) : null}
        </div>

        <aside className="sale-summary" aria-label="Total del ticket">
          <div className="sale-total">
            <span>Total</span>
            <strong data-testid="sale-total">{formatMoney(total)}</strong>
          </div>
          <p className="muted">
            {active.length} {active.length === 1 ? 'línea' : 'líneas'} · {units} {units === 1 ? 'artículo' : 'artículos'}
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
          <button type="button" className="button button-primary button-big" disabled={active.length === 0} onClick={() => setDialog({ kind: 'pay' })}>
            Cobrar <kbd>F10</kbd>
          </button>
        </aside>
      </div>

      {dialog?.kind === 'search' ? <ProductPicker onPick={pick} onClose={() => setDialog(null)} /> : null}
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
      {dialog?.kind === 'pay' ? (
        <PayDialog
          total={total}
          payment={sale.payment}
          onPayment={sale.setPayment}
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            const result = await sale.close();
            setDialog(null);
            if (result.ok) showToast(`Ticket ${result.ticket.number} cobrado: ${formatMoney(result.ticket.total)}`);
          }}
        />
      ) : null}
    </section>
  );
}

function QuantityDialog({ name, unit, initial, onDone }: { name: string; unit: 'un' | 'kg' | 'l'; initial: number; onDone(qty: number | null): void }) {
  const [text, setText] = useState(quantityToInput(initial));
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  return (
    <div className="overlay" role="presentation">
      <form
        className="dialog dialog-small"
        role="dialog"
        aria-modal="true"
        aria-labelledby="qty-title"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseQuantityInput(text, unit);
          if (parsed.ok) onDone(parsed.value);
          else setError(parsed.message);
        }}
      >
        <h2 id="qty-title">Cantidad</h2>
        <p className="muted">{name}</p>
        <div className={`field${error ? ' field-invalid' : ''}`}>
          <label htmlFor="qty-input">{unit === 'un' ? 'Unidades' : unit === 'kg' ? 'Kilos' : 'Litros'}</label>
          <input
            id="qty-input"
            ref={input}
            inputMode="decimal"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                onDone(null);
              }
            }}
            aria-invalid={!!error}
            aria-describedby={error ? 'qty-input-error' : undefined}
          />
          {error ? (
            <p className="field-error" id="qty-input-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <DialogFooter onCancel={() => onDone(null)} confirmLabel="Aceptar" />
      </form>
    </div>
  );
}

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
  onConfirm(): Promise<void>;
}) {
  const [cash, setCash] = useState('');
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.focus(), []);
  const paid = parseMoneyInput(cash, 'El monto');
  const change = payment === 'efectivo' && paid.ok ? paid.value - total : null;

  async function confirm() {
    if (saving) return;
    setSaving(true);
    await onConfirm();
  }

  return (
    <div className="overlay" role="presentation">
      <div
        className="dialog dialog-small"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pay-title"
        tabIndex={-1}
        ref={first}
        onKeyDown={(e) => {
          const index = Number(e.key) - 1;
          if (e.target instanceof HTMLInputElement && e.target.id === 'cash-input' && /^\d$/.test(e.key)) return;
          if (index >= 0 && index < PAYMENTS.length) {
            e.preventDefault();
            onPayment(PAYMENTS[index]!);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void confirm();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <h2 id="pay-title">Cobrar {formatMoney(total)}</h2>
        <div className="pay-options" role="radiogroup" aria-label="Medio de pago">
          {PAYMENTS.map((p, i) => (
            <button key={p} type="button" role="radio" aria-checked={payment === p} className={`pay-option${payment === p ? ' selected' : ''}`} onClick={() => onPayment(p)}>
              <kbd>{i + 1}</kbd> {PAYMENT_LABEL[p]}
            </button>
          ))}
        </div>
        {payment === 'efectivo' ? (
          <div className="field">
            <label htmlFor="cash-input">Paga con (opcional)</label>
            <input id="cash-input" inputMode="decimal" value={cash} onChange={(e) => setCash(e.target.value)} placeholder="0,00" />
            {change !== null ? <p className={change < 0 ? 'field-error' : 'field-hint'}>{change < 0 ? `Faltan ${formatMoney(-change)}` : `Vuelto: ${formatMoney(change)}`}</p> : null}
          </div>
        ) : null}
        <DialogFooter onCancel={onCancel} cancelLabel="Volver" confirmLabel="Confirmar" onConfirm={() => void confirm()} busy={saving} busyLabel="Cobrando…" />
      </div>
    </div>
  );
}
