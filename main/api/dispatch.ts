import type { z } from 'zod';
import { isMethodName, methods, withoutCosts, type AppErrorPayload, type FieldError, type Result } from '../../contract';
import { AppError } from '../domain/errors';
import { RefusalLog, type Logger } from '../logger';
import type { SessionService } from '../services/sessions';
import { runInScope } from '../write';
import type { Session } from '../session';
import type { Handler, Handlers } from './handlers';

export type Dispatch = (method: string, input: unknown, session: Session) => Promise<Result<unknown>>;

/**
 * The single entry to the core for every transport: checks the session against
 * the permission matrix (before looking at the input, so a caller without the
 * right learns nothing from validation), validates the input against the
 * contract, runs the handler in an audit scope naming the user and method, takes
 * costs out of what a role without them receives, and turns every outcome into
 * a Result. Nothing thrown escapes; an unexpected error is logged with its stack
 * and sent as INTERNAL without it.
 */
export function createDispatch(handlers: Handlers, auth: Pick<SessionService, 'authorize' | 'hidesCosts'>, logger: Logger): Dispatch {
  // A script calling what its role may not, in a loop, must not fill the disk: counted, summarized.
  const refusals = new RefusalLog(logger);
  return async (method, input, session) => {
    if (!isMethodName(method)) {
      return failure({
        code: 'UNKNOWN_METHOD',
        message: `La operación «${String(method).slice(0, 80)}» no existe`,
      });
    }
    try {
      auth.authorize(method, session);
    } catch (error) {
      if (error instanceof AppError) {
        if (error.code === 'FORBIDDEN') refusals.refused(`forbidden call ${method}`, { method, session: session.id, user: session.user?.name });
        return failure(error.toPayload());
      }
      return unexpected(logger, method, session, error);
    }
    const spec = methods[method];
    const parsed = spec.input.safeParse(input === undefined || input === null ? {} : input);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      return failure({
        code: 'VALIDATION',
        message: fields.length === 1 ? fields[0]!.message : `Revisá ${fields.length} datos: ${fields.map((f) => f.message).join('; ')}`,
        details: { fields },
      });
    }
    try {
      const handler = handlers[method] as Handler<typeof method>;
      const data = await runInScope({ user: session.user?.name ?? null, method }, () => handler(parsed.data as never, { session }));
      return { ok: true, data: auth.hidesCosts(session) ? withoutCosts(method, data) : data };
    } catch (error) {
      if (error instanceof AppError) return failure(error.toPayload());
      return unexpected(logger, method, session, error);
    }
  };
}

/**
 * SQLite's own codes for a disk that cannot take the write: the store is fine,
 * the machine is not. Said as such, never as a bug; the transaction rolled back
 * and the next call works once space or permission is back.
 */
const STORAGE_ERRORS: Record<string, { reason: 'full' | 'read-only'; message: string }> = {
  SQLITE_FULL: { reason: 'full', message: 'El disco está lleno: liberá espacio en la computadora (borrá archivos que no uses o vaciá la papelera) y volvé a intentar. No se guardó nada de esta operación.' },
  SQLITE_IOERR_WRITE: { reason: 'full', message: 'No se pudo escribir en el disco (¿está lleno?): liberá espacio y volvé a intentar. No se guardó nada de esta operación.' },
  SQLITE_READONLY: { reason: 'read-only', message: 'La carpeta de datos es de solo lectura: Góndola no puede guardar. Revisá los permisos de la carpeta (o que el disco no esté protegido contra escritura).' },
  SQLITE_READONLY_DIRECTORY: { reason: 'read-only', message: 'La carpeta de datos es de solo lectura: Góndola no puede guardar. Revisá los permisos de la carpeta.' },
  SQLITE_CANTOPEN: { reason: 'read-only', message: 'No se puede abrir la base de datos para escribir: revisá los permisos de la carpeta de datos.' },
};

/** The storage failure a thrown error stands for, if any (better-sqlite3 puts SQLite's code on `code`). */
export function storageFailure(error: unknown): { reason: 'full' | 'read-only'; message: string } | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (STORAGE_ERRORS[code] ?? null) : null;
}

function unexpected(logger: Logger, method: string, session: Session, error: unknown): Result<never> {
  const storage = storageFailure(error);
  if (storage) {
    logger.log('error', 'storage unavailable', { method, reason: storage.reason, code: (error as { code?: string }).code, error: String(error) });
    return failure({ code: 'STORAGE_UNAVAILABLE', message: storage.message, details: { reason: storage.reason } });
  }
  logger.log('error', 'unexpected error in handler', {
    method,
    session: session.id,
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return failure({ code: 'INTERNAL', message: 'Ocurrió un error inesperado. Quedó registrado para soporte; probá de nuevo.' });
}

function failure(error: AppErrorPayload): Result<never> {
  return { ok: false, error };
}

/**
 * Zod issues as Spanish field errors with dotted paths ("changes.price", "barcodes.1"):
 * the first problem of each field only, since that is what the screen shows beside it.
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const byPath = new Map<string, string>();
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!byPath.has(path)) byPath.set(path, issue.message);
    if (byPath.size >= 50) break;
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}
