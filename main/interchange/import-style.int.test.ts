import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, tempDir, type TestApp } from '../testing';
import { importFolder } from './index';

let app: TestApp | undefined;
const dirs: string[] = [];
afterEach(() => {
  app?.dispose();
  app = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder of files as a real old system writes them: each file given as lines. */
function folder(files: Record<string, string[]>): string {
  const d = tempDir('gondola-style');
  dirs.push(d);
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(d, name), `${lines.join('\r\n')}\r\n`, 'utf8');
  return d;
}

const onHand = (sku: string) => app!.core.sql.raw.prepare('select on_hand from products where sku = ?').pluck().get(sku);

const products = [
  'sku,name,unit,price',
  'QUESO,Queso cremoso por kilo,kg,12000',
  'LECHE,Leche entera 1 l,un,1500',
];

describe('the number style belongs to the whole import', () => {
  it('reads a count file of only ambiguous numbers with the style the sales file shows, and a kg quantity with three decimals as a decimal', async () => {
    const d = folder({
      'products.csv': products,
      'sales.csv': ['ticket,datetime,sku,qty,unit_price', '"T1",2026-11-20 10:00,LECHE,"2","3780,00"'],
      // Neither number says its style on its own: 16,066 kg of cheese and 1,000 milk (one, in a comma file).
      'counts.csv': ['datetime,sku,counted', '2026-11-21 20:00,QUESO,"16,066"', '2026-11-21 20:00,LECHE,"1,000"'],
    });
    app = await openTestApp();
    const result = await importFolder(app, d);
    expect(result.errors).toEqual([]);
    expect(result.applied).toBe(true);
    expect(onHand('QUESO')).toBe(16_066);
    expect(onHand('LECHE')).toBe(1_000);
  });

  it('takes decimal commas from a semicolon-separated folder even when no number says it', async () => {
    const d = folder({
      'products.csv': ['sku;name;unit;price', 'ARROZ;Arroz 1 kg;un;2500'],
      'counts.csv': ['datetime;sku;counted', '2026-11-21 20:00;ARROZ;1,500'],
    });
    app = await openTestApp();
    // 1,500 arroz packets in a Spanish-locale export is one and a half, not fifteen hundred.
    const result = await importFolder(app, d, { skipBadRows: true });
    expect(result.errors).toEqual([]);
    expect(onHand('ARROZ')).toBe(1_500);
  });

  it('refuses what stays ambiguous naming how to say it, and takes the style the person states', async () => {
    const files = {
      'products.csv': ['sku,name,unit,price', 'ARROZ,Arroz 1 kg,un,2500'],
      'counts.csv': ['datetime,sku,counted', '2026-11-21 20:00,ARROZ,"1,500"', '2026-11-22 20:00,ARROZ,"1.250"'],
    };
    app = await openTestApp();
    const refused = await importFolder(app, folder(files));
    expect(refused.applied).toBe(false);
    expect(refused.errors[0]).toBe(
      'counts.csv:2: counted: «1,500» es ambiguo: puede ser 1500 o 1 con 500 de decimales. Indicá cómo escribe los decimales esta importación (--decimales coma o --decimales punto; en la pantalla Importar, «Decimales»)',
    );
    expect(onHand('ARROZ')).toBeUndefined();

    const comma = await importFolder(app, folder(files), { decimals: 'comma' });
    expect(comma.errors).toEqual([]);
    // Stated as commas: 1,500 is one and a half; then 1.250 is a thousand two hundred and fifty.
    expect(onHand('ARROZ')).toBe(1_250_000);

    app.dispose();
    app = await openTestApp();
    const dot = await importFolder(app, folder(files), { decimals: 'dot' });
    expect(dot.errors).toEqual([]);
    expect(onHand('ARROZ')).toBe(1_250);
  });
});
