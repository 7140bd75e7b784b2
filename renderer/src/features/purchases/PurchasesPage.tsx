import { useState } from 'react';
import type { PurchaseOrder } from '../../../../contract';
import { useSession } from '../../stores/session';
import { OrdersPanel } from './OrdersPanel';
import { ReceivingPage } from './ReceivingPage';
import { InvoiceReview } from '../invoices/InvoiceReview';
import { SuggestionsPanel } from '../forecast/SuggestionsPanel';

/** Compras: receiving goods, and purchase orders to the suppliers. */
export function PurchasesPage() {
  const [tab, setTab] = useState<'recepcion' | 'factura' | 'sugeridas' | 'pedidos'>(() =>
    window.location.hash.includes('factura') ? 'factura' : window.location.hash.includes('sugeridas') ? 'sugeridas' : 'recepcion',
  );
  const [receivingOrder, setReceivingOrder] = useState<PurchaseOrder | null>(null);
  // Cashiers who may receive goods see the receiving tab only; orders are for managers.
  const canOrder = useSession((s) => !!s.status?.allowed.includes('purchaseOrders.list'));
  const canReadInvoices = useSession((s) => !!s.status?.allowed.includes('invoices.read'));
  const canSuggest = useSession((s) => !!s.status?.allowed.includes('forecast.recommendations'));
  return (
    <section className="page" aria-labelledby="purchases-title">
      <header className="page-header">
        <h1 id="purchases-title">Compras</h1>
        <div className="tabs" role="tablist" aria-label="Compras">
          <button type="button" role="tab" aria-selected={tab === 'recepcion'} onClick={() => setTab('recepcion')}>
            Recepción
          </button>
          {canReadInvoices ? (
            <button type="button" role="tab" aria-selected={tab === 'factura'} onClick={() => setTab('factura')}>
              Leer factura
            </button>
          ) : null}
          {canSuggest && canOrder ? (
            <button type="button" role="tab" aria-selected={tab === 'sugeridas'} onClick={() => setTab('sugeridas')}>
              Sugeridas
            </button>
          ) : null}
          {canOrder ? (
            <button type="button" role="tab" aria-selected={tab === 'pedidos'} onClick={() => { setTab('pedidos'); setReceivingOrder(null); }}>
              Pedidos
            </button>
          ) : null}
        </div>
      </header>
      {tab === 'factura' ? (
        <InvoiceReview />
      ) : tab === 'sugeridas' ? (
        <SuggestionsPanel onOrderCreated={() => setTab('pedidos')} />
      ) : tab === 'recepcion' ? (
        <ReceivingPage key={receivingOrder?.id ?? 'free'} order={receivingOrder} onPosted={() => setReceivingOrder(null)} />
      ) : (
        <OrdersPanel
          onReceive={(order) => {
            setReceivingOrder(order);
            setTab('recepcion');
          }}
        />
      )}
    </section>
  );
}
