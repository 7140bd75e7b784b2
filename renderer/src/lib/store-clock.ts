/**
 * The store's day, the one notion of "today" the renderer has. The core tells
 * the store's time zone in auth.status (Settings.timeZone); every "today", every
 * date shown and every date typed goes through here, so a PC whose clock or
 * browser is set to another zone (or UTC) still dates things on the store's day.
 */

let zone = 'America/Argentina/Buenos_Aires';
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Set from auth.status when the core answers; a bad zone name keeps the previous one. */
export function setStoreZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    zone = timeZone;
  } catch {
    // An unknown zone would throw on every date shown: keep the one that works.
  }
}

export function storeZone(): string {
  return zone;
}

function dayFormatter(): Intl.DateTimeFormat {
  let f = dayFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(zone, f);
  }
  return f;
}

/** The store's calendar day (YYYY-MM-DD) of an instant; en-CA formats as YYYY-MM-DD. */
export function storeDateOf(instant: string | number | Date): string {
  return dayFormatter().format(typeof instant === 'object' ? instant : new Date(instant));
}

/** Today's store date, YYYY-MM-DD. */
export function storeToday(now: number = Date.now()): string {
  return storeDateOf(now);
}

/** A store date (YYYY-MM-DD) moved by whole days (calendar arithmetic, no zone involved). */
export function addStoreDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A store date as people read it: "2026-11-22" → "22/11/2026" (locale/'s, beside the other date helpers). */
export { formatDay } from '../../../locale';

export type DateParse = { ok: true; value: string } | { ok: false; message: string };

/**
 * A typed date: "22/11/2026", "22/11/26", "22-11-2026", "22.11.2026", "22112026",
 * and "22/11" (this year). Day first, always: that is how Argentina writes dates.
 */
export function parseDayText(text: string, label = 'La fecha', today: string = storeToday()): DateParse {
  const t = text.trim();
  if (!t) return { ok: false, message: `Falta ${label.charAt(0).toLowerCase()}${label.slice(1)}` };
  let d: number, m: number, y: number;
  const parts = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(t);
  const packed = /^(\d{2})(\d{2})(\d{4}|\d{2})$/.exec(t);
  if (parts) {
    d = Number(parts[1]);
    m = Number(parts[2]);
    y = parts[3] === undefined ? Number(today.slice(0, 4)) : Number(parts[3]);
  } else if (packed) {
    d = Number(packed[1]);
    m = Number(packed[2]);
    y = Number(packed[3]);
  } else {
    return { ok: false, message: `${label} no es válida: escribila como dd/mm/aaaa` };
  }
  if (y < 100) y += 2000;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d || y < 1990 || y > 2100) {
    return { ok: false, message: `${label} no existe: revisá el día y el mes (dd/mm/aaaa)` };
  }
  return { ok: true, value: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
