import { describe, expect, it } from 'vitest';
import { readDate, readDateTime, readNumber, readText, resolveAmbiguous, toScaled, writeScaled, writeText } from './values';

const money = (raw: string, style: 'comma' | 'dot' | null = null) => {
  let cell = readNumber(raw);
  if (cell.kind === 'ambiguous') cell = resolveAmbiguous(cell, style) ?? { kind: 'error', reason: 'ambigua' };
  if (cell.kind === 'error') return cell.reason;
  const scaled = toScaled(cell, 2);
  return 'value' in scaled ? scaled.value : scaled.reason;
};

describe('interchange numbers', () => {
  it.each([
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567', 123456700],
    ['$ 1.234,5', 123450],
    ['-12,5', -1250],
    ['0', 0],
    ['12', 1200],
  ])('%s reads as %i centavos', (raw, value) => {
    expect(money(raw)).toBe(value);
  });

  it('settles 1.234 by the file: thousands in decimal-comma files, ambiguous otherwise', () => {
    expect(readNumber('1.234')).toMatchObject({ kind: 'ambiguous' });
    expect(money('1.234', 'comma')).toBe(123400);
    expect(money('1.234', 'dot')).toBe('ambigua');
    expect(money('1.234', null)).toBe('ambigua');
    expect(money('1,234', 'dot')).toBe(123400);
    expect(money('1,234', null)).toBe('ambigua');
    expect(readNumber('0,350')).toMatchObject({ kind: 'value', int: '0', frac: '350', style: 'comma' });
  });

  it('refuses what is not a number', () => {
    expect(money('abc')).toMatch(/no es un número/);
    expect(money('1.23.4')).toMatch(/no es un número válido/);
    expect(money('12,345.6.7')).toMatch(/no es un número válido/);
    expect(money('')).toBe('está vacío');
    expect(money('1,2345')).toBe('tiene más de dos decimales');
  });

  it('scales quantities to thousandths exactly', () => {
    const cell = readNumber('1,25');
    expect(cell.kind === 'value' && toScaled(cell, 3)).toEqual({ value: 1250 });
    expect(writeScaled(1250, 3)).toBe('1.25');
    expect(writeScaled(-3000, 3)).toBe('-3');
    expect(writeScaled(123456, 2)).toBe('1234.56');
    expect(writeScaled(5, 2)).toBe('0.05');
    expect(writeScaled(1234, 3)).toBe('1.2340');
    expect(writeScaled(1234567, 3)).toBe('1234.567');
    const padded = readNumber('1.2340');
    expect(padded.kind === 'value' && toScaled(padded, 3)).toEqual({ value: 1234 });
  });
});

describe('interchange dates and text', () => {
  it('reads both date notations and refuses impossible dates', () => {
    expect(readDate('2026-11-22')).toBe('2026-11-22');
    expect(readDate('22/11/2026')).toBe('2026-11-22');
    expect(readDate('1/2/2026')).toBe('2026-02-01');
    expect(readDate('31/02/2026')).toBeNull();
    expect(readDate('2026-13-01')).toBeNull();
  });

  it('reads date-times with and without offset (store zone)', () => {
    const tz = 'America/Argentina/Buenos_Aires';
    expect(readDateTime('2026-11-22T10:30', tz)).toBe('2026-11-22T13:30:00.000Z');
    expect(readDateTime('2026-11-22T10:30:15-03:00', tz)).toBe('2026-11-22T13:30:15.000Z');
    expect(readDateTime('22/11/2026 10:30', tz)).toBe('2026-11-22T13:30:00.000Z');
    expect(readDateTime('2026-11-22T13:30:15.250Z', tz)).toBe('2026-11-22T13:30:15.250Z');
    expect(readDateTime('2026-11-22 25:00', tz)).toBeNull();
    expect(readDateTime('ayer', tz)).toBeNull();
  });

  it('guards formula-looking text both ways', () => {
    expect(writeText('=SUMA(A1)')).toBe("'=SUMA(A1)");
    expect(writeText('-10% off')).toBe("'-10% off");
    expect(readText("'=SUMA(A1)")).toBe('=SUMA(A1)');
    expect(readText('Leche')).toBe('Leche');
  });
});
