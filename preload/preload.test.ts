import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../contract/names';
import { repoRoot } from '../main/testing';

/**
 * Bundles preload/index.ts exactly as the build does and runs it against a
 * stand-in for the `electron` module (the one true edge here), then checks what
 * reaches the page.
 */
async function loadPreload() {
  const result = await build({
    entryPoints: [`${repoRoot}/preload/index.ts`],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    external: ['electron'],
  });
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, data: null });
      },
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
  const module = { exports: {} };
  runInNewContext(result.outputFiles[0]!.text, {
    module,
    exports: module.exports,
    require: (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`preload may not require ${name}`);
    },
  });
  return { exposed, invoked };
}

describe('preload', () => {
  it('exposes only window.api with invoke and subscribe', async () => {
    const { exposed } = await loadPreload();
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed.api as object).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('forwards contract methods on one channel and refuses anything else without touching IPC', async () => {
    const { exposed, invoked } = await loadPreload();
    const api = exposed.api as { invoke(method: string, input?: unknown): Promise<unknown>; subscribe(e: string, l: () => void): () => void };
    await api.invoke(METHOD_NAMES[0], {});
    expect(invoked).toEqual([['gondola:invoke', METHOD_NAMES[0], {}]]);
    expect(await api.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(invoked).toHaveLength(1);
    expect(typeof api.subscribe('not.an.event', () => undefined)).toBe('function');
  });
});
