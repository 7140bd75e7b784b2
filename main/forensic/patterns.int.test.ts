import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, score, type Scenario } from '../../scripts/forensic-scenario';
import { openTestApp, type TestApp } from '../testing';

/**
 * Phase 3 against the scenario generator: a store simulated through the real
 * services with one anomaly of every pattern kind injected into its last 30
 * days. Every anomaly is found and named (recall), nothing else is (precision),
 * and the same store without anomalies yields no pattern at all.
 */
let store: TestApp;
let clean: TestApp;
let scenario: Scenario;
let cleanScenario: Scenario;
beforeAll(async () => {
  store = await openTestApp();
  scenario = buildScenario(store, { seed: 7, days: 150 });
  clean = await openTestApp();
  cleanScenario = buildScenario(clean, { seed: 7, days: 150, anomalies: false });
}, 120_000);
afterAll(() => {
  store?.dispose();
  clean?.dispose();
});

describe('forensic patterns', () => {
  it('finds every injected anomaly, naming its entity, and nothing it was not told about', async () => {
    const run = await store.services.forensics.run(scenario.period);
    const scores = score(run.findings, scenario.truth);
    for (const s of scores) {
      expect.soft(s.recall, `recall of ${s.rule}`).toBe(s.truths ? 1 : null);
      expect.soft(s.precision, `precision of ${s.rule}`).toBe(1);
    }
    expect(scores.filter((s) => s.truths > 0)).toHaveLength(new Set(scenario.truth.map((t) => t.rule)).size);
    expect(new Set(scenario.truth.map((t) => t.rule)).size).toBeGreaterThanOrEqual(13);
    const voids = run.findings.find((f) => f.rule === 'anulaciones-por-cajero')!;
    expect(voids.title).toMatch(/^eva anuló el \d+,\d % de los renglones/);
    expect(voids.evidence.columns).toEqual(['ticket', 'fecha', 'sku', 'producto', 'importe anulado']);
    expect(voids.entities.ticket!.every((t) => /^\d{8}$/.test(t))).toBe(true);

    // One more void by eva: the next run calls it the same finding (it continues), with more evidence.
    const eva = await store.sessionAs('cajero', 'eva');
    const product = store.core.sql.raw.prepare('select id from products where on_hand > 10000 order by sku limit 1').pluck().get() as string;
    // At the counter the store's clock dates the ticket: the till's clock says the evening of the 21st.
    const clock = store.core.clock as unknown as { now(): Date; set(iso: string): void };
    const before = clock.now().toISOString();
    clock.set('2026-11-21T21:30:00.000Z');
    const closed = await store.dispatch('sales.close', { lines: [{ productId: product, qty: 1000, voided: true }, { productId: product, qty: 1000 }] }, eva);
    clock.set(before);
    expect(closed.ok).toBe(true);
    const next = await store.services.forensics.run(scenario.period);
    const again = next.findings.find((f) => f.rule === 'anulaciones-por-cajero')!;
    expect(again).toMatchObject({ id: voids.id, status: 'sigue' });
    expect(again.evidenceHash).not.toBe(voids.evidenceHash);
    expect(again.evidence.total).toBe(voids.evidence.total + 1);
    expect(next.findings.filter((f) => f.phase === 'patrones').every((f) => f.status === 'sigue')).toBe(true);
  }, 60_000);

  it('finds no pattern in the same store without anomalies, and few findings of any kind', async () => {
    const run = await clean.services.forensics.run(cleanScenario.period);
    expect(run.findings.filter((f) => f.phase === 'patrones').map((f) => f.title)).toEqual([]);
    expect(run.kpis.findings.alta).toBeLessThanOrEqual(5);
    // Performance figures come out of the same run.
    expect(run.kpis.rotation).toBeGreaterThan(1);
    expect(run.kpis.marginRate).toBeGreaterThan(0.1);
    expect(run.kpis.stockOutRate).toBeGreaterThanOrEqual(0);
    expect(run.kpis.stockOutRate).toBeLessThan(0.5);
    expect(run.kpis.shrinkage).toBeGreaterThan(0);
    // The inventory at the period's end is today's (nothing moved since), to rounding.
    expect(Math.abs(run.kpis.inventoryEnd - run.kpis.stockValue)).toBeLessThan(1000);
  }, 60_000);
});
