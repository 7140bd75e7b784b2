import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, tempDir, type TestApp } from '../testing';
import { importFolder } from './index';

/**
 * The bulk path for sales.csv keeps the ledger's rules: earliest expiry first,
 * the average cost of the moment, oversold lines flagged, returns, voided
 * lines without movements, and receipts, adjustments and counts interleaved
 * by time (at the same instant: receipts, tickets, adjustments, counts).
 */
let app: TestApp | undefined;
let folder = '';
afterEach(() => {
  app?.dispose();
  rmSync(folder, { recursive: true, force: true });
});

const CUIT = '30-71234567-1';

function writeStore(): void {
  folder = tempDir('gondola-bulk');
  const put = (name: string, lines: string[]) => writeFileSync(join(folder, name), `${lines.join('\n')}\n`);
  put('suppliers.csv', ['cuit,name', `${CUIT},Láctea del Sur`]);
  put('products.csv', ['sku,name,unit,iva_rate,price,supplier_cuit', `LECHE,Leche entera 1 l,un,21,1500,${CUIT}`, `ARROZ,Arroz 1 kg,un,21,900,${CUIT}`]);
  put('receipts.csv', [
    'supplier_cuit,invoice_type,pos,number,date,sku,qty,unit_cost,lot,expiry',
    `${CUIT},A,1,1,2026-11-01,LECHE,10,100,L1,2026-11-20`,
    `${CUIT},A,1,1,2026-11-01,ARROZ,5,50,,`,
    `${CUIT},A,1,2,2026-11-02,LECHE,10,200,L2,2026-11-10`,
    `${CUIT},A,1,3,2026-11-07,ARROZ,10,80,,`,
  ]);
  put('sales.csv', [
    'ticket,line,datetime,sku,qty,unit_price,discount,cashier,payment,voided',
    'T1,1,2026-11-03T10:00,LECHE,12,1500,0,ana,efectivo,0',
    'T1,2,2026-11-03T10:00,ARROZ,2,900,0,ana,efectivo,0',
    'T1,3,2026-11-03T10:00,ARROZ,1,900,0,ana,efectivo,1',
    'T2,1,2026-11-04T10:00,ARROZ,5,900,100,beto,debito,0',
    'T3,1,2026-11-05T10:00,ARROZ,-1,900,0,beto,efectivo,0',
  ]);
  put('adjustments.csv', ['datetime,sku,qty,reason,user,note', '2026-11-03T10:00,LECHE,-1,merma,ana,']);
  put('counts.csv', ['datetime,sku,counted,user', '2026-11-06T09:00,ARROZ,4,beto']);
}

interface Move {
  seq: number;
  kind: string;
  qty: number;
  unit_cost: number;
  unit_price: number | null;
  balance_after: number;
  oversold: number;
  user_name: string | null;
  lot: string | null;
}

function moves(a: TestApp, sku: string): Move[] {
  return a.core.sql.raw
    .prepare(
      `select m.seq, m.kind, m.qty, m.unit_cost, m.unit_price, m.balance_after, m.oversold, m.user_name, l.code as lot
       from stock_movements m join products p on p.id = m.product_id left join lots l on l.id = m.lot_id where p.sku = ? order by m.seq`,
    )
    .all(sku) as Move[];
}

describe('sales.csv bulk import', () => {
  it('posts sales earliest expiry first at the average cost of the moment, flags overselling, and interleaves the other documents by time', async () => {
    writeStore();
    app = await openTestApp();
    const result = await importFolder(app, folder);
    expect(result.errors).toEqual([]);
    expect(result.files.find((f) => f.file === 'sales.csv')).toMatchObject({ rows: 5, applied: 5 });

    const leche = moves(app, 'LECHE');
    expect(leche.map((m) => [m.kind, m.qty, m.lot, m.balance_after])).toEqual([
      ['receipt', 10_000, 'L1', 10_000],
      ['receipt', 10_000, 'L2', 20_000],
      // L2 expires first: it goes first, then L1.
      ['sale', -10_000, 'L2', 10_000],
      ['sale', -2_000, 'L1', 8_000],
      // Same instant as T1: the adjustment comes after the ticket.
      ['adjustment', -1_000, 'L1', 7_000],
    ]);
    // The average of both receipts ($ 100 and $ 200, ten each), at the price of the line, by its cashier.
    expect(leche[2]).toMatchObject({ unit_cost: 15_000, unit_price: 150_000, user_name: 'ana', oversold: 0 });

    const arroz = moves(app, 'ARROZ');
    expect(arroz.map((m) => [m.kind, m.qty, m.balance_after, m.oversold])).toEqual([
      ['receipt', 5_000, 5_000, 0],
      ['sale', -2_000, 3_000, 0], // the voided line of T1 moves nothing
      ['sale', -5_000, -2_000, 1],
      ['return', 1_000, -1_000, 0],
      ['count', 5_000, 4_000, 0],
      ['receipt', 10_000, 14_000, 0],
    ]);
    // Average cost after the last receipt: (4 × $ 50 + 10 × $ 80) / 14.
    const products = app.core.sql.raw.prepare('select sku, on_hand, avg_cost from products order by sku').all();
    expect(products).toEqual([
      { sku: 'ARROZ', on_hand: 14_000, avg_cost: 7_143 },
      { sku: 'LECHE', on_hand: 7_000, avg_cost: 15_000 },
    ]);
    const lots = app.core.sql.raw.prepare('select code, on_hand from lots order by code').all();
    expect(lots).toEqual([
      { code: 'L1', on_hand: 7_000 },
      { code: 'L2', on_hand: 0 },
    ]);

    const t1 = await app.ok('sales.get', { number: 'T1' });
    expect(t1).toMatchObject({ cashier: 'ana', payment: 'efectivo', total: 1_800_000 + 180_000, oversold: false });
    expect(t1.lines.map((l: { lineNo: number; voided: boolean }) => [l.lineNo, l.voided])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(await app.ok('sales.get', { number: 'T2' })).toMatchObject({ oversold: true, total: 450_000 - 10_000 });

    // Every sequence number once, each balance following the one before, and the store intact.
    const seqs = app.core.sql.raw.prepare('select seq from stock_movements order by seq').pluck().all() as number[];
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const list of [leche, arroz]) list.reduce((balance, m) => (expect(m.balance_after).toBe(balance + m.qty), m.balance_after), 0);
    expect(app.core.sql.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(app.core.sql.raw.pragma('foreign_key_check')).toEqual([]);
    expect(app.core.sql.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(await app.ok('audit.verify')).toMatchObject({ verified: true });
  });

  it('rebuilds the indexes it set aside, exactly as the migrations made them', async () => {
    writeStore();
    app = await openTestApp();
    const indexes = () => app!.core.sql.raw.prepare("select name, sql from sqlite_master where type = 'index' order by name").all();
    const before = indexes();
    await importFolder(app, folder);
    expect(indexes()).toEqual(before);
  });
});
