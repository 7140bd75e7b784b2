import { z } from 'zod';

/**
 * Field builders with Spanish messages that name the field the way the person
 * sees it on screen. Every string and number has bounds: the contract is the
 * first line of defence against hostile or broken input.
 */

/** A required, trimmed text field. `label` is Spanish with its article: "El nombre". */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} tiene que ser un texto` })
    .trim()
    .min(1, `${label} es obligatorio`)
    .max(max, `${label} admite hasta ${max} caracteres`)
    .refine((s) => !hasControlChars(s), `${label} tiene caracteres no permitidos`);
}

/** An optional text field: empty or missing becomes null. */
export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label} tiene que ser un texto` })
    .trim()
    .max(max, `${label} admite hasta ${max} caracteres`)
    .refine((s) => !hasControlChars(s), `${label} tiene caracteres no permitidos`)
    .nullish()
    .transform((s) => (s ? s : null));
}

/** Largest amount accepted anywhere: $ 10.000.000.000,00, far above any real price. */
export const MAX_CENTAVOS = 1_000_000_000_000;

/** Money as integer centavos, never negative. */
export function centavos(label: string) {
  return z
    .number({ error: `${label} tiene que ser un número` })
    .int(`${label} tiene que estar en centavos enteros`)
    .min(0, `${label} no puede ser negativo`)
    .max(MAX_CENTAVOS, `${label} es demasiado grande`);
}

/** An id made by the store (UUIDv7), or anything that looks like one from a client. */
export const entityId = z
  .string({ error: 'Falta el identificador' })
  .min(1, 'Falta el identificador')
  .max(64, 'El identificador es demasiado largo');

export function pageLimit(max: number, fallback: number) {
  return z
    .number({ error: 'La cantidad por página tiene que ser un número' })
    .int('La cantidad por página tiene que ser un número entero')
    .min(1, 'La cantidad por página tiene que ser al menos 1')
    .max(max, `La cantidad por página es como máximo ${max}`)
    .default(fallback);
}

export const pageOffset = z
  .number({ error: 'El desplazamiento tiene que ser un número' })
  .int('El desplazamiento tiene que ser un número entero')
  .min(0, 'El desplazamiento no puede ser negativo')
  .max(1_000_000_000, 'El desplazamiento es demasiado grande')
  .default(0);

/** ISO 8601 instant, as every timestamp crosses the contract. */
export const isoInstant = z.string().max(40);

// C0 controls except tab, plus DEL and C1 controls: never legitimate in names.
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function hasControlChars(s: string): boolean {
  return CONTROL_CHARS.test(s);
}

/** Largest quantity accepted: a billion units (in thousandths). */
export const MAX_QUANTITY = 1_000_000_000_000;

/** A quantity in integer thousandths of the product's unit (grams, millilitres, thousandths of a unit). */
export function quantity(label: string, options: { min?: number; allowNegative?: boolean } = {}) {
  const min = options.allowNegative ? -MAX_QUANTITY : (options.min ?? 0);
  return z
    .number({ error: `${label} tiene que ser un número` })
    .int(`${label} tiene que estar en milésimas enteras`)
    .min(min, min > 0 ? `${label} tiene que ser mayor que cero` : `${label} no puede ser negativa`)
    .max(MAX_QUANTITY, `${label} es demasiado grande`);
}

/** A whole number within bounds, with a Spanish message. */
export function wholeNumber(label: string, min: number, max: number) {
  return z
    .number({ error: `${label} tiene que ser un número` })
    .int(`${label} tiene que ser un número entero`)
    .min(min, `${label} tiene que ser al menos ${min}`)
    .max(max, `${label} es como máximo ${max}`);
}

/**
 * The years a store's dates may fall in. Nothing a minimarket records is from
 * before 2000 or after 2099; a year outside is a typo or a hostile call, and
 * left in the ledger it makes every day-by-day computation (forecasts, forensic
 * periods) span millennia.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;

/** Whether year, month and day name a day of the calendar (no 30 February). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Why a YYYY-MM-DD text is not a usable day, or null. */
function dayProblem(text: string, label: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return `${label} tiene que tener el formato AAAA-MM-DD`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDay(year, month, day)) return `${label} no es una fecha válida (${text} no existe)`;
  if (year < FIRST_YEAR || year > LAST_YEAR) return `${label} tiene que ser de entre ${FIRST_YEAR} y ${LAST_YEAR}`;
  return null;
}

/** A calendar day, YYYY-MM-DD, that exists and falls between FIRST_YEAR and LAST_YEAR. */
export function isoDate(label: string) {
  return z
    .string({ error: `${label} tiene que ser una fecha` })
    .max(10, `${label} tiene que tener el formato AAAA-MM-DD`)
    .superRefine((s, ctx) => {
      const problem = dayProblem(s, label);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** An instant with offset (ISO 8601) whose day exists and falls between FIRST_YEAR and LAST_YEAR. */
export function isoDateTime(label: string) {
  return z
    .string({ error: `${label} tiene que ser una fecha y hora` })
    .max(40)
    .superRefine((s, ctx) => {
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/.exec(s);
      const valid = m && Number(m[2]) <= 23 && Number(m[3]) <= 59 && Number(m[5] ?? 0) <= 59 && (m[8] === undefined || (Number(m[8]) <= 14 && Number(m[9]) <= 59));
      if (!valid || Number.isNaN(Date.parse(s))) {
        ctx.addIssue({ code: 'custom', message: `${label} no es una fecha y hora válida` });
        return;
      }
      const problem = dayProblem(m[1]!, label);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
