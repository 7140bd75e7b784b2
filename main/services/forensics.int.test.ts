import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { methods, type ForensicRun, type ForensicStatus } from '../../contract';
import { seedDemoStore } from '../demo';
import { standardFontsDir } from '../invoices/assets';
import { fixedClock, openTestApp, type TestApp } from '../testing';

/**
 * Forensic runs as the owner lives them: started from the screen (a worker
 * does the work, the core keeps answering), kept in a history that says what
 * is new and what was resolved, acknowledged with a note that holds while the
 * evidence does not change, exported as PDF/HTML/JSON, and run every night
 * — catching up when the PC was off.
 */
const clock = fixedClock('2026-11-22T15:00:00.000Z');
let app: TestApp;
beforeAll(async () => {
  app = await openTestApp({ clock });
  seedDemoStore(app, { days: 45, seed: 5 });
}, 120_000);
afterAll(() => app?.dispose());

async function runNow(input: { from?: string; to?: string } = {}): Promise<ForensicRun> {
  const started = (await app.ok('forensic.run', input)) as ForensicStatus;
  expect(started.running).toMatchObject({ trigger: 'manual' });
  const run = await app.services.forensics.running;
  expect(run).not.toBeNull();
  const data = await app.ok('forensic.get', { runId: run!.runId });
  expect(methods['forensic.get'].output.parse(data)).toEqual(data);
  return data;
}

async function pdfPages(base64: string): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), useSystemFonts: false, standardFontDataUrl: standardFontsDir(), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages;
}

describe('forensic service', () => {
  let first: ForensicRun;
  let tampered: string;

  it('runs in a worker while the store keeps selling, and keeps the run', async () => {
    const started = (await app.ok('forensic.run', {})) as ForensicStatus;
    expect(started.running?.progress).toBe(0);
    // The core answers while the worker reads: a sale-side write goes through at once.
    const product = app.core.sql.raw.prepare('select id from products where on_hand > 5000 order by sku limit 1').get() as { id: string };
    await app.ok('stock.adjust', { productId: product.id, qty: -1000, reason: 'rotura', note: null });
    first = (await app.services.forensics.running)!;
    expect(first.findings.every((f) => f.status === 'nuevo')).toBe(true);
    const status = (await app.ok('forensic.status', {})) as ForensicStatus;
    expect(methods['forensic.status'].output.parse(status)).toEqual(status);
    expect(status.running).toBeNull();
    expect(status.latest?.runId).toBe(first.runId);
    expect(status.history[0]).toMatchObject({ runId: first.runId, trigger: 'manual', auditVerified: true });
    expect(Object.keys(first.timings)).toEqual(['validacion', 'consistencia', 'patrones', 'desempeno', 'indicadores']);
  }, 60_000);

  it('says what is new and what was resolved since the previous run', async () => {
    const db = app.core.sql.raw;
    tampered = (db.prepare('select sku from products where on_hand > 0 order by sku limit 1 offset 3').get() as { sku: string }).sku;
    db.prepare('update products set on_hand = on_hand + 7000 where sku = ?').run(tampered);
    const second = await runNow();
    const broken = second.findings.find((f) => f.rule === 'stock-no-cuadra')!;
    expect(broken).toMatchObject({ status: 'nuevo', entities: { sku: [tampered] } });
    for (const f of second.findings.filter((f) => f.rule !== 'stock-no-cuadra')) expect(first.findings.map((x) => x.id)).toContain(f.id);
    expect(second.findings.filter((f) => f.rule !== 'stock-no-cuadra').every((f) => f.status === 'sigue')).toBe(true);

    db.prepare('update products set on_hand = on_hand - 7000 where sku = ?').run(tampered);
    const third = await runNow();
    expect(third.findings.find((f) => f.rule === 'stock-no-cuadra')).toBeUndefined();
    expect(third.resolved).toContainEqual({ id: broken.id, rule: 'stock-no-cuadra', severity: 'alta', title: broken.title });
  }, 60_000);

  it('keeps an acknowledgement while the evidence is the same, and drops it when it changes', async () => {
    const db = app.core.sql.raw;
    db.prepare('update products set on_hand = on_hand + 7000 where sku = ?').run(tampered);
    const run = await runNow();
    const finding = run.findings.find((f) => f.rule === 'stock-no-cuadra')!;
    expect(finding.acknowledged).toBeNull();
    expect(await app.call('forensic.acknowledge', { runId: run.runId, findingId: finding.id, note: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const acked = (await app.ok('forensic.acknowledge', { runId: run.runId, findingId: finding.id, note: 'Lo corrigió el contador: carga manual' })) as ForensicRun;
    expect(acked.findings.find((f) => f.id === finding.id)!.acknowledged).toMatchObject({ note: 'Lo corrigió el contador: carga manual', by: 'Dueña' });

    const same = await runNow();
    expect(same.findings.find((f) => f.id === finding.id)!.acknowledged?.note).toBe('Lo corrigió el contador: carga manual');

    db.prepare('update products set on_hand = on_hand + 1000 where sku = ?').run(tampered);
    const changed = await runNow();
    const again = changed.findings.find((f) => f.id === finding.id)!;
    expect(again.acknowledged).toBeNull();
    db.prepare('update products set on_hand = on_hand - 8000 where sku = ?').run(tampered);
  }, 60_000);

  it('exports the run as PDF with the audit head on every page, as HTML and as JSON', async () => {
    const run = await runNow();
    const head = `Auditoría: entrada ${run.audit.head!.seq}`;
    const pdf = await app.ok('forensic.report', { runId: run.runId, format: 'pdf' });
    expect(pdf).toMatchObject({ mimeType: 'application/pdf', fileName: `revision-forense-${run.period.from}-a-${run.period.to}.pdf` });
    const pages = await pdfPages(pdf.base64);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text).toContain(head);
      expect(text).toContain('la cadena verificó');
      expect(text).toContain(`Página ${i + 1} de ${pages.length}`);
    });
    expect(pages[0]).toContain('Revisión forense');
    expect(pages[0]).toContain('Rotación anual');
    // Indicators by Spanish names, each explained in a line.
    expect(pages[0]).toContain('Vendido de lo disponible');
    expect(pages[0]).toContain('Pesos de margen bruto por año por cada peso invertido en mercadería.');
    expect(pages[0]).not.toContain('Sell-through');
    // Dates as people read them; no ISO instants or internal ids anywhere in the owner's report.
    const [y, m, d] = run.period.from.split('-');
    expect(pages[0]).toContain(`período ${d}/${m}/${y} a `);
    const all = pages.join('\n');
    expect(all).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(all).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    for (const f of run.findings.slice(0, 5)) expect(pages.join(' ')).toContain(f.title.slice(0, 30));

    const html = Buffer.from((await app.ok('forensic.report', { runId: run.runId, format: 'html' })).base64, 'base64').toString();
    expect(html).toContain('<html lang="es-AR">');
    expect(html).toContain(head);
    const json = JSON.parse(Buffer.from((await app.ok('forensic.report', { runId: run.runId, format: 'json' })).base64, 'base64').toString());
    expect(json).toEqual(run);
    expect(await app.call('forensic.report', { runId: 'no-existe', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 60_000);

  it('cancels a run: nothing is kept and the reason is shown', async () => {
    const before = ((await app.ok('forensic.status', {})) as ForensicStatus).history.length;
    await app.ok('forensic.run', {});
    expect(await app.call('forensic.run', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await app.ok('forensic.cancel', {});
    await app.services.forensics.running;
    const status = (await app.ok('forensic.status', {})) as ForensicStatus;
    expect(status.running).toBeNull();
    expect(status.lastError).toBe('La revisión se canceló.');
    expect(status.history.length).toBe(before);
  }, 60_000);

  it('runs every night at the configured time, catching up when the PC was off', async () => {
    expect(await app.call('forensic.updateSettings', { nightlyTime: '25:00' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const settings = (await app.ok('forensic.updateSettings', { nightly: true, nightlyTime: '03:00' })) as ForensicStatus;
    // No nightly run yet today: it is due now (the PC was off at 03:00).
    expect(settings.nextRun).toBe('2026-11-22T15:00:00.000Z');
    expect(app.services.forensics.checkSchedule()).toBe(true);
    const nightly = (await app.services.forensics.running)!;
    expect(nightly).toMatchObject({ trigger: 'programada', period: { from: '2026-10-23', to: '2026-11-21' } });
    expect(app.services.forensics.checkSchedule()).toBe(false);
    expect(((await app.ok('forensic.status', {})) as ForensicStatus).nextRun).toBe('2026-11-23T06:00:00.000Z');
    clock.set('2026-11-23T06:05:00.000Z');
    expect(app.services.forensics.checkSchedule()).toBe(true);
    await app.services.forensics.running;
    // (A day went by: the test session locked itself; the service is called directly.)
    app.services.forensics.updateSettings({ nightly: false });
    clock.set('2026-11-24T06:05:00.000Z');
    expect(app.services.forensics.checkSchedule()).toBe(false);
    clock.set('2026-11-22T15:00:00.000Z');
  }, 60_000);

  it('is the owner’s only: an encargado or a cashier never sees findings', async () => {
    for (const role of ['encargado', 'cajero'] as const) {
      const session = await app.sessionAs(role);
      for (const method of ['forensic.status', 'forensic.get', 'forensic.run', 'forensic.report'] as const) {
        expect(await app.dispatch(method, method === 'forensic.get' || method === 'forensic.report' ? { runId: first.runId } : {}, session), `${role} ${method}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
  });
});
