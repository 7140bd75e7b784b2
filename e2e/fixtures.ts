import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';

const repoRoot = resolve(import.meta.dirname, '..');
const gondola = join(repoRoot, 'bin', 'gondola.js');

export interface Store {
  /** The URL printed by `gondola serve`, token included. */
  url: string;
  dataDir: string;
  /** Calls the core through the bridge, as a script would. */
  rpc<T = unknown>(method: string, input?: unknown): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }>;
}

/** Users every e2e store gets (made with `gondola users add`, password on stdin): name, role, password. */
export const OWNER = { name: 'Dueña', password: 'clave-de-la-duena' } as const;
export const CASHIER = { name: 'Beto', password: 'clave-de-beto', pin: '2468' } as const;

interface StoreOptions {
  demo?: boolean;
  /** Log the bridge token in as the owner before the test (most tests are about something else). */
  signedIn?: boolean;
  /** Create the owner and a cashier (false: a store on its first run, no users). */
  users?: boolean;
}

function cli(args: string[], input?: string): void {
  const run = spawnSync(process.execPath, [gondola, ...args], { encoding: 'utf8', input: input ?? '' });
  if (run.status !== 0) throw new Error(`gondola ${args.join(' ')} failed: ${run.stderr}`);
}

/** Starts `gondola serve` on a new data folder (optionally with the demo store) and stops it after the test. */
async function startStore(options: StoreOptions): Promise<{ store: Store; stop: () => Promise<void> }> {
  const { demo = false, signedIn = true, users = true } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'gondola-e2e-'));
  if (demo) cli(['demo', '--data-dir', dataDir, '--days', '60']);
  if (users) {
    cli(['users', 'add', OWNER.name, '--role', 'dueño', '--data-dir', dataDir], `${OWNER.password}\n`);
    cli(['users', 'add', CASHIER.name, '--role', 'cajero', '--data-dir', dataDir], `${CASHIER.password}\n`);
  }
  const child: ChildProcess = spawn(process.execPath, [gondola, 'serve', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gondola serve did not start: ${out}`)), 15_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`gondola serve exited with ${code}: ${out}`)));
  });
  const { origin, searchParams } = new URL(url);
  const token = searchParams.get('token')!;
  const store: Store = {
    url,
    dataDir,
    async rpc(method, input) {
      const response = await fetch(`${origin}/rpc/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as never;
    },
  };
  if (users && signedIn) {
    const login = await store.rpc('auth.login', { user: OWNER.name, password: OWNER.password });
    if (!login.ok) throw new Error(`e2e login failed: ${JSON.stringify(login.error)}`);
  }
  return {
    store,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ store: Store; demoStore: Store; lockedStore: Store; firstRunStore: Store }>({
  /** An empty store; the page opens logged in as the owner. */
  store: async ({}, use) => {
    const { store, stop } = await startStore({});
    await use(store);
    await stop();
  },
  /** The demo store (60 days of history); the page opens logged in as the owner. */
  demoStore: async ({}, use) => {
    const { store, stop } = await startStore({ demo: true });
    await use(store);
    await stop();
  },
  /** The demo store with its owner and a cashier, nobody logged in: the page opens at the login. */
  lockedStore: async ({}, use) => {
    const { store, stop } = await startStore({ demo: true, signedIn: false });
    await use(store);
    await stop();
  },
  /** A store on its very first run: no users at all. */
  firstRunStore: async ({}, use) => {
    const { store, stop } = await startStore({ users: false });
    await use(store);
    await stop();
  },
});

export { expect };
