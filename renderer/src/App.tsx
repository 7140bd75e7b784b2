import { useEffect, useState, type ComponentType } from 'react';
import { Toasts } from './components/Toasts';
import { ProductsPage } from './features/products/ProductsPage';
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
  { path: 'productos', label: 'Productos', key: '1', page: ProductsPage },
  { path: 'sistema', label: 'Sistema', key: '9', page: SystemPage },
];

function currentPath(): string {
  const path = window.location.hash.replace(/^#\/?/, '');
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
                <kbd>Alt+{r.key}</kbd>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Page key={route.path} />
      </main>
      <Toasts />
    </div>
  );
}
