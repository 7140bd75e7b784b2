import { useState } from 'react';
import type { Product } from '../../../../contract';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { errorsByField } from '../../lib/errors';
import { formatMoney, moneyToInput, parseMoneyInput } from '../../lib/format';
import { FormError } from '../../components/ErrorBanner';

interface Line {
  code: string;
  description: string;
  cost: string;
  ivaRate: number;
}

/** Creates a product from an invoice line that is not in the catalog: its wording, a code, a shelf price. */
export function QuickProduct({ line, supplierCuit, onCreated, onClose }: { line: Line; supplierCuit: string | null; onCreated(product: Product): void; onClose(): void }) {
  const cost = parseMoneyInput(line.cost, 'El costo');
  // A starting price: cost plus IVA plus a 35 % margin, rounded to $10; the owner sets the real one.
  const suggested = cost.ok ? Math.round((cost.value * (1 + line.ivaRate / 100) * 1.35) / 1000) * 1000 : 0;
  const [name, setName] = useState(line.description.slice(0, 120));
  const [sku, setSku] = useState(line.code.replace(/[^\w.-]/g, '').slice(0, 30) || '');
  const [price, setPrice] = useState(suggested ? moneyToInput(suggested) : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  async function save() {
    const parsedPrice = parseMoneyInput(price, 'El precio');
    if (!parsedPrice.ok) {
      setErrors({ price: parsedPrice.message });
      return;
    }
    setSaving(true);
    const result = await api.call('products.create', {
      sku,
      name,
      price: parsedPrice.value,
      ivaRate: line.ivaRate as 21,
      ...(cost.ok ? { cost: cost.value } : {}),
      ...(supplierCuit ? { supplierCuit, ...(line.code ? { supplierCode: line.code.slice(0, 40) } : {}) } : {}),
    });
    setSaving(false);
    if (!result.ok) {
      setErrors({ form: result.error.message, ...errorsByField(result.error) });
      return;
    }
    onCreated(result.data);
  }

  return (
    <Modal title="Crear producto" subtitle={`desde la línea «${line.description}»`} onClose={onClose} onSubmit={() => void save()} closeOnOverlay>
        <FormError message={errors.form} />
        <div className="form-grid">
          <Field id="qp-name" label="Nombre" error={errors.name} required>
            <input id="qp-name" autoFocus value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field id="qp-sku" label="Código (SKU)" error={errors.sku} required>
            <input id="qp-sku" value={sku} maxLength={30} onChange={(e) => setSku(e.target.value)} />
          </Field>
          <Field id="qp-price" label="Precio de venta (con IVA)" error={errors.price} hint={cost.ok ? `Costo ${formatMoney(cost.value)} + IVA ${line.ivaRate} %` : undefined} required>
            <input id="qp-price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
          </Field>
        </div>
        <DialogFooter onCancel={onClose} confirmLabel="Crear" busy={saving} busyLabel="Creando…" />
    </Modal>
  );
}
