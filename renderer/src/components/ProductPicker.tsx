import { useEffect, useRef, useState } from 'react';
import type { Product } from '../../../contract';
import { api } from '../api/client';
import { formatMoney, formatQuantity } from '../lib/format';
import { Dialog } from './Dialog';

interface ProductPickerProps {
  title?: string;
  /** A line under the title saying what Enter does. */
  hint?: string;
  /** Shows what is on hand (a quantity: cashiers may see it; never a cost). */
  showStock?: boolean;
  onPick(product: Product): void;
  onClose(): void;
}

/** F2 buscar: type part of a name, arrows to choose, Enter to take it, Esc to go back. */
export function ProductPicker({ title = 'Buscar producto', hint, showStock = false, onPick, onClose }: ProductPickerProps) {
  const [text, setText] = useState('');
  const [items, setItems] = useState<Product[]>([]);
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void api.call('products.list', { ...(text.trim() ? { query: text.trim() } : {}), limit: 12 }).then((r) => {
        if (mine !== seq.current || !r.ok) return;
        setItems(r.data.items);
        setSelected(0);
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <Dialog title={title} subtitle={hint} onClose={onClose} className="picker" initialFocus={input} closeOnOverlay>
        <input
          ref={input}
          type="search"
          aria-label="Nombre, código o código de barras"
          placeholder="Nombre, código o código de barras"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setSelected((s) => Math.min(s + 1, items.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setSelected((s) => Math.max(s - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              const item = items[selected];
              if (item) onPick(item);
            }
          }}
        />
        <ul className="picker-list" role="listbox" aria-label="Resultados">
          {items.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === selected} onMouseDown={() => onPick(p)}>
              <span className="mono muted">{p.sku}</span>
              <span className="picker-name">{p.name}</span>
              {showStock ? <span className={`num picker-stock${p.onHand <= 0 ? ' alert' : ''}`}>{p.onHand <= 0 ? 'sin stock' : `quedan ${formatQuantity(p.onHand, p.unit)}`}</span> : null}
              <span className="num">{formatMoney(p.price)}</span>
            </li>
          ))}
          {items.length === 0 ? <li className="muted">Sin resultados</li> : null}
        </ul>
    </Dialog>
  );
}
