import { describe, expect, it } from 'vitest';
import { looksLikeName } from './parse-header';

describe('the supplier name at the top of an invoice', () => {
  it('is never a field label', () => {
    for (const label of ['NUMERO:', 'Número: 0001-00001234', 'Fecha:', 'FECHA DE EMISIÓN', 'CUIT: 30-71234567-1', 'Punto de Venta: 00002', 'Nro. 0001', 'ORIGINAL', 'Factura', 'Razón Social:', 'Ingresos Brutos: 901-123', 'Domicilio Comercial: Av. Siempre Viva 742', 'Cód. 01', 'Señores:']) {
      expect(looksLikeName(label), label).toBe(false);
    }
  });
  it('takes a business name', () => {
    for (const name of ['Distribuidora Norte SA', 'LA SERENÍSIMA MASTELLONE HNOS S.A.', 'Molinos Río de la Plata', 'Yerbatera Misionera SRL', 'Don Nicola Fiambres']) {
      expect(looksLikeName(name), name).toBe(true);
    }
  });
});
