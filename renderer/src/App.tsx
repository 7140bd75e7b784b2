import { useEffect, useState, type ComponentType } from 'react';
import { Toasts } from './components/Toasts';
import { CountsPage } from './features/counts/CountsPage';
import { HomePage } from './features/home/HomePage';
import { ImportPage } from './features/import/ImportPage';
import { PurchasesPage } from './features/purchases/PurchasesPage';
import { ProductsPage } from './features/products/ProductsPage';
import { SalesPage } from './features/sales/SalesPage';
import { TicketsPage } from './features/sales/TicketsPage';
import { StockPage } from './features/stock/StockPage';
import { SuppliersPage } from './features/suppliers/SuppliersPage';
import { SystemPage } from './features/system/SystemPage';

interface Route {
  path: string;
  label: string;
  /** Alt+key jumps here. */
  key: string;
  page: ComponentType;
}

/** Only pages that work are listed; each later area adds its own line. */
const ROUTES: Route[] = [
  { path: 'inicio', label: 'Inicio', key: '1', page: HomePage },
  { path: 'ventas', label: 'Ventas', key: '2', page: SalesPage },
  { path: 'tickets', label: 'Tickets', key: 't', page: TicketsPage },
  { path: 'compras', label: 'Compras', key: '3', page: PurchasesPage },
  { path: 'stock', label: 'Stock', key: '4', page: StockPage },
  { path: 'inventario', label: 'Inventario', key: '5', page: CountsPage },
  { path: 'productos', label: 'Productos', key: '6', page: ProductsPage },
  { path: 'proveedores', label: 'Proveedores', key: '7', page: SuppliersPage },
  { path: 'importar', label: 'Importar', key: '8', page: ImportPage },
  { path: 'sistema', label: 'Sistema', key: '9', page: SystemPage },
];

function currentPath(): string {
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0]!;
  return ROUTES.some((r) => r.path === path) ? path : ROUTES[0]!.path;
}

export function App() {
  const [path, setPath] = useState(currentPath);

  useEffect(() => {
    const onHash = () => setPath(currentPath());
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey) return;
      const route = ROUTES.find((r) => r.key === event.key);
      if (route) {
        event.preventDefault();
        window.location.hash = `#/${route.path}`;
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  const route = ROUTES.find((r) => r.path === path)!;
  // The query part (#/stock?bajoMinimo=1) re-mounts the page with its filters.
  const pageKey = window.location.hash;
  const Page = route.page;
  return (
    <div className="shell">
      <nav className="nav" aria-label="Secciones">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            G
          </span>
          Góndola
        </div>
        <ul>
          {ROUTES.map((r) => (
            <li key={r.path}>
              <a href={`#/${r.path}`} aria-current={r.path === path ? 'page' : undefined}>
                {r.label}
                <kbd>Alt+{r.key.toUpperCase()}</kbd>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Page key={pageKey} />
      </main>
      <Toasts />
    </div>
  );
}
