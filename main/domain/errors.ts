import type { AppErrorPayload, ErrorCode, FieldError } from '../../contract';

/**
 * The only error a service throws on purpose. Dispatch turns it into
 * `{ ok: false, error }`; anything else that escapes is a bug and becomes INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, messageEs: string, details?: Record<string, unknown>) {
    super(messageEs);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): AppErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** A VALIDATION error naming the bad fields, for rules beyond the schema (check digits, …). */
export function validationError(fields: FieldError[]): AppError {
  const message =
    fields.length === 1 ? fields[0]!.message : `Hay ${fields.length} datos para corregir: ${fields.map((f) => f.message).join('; ')}`;
  return new AppError('VALIDATION', message, { fields });
}

/**
 * A cell of an imported file that cannot be taken: the column and why, in
 * Spanish. The importer reports it with the file and line; the bulk sales path
 * throws it too, so it lives below both.
 */
export class RowError extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(`${column}: ${reason}`);
  }
}
