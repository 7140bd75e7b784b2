/**
 * The closed list of error codes a call can fail with. The renderer switches on
 * these codes, never on message text; messages are Spanish and meant for people.
 */
export const ERROR_CODES = [
  /** The input did not match the method's schema; `details.fields` names each bad field. */
  'VALIDATION',
  /** The entity asked for does not exist. */
  'NOT_FOUND',
  /** The change collides with existing data (duplicate key, stale version). */
  'CONFLICT',
  /** The method name is not in the contract. */
  'UNKNOWN_METHOD',
  /** The caller may not run this method. */
  'FORBIDDEN',
  /** The caller is not logged in (or the bridge token is wrong), or the password is wrong. */
  'UNAUTHORIZED',
  /** The session was locked (idle time or by hand): unlock with the PIN or the password. */
  'SESSION_LOCKED',
  /** Too many failed attempts: the account refuses logins until `details.lockedUntil`. */
  'ACCOUNT_LOCKED',
  /** The database was written by a newer Góndola and cannot be opened. */
  'SCHEMA_TOO_NEW',
  /** Taking out more than is on hand, and the store does not allow it. */
  'INSUFFICIENT_STOCK',
  /** The same supplier invoice (CUIT + type + point of sale + number) was already received. */
  'DUPLICATE_INVOICE',
  /** The document is not in a state that allows this step (a closed count, a received order). */
  'INVALID_STATE',
  /** The database file cannot be read as a Góndola store (damaged or not SQLite). */
  'DATABASE_UNREADABLE',
  /** The store already has data where the operation needs an empty one. */
  'NOT_EMPTY',
  /**
   * A supplier document could not be read as an invoice: damaged, password-protected,
   * too big, timed out, cancelled, or not an invoice. `details.reason` says which.
   */
  'UNREADABLE_DOCUMENT',
  /**
   * The operation is unusual enough to ask the person first (an invoice dated
   * months ago); `details.confirm` names what to confirm. Sent again with the
   * method's confirmation flag, it goes through.
   */
  'NEEDS_CONFIRMATION',
  /**
   * A cashier asked for something an encargado or dueño must authorize with their
   * PIN (auth.authorize with `details.action`); sent again with the grant, it goes through.
   */
  'NEEDS_AUTHORIZATION',
  /**
   * The store could not write: the disk is full, or the data folder is read-only.
   * Nothing was changed; the same call works once space (or permission) is back.
   * `details.reason` is 'full' or 'read-only'.
   */
  'STORAGE_UNAVAILABLE',
  /** A bug: logged with its stack in main, sent without it. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One bad field of a VALIDATION error: a dotted path into the input and a Spanish message. */
export interface FieldError {
  path: string;
  message: string;
}

export interface AppErrorPayload {
  code: ErrorCode;
  /** Spanish, for people. */
  message: string;
  /** JSON-safe extra data; for VALIDATION `{ fields: FieldError[] }`. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorPayload };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
