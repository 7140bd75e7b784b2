import { useEffect, useRef, useState } from 'react';
import { IVA_RATES, ProductCreateInput, type AppErrorPayload, type Product, type Unit } from '../../../../contract';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { SupplierSelect } from '../../components/SupplierSelect';
import { moneyToInput, parseMoneyInput, parseQuantityInput, quantityToInput } from '../../lib/format';
import { useProducts } from '../../stores/products';
import { useToasts } from '../../stores/toast';
import { errorsByField } from '../../lib/errors';
import { OtherSuppliers } from './OtherSuppliers';
import { FormError } from '../../components/ErrorBanner';

type FieldName =
  | 'sku'
  | 'name'
  | 'brand'
  | 'category'
  | 'unit'
  | 'price'
  | 'barcodes'
  | 'active'
  | 'cost'
  | 'ivaRate'
  | 'supplierCuit'
  | 'supplierCode'
  | 'packSize'
  | 'minStock'
  | 'shelfLifeDays'
  | 'scalePlu';
type Errors = Partial<Record<FieldName | 'form', string>>;

interface Draft {
  sku: string;
  name: string;
  brand: string;
  category: string;
  unit: Unit;
  price: string;
  barcodes: string;
  active: boolean;
  cost: string;
  ivaRate: number;
  supplierCuit: string;
  supplierCode: string;
  packSize: string;
  minStock: string;
  shelfLifeDays: string;
  scalePlu: string;
}

interface ProductFormProps {
  /** The product to edit, or null to create one. */
  product: Product | null;
  /** Prefills a new product (a scanned barcode that was not found). */
  initialBarcode?: string;
  onClose(saved: Product | null): void;
}

const UNIT_OPTIONS: { value: Unit; label: string }[] = [
  { value: 'un', label: 'Unidad' },
  { value: 'kg', label: 'Kilo (se vende por peso)' },
  { value: 'l', label: 'Litro' },
];

function toDraft(product: Product | null, initialBarcode?: string): Draft {
  return {
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    brand: product?.brand ?? '',
    category: product?.category ?? '',
    unit: product?.unit ?? 'un',
    price: product ? moneyToInput(product.price) : '',
    barcodes: product ? product.barcodes.join(' ') : (initialBarcode ?? ''),
    active: product?.active ?? true,
    cost: product?.cost ? moneyToInput(product.cost) : '',
    ivaRate: product?.ivaRate ?? 21,
    supplierCuit: product?.supplierCuit ?? '',
    supplierCode: product?.supplierCode ?? '',
    packSize: String(product?.packSize ?? 1),
    minStock: product?.minStock ? quantityToInput(product.minStock) : '',
    shelfLifeDays: product?.shelfLifeDays ? String(product.shelfLifeDays) : '',
    scalePlu: product?.scalePlu ? String(product.scalePlu) : '',
  };
}

/** Maps a contract path ("changes.price", "barcodes.2") to the field that shows it. */
function fieldOf(path: string): FieldName | 'form' {
  const head = path.replace(/^changes\./, '').split('.')[0] ?? '';
  return (
    (
      ['sku', 'name', 'brand', 'category', 'unit', 'price', 'barcodes', 'active', 'cost', 'ivaRate', 'supplierCuit', 'supplierCode', 'packSize', 'minStock', 'shelfLifeDays', 'scalePlu'] as const
    ).find((f) => f === head) ?? 'form'
  );
}

function errorsFrom(error: AppErrorPayload): Errors {
  return errorsByField(error, fieldOf) as Errors;
}

/**
 * Create or edit a product. Checks what it can before sending, with the same
 * contract schema the core uses (so the messages match), and shows every
 * message beside its field. Enter saves, Esc closes.
 */
export function ProductForm({ product, initialBarcode, onClose }: ProductFormProps) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(product, initialBarcode));
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const categories = useProducts((s) => s.categories);

  const showToast = useToasts((s) => s.show);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (product ? document.getElementById('product-price') as HTMLInputElement | null : firstField.current)?.select();
  }, [product]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  async function submit() {
    if (saving) return;
    const price = parseMoneyInput(draft.price);
    const cost = draft.cost.trim() ? parseMoneyInput(draft.cost, 'El costo') : ({ ok: true, value: 0 } as const);
    const minStock = draft.minStock.trim() ? parseQuantityInput(draft.minStock, draft.unit, 'El stock mínimo') : ({ ok: true, value: 0 } as const);
    const whole = (text: string) => (text.trim() === '' ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
    const candidate = {
      sku: draft.sku,
      name: draft.name,
      brand: draft.brand,
      category: draft.category,
      unit: draft.unit,
      price: price.ok ? price.value : 0,
      barcodes: draft.barcodes.split(/[\s,;|]+/).filter(Boolean),
      active: draft.active,
      cost: cost.ok ? cost.value : 0,
      ivaRate: draft.ivaRate,
      supplierCuit: draft.supplierCuit || null,
      supplierCode: draft.supplierCode,
      packSize: whole(draft.packSize) ?? 1,
      minStock: minStock.ok ? minStock.value : 0,
      shelfLifeDays: whole(draft.shelfLifeDays),
      scalePlu: draft.unit === 'un' ? null : whole(draft.scalePlu),
    };
    const local: Errors = {};
    if (!price.ok) local.price = price.message;
    if (!cost.ok) local.cost = cost.message;
    if (!minStock.ok) local.minStock = minStock.message;
    const checked = ProductCreateInput.safeParse(candidate);
    if (!checked.success) for (const issue of checked.error.issues) local[fieldOf(issue.path.join('.'))] ??= issue.message;
    if (Object.keys(local).length > 0) {
      setErrors(local);
      focusFirstError(local);
      return;
    }
    setSaving(true);
    const result = product
      ? await api.call('products.update', { id: product.id, expectedVersion: product.version, changes: candidate })
      : await api.call('products.create', candidate);
    setSaving(false);
    if (result.ok) {
      showToast(product ? `Guardado: ${result.data.name}` : `Producto creado: ${result.data.name}`);
      onClose(result.data);
    } else {
      const serverErrors = errorsFrom(result.error);
      setErrors(serverErrors);
      focusFirstError(serverErrors);
    }
  }

  const err = (f: FieldName) => errors[f];
  const describedBy = (f: FieldName) => (errors[f] ? `product-${f}-error` : undefined);

  return (
    <Modal title={product ? 'Editar producto' : 'Nuevo producto'} subtitle={product ? <span className="mono">{product.sku}</span> : undefined} onClose={() => onClose(null)} onSubmit={() => void submit()}>
        <FormError message={errors.form} />
        <div className="form-grid">
          <Field id="product-name" label="Nombre" error={err('name')} required>
            <input
              id="product-name"
              ref={product ? undefined : firstField}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              maxLength={120}
              aria-invalid={!!err('name')}
              aria-describedby={describedBy('name')}
              autoComplete="off"
            />
          </Field>
          <Field id="product-sku" label="Código interno (SKU)" error={err('sku')} required>
            <input
              id="product-sku"
              className="mono"
              value={draft.sku}
              onChange={(e) => set('sku', e.target.value)}
              maxLength={32}
              aria-invalid={!!err('sku')}
              aria-describedby={describedBy('sku')}
              autoComplete="off"
            />
          </Field>
          <Field id="product-price" label="Precio de venta (con IVA)" error={err('price')} required hint={draft.unit === 'un' ? 'Por unidad' : `Por ${draft.unit}`}>
            <div className="money-input">
              <span aria-hidden="true">$</span>
              <input
                id="product-price"
                inputMode="decimal"
                value={draft.price}
                onChange={(e) => set('price', e.target.value)}
                aria-invalid={!!err('price')}
                aria-describedby={describedBy('price')}
                autoComplete="off"
                placeholder="0,00"
              />
            </div>
          </Field>
          <Field id="product-unit" label="Se vende por" error={err('unit')}>
            <select id="product-unit" value={draft.unit} onChange={(e) => set('unit', e.target.value as Unit)}>
              {UNIT_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="product-barcodes" label="Códigos de barras" error={err('barcodes')} hint="Escaneá o escribí; varios separados por espacio">
            <input
              id="product-barcodes"
              className="mono"
              value={draft.barcodes}
              onChange={(e) => set('barcodes', e.target.value)}
              onKeyDown={(e) => {
                // A scanner ends with Enter: add a space for the next code instead of saving.
                if (e.key === 'Enter' && /\d$/.test(draft.barcodes) && !e.ctrlKey) {
                  e.preventDefault();
                  set('barcodes', `${draft.barcodes} `);
                }
              }}
              aria-invalid={!!err('barcodes')}
              aria-describedby={describedBy('barcodes')}
              autoComplete="off"
            />
          </Field>
          <Field id="product-brand" label="Marca" error={err('brand')}>
            <input id="product-brand" value={draft.brand} onChange={(e) => set('brand', e.target.value)} maxLength={60} autoComplete="off" />
          </Field>
          <Field id="product-category" label="Categoría" error={err('category')}>
            <input
              id="product-category"
              list="product-category-options"
              value={draft.category}
              onChange={(e) => set('category', e.target.value)}
              maxLength={60}
              autoComplete="off"
            />
            <datalist id="product-category-options">
              {categories.map((c) => (
                <option key={c.name} value={c.name} />
              ))}
            </datalist>
          </Field>
        </div>
        <h3 className="form-section">Compra y stock</h3>
        <div className="form-grid form-grid-3">
          <Field id="product-cost" label="Costo (sin IVA)" error={err('cost')}>
            <input id="product-cost" inputMode="decimal" value={draft.cost} onChange={(e) => set('cost', e.target.value)} placeholder="0,00" aria-invalid={!!err('cost')} />
          </Field>
          <Field id="product-ivaRate" label="IVA" error={err('ivaRate')}>
            <select id="product-ivaRate" value={draft.ivaRate} onChange={(e) => set('ivaRate', Number(e.target.value))}>
              {IVA_RATES.map((r) => (
                <option key={r} value={r}>
                  {String(r).replace('.', ',')} %
                </option>
              ))}
            </select>
          </Field>
          <Field id="product-minStock" label="Stock mínimo" error={err('minStock')}>
            <input id="product-minStock" inputMode="decimal" value={draft.minStock} onChange={(e) => set('minStock', e.target.value)} placeholder="0" />
          </Field>
          <Field id="product-supplierCuit" label="Proveedor principal" error={err('supplierCuit')}>
            <SupplierSelect id="product-supplierCuit" value={draft.supplierCuit} onChange={(cuit) => set('supplierCuit', cuit)} emptyLabel="Sin proveedor" />
          </Field>
          <Field id="product-supplierCode" label="Código del proveedor" error={err('supplierCode')}>
            <input id="product-supplierCode" className="mono" value={draft.supplierCode} maxLength={40} disabled={!draft.supplierCuit} onChange={(e) => set('supplierCode', e.target.value)} />
          </Field>
          <Field id="product-packSize" label="Unidades por bulto" error={err('packSize')}>
            <input id="product-packSize" inputMode="numeric" value={draft.packSize} onChange={(e) => set('packSize', e.target.value)} />
          </Field>
          <Field id="product-shelfLifeDays" label="Vida útil (días)" error={err('shelfLifeDays')} hint="Para perecederos: vencimiento por lote">
            <input id="product-shelfLifeDays" inputMode="numeric" value={draft.shelfLifeDays} onChange={(e) => set('shelfLifeDays', e.target.value)} />
          </Field>
          {draft.unit === 'un' ? null : (
            <Field id="product-scalePlu" label="PLU de la balanza" error={err('scalePlu')}>
              <input id="product-scalePlu" inputMode="numeric" value={draft.scalePlu} onChange={(e) => set('scalePlu', e.target.value)} />
            </Field>
          )}
          {product ? (
            <div className="field field-check">
              <label>
                <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} /> Activo (se puede vender)
              </label>
            </div>
          ) : null}
        </div>
        {product ? <OtherSuppliers product={product} /> : null}
        <DialogFooter onCancel={() => onClose(null)} confirmLabel="Guardar" busy={saving} busyLabel="Guardando…" />
    </Modal>
  );
}

function focusFirstError(errors: Errors): void {
  const order: FieldName[] = ['name', 'sku', 'price', 'unit', 'barcodes', 'brand', 'category', 'cost', 'ivaRate', 'minStock', 'supplierCuit', 'supplierCode', 'packSize', 'shelfLifeDays', 'scalePlu'];
  const first = order.find((f) => errors[f]);
  if (first) (document.getElementById(`product-${first}`) as HTMLInputElement | null)?.focus();
}
