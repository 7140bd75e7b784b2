/**
 * Worker threads that run one job each (a forecast retraining, a forensic
 * run): where the worker's file is, and the start/progress/done/cancel
 * protocol they share. A worker posts `{ kind: 'progress', progress, message }`
 * while it works, then `{ kind: 'done', result }` or `{ kind: 'failed',
 * message, stack }`. The thread is started for the job and ended with it:
 * these jobs are nightly or weekly, so a thread kept warm would only hold
 * memory. (The invoice reader keeps its thread: it reads on demand.)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The worker's file beside the code that starts it (`here`): the bundled
 * `<name>.mjs` or `<name>.cjs` in the built app — unpacked beside app.asar
 * when packaged, since workers cannot run from inside the archive — or, from
 * source, the module's worker-source.mjs, which runs worker.ts through tsx.
 */
export function workerFile(here: string, name: string): string {
  for (const bundled of [`${name}.mjs`, `${name}.cjs`]) {
    const file = join(here, bundled).replace(`app.asar${'/'}`, 'app.asar.unpacked/').replace('app.asar\\', 'app.asar.unpacked\\');
    if (existsSync(file)) return file;
  }
  return join(here, 'worker-source.mjs');
}

export class JobCancelledError extends Error {}

export interface WorkerJob<T> {
  done: Promise<T>;
  cancel(): void;
}

export interface WorkerJobOptions {
  maxOldGenerationSizeMb: number;
  /** What ends, in Spanish, for the message when the thread dies: "el entrenamiento", "la revisión". */
  what: string;
}

/** Starts `file` on `request` (sent by structured clone); cancel ends the thread at once — nothing it holds is worth waiting for. */
export function startWorkerJob<T>(file: string, request: unknown, onProgress: (progress: number, message: string) => void, options: WorkerJobOptions): WorkerJob<T> {
  const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb } });
  let cancelled = false;
  const done = new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: { kind: 'progress'; progress: number; message: string } | { kind: 'done'; result: T } | { kind: 'failed'; message: string; stack?: string }) => {
      if (message.kind === 'progress') onProgress(message.progress, message.message);
      else if (message.kind === 'done') finish(() => resolve(message.result));
      else finish(() => reject(Object.assign(new Error(message.message), { stack: message.stack })));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(cancelled ? new JobCancelledError('cancelled') : new Error(`${options.what} terminó inesperadamente (código ${code})`))));
  });
  worker.postMessage({ request });
  return {
    done,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}

/**
 * Calls `check` once after `firstMs` (the app has settled after starting)
 * and then every `everyMs`, on timers that never keep the process alive.
 * Returns the stop.
 */
export function startChecks(check: () => void, firstMs: number, everyMs: number): () => void {
  const first = setTimeout(check, firstMs);
  first.unref();
  const every = setInterval(check, everyMs);
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
