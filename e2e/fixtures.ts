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

/** Starts `gondola serve` on a new data folder (optionally with the demo store) and stops it after the test. */
async function startStore(withDemo: boolean): Promise<{ store: Store; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gondola-e2e-'));
  if (withDemo) {
    const demo = spawnSync(process.execPath, [gondola, 'demo', '--data-dir', dataDir, '--days', '60'], { encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`gondola demo failed: ${demo.stderr}`);
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

export const test = base.extend<{ store: Store; demoStore: Store }>({
  store: async ({}, use) => {
    const { store, stop } = await startStore(false);
    await use(store);
    await stop();
  },
  demoStore: async ({}, use) => {
    const { store, stop } = await startStore(true);
    await use(store);
    await stop();
  },
});

export { expect };
