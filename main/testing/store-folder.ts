/**
 * Generates interchange folders with known content, for tests and benchmarks.
 * Deterministic from a seed; can write semicolons, decimal commas and
 * Windows-1252, the way files from an old point-of-sale arrive.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { withCheckDigit } from '../domain/barcode';
import { withCuitCheckDigit } from '../domain/cuit';
import { mulberry32 } from '../domain/random';
import { writeScaled } from '../interchange/values';

export interface StoreFolderOptions {
  products?: number;
  /** Sale lines in sales.csv. */
  saleLines?: number;
  seed?: number;
  separator?: ',' | ';';
  decimalComma?: boolean;
  encoding?: 'utf-8' | 'windows-1252';
}

export interface GeneratedStore {
  folder: string;
  skus: string[];
  /** What on-hand must be per sku (thousandths) after importing: the ledger's sum, computed independently. */
  expectedOnHand: Map<string, number>;
}

export async function generateStoreFolder(folder: string, options: StoreFolderOptions = {}): Promise<GeneratedStore> {
  const random = mulberry32(options.seed ?? 7);
  const sep = options.separator ?? ',';
  const comma = options.decimalComma ?? false;
  const encode = (text: string) => (options.encoding === 'windows-1252' ? latin1(text) : Buffer.from(text, 'utf8'));
  // As old point-of-sale exports write numbers: no trailing zeros ("2", "0.35", "1.25").
  const num = (value: number, decimals: number) => {
    const text = writeScaled(value, decimals);
    return comma ? text.replace('.', ',') : text;
  };
  const cell = (v: string) => (v.includes(sep) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
  const line = (cells: (string | number)[]) => `${cells.map((c) => cell(String(c))).join(sep)}\n`;
  mkdirSync(folder, { recursive: true });

  const suppliers = ['3071234567', '3070000001', '3069999998']
    .map((body) => withCuitCheckDigit(body))
    .filter((c): c is string => c !== null);
  writeFileSync(
    join(folder, 'suppliers.csv'),
    encode(line(['cuit', 'name', 'lead_time_days', 'order_weekdays', 'min_order']) + suppliers.map((c, i) => line([c, `Distribuidora Número ${i + 1}`, 2 + i, 'lun,jue', num(5_000_000, 2)])).join('')),
  );

  const productCount = options.products ?? 20;
  const skus: string[] = [];
  const units: ('un' | 'kg')[] = [];
  let products = line(['sku', 'barcode', 'name', 'category', 'unit', 'iva_rate', 'cost', 'price', 'supplier_cuit']);
  for (let i = 0; i < productCount; i++) {
    const sku = `P${String(i + 1).padStart(5, '0')}`;
    const weighed = i % 10 === 9;
    skus.push(sku);
    units.push(weighed ? 'kg' : 'un');
    const barcode = weighed ? '' : withCheckDigit(`779${String(100000000 + i).slice(-9)}`);
    products += line([sku, barcode, `Producto ${i + 1} añejo`, i % 2 ? 'Almacén' : 'Lácteos', weighed ? 'kg' : 'un', i % 7 === 0 ? num(105, 1) : '21', num(10_000 + i * 100, 2), num(20_000 + i * 150, 2), suppliers[i % suppliers.length]!]);
  }
  writeFileSync(join(folder, 'products.csv'), encode(products));

  const expected = new Map<string, number>(skus.map((s) => [s, 0]));
  let receipts = line(['supplier_cuit', 'invoice_type', 'pos', 'number', 'date', 'sku', 'qty', 'unit_cost', 'lot', 'expiry']);
  skus.forEach((sku, i) => {
    const qty = (50 + Math.floor(random() * 100)) * 1000;
    expected.set(sku, expected.get(sku)! + qty);
    receipts += line([suppliers[i % suppliers.length]!, 'A', 1, 1000 + Math.floor(i / 5), '2026-01-02', sku, num(qty, 3), num(9_000 + i * 90, 2), i % 4 === 0 ? `L${i}` : '', i % 4 === 0 ? '2026-12-31' : '']);
  });
  writeFileSync(join(folder, 'receipts.csv'), encode(receipts));

  // sales.csv is streamed: it may be a million lines.
  const sales = createWriteStream(join(folder, 'sales.csv'));
  const put = async (text: string) => {
    if (!sales.write(encode(text))) await once(sales, 'drain');
  };
  await put(line(['ticket', 'line', 'datetime', 'sku', 'qty', 'unit_price', 'discount', 'cashier', 'payment', 'voided']));
  const saleLines = options.saleLines ?? 200;
  const start = Date.parse('2026-01-03T12:00:00Z');
  let ticket = 0;
  let lineNo = 0;
  for (let n = 0; n < saleLines; n++) {
    if (lineNo === 0 || random() < 0.35) {
      ticket++;
      lineNo = 0;
    }
    lineNo++;
    const i = Math.floor(random() * skus.length);
    const sku = skus[i]!;
    const weighed = units[i] === 'kg';
    const qty = weighed ? 100 + Math.floor(random() * 900) : 1000 * (1 + Math.floor(random() * 2));
    const voided = random() < 0.02;
    if (!voided) expected.set(sku, expected.get(sku)! - qty);
    const when = new Date(start + ticket * 60_000).toISOString().slice(0, 19);
    await put(line([`T${String(ticket).padStart(7, '0')}`, lineNo, when.replace('T', 'T'), sku, num(qty, 3), num(20_000 + i * 150, 2), '0', ticket % 3 ? 'ana' : 'beto', ticket % 2 ? 'efectivo' : 'debito', voided ? 1 : 0]));
  }
  sales.end();
  await once(sales, 'finish');

  let adjustments = line(['datetime', 'sku', 'qty', 'reason', 'user', 'note']);
  skus.slice(0, 5).forEach((sku, i) => {
    expected.set(sku, expected.get(sku)! - 1000);
    adjustments += line([`2026-06-0${i + 1}T09:00`, sku, num(-1000, 3), 'rotura', 'ana', i === 0 ? '=cayó de la góndola' : '']);
  });
  writeFileSync(join(folder, 'adjustments.csv'), encode(adjustments));

  // A count late in the year sets two products to what was found.
  let counts = line(['datetime', 'sku', 'counted', 'user']);
  for (const sku of skus.slice(5, 7)) {
    counts += line(['2099-12-31T20:00', sku, num(7000, 3), 'beto']);
    expected.set(sku, 7000);
  }
  writeFileSync(join(folder, 'counts.csv'), encode(counts));
  return { folder, skus, expectedOnHand: expected };
}

/** Windows-1252 for the characters these fixtures use (Latin-1 range). */
function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
