import { describe, expect, it } from 'vitest';
import { addDays, dayRange, isoWithOffset, localDate, zonedToIso } from './time';

const BA = 'America/Argentina/Buenos_Aires';

describe('store time', () => {
  it('converts Buenos Aires wall time to UTC (UTC-3, no DST)', () => {
    expect(zonedToIso('2026-11-22', '00:00:00', BA)).toBe('2026-11-22T03:00:00.000Z');
    expect(zonedToIso('2026-07-01', '21:30:00', BA)).toBe('2026-07-02T00:30:00.000Z');
  });
  it('tells the store day of an instant', () => {
    expect(localDate('2026-11-22T02:59:00Z', BA)).toBe('2026-11-21');
    expect(localDate('2026-11-22T03:00:00Z', BA)).toBe('2026-11-22');
  });
  it('writes instants as local time with offset', () => {
    expect(isoWithOffset('2026-11-22T13:30:15.250Z', BA)).toBe('2026-11-22T10:30:15-03:00');
    expect(isoWithOffset('2026-11-22T13:30:15Z', 'UTC')).toBe('2026-11-22T13:30:15+00:00');
  });
  it('does day arithmetic and ranges', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(dayRange('2026-11-22', BA)).toEqual({ from: '2026-11-22T03:00:00.000Z', to: '2026-11-23T03:00:00.000Z' });
  });
});
