/**
 * The core's handle on a retraining: a worker thread started for the job and
 * ended with it (retraining is weekly, so a thread kept warm would only hold
 * memory). The built app runs the bundled forecast-worker beside its own
 * bundle; from source it runs worker.ts through tsx.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainingOutcome, TrainingRequest } from './training';

declare const __dirname: string | undefined;

export function forecastWorkerFile(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const name of ['forecast-worker.mjs', 'forecast-worker.cjs']) {
    // Packaged: workers cannot run from inside app.asar; electron-builder unpacks them beside it.
    const file = join(here, name).replace(`app.asar${'/'}`, 'app.asar.unpacked/').replace('app.asar\\', 'app.asar.unpacked\\');
    if (existsSync(file)) return file;
  }
  return join(here, 'worker-source.mjs');
}

export class TrainingCancelledError extends Error {}

export interface TrainingJob {
  done: Promise<TrainingOutcome>;
  cancel(): void;
}

export function startTraining(request: TrainingRequest, onProgress: (progress: number, message: string) => void, file = forecastWorkerFile()): TrainingJob {
  const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 3072 } });
  let cancelled = false;
  const done = new Promise<TrainingOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: { kind: 'progress'; progress: number; message: string } | { kind: 'done'; outcome: TrainingOutcome } | { kind: 'failed'; message: string; stack?: string }) => {
      if (message.kind === 'progress') onProgress(message.progress, message.message);
      else if (message.kind === 'done') finish(() => resolve(message.outcome));
      else finish(() => reject(Object.assign(new Error(message.message), { stack: message.stack })));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(cancelled ? new TrainingCancelledError('cancelled') : new Error(`el entrenamiento terminó inesperadamente (código ${code})`))));
  });
  // Arrays travel by structured clone (the panel is copied once, not shared).
  worker.postMessage({ request });
  // Cancelling ends the thread at once: nothing it holds is worth waiting for.
  return {
    done,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
