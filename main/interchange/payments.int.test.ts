import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, tempDir, type TestApp } from '../testing';
import { exportFolder, importFolder } from './index';

const apps: TestApp[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = () => {
  const d = tempDir('gondola-payments');
  dirs.push(d);
  return d;
};
const open = async () => {
  const app = await openTestApp();
  apps.push(app);
  return app;
};

describe('split payments in the interchange format', () => {
  it('exports a split ticket as method:amount pairs on its first line, and an import brings the parts back', async () => {
    const app = await open();
    await app.ok('settings.update', { allowNegativeStock: true });
    const yerba = (await app.ok('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 700_000 })).id;
    const fideos = (await app.ok('products.create', { sku: 'FID', name: 'Fideos', price: 150_000 })).id;
    const ticket = await app.ok('sales.close', {
      lines: [
        { productId: yerba, qty: 1_000 },
        { productId: fideos, qty: 2_000 },
      ],
      payments: [
        { method: 'efectivo', amount: 400_000 },
        { method: 'debito', amount: 600_000 },
      ],
    });
    await app.ok('sales.close', { payment: 'qr', lines: [{ productId: fideos, qty: 1_000 }] });
    const out = dir();
    await exportFolder(app, out);
    const sales = readFileSync(join(out, 'sales.csv'), 'utf8').trim().split(/\r?\n/);
    expect(sales[1]).toContain(',efectivo:4000|debito:6000,');
    expect(sales[2]!.split(',').at(-2)).toBe('');
    expect(sales[3]).toContain(',qr,');

    const copy = await open();
    const result = await importFolder(copy, out);
    expect(result.errors).toEqual([]);
    expect(await copy.ok('sales.get', { number: ticket.number })).toMatchObject({
      payment: 'debito',
      payments: [
        { method: 'efectivo', amount: 400_000 },
        { method: 'debito', amount: 600_000 },
      ],
    });
  });

  it('refuses a split that does not add up to its lines, on the ticket\'s first line, and applies nothing', async () => {
    const app = await open();
    const d = dir();
    writeFileSync(join(d, 'products.csv'), 'sku,name,price\r\nYER,Yerba 1 kg,7000\r\n');
    writeFileSync(
      join(d, 'sales.csv'),
      ['ticket,datetime,sku,qty,unit_price,payment', 'T1,2026-11-20 10:00,YER,1,7000,efectivo:2000|debito:4000', 'T1,2026-11-20 10:00,YER,1,7000,', 'T2,2026-11-20 11:00,YER,1,7000,tarjeta:7000'].join('\r\n'),
    );
    const result = await importFolder(app, d);
    expect(result.applied).toBe(false);
    expect(result.errors).toEqual([
      'sales.csv:4: payment: «tarjeta» (parte 1) no es un medio de pago (efectivo, debito, credito, qr, cuenta)',
      'sales.csv:2: payment: los pagos del ticket T1 suman $ 6.000,00 y sus líneas $ 14.000,00',
    ]);
    expect(app.core.sql.raw.prepare('select count(*) from sale_tickets').pluck().get()).toBe(0);
  });
});
