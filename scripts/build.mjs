// Bundles the Node side with esbuild: the CLI (ESM), the Electron main and core
// processes and the preload script (CommonJS, as Electron's sandboxed preload
// requires). Pure-JS dependencies are bundled in; native modules and Electron
// itself stay external. The renderer is built by Vite (vite.config.ts).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // pdfkit reads its font metrics from its own folder at run time, so it cannot be bundled.
  // The invoice reader's packages load wasm, workers, fonts and language data from their own folders.
  external: ['electron', 'better-sqlite3', 'electron-updater', 'pdfkit', 'pdfjs-dist', '@napi-rs/canvas', 'tesseract.js', 'zxing-wasm', '@tesseract.js-data/spa', '@tesseract.js-data/eng', 'onnxruntime-node'],
};

// CommonJS bundles have no import.meta: give modules that locate files by it their own file's URL.
const cjsImportMeta = {
  define: { 'import.meta.url': '__gondolaImportMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: "const __gondolaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const results = await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'main/cli/index.ts' },
    outdir: 'dist',
    format: 'esm',
    // Bundled CommonJS dependencies may call require(); give ESM one.
    banner: { js: "import { createRequire as __gondolaCreateRequire } from 'node:module'; const require = __gondolaCreateRequire(import.meta.url);" },
  }),
  // The worker threads (invoice reader, forecast training, forensic runs), beside each bundle that starts them.
  build({
    ...common,
    entryPoints: { 'invoice-worker': 'main/invoices/worker.ts', 'forecast-worker': 'main/forecast/worker.ts', 'forensic-worker': 'main/forensic/worker.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    banner: { js: "import { createRequire as __gondolaCreateRequire } from 'node:module'; const require = __gondolaCreateRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: { 'invoice-worker': 'main/invoices/worker.ts', 'forecast-worker': 'main/forecast/worker.ts', 'forensic-worker': 'main/forensic/worker.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    target: 'node22',
    ...cjsImportMeta,
  }),
  build({
    ...common,
    entryPoints: { main: 'main/electron/main.ts', 'core-process': 'main/electron/core-process.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    target: 'node22',
    metafile: true,
    ...cjsImportMeta,
  }),
  build({
    ...common,
    entryPoints: { index: 'preload/index.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    target: 'chrome130',
  }),
]);

// The HTTP bridge is for browser mode and tests; the desktop app must not carry it.
const electronInputs = Object.keys(results.find((r) => r.metafile).metafile.inputs);
const leaked = electronInputs.filter((input) => input.startsWith('main/bridge/') || input.startsWith('main/cli/'));
if (leaked.length > 0) {
  console.error(`The Electron bundles include the bridge or CLI: ${leaked.join(', ')}`);
  process.exit(1);
}
