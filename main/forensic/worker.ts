/**
 * The forensic worker thread: one run per thread (thread.ts), reporting
 * progress, so the core's thread keeps answering sales during a run.
 */
import { parentPort } from 'node:worker_threads';
import { runForensicJob, type ForensicJobRequest } from './job';

parentPort!.once('message', (message: { request: ForensicJobRequest }) => {
  try {
    const result = runForensicJob(message.request, (progress, text) => parentPort!.postMessage({ kind: 'progress', progress, message: text }));
    parentPort!.postMessage({ kind: 'done', result });
  } catch (error) {
    parentPort!.postMessage({ kind: 'failed', message: (error as Error).message, stack: (error as Error).stack });
  }
});
