/**
 * The core's handle on the invoice reader's worker thread (worker.ts): one
 * read at a time per call, an overall timeout, cancel, and a thread that is
 * restarted after it dies or times out. The built app runs the bundled
 * worker beside its own bundle; from source (tests, tsx) it runs worker.ts
 * through tsx.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../domain/errors';
import { workerFile } from '../jobs';
import type { ReadResult } from './read';
import type { ReadRequest } from './worker';

export interface WorkerEntry {
  file: string;
}

declare const __dirname: string | undefined;

export function defaultWorkerEntry(): WorkerEntry {
  return { file: workerFile(typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url)), 'invoice-worker') };
}

interface Pending {
  resolve: (result: ReadResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class InvoiceReaderThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly entry: WorkerEntry = defaultWorkerEntry(),
    private readonly timeoutMs = 180_000,
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry.file, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.on('message', (message: { id: number; ok: boolean; result?: ReadResult; error?: { code: string; message: string; details?: Record<string, unknown> } }) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.ok) {
        const result = message.result!;
        // Buffers arrive as Uint8Arrays.
        result.previews = result.previews.map((p) => ({ ...p, png: Buffer.from(p.png) }));
        pending.resolve(result);
      } else {
        const error = message.error!;
        pending.reject(error.code === 'INTERNAL' ? Object.assign(new Error(error.message), { details: error.details }) : new AppError(error.code as never, error.message, error.details));
      }
    });
    const fail = (error: Error) => {
      this.worker = null;
      for (const [id, pending] of this.pending) {
        clearTimeout(pending.timer);
        pending.reject(error);
        this.pending.delete(id);
      }
    };
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`el lector de facturas terminó (código ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  read(bytes: Uint8Array, options: ReadRequest['options'], signal?: AbortSignal): Promise<ReadResult> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<ReadResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A read that will not finish: the thread is replaced, taking its memory with it.
        this.pending.delete(id);
        reject(new AppError('UNREADABLE_DOCUMENT', 'La lectura de la factura tardó demasiado y se canceló.', { reason: 'timeout' }));
        void this.restart();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      signal?.addEventListener('abort', () => worker.postMessage({ cancel: id }), { once: true });
      const copy = new Uint8Array(bytes);
      worker.postMessage({ id, bytes: copy, options } satisfies ReadRequest, [copy.buffer as ArrayBuffer]);
    });
  }

  private async restart(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  async close(): Promise<void> {
    await this.restart();
  }
}
