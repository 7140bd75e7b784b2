/**
 * Calendar arithmetic in the store's time zone, with Intl only (no I/O). The
 * store's day is what counts for "today's sales" and for dates in files that
 * carry no offset.
 */

/** Offset of `tz` from UTC at instant `ms`, in minutes (Buenos Aires: -180). */
export function zoneOffsetMinutes(ms: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
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
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  return parts; // en-CA formats as YYYY-MM-DD
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start and end (exclusive) of a store day, as ISO instants. */
export function dayRange(date: string, tz: string): { from: string; to: string } {
  return { from: zonedToIso(date, '00:00:00', tz), to: zonedToIso(addDays(date, 1), '00:00:00', tz) };
}
