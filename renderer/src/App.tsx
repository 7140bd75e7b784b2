import { useEffect, useState, type ComponentType } from 'react';
import type { MethodName } from '../../contract';
import { Toasts } from './components/Toasts';
import { AuthGate } from './features/auth/AuthGate';
import { UserMenu } from './features/auth/UserMenu';
import { UsersPage } from './features/users/UsersPage';
import { useSession } from './stores/session';
import { CountsPage } from './features/counts/CountsPage';
import { ForecastPage } from './features/forecast/ForecastPage';
import { ForensicPage } from './features/forensic/ForensicPage';
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
  /** The call the page cannot work without: the page is listed only for sessions allowed it. */
  requires: MethodName;
}

/** Only pages that work are listed; each later area adds its own line. */
const ROUTES: Route[] = [
  { path: 'inicio', label: 'Inicio', key: '1', page: HomePage, requires: 'dashboard.shift' },
  { path: 'ventas', label: 'Ventas', key: '2', page: SalesPage, requires: 'sales.close' },
  { path: 'tickets', label: 'Tickets', key: 't', page: TicketsPage, requires: 'sales.list' },
  { path: 'compras', label: 'Compras', key: '3', page: PurchasesPage, requires: 'receipts.post' },
  { path: 'pronostico', label: 'Pronóstico', key: 'p', page: ForecastPage, requires: 'forecast.product' },
  { path: 'forense', label: 'Forense', key: 'f', page: ForensicPage, requires: 'forensic.status' },
  { path: 'stock', label: 'Stock', key: '4', page: StockPage, requires: 'stock.list' },
  { path: 'inventario', label: 'Inventario', key: '5', page: CountsPage, requires: 'counts.list' },
  { path: 'productos', label: 'Productos', key: '6', page: ProductsPage, requires: 'products.list' },
  { path: 'proveedores', label: 'Proveedores', key: '7', page: SuppliersPage, requires: 'suppliers.create' },
  { path: 'importar', label: 'Importar', key: '8', page: ImportPage, requires: 'import.run' },
  { path: 'usuarios', label: 'Usuarios', key: 'u', page: UsersPage, requires: 'users.list' },
  { path: 'sistema', label: 'Sistema', key: '9', page: SystemPage, requires: 'system.info' },
];

function currentPath(routes: Route[]): string {
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0]!;
  return routes.some((r) => r.path === path) ? path : routes[0]!.path;
}

/** The store, behind the login: AuthGate shows setup, login or lock screens until it may. */
export function App() {
  return (
    <>
      <AuthGate>
        <Shell />
      </AuthGate>
      <Toasts />
    </>
  );
}

function Shell() {
  const allowed = useSession((s) => s.status?.allowed);
  const routes = ROUTES.filter((r) => allowed?.includes(r.requires));
  const [path, setPath] = useState(() => currentPath(routes));
  const routeKey = routes.map((r) => r.path).join();

  useEffect(() => {
    setPath(currentPath(routes));
    const onHash = () => setPath(currentPath(routes));
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey) return;
      const route = routes.find((r) => r.key === event.key);
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- routes change only with routeKey
  }, [routeKey]);

  const route = routes.find((r) => r.path === path) ?? routes[0]!;
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
          {routes.map((r) => (
            <li key={r.path}>
              <a href={`#/${r.path}`} aria-current={r.path === route.path ? 'page' : undefined}>
                {r.label}
                <kbd>Alt+{r.key.toUpperCase()}</kbd>
              </a>
            </li>
          ))}
        </ul>
        <UserMenu />
      </nav>
      <main className="content">
        <Page key={pageKey} />
      </main>
    </div>
  );
}
