/**
 * The core's handle on a forensic run: a worker thread started for the run
 * and ended with it. The built app runs the bundled forensic-worker beside its
 * own bundle; from source it runs worker.ts through tsx.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ForensicResult } from './index';
import type { ForensicJobRequest } from './job';

declare const __dirname: string | undefined;

export function forensicWorkerFile(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const name of ['forensic-worker.mjs', 'forensic-worker.cjs']) {
    // Packaged: workers cannot run from inside app.asar; electron-builder unpacks them beside it.
    const file = join(here, name).replace(`app.asar${'/'}`, 'app.asar.unpacked/').replace('app.asar\\', 'app.asar.unpacked\\');
    if (existsSync(file)) return file;
  }
  return join(here, 'worker-source.mjs');
}

export class ForensicCancelledError extends Error {}

export interface ForensicJob {
  done: Promise<ForensicResult>;
  cancel(): void;
}

export function startForensicJob(request: ForensicJobRequest, onProgress: (progress: number, message: string) => void, file = forensicWorkerFile()): ForensicJob {
  const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 1536 } });
  let cancelled = false;
  const done = new Promise<ForensicResult>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: { kind: 'progress'; progress: number; message: string } | { kind: 'done'; result: ForensicResult } | { kind: 'failed'; message: string; stack?: string }) => {
      if (message.kind === 'progress') onProgress(message.progress, message.message);
      else if (message.kind === 'done') finish(() => resolve(message.result));
      else finish(() => reject(Object.assign(new Error(message.message), { stack: message.stack })));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(cancelled ? new ForensicCancelledError('cancelled') : new Error(`la revisión terminó inesperadamente (código ${code})`))));
  });
  worker.postMessage({ request });
  // Cancelling ends the thread at once; its read-only connection goes with it.
  return {
    done,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
