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

/**
 * Refusals (a request without the token, a call a role may not make) counted
 * instead of logged one by one: the first of each kind is logged at once, the
 * rest as one summary line a minute. Anything on the PC can send thousands of
 * requests a second; the log must not grow with them (107 MB in ten seconds
 * was measured when each was a line).
 */
export class RefusalLog {
  private readonly counts = new Map<string, number>();
  private readonly seen = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = 60_000,
  ) {}

  refused(kind: string, fields: Record<string, unknown>): void {
    if (!this.seen.has(kind)) {
      this.seen.add(kind);
      this.logger.log('warn', `refused: ${kind}`, fields);
      return;
    }
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    this.timer.unref?.();
  }

  /** Logs what was counted since the last summary, if anything. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.counts.size === 0) return;
    this.logger.log('warn', 'refused requests (summary)', { counts: Object.fromEntries(this.counts), windowSeconds: this.windowMs / 1000 });
    this.counts.clear();
  }
}
