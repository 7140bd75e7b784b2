import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { salesCsv, syntheticPanel } from '../testing/synthetic-demand';
import { tempDir } from '../testing';
import { runGondola } from './testing';

const dir = tempDir('gondola-forecast-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gondola = (...argv: string[]) => runGondola(dir, argv);

describe('gondola forecast backtest', () => {
  it('backtests a sales file with no store and prints one object per method', async () => {
    const file = join(dir, 'ventas.csv');
    writeFileSync(file, salesCsv(syntheticPanel(24, 330, 5)));
    const run = await gondola('forecast', 'backtest', '--sales', file, '--horizon', '14', '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const methods = JSON.parse(run.out) as { method: string; horizon: number; rmsse: number; wape: number; bias: number; spl: number; coverage90: number }[];
    expect(methods.map((m) => m.method)).toEqual(['model', 'chosen', 'seasonal_naive', 'ma28', 'ses', 'croston_sba', 'tsb', 'adida']);
    for (const m of methods) {
      expect(m.horizon).toBe(14);
      for (const v of [m.rmsse, m.wape, m.spl]) expect(v).toBeGreaterThan(0);
      expect(m.coverage90).toBeGreaterThan(0.5);
      expect(m.coverage90).toBeLessThanOrEqual(1);
    }
    // The synthetic store has weekday, payday and promotion effects the model sees and a flat forecast cannot.
    const model = methods.find((m) => m.method === 'model')!;
    const ma = methods.find((m) => m.method === 'ma28')!;
    expect(model.rmsse).toBeLessThan(ma.rmsse);
    expect(model.spl).toBeLessThan(ma.spl);
  }, 120_000);

  it('names the file, line and column of a bad row, and a file too short to backtest', async () => {
    const bad = join(dir, 'malas.csv');
    writeFileSync(bad, 'ticket,datetime,sku,qty,unit_price\nT1,2026-11-01T10:00:00-03:00,YER,dos,100\nT2,ayer,YER,1,100\n');
    const run = await gondola('forecast', 'backtest', '--sales', bad);
    expect(run.code).toBe(1);
    expect(run.err).toContain('malas.csv:2: qty: «dos» no es un número');
    expect(run.err).toContain('malas.csv:3: datetime: «ayer» no es una fecha y hora');

    const short = join(dir, 'corta.csv');
    writeFileSync(short, 'ticket,datetime,sku,qty,unit_price\nT1,2026-11-01T10:00:00-03:00,YER,2,100\n');
    const shortRun = await gondola('forecast', 'backtest', '--sales', short);
    expect(shortRun.code).toBe(1);
    expect(shortRun.err).toMatch(/Hay 1 días de ventas y el backtest necesita al menos \d+/);

    const usage = await gondola('forecast', 'backtest', '--sales', short, '--horizon', '40');
    expect(usage.code).toBe(1);
    expect(usage.err).toContain('--horizon debe ser un número de días entre 1 y 28');
  });
});
