import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ProductCreateInput, type AppErrorPayload, type Product, type Unit } from '../../../../contract';
import { api } from '../../api/client';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { moneyToInput, parseMoneyInput } from '../../lib/format';
import { useProducts } from '../../stores/products';
import { useToasts } from '../../stores/toast';

type FieldName = 'sku' | 'name' | 'brand' | 'category' | 'unit' | 'price' | 'barcodes' | 'active';
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
  };
}

/** Maps a contract path ("changes.price", "barcodes.2") to the field that shows it. */
function fieldOf(path: string): FieldName | 'form' {
  const head = path.replace(/^changes\./, '').split('.')[0] ?? '';
  return (['sku', 'name', 'brand', 'category', 'unit', 'price', 'barcodes', 'active'] as const).find((f) => f === head) ?? 'form';
}

function errorsFrom(error: AppErrorPayload): Errors {
  const errors: Errors = {};
  const fields = (error.details?.fields as { path: string; message: string }[] | undefined) ?? [];
  for (const f of fields) errors[fieldOf(f.path)] ??= f.message;
  if (fields.length === 0) {
    const field = typeof error.details?.field === 'string' ? fieldOf(error.details.field) : 'form';
    errors[field] = error.message;
  }
  return errors;
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

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const price = parseMoneyInput(draft.price);
    const candidate = {
      sku: draft.sku,
      name: draft.name,
      brand: draft.brand,
      category: draft.category,
      unit: draft.unit,
      price: price.ok ? price.value : 0,
      barcodes: draft.barcodes.split(/[\s,;|]+/).filter(Boolean),
      active: draft.active,
    };
    const local: Errors = {};
    if (!price.ok) local.price = price.message;
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
    <div className="overlay" role="presentation">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="product-form-title"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <header className="dialog-header">
          <h2 id="product-form-title">{product ? 'Editar producto' : 'Nuevo producto'}</h2>
          {product ? <span className="muted mono">{product.sku}</span> : null}
        </header>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
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
          {product ? (
            <div className="field field-check">
              <label>
                <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} /> Activo (se puede vender)
              </label>
            </div>
          ) : null}
        </div>
        <DialogFooter onCancel={() => onClose(null)} confirmLabel="Guardar" busy={saving} busyLabel="Guardando…" />
      </form>
    </div>
  );
}

function focusFirstError(errors: Errors): void {
  const order: FieldName[] = ['name', 'sku', 'price', 'unit', 'barcodes', 'brand', 'category'];
  const first = order.find((f) => errors[f]);
  if (first) (document.getElementById(`product-${first}`) as HTMLInputElement | null)?.focus();
}
