/**
 * Calendar facts the demand model uses, on day numbers (days since 1970-01-01,
 * UTC) so feature building never parses dates in its inner loops.
 */

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms)) throw new Error(`not a date: ${date}`);
  return Math.round(ms / DAY_MS);
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export interface DayFacts {
  weekday: number;
  dayOfMonth: number;
  month: number;
  /** First five days of the month: wages and pensions are paid. */
  payday: 0 | 1;
  holiday: 0 | 1;
  /** Inside a run of three or more days off (weekend + holiday). */
  longWeekend: 0 | 1;
  /** The working day before a holiday or long weekend (people stock up). */
  dayBeforeHoliday: 0 | 1;
  /** June and December, when the aguinaldo (half a month's extra wage) is paid. */
  aguinaldo: 0 | 1;
  /** Southern-hemisphere season: 0 summer, 1 autumn, 2 winter, 3 spring. */
  season: number;
}

export class Calendar {
  private readonly holidays: Set<number>;
  private readonly cache = new Map<number, DayFacts>();

  constructor(holidayDates: Iterable<string>) {
    this.holidays = new Set([...holidayDates].map(dayNumber));
  }

  isHoliday(day: number): boolean {
    return this.holidays.has(day);
  }

  private offDay(day: number): boolean {
    const w = weekday(day);
    return w === 0 || w === 6 || this.holidays.has(day);
  }

  facts(day: number): DayFacts {
    const hit = this.cache.get(day);
    if (hit) return hit;
    const date = new Date(day * DAY_MS);
    const month = date.getUTCMonth() + 1;
    const dayOfMonth = date.getUTCDate();
    let longWeekend: 0 | 1 = 0;
    if (this.offDay(day)) {
      let start = day;
      while (this.offDay(start - 1)) start--;
      let end = day;
      while (this.offDay(end + 1)) end++;
      if (end - start >= 2) {
        for (let d = start; d <= end; d++) if (this.holidays.has(d)) longWeekend = 1;
      }
    }
    const dayBeforeHoliday: 0 | 1 = !this.offDay(day) && this.holidays.has(day + 1) ? 1 : !this.offDay(day) && this.offDay(day + 1) && this.facts(day + 1).longWeekend ? 1 : 0;
    const facts: DayFacts = {
      weekday: weekday(day),
      dayOfMonth,
      month,
      payday: dayOfMonth <= 5 ? 1 : 0,
      holiday: this.holidays.has(day) ? 1 : 0,
      longWeekend,
      dayBeforeHoliday,
      aguinaldo: month === 6 || month === 12 ? 1 : 0,
      season: month === 12 || month <= 2 ? 0 : month <= 5 ? 1 : month <= 8 ? 2 : 3,
    };
    this.cache.set(day, facts);
    return facts;
  }
}
