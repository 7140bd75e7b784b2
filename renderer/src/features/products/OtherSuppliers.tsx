import { useState } from 'react';
import type { Product } from '../../../../contract';
import { api } from '../../api/client';
import { SupplierSelect } from '../../components/SupplierSelect';
import { errorsByField } from '../../lib/errors';
import { useToasts } from '../../stores/toast';

/**
 * The product's other suppliers, each with its own code for the product (what
 * its invoices and price lists print) and its pack size. Changes apply at once;
 * the main supplier is edited in the form above.
 */
export function OtherSuppliers({ product }: { product: Product }) {
  const [links, setLinks] = useState(product.suppliers.filter((s) => !s.main));
  const [draft, setDraft] = useState({ supplierCuit: '', supplierCode: '', packSize: '1' });
  const [error, setError] = useState<string | null>(null);
  const showToast = useToasts((s) => s.show);

  async function link() {
    if (!draft.supplierCuit) {
      setError('Elegí el proveedor');
      return;
    }
    const result = await api.call('products.linkSupplier', {
      productId: product.id,
      supplierCuit: draft.supplierCuit,
      supplierCode: draft.supplierCode.trim() || null,
      packSize: Number(draft.packSize) || 1,
    });
    if (!result.ok) {
      const errors = errorsByField(result.error);
      setError(Object.values(errors)[0] ?? result.error.message);
      return;
    }
    setLinks(result.data.suppliers.filter((s) => !s.main));
    setDraft({ supplierCuit: '', supplierCode: '', packSize: '1' });
    setError(null);
    showToast('Proveedor vinculado');
  }

  async function unlink(supplierCuit: string) {
    const result = await api.call('products.unlinkSupplier', { productId: product.id, supplierCuit });
    if (result.ok) setLinks(result.data.suppliers.filter((s) => !s.main));
    else setError(result.error.message);
  }

  // Enter in these fields links, instead of submitting the product form around them.
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void link();
    }
  };

  return (
    <section aria-labelledby="other-suppliers-title" className="other-suppliers">
      <h3 id="other-suppliers-title" className="form-section">
        Otros proveedores
      </h3>
      {links.length > 0 ? (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>Proveedor</th>
              <th>Su código</th>
              <th className="num">Bulto</th>
              <th aria-label="Acciones" />
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.supplierCuit}>
                <td>{l.supplierName}</td>
                <td className="mono">{l.supplierCode ?? '—'}</td>
                <td className="num">{l.packSize}</td>
                <td>
                  <button type="button" className="link" onClick={() => void unlink(l.supplierCuit)}>
                    Quitar
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="link-row">
        <SupplierSelect id="link-supplier" value={draft.supplierCuit} onChange={(cuit) => setDraft({ ...draft, supplierCuit: cuit })} emptyLabel="Otro proveedor…" />
        <input aria-label="Código de ese proveedor" className="mono" placeholder="Su código" maxLength={40} value={draft.supplierCode} onKeyDown={onEnter} onChange={(e) => setDraft({ ...draft, supplierCode: e.target.value })} />
        <input aria-label="Unidades por bulto de ese proveedor" inputMode="numeric" placeholder="Bulto" value={draft.packSize} onKeyDown={onEnter} onChange={(e) => setDraft({ ...draft, packSize: e.target.value })} />
        <button type="button" className="button" onClick={() => void link()}>
          Vincular
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
