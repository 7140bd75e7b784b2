/**
 * Enforces the import rules of the architecture (../shared/design/ARCHITECTURE.md):
 * - only main/electron/ and preload/ import electron (or electron-updater);
 * - renderer/ imports contract/, locale/ and a short list of UI packages, nothing from main/;
 * - locale/ (Spanish labels, es-AR formatting) imports nothing;
 * - migrations/ import kysely only and never main/;
 * - contract/ imports zod only;
 * - main/domain/ does no I/O (no fs, network, processes, database);
 * - main/ outside main/electron/ never imports renderer/ or preload/;
 * - only main/cli/, main/electron/, main/bridge/, main/demo/, the test helpers
 *   and scripts/ import main/app.ts (the composition root sits on top);
 * - main/forecast/, main/invoices/ and main/forensic/ never import
 *   main/interchange/ or main/services/ (they need no store);
 * - main/security/ (hashing, counter grants) imports only domain/ and contract/:
 *   users and sessions are services;
 * - main/write/ (write(), ledger, audit log, bulk sales) imports nothing above
 *   main/db/ and main/domain/ (no services, no interchange);
 * - main/testing/ (test helpers, generators of synthetic invoices, demand and
 *   import folders) is imported only by tests, other helpers, scripts/ and e2e/;
 * - no import cycle between files, type imports included;
 * - every handler in main/api/handlers.ts is one call of one service.
 * Run as `npm run check:imports`; exits 1 listing every violation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SourceFile {
  /** Repo-relative path with forward slashes. */
  path: string;
  source: string;
}

export interface Violation {
  path: string;
  specifier: string;
  rule: string;
}

// Statements start a line (the code is formatted); matching anywhere would catch
// words inside strings ("importalo con gondola import").
const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

export function importsOf(source: string): string[] {
  const found = new Set<string>();
  // Comments may mention modules; only code counts.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const pattern of IMPORT_PATTERNS) for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/** The write path's floor: what write()/the ledger/the audit log may build on. */
const WRITE_PATH_MAY_IMPORT = ['main/write', 'main/db', 'main/domain', 'main/events', 'main/logger', 'main/runtime', 'contract', 'locale'];

const RENDERER_PACKAGES = ['react', 'react-dom', 'zustand', 'chart.js', 'react-chartjs-2', 'date-fns'];
const TEST_PACKAGES = ['vitest', 'fast-check'];
const IO_MODULES = ['fs', 'net', 'http', 'https', 'child_process', 'worker_threads', 'dgram', 'tls', 'cluster', 'better-sqlite3', 'kysely', 'pg'];

function packageName(specifier: string): string {
  const bare = specifier.replace(/^node:/, '');
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isTest(path: string): boolean {
  return /\.(test|spec)\.tsx?$/.test(path);
}

/** True when a repo-relative path is the folder `dir` or inside it. */
function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** Where a relative specifier points, repo-relative, or null for a package. */
function target(path: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return normalize(join(dirname(path), specifier)).split(sep).join('/');
}

export function findViolations(files: SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const { path } = file;
    for (const specifier of importsOf(file.source)) {
      const to = target(path, specifier);
      const pkg = to === null ? packageName(specifier) : null;
      const flag = (rule: string) => violations.push({ path, specifier, rule });

      if ((pkg === 'electron' || pkg === 'electron-updater') && !path.startsWith('main/electron/') && !path.startsWith('preload/')) {
        flag('only main/electron/ and preload/ may import electron');
      }
      if (path.startsWith('renderer/')) {
        // A renderer test may run the real core behind window.api (main/testing/), and nothing else of main/.
        const testCore = isTest(path) && to !== null && inside(to, 'main/testing');
        if (to !== null && !inside(to, 'renderer') && !inside(to, 'contract') && !inside(to, 'locale') && !testCore) flag('renderer/ may import only renderer/, contract/ and locale/');
        if (pkg !== null && !RENDERER_PACKAGES.includes(pkg) && !(isTest(path) && TEST_PACKAGES.includes(pkg))) {
          flag(`renderer/ may not import the package "${pkg}"`);
        }
      }
      if (path.startsWith('migrations/')) {
        if (to !== null && !inside(to, 'migrations')) flag('migrations/ may import only migrations/');
        if (pkg !== null && pkg !== 'kysely' && !(isTest(path) && TEST_PACKAGES.includes(pkg))) flag('migrations/ may import only kysely');
      }
      if (path.startsWith('locale/') && !isTest(path) && (pkg !== null || (to !== null && !inside(to, 'locale')))) {
        flag('locale/ (labels and es-AR formatting, shared by every side) imports nothing');
      }
      if (path.startsWith('contract/')) {
        if (to !== null && !inside(to, 'contract')) flag('contract/ may import only contract/');
        if (pkg !== null && pkg !== 'zod' && !(isTest(path) && TEST_PACKAGES.includes(pkg))) flag('contract/ may import only zod');
      }
      if (path.startsWith('main/domain/')) {
        if (pkg !== null && IO_MODULES.includes(pkg)) flag(`main/domain/ does no I/O ("${pkg}")`);
        if (to !== null && !inside(to, 'main/domain') && !inside(to, 'contract') && !inside(to, 'locale')) flag('main/domain/ may import only main/domain/, contract/ and locale/');
      }
      if (path.startsWith('main/') && to !== null && (inside(to, 'renderer') || inside(to, 'preload'))) {
        flag('main/ may not import renderer/ or preload/');
      }
      const app = to !== null && (to === 'main/app' || to === 'main/app.ts' || to === 'main/app.js');
      const testHelper = isTest(path) || inside(path, 'main/testing') || /(^|\/)testing\.ts$/.test(path);
      const mayImportApp = ['main/cli', 'main/electron', 'main/bridge', 'main/demo', 'scripts', 'e2e'].some((d) => inside(path, d)) || testHelper;
      if (app && path.startsWith('main/') && !mayImportApp) flag('only main/cli/, main/electron/, main/bridge/, main/demo/, scripts/ and the test helpers import main/app.ts');
      if (to !== null && inside(to, 'main/testing') && path.startsWith('main/') && !testHelper) {
        flag('main/testing/ (test helpers and generators of synthetic data) is for tests, benchmarks and e2e only');
      }
      if (to !== null && ['main/forecast', 'main/invoices', 'main/forensic'].some((d) => inside(path, d)) && !isTest(path) && (inside(to, 'main/interchange') || inside(to, 'main/services'))) {
        flag('main/forecast/, main/invoices/ and main/forensic/ never import main/interchange/ or main/services/');
      }
      if (to !== null && inside(path, 'main/security') && !isTest(path) && !['main/security', 'main/domain', 'contract', 'locale'].some((d) => inside(to, d))) {
        flag('main/security/ (password hashing, counter grants) may import only main/security/, main/domain/ and contract/');
      }
      if (to !== null && inside(path, 'main/write') && !isTest(path) && !WRITE_PATH_MAY_IMPORT.some((d) => inside(to.replace(/\.(ts|js)$/, ''), d))) {
        flag('main/write/ sits below the use-cases: it may import only main/write/, main/db/, main/domain/, main/events, main/logger, main/runtime and contract/');
      }
    }
  }
  return violations;
}

/** The file a relative import names, as the bundler resolves it (extension or index added), or null. */
function resolveFile(to: string, known: Set<string>): string | null {
  const base = to.replace(/\.(js|mjs|cjs)$/, '');
  for (const candidate of [to, `${base}.ts`, `${base}.tsx`, `${base}.mts`, `${base}/index.ts`, `${base}/index.tsx`]) if (known.has(candidate)) return candidate;
  return null;
}

/**
 * Import cycles between files (type imports included: a cycle of types is a
 * cycle of knowledge, and the one that breaks a bundle tomorrow). Tarjan's
 * strongly connected components; each reported once, by its files in order.
 */
export function findCycles(files: SourceFile[]): Violation[] {
  const known = new Set(files.map((f) => f.path));
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const out: string[] = [];
    for (const specifier of importsOf(file.source)) {
      const to = target(file.path, specifier);
      const resolved = to === null ? null : resolveFile(to, known);
      if (resolved && resolved !== file.path) out.push(resolved);
    }
    edges.set(file.path, out);
  }
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const path of [...known].sort()) if (!indices.has(path)) visit(path);
  return cycles.map((c) => ({ path: c[0]!, specifier: c.slice(1).join(', '), rule: `import cycle among ${c.length} files: ${c.join(' → ')}` }));
}

const SKIP = new Set(['node_modules', 'dist', 'release', '.git', 'test-results', '.native']);

export function collectSources(root: string, dirs = ['contract', 'locale', 'main', 'preload', 'renderer', 'migrations', 'scripts']): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name)) {
        files.push({ path: relative(root, full).split(sep).join('/'), source: readFileSync(full, 'utf8') });
      }
    }
  };
  // The checker's own test quotes forbidden imports as fixtures; it is not code that imports them.
  const fixtures = new Set(['scripts/check-imports.test.ts']);
  for (const dir of dirs) {
    try {
      walk(join(root, dir));
    } catch {
      // A folder that does not exist yet has nothing to check.
    }
  }
  return files.filter((f) => !fixtures.has(f.path));
}

/**
 * Handlers are one line per method naming one service (main/api/handlers.ts):
 * `'x.y': (input, { session }) => services.area.verb(input, actor(session))`,
 * optionally wrapped as `({ items: … })`. Anything composed there (two
 * services, a report built from a service's answer, the core reached
 * directly) belongs in a service, where a test and the CLI can reach it.
 */
export function findFatHandlers(path: string, source: string): Violation[] {
  const found: Violation[] = [];
  const entry = /^\s*'([a-zA-Z]+\.[a-zA-Z]+)':\s*\([^)]*\)\s*=>\s*(.*?),?$/;
  const oneCall = /^(\(\{ items: )?(services\.[a-zA-Z]+|imports)\.[a-zA-Z]+\(([^()]|\((session)?\)!?)*\)( \}\))?$/;
  for (const line of source.split('\n')) {
    const m = entry.exec(line);
    if (!m) continue;
    const body = m[2]!.trim();
    if (!oneCall.test(body)) found.push({ path, specifier: m[1]!, rule: `a handler is one call of one service: ${body}` });
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const files = collectSources(root);
  const handlers = files.find((f) => f.path === 'main/api/handlers.ts');
  const violations = [...findViolations(files), ...findCycles(files), ...(handlers ? findFatHandlers(handlers.path, handlers.source) : [])];
  for (const v of violations) console.error(`${v.path}: imports "${v.specifier}": ${v.rule}`);
  console.log(`import rules: ${files.length} files checked, ${violations.length} violations`);
  process.exitCode = violations.length > 0 ? 1 : 0;
}
