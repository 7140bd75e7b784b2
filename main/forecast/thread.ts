/**
 * The core's handle on a retraining: training.ts in a worker thread (worker.ts)
 * started for the job and ended with it (see jobs/). The panel travels by
 * structured clone (copied once, not shared).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorkerJob, workerFile, type WorkerJob } from '../jobs';
import type { TrainingOutcome, TrainingRequest } from './training';

declare const __dirname: string | undefined;

export function forecastWorkerFile(): string {
  return workerFile(typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url)), 'forecast-worker');
}

export type TrainingJob = WorkerJob<TrainingOutcome>;

export function startTraining(request: TrainingRequest, onProgress: (progress: number, message: string) => void, file = forecastWorkerFile()): TrainingJob {
  return startWorkerJob<TrainingOutcome>(file, request, onProgress, { maxOldGenerationSizeMb: 3072, what: 'el entrenamiento' });
}
