/**
 * Calendar arithmetic in the store's time zone, with Intl only (no I/O). The
 * store's day is what counts for "today's sales" and for dates in files that
 * carry no offset.
 */

// Building an Intl formatter costs far more than using one: keep one per zone.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
// Zone offsets change at most a few times a year; remember them per hour.
const offsetCache = new Map<string, number>();

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC at instant `ms`, in minutes (Buenos Aires: -180). */
export function zoneOffsetMinutes(ms: number, tz: string): number {
  const key = `${tz}|${Math.floor(ms / 3_600_000)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const offset = computeOffset(ms, tz);
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

function computeOffset(ms: number, tz: string): number {
  const parts = partsFormatter(tz).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** A wall-clock date and time in `tz` as an ISO UTC instant. */
export function zonedToIso(date: string, time: string, tz: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss] = (time || '00:00:00').split(':').map(Number) as [number, number, number?];
  const guess = Date.UTC(y, m - 1, d, hh, mm, ss ?? 0);
  let ms = guess - zoneOffsetMinutes(guess, tz) * 60000;
  // Near a DST change the offset at the result can differ from the guess's; one correction settles it.
  ms = guess - zoneOffsetMinutes(ms, tz) * 60000;
  return new Date(ms).toISOString();
}

/** The store's calendar day (YYYY-MM-DD) of an instant. */
export function localDate(iso: string | Date, tz: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  let f = dayFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(tz, f);
  }
  return f.format(date); // en-CA formats as YYYY-MM-DD
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start and end (exclusive) of a store day, as ISO instants. */
export function dayRange(date: string, tz: string): { from: string; to: string } {
  return { from: zonedToIso(date, '00:00:00', tz), to: zonedToIso(addDays(date, 1), '00:00:00', tz) };
}

/** An instant as local wall time with its offset, to the second: 2026-11-22T10:30:15-03:00. */
export function isoWithOffset(iso: string, tz: string): string {
  const ms = Date.parse(iso);
  const offset = zoneOffsetMinutes(ms, tz);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
