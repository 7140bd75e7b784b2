import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Product } from '../../../../contract';
import { api } from '../../api/client';
import { formatInteger, formatMoney } from '../../lib/format';
import { beep, looksLikeBarcode, useHotkeys } from '../../lib/keys';
import { PAGE_SIZE, useProducts } from '../../stores/products';
import { ProductForm } from './ProductForm';
import { useSession } from '../../stores/session';

type Editing = { product: Product | null; initialBarcode?: string } | null;

const UNIT_SHORT = { un: 'un', kg: 'kg', l: 'l' } as const;

/**
 * The catalog: search by name, sku or barcode (a scanner works here: scanning a
 * code opens that product), arrows to move, Enter to edit, F3 to add.
 */
export function ProductsPage() {
  const state = useProducts();
  const [text, setText] = useState(state.query);
  const [editing, setEditing] = useState<Editing>(null);
  // A cashier browses codes and prices; creating and editing is for managers.
  const canEdit = useSession((s) => !!s.status?.allowed.includes('products.update'));
  const [notFound, setNotFound] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const tableBody = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    void state.load();
    void state.loadCategories();
    const offChanged = api.on('products.changed', () => {
      void useProducts.getState().load();
      void useProducts.getState().loadCategories();
    });
    search.current?.focus();
    return offChanged;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads once on entering the page; later loads follow the query
  }, []);

  // Typing searches after a short pause; the text box itself never waits on the core.
  useEffect(() => {
    if (text === useProducts.getState().query) return;
    const timer = setTimeout(() => useProducts.getState().setQuery(text), 150);
    return () => clearTimeout(timer);
  }, [text]);

  // Keep the highlighted row in view while moving with the arrows.
  useEffect(() => {
    tableBody.current?.querySelector('tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [state.selected, state.items]);

  const openNew = useCallback((initialBarcode?: string) => {
    setNotFound(null);
    setEditing(initialBarcode ? { product: null, initialBarcode } : { product: null });
  }, []);

  const closeForm = useCallback((saved: Product | null) => {
    setEditing(null);
    if (saved) {
      setText(saved.barcodes[0] ?? saved.sku);
      useProducts.getState().setQuery(saved.barcodes[0] ?? saved.sku);
    }
    requestAnimationFrame(() => search.current?.select());
  }, []);

  useHotkeys(
    {
      F2: () => search.current?.select(),
      F3: () => openNew(notFound ?? undefined),
    },
    editing === null,
  );

  async function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    const s = useProducts.getState();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        s.select(s.selected + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        s.select(s.selected - 1);
        break;
      case 'PageDown':
        event.preventDefault();
        s.page(1);
        break;
      case 'PageUp':
        event.preventDefault();
        s.page(-1);
        break;
      case 'Escape':
        setText('');
        setNotFound(null);
        s.setQuery('');
        break;
      case 'Enter': {
        event.preventDefault();
        const typed = event.currentTarget.value.trim();
        if (typed !== s.query) {
          // Enter (or a scanner's final Enter) searches now, without waiting for the pause.
          s.setQuery(typed);
          await useProducts.getState().load();
        }
        const after = useProducts.getState();
        if (looksLikeBarcode(typed)) {
          const match = after.items.find((p) => p.barcodes.includes(typed));
          if (match) {
            setNotFound(null);
            setEditing({ product: match });
          } else {
            setNotFound(typed);
            beep();
          }
          return;
        }
        const row = after.items[after.selected];
        if (row) setEditing({ product: row });
        break;
      }
    }
  }

  const first = state.total === 0 ? 0 : state.offset + 1;
  const last = Math.min(state.offset + PAGE_SIZE, state.total);

  return (
    <section className="page" aria-labelledby="products-title">
      <header className="page-header">
        <h1 id="products-title">Productos</h1>
        <div className="toolbar">
          <div className={`search${notFound ? ' search-alert' : ''}`}>
            <input
              ref={search}
              type="search"
              aria-label="Buscar productos"
              placeholder="Buscar por nombre, código o código de barras"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setNotFound(null);
              }}
              onKeyDown={(e) => void onSearchKey(e)}
              autoComplete="off"
              spellCheck={false}
            />
            <kbd>F2</kbd>
          </div>
          <select aria-label="Categoría" value={state.category} onChange={(e) => state.setCategory(e.target.value)}>
            <option value="">Todas las categorías</option>
            {state.categories.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.productCount})
              </option>
            ))}
          </select>
          {canEdit ? (
            <button type="button" className="button button-primary" onClick={() => openNew(notFound ?? undefined)}>
              Nuevo producto <kbd>F3</kbd>
            </button>
          ) : null}
        </div>
      </header>

      {notFound ? (
        <p className="banner banner-alert" role="alert">
          No hay ningún producto con el código <strong className="mono">{notFound}</strong>. Apretá <kbd>F3</kbd> para crearlo.
        </p>
      ) : null}
      {state.error ? (
        <p className="banner banner-alert" role="alert">
          {state.error.message}
        </p>
      ) : null}

      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="col-sku">Código</th>
              <th scope="col">Producto</th>
              <th scope="col" className="col-category">Categoría</th>
              <th scope="col" className="col-barcode">Cód. de barras</th>
              <th scope="col" className="col-unit">Unidad</th>
              <th scope="col" className="num col-price">Precio</th>
            </tr>
          </thead>
          <tbody ref={tableBody}>
            {state.items.map((p, i) => (
              <tr
                key={p.id}
                aria-selected={i === state.selected}
                className={p.active ? undefined : 'inactive'}
                onClick={() => state.select(i)}
                onDoubleClick={() => setEditing({ product: p })}
              >
                <td className="mono">{p.sku}</td>
                <td>
                  <button type="button" className="link" onClick={() => setEditing({ product: p })} tabIndex={-1}>
                    {p.name}
                  </button>
                  {p.active ? null : <span className="tag">inactivo</span>}
                </td>
                <td className="muted">{p.category ?? '—'}</td>
                <td className="mono muted">
                  {p.barcodes[0] ?? '—'}
                  {p.barcodes.length > 1 ? <span className="muted"> +{p.barcodes.length - 1}</span> : null}
                </td>
                <td>{UNIT_SHORT[p.unit]}</td>
                <td className="num">
                  {formatMoney(p.price)}
                  {p.unit === 'un' ? null : <span className="per-unit">/{p.unit}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {state.items.length === 0 && !state.loading ? (
          <div className="empty">
            {state.query ? (
              <p>No hay productos que coincidan con «{state.query}».</p>
            ) : (
              <p>
                Todavía no hay productos. Apretá <kbd>F3</kbd> para cargar el primero, o corré <code>gondola demo</code> para
                ver la tienda de ejemplo.
              </p>
            )}
          </div>
        ) : null}
      </div>

      <footer className="page-footer">
        <span aria-live="polite">
          {state.total === 0 ? 'Sin resultados' : `${first}–${last} de ${formatInteger(state.total)} productos`}
        </span>
        <span className="keys-help">
          <kbd>↑</kbd>
          <kbd>↓</kbd> moverse{canEdit ? (
            <>
              {' '}
              · <kbd>Enter</kbd> editar
            </>
          ) : null}{' '}
          · <kbd>RePág</kbd>
          <kbd>AvPág</kbd> páginas · <kbd>Esc</kbd> limpiar
        </span>
        <span className="pager">
          <button type="button" className="button" onClick={() => state.page(-1)} disabled={state.offset === 0}>
            Anterior
          </button>
          <button type="button" className="button" onClick={() => state.page(1)} disabled={last >= state.total}>
            Siguiente
          </button>
        </span>
      </footer>

      {editing && canEdit ? <ProductForm product={editing.product} {...(editing.initialBarcode ? { initialBarcode: editing.initialBarcode } : {})} onClose={closeForm} /> : null}
    </section>
  );
}
