// `npm start` runs the core inside Electron, whose Node has a different native
// ABI from the system Node that runs the tests and `gondola serve`. Rather than
// rebuilding node_modules/better-sqlite3 back and forth, this keeps a second
// copy built for Electron under .native/electron-<version>/; main/electron/main.ts
// hands its path to better-sqlite3 (the `nativeBinding` option) in development.
// Packaged apps do not need it: electron-builder rebuilds native modules itself.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// Electron's binary first: where it cannot be downloaded (no internet, a CI
// box, ELECTRON_SKIP_BINARY_DOWNLOAD) say so and point to browser mode, before
// a minute goes into rebuilding natives for an Electron that cannot start.
const electronDir = dirname(require.resolve('electron/package.json'));
const electronBinary = () => {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
};
if (!electronBinary()) {
  console.log('Descargando Electron (una vez)… / Downloading Electron (once)…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', timeout: 180_000 });
}
if (!electronBinary()) {
  console.error(
    [
      '',
      'No se pudo descargar Electron, así que la app de escritorio no puede abrirse en esta PC.',
      'Usá el modo navegador:  npm run serve   (y abrí la dirección que imprime).',
      '',
      "Electron's binary could not be downloaded, so the desktop app cannot start on this machine.",
      'Use browser mode instead:  npm run serve   (and open the URL it prints).',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqlitePackageDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqlitePackageDir, 'package.json'), 'utf8')).version;

const buildRoot = join(root, '.native', `electron-${electronVersion}`);
const moduleDir = join(buildRoot, 'node_modules', 'better-sqlite3');
const binding = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const stamp = join(buildRoot, 'better-sqlite3.version');

if (existsSync(binding) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sqliteVersion) {
  console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}: ready`);
  process.exit(0);
}

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once; takes a minute)…`);
mkdirSync(buildRoot, { recursive: true });
writeFileSync(
  join(buildRoot, 'package.json'),
  JSON.stringify({ name: 'gondola-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2),
);
cpSync(sqlitePackageDir, moduleDir, {
  recursive: true,
  filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
});

const { rebuild } = await import('@electron/rebuild');
await rebuild({
  buildPath: buildRoot,
  electronVersion,
  onlyModules: ['better-sqlite3'],
  force: true,
});
if (!existsSync(binding)) {
  console.error(`No se pudo compilar better-sqlite3 para Electron: falta ${binding}`);
  process.exit(1);
}
writeFileSync(stamp, sqliteVersion);
console.log(`better-sqlite3 for Electron ready: ${binding}`);
