/**
 * The arithmetic of an invoice, checked: each line's quantity × price ×
 * (1 − discount) against its amount; the lines against the net; net + IVA +
 * other taxes against the total; the QR's total against the printed one.
 * Every mismatch becomes a Spanish message for the person reviewing. Pure.
 */
import { formatMoney as money } from '../../locale';
import type { AfipQr, Check, InvoiceHeader, InvoiceLine } from './types';

/** What a line should amount to: quantity × unit price × (1 − discount), in centavos. */
export function expectedAmount(line: { qty: number; unitPrice: number; discount: number | null }): number {
  return Math.round(((line.qty / 1000) * line.unitPrice * (100 - (line.discount ?? 0))) / 100);
}
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

export function checkInvoice(header: InvoiceHeader, lines: InvoiceLine[], qr: AfipQr | null): Check[] {
  const checks: Check[] = [];
  lines.forEach((line, i) => {
    if (line.unitPrice === null || line.amount === null) return;
    const expected = expectedAmount({ ...line, unitPrice: line.unitPrice });
    // Printed unit prices are rounded: allow a cent per unit of quantity, at least two.
    const tolerance = Math.max(2, Math.ceil(line.qty / 1000));
    const ok = Math.abs(expected - line.amount) <= tolerance;
    checks.push({
      id: 'line-amount',
      line: i + 1,
      ok,
      expected,
      found: line.amount,
      message: ok
        ? `Línea ${i + 1}: cantidad × precio = importe`
        : `Línea ${i + 1}: ${(line.qty / 1000).toLocaleString('es-AR')} × ${money(line.unitPrice)} da ${money(expected)}, pero el importe dice ${money(line.amount)}`,
    });
  });
  const net = sum(header.net);
  const linesTotal = lines.reduce((total, line) => total + (line.amount ?? 0), 0);
  if (lines.length > 0 && Object.keys(header.net).length > 0) {
    const ok = Math.abs(linesTotal - net) <= Math.max(2, lines.length);
    checks.push({ id: 'lines-net', ok, expected: net, found: linesTotal, message: ok ? 'Las líneas suman el neto' : `Las líneas suman ${money(linesTotal)} y el neto dice ${money(net)}` });
  }
  if (header.total !== null && Object.keys(header.net).length > 0) {
    const computed = net + sum(header.iva) + (header.perceptions ?? 0) + (header.internalTaxes ?? 0);
    const ok = Math.abs(computed - header.total) <= 2;
    checks.push({
      id: 'net-taxes-total',
      ok,
      expected: header.total,
      found: computed,
      message: ok ? 'Neto + impuestos = total' : `Neto + IVA + otros impuestos da ${money(computed)}, pero el total dice ${money(header.total)}`,
    });
  }
  if (qr?.total != null && header.total !== null) {
    const ok = Math.abs(qr.total - header.total) <= 1;
    checks.push({ id: 'qr-total', ok, expected: qr.total, found: header.total, message: ok ? 'El total del QR coincide con el impreso' : `El QR dice ${money(qr.total)} y el total impreso ${money(header.total)}` });
  }
  if (qr) {
    for (const field of qr.invalid) checks.push({ id: 'qr-field', ok: false, message: `El QR trae un ${field} inválido: se usa lo impreso` });
  }
  return checks;
}
