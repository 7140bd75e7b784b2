/**
 * The core's handle on a forensic run: job.ts in a worker thread (worker.ts)
 * started for the run and ended with it (see jobs/); cancelling ends the
 * thread and its read-only connection with it.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorkerJob, workerFile, type WorkerJob } from '../jobs';
import type { ForensicResult } from './index';
import type { ForensicJobRequest } from './job';

declare const __dirname: string | undefined;

export function forensicWorkerFile(): string {
  return workerFile(typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url)), 'forensic-worker');
}

export type ForensicJob = WorkerJob<ForensicResult>;

export function startForensicJob(request: ForensicJobRequest, onProgress: (progress: number, message: string) => void, file = forensicWorkerFile()): ForensicJob {
  return startWorkerJob<ForensicResult>(file, request, onProgress, { maxOldGenerationSizeMb: 1536, what: 'la revisión' });
}
