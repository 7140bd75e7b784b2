/**
 * The forecast worker thread: runs one retraining (training.ts) per message,
 * reporting progress, off the core's thread so the UI never waits on it.
 */
import { parentPort } from 'node:worker_threads';
import { runTraining, type TrainingRequest } from './training';

// The protocol is jobs/'s; cancelling terminates the thread, so nothing here needs to stop early.
parentPort!.on('message', (message: { request: TrainingRequest }) => {
  runTraining(
    message.request,
    (progress, text) => parentPort!.postMessage({ kind: 'progress', progress, message: text }),
  ).then(
    (result) => parentPort!.postMessage({ kind: 'done', result }, [result.onnx.buffer as ArrayBuffer]),
    (error: Error) => parentPort!.postMessage({ kind: 'failed', message: error.message, stack: error.stack }),
  );
});
