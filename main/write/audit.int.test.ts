import { afterEach, describe, expect, it } from 'vitest';
import type { AuditVerifyResult } from '../../contract';
import { openTestApp, type TestApp } from '../testing';
import type { AuditLogTable } from '../db/schema';
import { auditHash } from './audit';

let app: TestApp;
afterEach(() => app?.dispose());

/** A store with a few mutations of different kinds behind it. */
async function storeWithHistory(): Promise<TestApp> {
  const a = await openTestApp();
  await a.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Proveedor' });
  const product = await a.ok('products.create', { sku: 'A1', name: 'Arroz', price: 100_000 });
  await a.ok('products.update', { id: product.id, changes: { price: 120_000 } });
  await a.ok('receipts.post', { supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number: 1, date: '2026-11-20', lines: [{ productId: product.id, qty: 10_000, unitCost: 50_000 }] });
  await a.ok('sales.close', { payment: 'efectivo', lines: [{ productId: product.id, qty: 1000 }] });
  await a.ok('stock.adjust', { productId: product.id, qty: -1000, reason: 'rotura' });
  await a.ok('settings.update', { storeName: 'Almacén Don Pepe' });
  return a;
}

const raw = () => app.core.sql.raw;
const verify = () => app.ok<AuditVerifyResult>('audit.verify');

/** What someone with a SQLite shell would do first: get the triggers out of the way. */
function dropGuards(): void {
  raw().exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete;');
}

describe('audit log', () => {
  it('records every mutation with user, method, entity and a compact before/after, in the same transaction', async () => {
    app = await storeWithHistory();
    const entries = (await app.ok('audit.list', { limit: 500 })).items as { method: string; user: string; entity: string; entityId: string; before: unknown; after: unknown }[];
    const methods = entries.map((e) => e.method);
    for (const m of ['suppliers.create', 'products.create', 'products.update', 'receipts.post', 'sales.close', 'stock.adjust', 'settings.update']) expect(methods).toContain(m);
    for (const e of entries.filter((x) => x.method !== 'sistema')) expect(e.user).toBe('Dueña');
    const priceChange = entries.find((e) => e.method === 'products.update')!;
    expect(priceChange).toMatchObject({ entity: 'product', before: { price: 100_000 }, after: { price: 120_000 } });
    expect(Object.keys(priceChange.after as object)).toEqual(['price']);
    const settings = entries.find((e) => e.method === 'settings.update')!;
    expect(settings).toMatchObject({ before: { storeName: 'Mi almacén' }, after: { storeName: 'Almacén Don Pepe' } });

    // A refused mutation leaves nothing: the entry shares the transaction.
    const count = raw().prepare('select count(*) from audit_log').pluck().get();
    const refused = await app.call('stock.adjust', { productId: 'no-existe', qty: -1, reason: 'robo' });
    expect(refused.ok).toBe(false);
    expect(raw().prepare('select count(*) from audit_log').pluck().get()).toBe(count);
    expect(await verify()).toMatchObject({ verified: true, firstBad: null });
  });

  it('refuses UPDATE and DELETE through its triggers', async () => {
    app = await storeWithHistory();
    expect(() => raw().prepare("update audit_log set user_name = 'otro' where seq = 2").run()).toThrow(/append-only/);
    expect(() => raw().prepare('delete from audit_log where seq = 2').run()).toThrow(/append-only/);
  });

  it('fails verification at an edited row', async () => {
    app = await storeWithHistory();
    dropGuards();
    const target = raw().prepare("select seq from audit_log where method = 'sales.close'").pluck().get() as number;
    raw().prepare("update audit_log set user_name = 'Cajero inocente' where seq = ?").run(target);
    expect(await verify()).toMatchObject({ verified: false, firstBad: { seq: target } });
  });

  it('fails verification at a deleted row', async () => {
    app = await storeWithHistory();
    dropGuards();
    raw().prepare('delete from audit_log where seq = 4').run();
    const result = await verify();
    expect(result).toMatchObject({ verified: false, firstBad: { seq: 4 } });
    expect(result.firstBad!.reason).toContain('borrada');
  });

  it('fails verification at an inserted row, even one with a plausible hash', async () => {
    app = await storeWithHistory();
    const head = raw().prepare('select seq, hash from audit_log order by seq desc limit 1').get() as { seq: number; hash: string };
    raw()
      .prepare("insert into audit_log (seq, at, user_name, method, entity, entity_id, before, after, prev_hash, hash) values (?, '2026-11-22T12:00:00.000Z', 'Dueña', 'stock.adjust', 'adjustment', 'x', null, null, ?, ?)")
      .run(head.seq + 1, head.hash, 'f'.repeat(64));
    expect(await verify()).toMatchObject({ verified: false, firstBad: { seq: head.seq + 1 } });
  });

  it('notices the last entries deleted, which the chain alone cannot see', async () => {
    app = await storeWithHistory();
    dropGuards();
    const last = raw().prepare('select max(seq) from audit_log').pluck().get() as number;
    raw().prepare('delete from audit_log where seq >= ?').run(last - 1);
    const result = await verify();
    expect(result).toMatchObject({ verified: false, firstBad: { seq: last - 1 } });
  });

  it('keeps noticing a deleted tail after verifying and after later writes', async () => {
    app = await storeWithHistory();
    dropGuards();
    const last = raw().prepare('select max(seq) from audit_log').pluck().get() as number;
    raw().prepare('delete from audit_log where seq >= ?').run(last - 1);
    expect(await verify()).toMatchObject({ verified: false, firstBad: { seq: last - 1 } });
    expect(await verify()).toMatchObject({ verified: false, firstBad: { seq: last - 1 } });
    // New writes are numbered past the highest ever written: the gap stays where it was.
    for (let i = 0; i < 5; i++) await app.ok('settings.update', { storeName: `Tienda ${i}` });
    const result = await verify();
    expect(result).toMatchObject({ verified: false, firstBad: { seq: last - 1 } });
    expect(raw().prepare("select value from sequences where name = 'audit'").pluck().get()).toBe(last + 5);
  });

  it('catches a whole chain rewritten from an entry on, against the anchor kept beside the database', async () => {
    app = await storeWithHistory();
    // Anchored at start (and at close): the head as the store knew it.
    app.core.anchors.write(app.core.audit.head());
    dropGuards();
    // Someone with the file edits entry 3 and recomputes every later hash: the chain alone verifies again.
    const rows = raw().prepare('select * from audit_log order by seq').all() as AuditLogTable[];
    let prev = rows[1]!.hash;
    for (const row of rows.slice(2)) {
      const entry = row.seq === 3 ? { ...row, user_name: 'Nadie' } : row;
      const hash = auditHash(prev, entry);
      raw().prepare('update audit_log set user_name = ?, prev_hash = ?, hash = ? where seq = ?').run(entry.user_name, prev, hash, row.seq);
      prev = hash;
    }
    expect(app.core.audit.verify('2026-11-22T12:00:00Z').verified).toBe(true);
    const result = await verify();
    expect(result).toMatchObject({ verified: false });
    expect(result.firstBad!.reason).toContain('reescrito');
  });

  it('finds tickets, users and settings changed outside the app while the chain is left alone', async () => {
    const cases: [string, (db: ReturnType<typeof raw>) => void, RegExp][] = [
      ['a ticket’s total halved', (db) => db.prepare('update sale_tickets set total = total / 2 where id = (select max(id) from sale_tickets)').run(), /ticket \d+: cambió por fuera de Góndola: total/],
      ['its lines repriced', (db) => db.prepare('update sale_lines set unit_price = 1 where ticket_id = (select max(id) from sale_tickets)').run(), /sus líneas/],
      ['its cashier changed', (db) => db.prepare("update sale_tickets set cashier = 'Otro' where id = (select max(id) from sale_tickets)").run(), /cajero Otro/],
      ['the last ticket deleted', (db) => {
        db.prepare('delete from sale_payments where ticket_id = (select max(id) from sale_tickets)').run();
        db.prepare('delete from sale_lines where ticket_id = (select max(id) from sale_tickets)').run();
        db.prepare('delete from sale_tickets where id = (select max(id) from sale_tickets)').run();
      }, /fue borrado/],
      ['a cashier made dueño', (db) => db.prepare("update users set role = 'dueño' where role = 'cajero'").run(), /usuario .*: tiene el rol dueño/],
      ['a user added by hand', (db) => db.prepare("insert into users (id, name, name_key, role, password_hash, pin_hash, active, failed_attempts, locked_until, must_change_password, last_login_at, version, created_at, updated_at) select 'intruso', 'Intruso', 'intruso', 'dueño', password_hash, null, 1, 0, null, 0, null, 1, created_at, updated_at from users limit 1").run(), /Intruso: no tiene registro/],
      ['the owner’s password hash replaced', (db) => db.prepare("update users set password_hash = (select password_hash from users where role = 'cajero') where role = 'dueño'").run(), /contraseña o su PIN/],
      ['a setting flipped', (db) => db.prepare("update settings set value = json_set(value, '$.allowNegativeStock', json('true')) where key = 'store'").run(), /allowNegativeStock: vale true/],
    ];
    for (const [what, tamper, found] of cases) {
      app = await storeWithHistory();
      await app.sessionAs('cajero', 'Beto');
      expect(await verify(), what).toMatchObject({ verified: true });
      const db = raw();
      db.pragma('foreign_keys = OFF');
      for (const name of db.prepare("select name from sqlite_master where type = 'trigger'").pluck().all() as string[]) db.exec(`drop trigger "${name}"`);
      tamper(db);
      const result = await verify();
      expect(result.verified, what).toBe(false);
      expect(result.firstBad!.reason, what).toMatch(found);
      const run = await app.services.forensics.run({ from: '2026-11-01', to: '2026-11-22' });
      expect(run.findings.map((f) => f.rule), what).toContain('fila-distinta-de-auditoria');
      app.dispose();
      app = undefined as unknown as TestApp;
    }
  });

  it('exposes the chain head that reports pin', async () => {
    app = await storeWithHistory();
    const head = await app.ok('audit.head');
    const verified = await verify();
    expect(head).toEqual(verified.head);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    await app.ok('settings.update', { storeName: 'Otro nombre' });
    expect((await app.ok('audit.head')).seq).toBeGreaterThan(head.seq);
  });
});
