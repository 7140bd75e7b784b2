/**
 * The core, running in an Electron utility process (a plain Node process that
 * Electron starts and supervises). better-sqlite3 is synchronous, so keeping it
 * out of Electron's main process keeps the window responsive while the store
 * works. main/electron/main.ts relays calls and events between windows and here.
 *
 * This file does not import 'electron': `process.parentPort` is all it needs.
 */
import { join } from 'node:path';
import { createApp } from '../app';
import { AppError } from '../domain/errors';
import { fileLogger } from '../logger';
import { SessionRegistry } from '../session';
import type { CoreRequest, CoreMessage } from './core-protocol';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort: ParentPort }).parentPort;
const post = (message: CoreMessage) => parentPort.postMessage(message);

async function start(): Promise<void> {
  const dataDir = process.env.GONDOLA_DATA_DIR!;
  const logger = fileLogger(join(dataDir, 'logs', 'gondola.log'), { echoLevel: 'warn' });
  try {
    const app = await createApp({
      dataDir,
      resourcesDir: process.env.GONDOLA_RESOURCES_DIR!,
      logger,
      nativeBinding: process.env.GONDOLA_NATIVE_BINDING || undefined,
    });
    // The desktop store retrains its demand model weekly in the background.
    app.services.forecasts.startSchedule();
    // …and runs its forensic review nightly, catching up after the PC was off.
    app.services.forensics.startSchedule();
    const sessions = new SessionRegistry('ipc');
    app.events.onAny((name, payload) => post({ type: 'event', name, payload }));
    parentPort.on('message', ({ data }) => {
      const request = data as CoreRequest;
      if (request.type === 'shutdown') {
        app.close();
        process.exit(0);
      }
      if (request.type === 'endSession') {
        sessions.drop(request.sessionId);
        return;
      }
      if (request.type !== 'call') return;
      // One session per window, kept between calls: a login lasts until the window closes.
      void app.dispatch(request.method, request.input, sessions.get(request.sessionId)).then((result) => post({ type: 'result', id: request.id, result }));
    });
    post({ type: 'ready' });
  } catch (error) {
    logger.log('error', 'core failed to start', { error: String(error), stack: (error as Error).stack });
    post({
      type: 'fatal',
      message:
        error instanceof AppError
          ? error.message
          : 'Góndola no pudo abrir la base de datos. El detalle quedó en el registro (logs/gondola.log).',
    });
  }
}

void start();
