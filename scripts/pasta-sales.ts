import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';

/**
 * Converts ../shared/datasets/italian_pasta_store (wide: one column per SKU
 * per day) into the interchange sales.csv: one ticket line per SKU and day
 * with sales. The dataset has no prices; the promotion flag becomes the price
 * (a nominal 1000 ARS, 800 on promotion days) so it reaches the model the way
 * a store's own promotions would — as a price below the product's recent median.
 */
export const PASTA_CSV = resolve(import.meta.dirname, '../../shared/datasets/italian_pasta_store/hierarchical_sales_data.csv');

export async function writePastaSales(folder: string): Promise<{ path: string; rows: number }> {
  if (!existsSync(PASTA_CSV)) throw new Error(`dataset not found: ${PASTA_CSV}`);
  const lines = readFileSync(PASTA_CSV, 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const skus = header.filter((h) => h.startsWith('QTY_')).map((h) => h.slice(4));
  const qtyIndex = skus.map((s) => header.indexOf(`QTY_${s}`));
  const promoIndex = skus.map((s) => header.indexOf(`PROMO_${s}`));
  const path = join(folder, 'sales.csv');
  const out = createWriteStream(path);
  out.write('ticket,line,datetime,sku,qty,unit_price\n');
  let rows = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const date = cells[0]!;
    for (let s = 0; s < skus.length; s++) {
      const qty = Number(cells[qtyIndex[s]!]);
      if (!(qty > 0)) continue;
      const price = cells[promoIndex[s]!] === '1' ? 800 : 1000;
      if (!out.write(`${date}-${skus[s]},1,${date}T12:00:00-03:00,${skus[s]},${qty},${price}\n`)) await once(out, 'drain');
      rows++;
    }
  }
  out.end();
  await once(out, 'finish');
  return { path, rows };
}
