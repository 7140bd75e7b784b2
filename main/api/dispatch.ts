import type { z } from 'zod';
import { isMethodName, methods, type AppErrorPayload, type FieldError, type Result } from '../../contract';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import type { Session } from '../session';
import type { Handler, Handlers } from './handlers';

export type Dispatch = (method: string, input: unknown, session: Session) => Promise<Result<unknown>>;

/**
 * The single entry to the core for every transport: validates the input against
 * the contract, runs the handler and turns every outcome into a Result. Nothing
 * thrown escapes; an unexpected error is logged with its stack and sent as
 * INTERNAL without it.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (method, input, session) => {
    if (!isMethodName(method)) {
      return failure({
        code: 'UNKNOWN_METHOD',
        message: `La operación «${String(method).slice(0, 80)}» no existe`,
      });
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
      const data = await handler(parsed.data as never, { session });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) return failure(error.toPayload());
      logger.log('error', 'unexpected error in handler', {
        method,
        session: session.id,
        error: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
      return failure({ code: 'INTERNAL', message: 'Ocurrió un error inesperado. Quedó registrado para soporte; probá de nuevo.' });
    }
  };
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
