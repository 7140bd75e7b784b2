/**
 * The desktop shell: one window, the core in a utility process, one IPC channel.
 * The only part of main/ (with core-process) that knows Electron exists.
 */
import { existsSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  protocol,
  session,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import type { Result } from '../../contract/errors';
import { isMethodName } from '../../contract/names';
import { IPC_EVENT, IPC_INVOKE } from '../../contract/transport';
import type { CoreMessage, CoreRequest } from './core-protocol';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, isTrustedSender } from './security';

// dist/electron/main.cjs → dist/
const distDir = resolve(__dirname, '..');
const rendererDir = join(distDir, 'renderer');

// Date inputs, number formats and spellcheck follow the browser's locale, not the
// page's lang attribute: the window speaks es-AR whatever the PC is set to.
app.commandLine.appendSwitch('lang', 'es-AR');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // Another Góndola is open on this store: it gets focus, we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start, (error: unknown) => fail(String(error)));
}

/** The core utility process and the calls waiting for its answers. */
class CoreHost {
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private nextId = 1;
  private readonly child: UtilityProcess;
  readonly ready: Promise<void>;

  constructor(onEvent: (name: string, payload: unknown) => void) {
    const resourcesDir = app.isPackaged ? process.resourcesPath : resolve(distDir, '..');
    const nativeBinding = app.isPackaged ? '' : findDevNativeBinding(resourcesDir);
    this.child = utilityProcess.fork(join(__dirname, 'core-process.cjs'), [], {
      serviceName: 'Góndola core',
      env: {
        ...process.env,
        GONDOLA_DATA_DIR: process.env.GONDOLA_DATA_DIR || app.getPath('userData'),
        GONDOLA_RESOURCES_DIR: resourcesDir,
        GONDOLA_NATIVE_BINDING: nativeBinding,
      },
    });
    this.ready = new Promise((resolveReady, rejectReady) => {
      this.child.on('message', (message: CoreMessage) => {
        switch (message.type) {
          case 'ready':
            resolveReady();
            break;
          case 'fatal':
            rejectReady(new Error(message.message));
            break;
          case 'result':
            this.pending.get(message.id)?.(message.result);
            this.pending.delete(message.id);
            break;
          case 'event':
            onEvent(message.name, message.payload);
            break;
        }
      });
      this.child.on('exit', (code) => {
        rejectReady(new Error(`El proceso de datos terminó (código ${code}).`));
        for (const answer of this.pending.values()) {
          answer({ ok: false, error: { code: 'INTERNAL', message: 'El proceso de datos se detuvo. Reiniciá Góndola.' } });
        }
        this.pending.clear();
      });
    });
  }

  call(method: string, input: unknown, sessionId: string): Promise<Result<unknown>> {
    return new Promise((resolveCall) => {
      const id = this.nextId++;
      this.pending.set(id, resolveCall);
      this.send({ type: 'call', id, method, input, sessionId });
    });
  }

  /** A window went away: its login ends with it. */
  endSession(sessionId: string): void {
    this.send({ type: 'endSession', sessionId });
  }

  shutdown(): void {
    this.send({ type: 'shutdown' });
  }

  private send(request: CoreRequest): void {
    this.child.postMessage(request);
  }
}

let core: CoreHost | undefined;

async function start(): Promise<void> {
  hardenSessions();
  serveRenderer();
  core = new CoreHost((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_EVENT, name, payload);
  });
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Origen no permitido' } } satisfies Result<never>;
    }
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'La operación no existe' } } satisfies Result<never>;
    }
    return core!.call(method, input, `ipc:${event.sender.id}`);
  });
  try {
    await core.ready;
  } catch (error) {
    fail((error as Error).message);
    return;
  }
  createWindow();
  void checkForUpdates();
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Góndola',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(distDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  const sessionId = `ipc:${win.webContents.id}`;
  win.webContents.once('destroyed', () => core?.endSession(sessionId));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

/** The renderer's files over app://gondola/, with the CSP as a header; nothing outside dist/renderer. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = resolve(rendererDir, relative || 'index.html');
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return new Response('Forbidden', { status: 403 });
    if (!existsSync(file)) file = join(rendererDir, 'index.html');
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** No permissions, no navigation away, no new windows, no webviews. */
function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function checkForUpdates(): Promise<void> {
  // Offline-first: an update check that cannot reach its server is not an error
  // the person needs to see.
  if (!app.isPackaged) return;
  try {
    const { autoUpdater } = await import('electron-updater');
    await autoUpdater.checkForUpdatesAndNotify();
  } catch {
    // Logged by electron-updater itself; the store keeps working.
  }
}

/** In development the core needs a better-sqlite3 built for Electron's ABI (scripts/electron-native.mjs). */
function findDevNativeBinding(repoRoot: string): string {
  const candidate = join(
    repoRoot,
    '.native',
    `electron-${process.versions.electron}`,
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  return existsSync(candidate) ? candidate : '';
}

function fail(message: string): void {
  dialog.showErrorBox('Góndola no pudo iniciar', message);
  app.exit(1);
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => core?.shutdown());
