import { validationError } from '../domain/errors';
import type { Core } from '../write';

/** Clock skew between a till and the back office that is still "now". */
const SKEW_MS = 5 * 60_000;
/** How far before the store's first movement a correction may go. */
const BEFORE_FIRST_MS = 366 * 86_400_000;

/**
 * The range a date given in a call (an owner's correction of when a sale
 * happened, an adjustment dated earlier) may take: not after now, and not
 * before a year before the store's first movement (or a year before today in
 * an empty store). Imports and the demo post history through their own paths.
 */
export function checkPlausibleInstant(core: Core, iso: string, field: string, label: string): string {
  const at = new Date(iso);
  const now = core.clock.now().getTime();
  if (at.getTime() > now + SKEW_MS) throw validationError([{ path: field, message: `${label} no puede ser posterior a ahora` }]);
  const first = core.sql.raw.prepare('select min(occurred_at) from stock_movements').pluck().get() as string | null;
  const floor = Math.min(first ? Date.parse(first) : now, now) - BEFORE_FIRST_MS;
  if (at.getTime() < floor) {
    throw validationError([{ path: field, message: `${label} es de antes de que la tienda empezara a registrar (${new Date(floor).toISOString().slice(0, 10)}): revisá el año` }]);
  }
  return at.toISOString();
}
