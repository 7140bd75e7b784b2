/**
 * The invoice reader's worker thread: PDF parsing and rendering, barcode
 * decoding and OCR all run here, so the core's thread keeps answering calls
 * while a document is read. One OCR pool lives as long as the thread.
 * Messages: { id, bytes, options } → { id, ok, result | error }; { cancel: id }.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../domain/errors';
import { OcrPool } from './ocr';
import { readInvoice } from './read';

export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  options: { ownCuit: string | null; previews: boolean; timeoutMsPerPage?: number };
}

const pool = new OcrPool();
const running = new Map<number, AbortController>();

parentPort!.on('message', (message: ReadRequest | { cancel: number }) => {
  if ('cancel' in message) {
    running.get(message.cancel)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  readInvoice(message.bytes, { ocr: pool, ...message.options, signal: controller.signal })
    .then((result) => {
      const buffers = result.previews.map((p) => p.png.buffer as ArrayBuffer);
      parentPort!.postMessage({ id: message.id, ok: true, result }, buffers.filter((b, i) => buffers.indexOf(b) === i));
    })
    .catch((error: unknown) => {
      const payload =
        error instanceof AppError
          ? { code: error.code, message: error.message, details: error.details }
          : { code: 'INTERNAL', message: String((error as Error)?.message ?? error), details: { stack: (error as Error)?.stack } };
      parentPort!.postMessage({ id: message.id, ok: false, error: payload });
    })
    .finally(() => running.delete(message.id));
});
