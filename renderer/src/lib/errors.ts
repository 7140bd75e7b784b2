import type { AppErrorPayload } from '../../../contract';

/**
 * A failed call's messages by the field they belong to, for showing each
 * beside its input: `details.fields` (VALIDATION) or `details.field` (a
 * CONFLICT naming one), keyed by `key(path)`; anything else under `form`.
 * The first message of a field wins, as dispatch sends the first per field.
 */
export function errorsByField(error: AppErrorPayload, key: (path: string) => string = (path) => path): Record<string, string> {
  const errors: Record<string, string> = {};
  const fields = (error.details?.fields as { path: string; message: string }[] | undefined) ?? [];
  for (const f of fields) errors[key(f.path)] ??= f.message;
  if (fields.length === 0) {
    const field = typeof error.details?.field === 'string' ? key(error.details.field) : 'form';
    errors[field] = error.message;
  }
  return errors;
}

/**
 * The errors that still apply once the person has changed `fields`: those
 * fields' own messages go, and so does the form's (it was about the last try).
 */
export function errorsAfterEdit(errors: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== 'form' && !fields.includes(key)));
}
