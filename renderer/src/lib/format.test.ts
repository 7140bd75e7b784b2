import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatQuantity, moneyToInput, parseMoneyInput } from './format';

describe('es-AR formatting', () => {
  it('formats money from centavos', () => {
    expect(formatMoney(123456)).toBe('$ 1.234,56');
    expect(formatMoney(99000)).toBe('$ 990,00');
    expect(formatMoney(5)).toBe('$ 0,05');
    expect(formatMoney(123456789012)).toBe('$ 1.234.567.890,12');
    expect(formatMoney(-150)).toBe('-$ 1,50');
    expect(moneyToInput(123405)).toBe('1234,05');
  });

  it('formats dates as dd/mm/aaaa in Argentina', () => {
    expect(formatDate('2026-11-22T12:00:00Z')).toBe('22/11/2026');
    // 01:30 UTC is still the 21st in Buenos Aires (UTC-3).
    expect(formatDate('2026-11-22T01:30:00Z')).toBe('21/11/2026');
    expect(formatDateTime('2026-11-22T17:05:00Z')).toBe('22/11/2026 14:05');
  });

  it('formats quantities in thousandths', () => {
    expect(formatQuantity(1250, 'kg')).toBe('1,250 kg');
    expect(formatQuantity(3000, 'un')).toBe('3 un');
    expect(formatQuantity(1234500, 'l')).toBe('1.234,500 l');
  });
});

describe('parsing typed prices', () => {
  it.each([
    ['1234,5', 123450],
    ['1.234,50', 123450],
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['$ 1.234', 123400],
    ['1.234.567', 123456700],
    ['990', 99000],
    ['0,99', 99],
    [' 12 ', 1200],
  ])('%s is %i centavos', (text, centavos) => {
    expect(parseMoneyInput(text)).toEqual({ ok: true, value: centavos });
  });

  it.each([
    ['', 'El precio es obligatorio'],
    ['abc', 'El precio no es un número válido: escribilo como 1234,50'],
    ['-5', 'El precio no puede ser negativo'],
    ['12,345', 'El precio admite hasta dos decimales (centavos)'],
    ['1.23.4', 'El precio no es un número válido: escribilo como 1234,50'],
    ['1,2,3.4', 'El precio no es un número válido: escribilo como 1234,50'],
  ])('refuses %j with a Spanish message', (text, message) => {
    expect(parseMoneyInput(text)).toEqual({ ok: false, message });
  });
});
