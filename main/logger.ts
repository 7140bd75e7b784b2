import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logger: a message for people plus fields for grep. Never throws. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** JSON lines appended to a file (the support log), optionally echoing warnings to stderr. */
export function fileLogger(path: string, options: { echoLevel?: LogLevel | 'none' } = {}): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const echo = options.echoLevel ?? 'warn';
  let ready = false;
  return {
    log(level, message, fields) {
      const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
      try {
        if (!ready) {
          mkdirSync(dirname(path), { recursive: true });
          ready = true;
        }
        appendFileSync(path, `${line}\n`);
      } catch {
        // A full disk must not take the store down with it; stderr still gets errors.
      }
      if (echo !== 'none' && order[level] >= order[echo]) process.stderr.write(`${line}\n`);
    },
  };
}

/** Keeps entries in memory; for tests that assert what was logged. */
export function memoryLogger(): Logger & { entries: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] } {
  const entries: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    entries,
    log(level, message, fields) {
      entries.push(fields === undefined ? { level, message } : { level, message, fields });
    },
  };
}
