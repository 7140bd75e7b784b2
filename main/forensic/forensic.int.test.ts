import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoStore } from '../demo';
import { openTestApp, type TestApp } from '../testing';

/**
 * Phases 1 and 2 on the demo store: clean, nothing is found; then the kinds of
 * damage someone with the database file could do (or a bad import left), each
 * found by its rule and named by the store's own identifiers.
 */
let app: TestApp;
beforeAll(async () => {
  app = await openTestApp();
  seedDemoStore(app, { days: 45, seed: 11 });
}, 120_000);
afterAll(() => app?.dispose());

// Phases 1 and 2: what the database itself says (patterns and performance have their own suite).
const integrity = <F extends { rule: string; phase: string }>(run: { findings: F[] }) => run.findings.filter((f) => f.phase === 'validacion' || f.phase === 'consistencia');
const rules = (run: { findings: { rule: string; phase: string }[] }) => integrity(run).map((f) => f.rule).sort();

describe('forensic run, phases 1 and 2', () => {
  it('finds nothing wrong with a clean store, verifies the audit chain and keeps the run', async () => {
    const run = await app.services.forensics.run({});
    expect(integrity(run)).toEqual([]);
    expect(run.findings.filter((f) => f.severity === 'alta')).toEqual([]);
    expect(run.audit.verified).toBe(true);
    expect(run.period).toEqual({ from: '2026-10-24', to: '2026-11-22' });
    expect(run.kpis.movements).toBeGreaterThan(1000);
    const stored = app.core.sql.raw.prepare('select period_from, period_to, result from forensic_runs where id = ?').get(run.runId) as { period_from: string; result: string };
    expect(stored.period_from).toBe('2026-10-24');
    expect(JSON.parse(stored.result).kpis.products).toBe(621);
  });

  it('finds each injected problem, with the store’s identifiers and the evidence rows', async () => {
    const db = app.core.sql.raw;
    const product = (offset: number) => db.prepare('select id, sku, on_hand from products where on_hand > 0 order by sku limit 1 offset ?').get(offset) as { id: string; sku: string; on_hand: number };
    const a = product(0);
    const b = product(1);
    const c = product(2);
    db.prepare('update products set on_hand = on_hand + 5000 where id = ?').run(a.id);
    db.prepare("update product_barcodes set barcode = '7790000000001' where product_id = ?").run(b.id);
    db.prepare('update products set price = 100, cost = 50000 where id = ?').run(c.id);
    db.prepare("update suppliers set cuit = '30712345670' where id = (select id from suppliers order by name limit 1)").run();
    // (An impossible IVA rate cannot be written at all: the schema's CHECK refuses it; the rule guards older files.)
    // A ticket removed from the middle of the numbering, its lines with it; its movements stay behind.
    const ticket = db.prepare("select id, number from sale_tickets where length(number) = 8 order by number limit 1 offset 10").get() as { id: string; number: string };
    db.prepare('delete from sale_lines where ticket_id = ?').run(ticket.id);
    db.prepare('delete from sale_tickets where id = ?').run(ticket.id);
    const receipt = db.prepare('select r.id, s.cuit, r.doc_type, r.pos, r.number from receipts r join suppliers s on s.id = r.supplier_id order by r.date desc limit 1').get() as { id: string; cuit: string; doc_type: string; pos: number; number: number };
    db.prepare('update receipts set total = total + 100000 where id = ?').run(receipt.id);

    const run = await app.services.forensics.run({});
    expect(rules(run)).toEqual(['codigo-de-barras-invalido', 'cuit-invalido', 'factura-no-suma', 'movimiento-sin-documento', 'numeracion-de-tickets', 'precio-bajo-costo', 'stock-no-cuadra']);
    const by = (rule: string) => run.findings.find((f) => f.rule === rule)!;
    expect(by('stock-no-cuadra').entities.sku).toEqual([a.sku]);
    expect(by('stock-no-cuadra').evidence.rows[0]).toEqual([a.sku, expect.any(String), (a.on_hand + 5000) / 1000, a.on_hand / 1000]);
    expect(by('codigo-de-barras-invalido').entities.sku).toEqual([b.sku]);
    expect(by('precio-bajo-costo').entities.sku).toContain(c.sku);
    expect(by('cuit-invalido').entities.supplier).toEqual(['30712345670']);
    expect(by('numeracion-de-tickets').entities.ticket).toEqual([ticket.number]);
    expect(by('movimiento-sin-documento').severity).toBe('alta');
    expect(by('factura-no-suma').entities.invoice?.[0]).toMatch(/^\d{2}-\d{8}-\d [ABCR] \d{5}-\d{8}$/);
    for (const f of integrity(run)) {
      expect(f.title.length).toBeGreaterThan(10);
      expect(f.explanation.length).toBeGreaterThan(20);
      expect(f.evidence.rows.length).toBeGreaterThan(0);
    }
  });

  it('says when the audit chain was edited behind the app’s back', async () => {
    const db = app.core.sql.raw;
    // What someone with the database file and a SQLite shell could do: drop the guard and rewrite an entry.
    const triggers = db.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'").all() as { name: string }[];
    for (const t of triggers) db.exec(`drop trigger ${t.name}`);
    db.prepare("update audit_log set user_name = 'otro' where seq = 3").run();
    const run = await app.services.forensics.run({});
    const audit = run.findings.find((f) => f.rule === 'auditoria-alterada')!;
    expect(run.audit.verified).toBe(false);
    expect(audit.severity).toBe('alta');
    expect(audit.evidence.rows[0]![0]).toBe(3);
  });

  it('refuses a period that is not one', async () => {
    await expect(app.services.forensics.run({ from: '2026-11-30', to: '2026-11-01' })).rejects.toThrow(/empieza/);
    await expect(app.services.forensics.run({ from: 'ayer' })).rejects.toThrow(/--from tiene que ser una fecha/);
  });
});
