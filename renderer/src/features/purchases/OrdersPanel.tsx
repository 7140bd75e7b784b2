import { useEffect, useState } from 'react';
import type { MethodOutput, Product, PurchaseOrder } from '../../../../contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { ProductPicker } from '../../components/ProductPicker';
import { SupplierSelect } from '../../components/SupplierSelect';
import { download } from '../../lib/download';
import { formatDateTime, formatMoney, formatQuantity, moneyToInput, parseMoneyInput, parseQuantityInput, quantityToInput } from '../../lib/format';
import { useHotkeys } from '../../lib/keys';
import { useToasts } from '../../stores/toast';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ORDER_STATUS_LABEL } from '../../../../locale';

interface DraftLine {
  productId: string;
  name: string;
  sku: string;
  unit: Product['unit'];
  qty: string;
  cost: string;
}

/** Pedidos: purchase orders from draft to received, printable and exportable. */
export function OrdersPanel({ onReceive }: { onReceive(order: PurchaseOrder): void }) {
  const [orders, setOrders] = useState<MethodOutput<'purchaseOrders.list'>['items']>([]);
  const [editing, setEditing] = useState<PurchaseOrder | 'new' | null>(null);
  const load = () => void api.call('purchaseOrders.list', { limit: 100 }).then((r) => r.ok && setOrders(r.data.items));
  useEffect(() => {
    load();
    return api.on('purchaseOrders.changed', load);
  }, []);

  if (editing) return <OrderEditor order={editing === 'new' ? null : editing} onClose={() => { setEditing(null); load(); }} onReceive={onReceive} />;
  return (
    <>
      <div className="toolbar toolbar-left">
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          Nuevo pedido
        </button>
      </div>
      <div className="table-wrap">
        <table className="table" aria-label="Pedidos de compra">
          <thead>
            <tr>
              <th scope="col" className="col-n">N°</th>
              <th scope="col">Proveedor</th>
              <th scope="col" className="col-datetime">Creado</th>
              <th scope="col" className="col-kind">Estado</th>
              <th scope="col" className="num col-qty">Productos</th>
              <th scope="col" className="num col-price">Total s/IVA</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td className="mono">{String(o.number).padStart(6, '0')}</td>
                <td>
                  <button type="button" className="link" onClick={() => void api.call('purchaseOrders.get', { id: o.id }).then((r) => r.ok && setEditing(r.data))}>
                    {o.supplierName}
                  </button>
                </td>
                <td>{formatDateTime(o.createdAt)}</td>
                <td>
                  <span className={`status status-order-${o.status}`}>{ORDER_STATUS_LABEL[o.status]}</span>
                </td>
                <td className="num">{o.lineCount}</td>
                <td className="num">{formatMoney(o.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {orders.length === 0 ? <div className="empty">Todavía no hay pedidos. Creá uno y mandalo al proveedor en PDF.</div> : null}
      </div>
    </>
  );
}

function OrderEditor({ order, onClose, onReceive }: { order: PurchaseOrder | null; onClose(): void; onReceive(order: PurchaseOrder): void }) {
  const [current, setCurrent] = useState<PurchaseOrder | null>(order);
  const [supplierCuit, setSupplierCuit] = useState(order?.supplierCuit ?? '');
  const [note, setNote] = useState(order?.note ?? '');
  const [lines, setLines] = useState<DraftLine[]>(
    order?.lines.map((l) => ({ productId: l.productId, name: l.name, sku: l.sku, unit: l.unit, qty: quantityToInput(l.qty), cost: moneyToInput(l.unitCost) })) ?? [],
  );
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const showToast = useToasts((s) => s.show);
  const editable = !current || current.status === 'borrador';
  useHotkeys({ F2: () => editable && setPicking(true), Escape: onClose }, !picking);

  async function save(): Promise<PurchaseOrder | null> {
    if (!supplierCuit) {
      setError('Elegí el proveedor');
      return null;
    }
    const parsed = lines.map((l) => ({ l, qty: parseQuantityInput(l.qty, l.unit), cost: parseMoneyInput(l.cost, 'El costo') }));
    const bad = parsed.find((p) => !p.qty.ok || !p.cost.ok);
    if (bad) {
      setError(`${bad.l.name}: ${!bad.qty.ok ? bad.qty.message : !bad.cost.ok ? bad.cost.message : ''}`);
      return null;
    }
    const payload = {
      note: note.trim() || null,
      lines: parsed.map((p) => ({ productId: p.l.productId, qty: (p.qty as { value: number }).value, unitCost: (p.cost as { value: number }).value })),
    };
    const result = current
      ? await api.call('purchaseOrders.update', { id: current.id, expectedVersion: current.version, ...payload })
      : await api.call('purchaseOrders.create', { supplierCuit, ...payload });
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    setError(null);
    setCurrent(result.data);
    return result.data;
  }

  async function act(kind: 'send' | 'cancel' | 'pdf' | 'csv') {
    let target = current;
    if (editable && (kind === 'send' || kind === 'pdf' || kind === 'csv')) target = await save();
    if (!target) return;
    if (kind === 'pdf' || kind === 'csv') {
      const file = await api.call(kind === 'pdf' ? 'purchaseOrders.pdf' : 'purchaseOrders.csv', { id: target.id });
      if (file.ok) download(file.data);
      return;
    }
    const result = await api.call(kind === 'send' ? 'purchaseOrders.send' : 'purchaseOrders.cancel', { id: target.id });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setCurrent(result.data);
    if (kind === 'send') {
      const file = await api.call('purchaseOrders.pdf', { id: target.id });
      if (file.ok) download(file.data);
      showToast(`Pedido ${String(result.data.number).padStart(6, '0')} enviado: se descargó el PDF`);
    } else showToast('Pedido anulado');
  }

  const total = lines.reduce((s, l) => {
    const q = parseQuantityInput(l.qty, l.unit);
    const c = parseMoneyInput(l.cost, 'El costo');
    return s + (q.ok && c.ok ? Math.round((q.value * c.value) / 1000) : 0);
  }, 0);

  return (
    <div className="order-editor">
      <header className="page-header">
        <button type="button" className="button" onClick={onClose}>
          ← Pedidos <kbd>Esc</kbd>
        </button>
        <h2>{current ? `Pedido N° ${String(current.number).padStart(6, '0')}` : 'Nuevo pedido'}</h2>
        {current ? <span className={`status status-order-${current.status}`}>{ORDER_STATUS_LABEL[current.status]}</span> : null}
        <div className="toolbar">
          {editable ? (
            <>
              <button type="button" className="button" onClick={() => void save().then((o) => o && showToast('Borrador guardado'))}>
                Guardar borrador
              </button>
              <button type="button" className="button button-primary" onClick={() => void act('send')} disabled={lines.length === 0}>
                Enviar (PDF)
              </button>
            </>
          ) : null}
          {current && (current.status === 'enviada' || current.status === 'parcial') ? (
            <button type="button" className="button button-primary" onClick={() => onReceive(current)}>
              Recibir mercadería
            </button>
          ) : null}
          <button type="button" className="button" onClick={() => void act('pdf')} disabled={lines.length === 0}>
            PDF
          </button>
          <button type="button" className="button" onClick={() => void act('csv')} disabled={lines.length === 0}>
            Exportar CSV
          </button>
          {current && (current.status === 'borrador' || current.status === 'enviada') ? (
            <button type="button" className="button" onClick={() => void act('cancel')}>
              Anular
            </button>
          ) : null}
        </div>
      </header>
      <ErrorBanner message={error} />
      <div className="doc-fields doc-fields-order">
        <Field id="po-supplier" label="Proveedor" required>
          <SupplierSelect id="po-supplier" value={supplierCuit} disabled={!!current} onChange={setSupplierCuit} emptyLabel="Elegí…" />
        </Field>
        <Field id="po-note" label="Nota para el proveedor">
          <input id="po-note" value={note} maxLength={300} disabled={!editable} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      <div className="table-wrap">
        <table className="table table-edit" aria-label="Productos del pedido">
          <thead>
            <tr>
              <th scope="col">Producto</th>
              <th scope="col" className="num col-qty">Cantidad</th>
              <th scope="col" className="num col-price">Costo s/IVA</th>
              <th scope="col" className="num col-qty">Recibido</th>
              <th scope="col" className="col-x" />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.productId}>
                <td>
                  {l.name} <span className="muted mono">{l.sku}</span>
                </td>
                <td className="num">
                  <input aria-label={`Cantidad pedida de ${l.name}`} value={l.qty} disabled={!editable} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, qty: e.target.value } : x)))} />
                </td>
                <td className="num">
                  <input aria-label={`Costo de ${l.name}`} value={l.cost} disabled={!editable} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, cost: e.target.value } : x)))} />
                </td>
                <td className="num muted">{current ? formatQuantity(current.lines.find((x) => x.productId === l.productId)?.receivedQty ?? 0, l.unit) : '—'}</td>
                <td>
                  {editable ? (
                    <button type="button" className="link" aria-label={`Quitar ${l.name}`} onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                      ✕
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {lines.length === 0 ? <div className="empty">Agregá productos con F2.</div> : null}
      </div>
      <footer className="page-footer">
        {editable ? (
          <button type="button" className="button" onClick={() => setPicking(true)}>
            Agregar producto <kbd>F2</kbd>
          </button>
        ) : null}
        <span className="spacer" />
        <strong>Total s/IVA {formatMoney(total)}</strong>
      </footer>
      {picking ? (
        <ProductPicker
          onPick={(p) => {
            setPicking(false);
            if (!lines.some((l) => l.productId === p.id)) {
              setLines([...lines, { productId: p.id, name: p.name, sku: p.sku, unit: p.unit, qty: String(p.packSize), cost: moneyToInput(p.cost ?? 0) }]);
            }
          }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </div>
  );
}
