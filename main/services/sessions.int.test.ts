import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, permissions, type Access } from '../../contract';
import { systemSession } from '../session';
import { fixedClock, openTestApp, TEST_PASSWORD, type TestApp } from '../testing';
import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from './credentials';
import { hashSecret, verifySecret } from '../security/passwords';

let app: TestApp;
afterEach(() => app?.dispose());

const call = (method: string, input: unknown, session = app.session) => app.dispatch(method, input, session);

describe('permission matrix', () => {
  it('has an entry for every method, and only for methods', () => {
    expect(Object.keys(permissions).sort()).toEqual([...METHOD_NAMES].sort());
    for (const access of Object.values(permissions) as Access[]) {
      expect(access.roles === 'anyone' || access.roles.length > 0).toBe(true);
    }
  });
});

describe('first run', () => {
  it('asks for the owner account, refuses everything else until then, and only once', async () => {
    app = await openTestApp({}, { owner: false });
    const session = systemSession('test', 'first');
    expect(await call('auth.status', {}, session)).toMatchObject({ ok: true, data: { needsSetup: true, user: null } });
    expect(await call('products.list', {}, session)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const weak = await call('auth.setup', { name: 'Marta', password: '1234' }, session);
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const setup = await call('auth.setup', { name: 'Marta', password: 'una-clave-larga', pin: '2468' }, session);
    expect(setup).toMatchObject({ ok: true, data: { needsSetup: false, user: { name: 'Marta', role: 'dueño' }, seesCosts: true } });
    expect(await call('products.list', {}, session)).toMatchObject({ ok: true });
    const again = await call('auth.setup', { name: 'Intruso', password: 'otra-clave-larga' }, systemSession('test', 'other'));
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const stored = app.core.sql.raw.prepare('select password_hash, pin_hash from users').get() as { password_hash: string; pin_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(stored.password_hash).not.toContain('una-clave-larga');
    expect(stored.pin_hash).toMatch(/^scrypt\$/);
  });
});

describe('roles', () => {
  it('keeps a cashier away from costs, stock value, users, settings and the audit list, by the method and in what comes back', async () => {
    app = await openTestApp();
    await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Proveedor' });
    const product = await app.ok('products.create', { sku: 'A1', name: 'Arroz', price: 100_000, cost: 60_000, barcodes: ['7790387000139'] });
    const cajero = await app.sessionAs('cajero', 'Beto');

    for (const method of ['stock.list', 'stock.kardex', 'stock.adjust', 'users.list', 'users.create', 'settings.update', 'audit.list', 'audit.verify', 'purchaseOrders.list', 'products.update', 'counts.approve', 'import.run', 'receipts.post']) {
      const result = await call(method, {}, cajero);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const seen = await call('products.get', { id: product.id }, cajero);
    expect(seen.ok).toBe(true);
    expect(seen.ok && seen.data).toMatchObject({ sku: 'A1', price: 100_000 });
    expect(seen.ok && Object.keys(seen.data as object)).not.toContain('cost');
    expect(seen.ok && Object.keys(seen.data as object)).not.toContain('avgCost');
    const listed = await call('products.list', {}, cajero);
    expect(JSON.stringify(listed)).not.toMatch(/"(cost|avgCost)"/);
    // The store's revenue is not a cashier's: their Inicio is their own shift.
    expect(await call('dashboard.summary', {}, cajero)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('dashboard.shift', {}, cajero)).toMatchObject({ ok: true, data: { userName: 'Beto', tickets: 0 } });
    const status = await call('auth.status', {}, cajero);
    expect(status).toMatchObject({ ok: true, data: { seesCosts: false } });
    expect(status.ok && (status.data as { allowed: string[] }).allowed).toContain('sales.close');
    expect(status.ok && (status.data as { allowed: string[] }).allowed).not.toContain('stock.list');

    // The owner sees the same product with its costs.
    expect(await app.ok('products.get', { id: product.id })).toMatchObject({ cost: 60_000 });
  });

  it('lets cashiers receive goods only while the owner allows it, at the last cost, without showing it', async () => {
    app = await openTestApp();
    await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Proveedor' });
    const product = await app.ok('products.create', { sku: 'A1', name: 'Arroz', price: 100_000, cost: 60_000 });
    const cajero = await app.sessionAs('cajero', 'Beto');
    const receipt = { supplierCuit: '30-71234567-1', docType: 'R', pos: 1, number: 77, date: '2026-11-20', lines: [{ productId: product.id, qty: 5000 }] };
    expect(await call('receipts.post', receipt, cajero)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await app.ok('settings.update', { cashiersCanReceive: true });
    const posted = await call('receipts.post', receipt, cajero);
    expect(posted).toMatchObject({ ok: true, data: { userName: 'Beto' } });
    expect(JSON.stringify(posted)).not.toMatch(/"(unitCost|netTotal|ivaTotal|total)"/);
    const asOwner = await app.ok('receipts.get', { id: (posted as { data: { id: string } }).data.id });
    expect(asOwner.lines[0]).toMatchObject({ unitCost: 60_000 });
    expect(asOwner.total).toBeGreaterThan(0);
  });

  it('applies a role change or a deactivation at the next call, and never leaves the store without an owner', async () => {
    app = await openTestApp();
    const manager = await app.sessionAs('encargado', 'Enzo');
    expect(await call('stock.list', {}, manager)).toMatchObject({ ok: true });
    const enzo = app.services.users.list().find((u) => u.name === 'Enzo')!;
    await app.ok('users.update', { id: enzo.id, role: 'cajero' });
    expect(await call('stock.list', {}, manager)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await app.ok('users.update', { id: enzo.id, active: false });
    expect(await call('sales.list', {}, manager)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const owner = app.services.users.list().find((u) => u.role === 'dueño')!;
    expect(await call('users.update', { id: owner.id, role: 'encargado' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await call('users.update', { id: owner.id, active: false })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('login', () => {
  it('slows down every failure, locks the account after five, and opens again after the lock time', async () => {
    const clock = fixedClock();
    app = await openTestApp({ clock, auth: { hashCost: 10, failureDelayMs: 20 } });
    await app.sessionAs('cajero', 'Beto');
    const session = systemSession('test', 'counter');
    const elapsed: number[] = [];
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      const start = performance.now();
      const result = await call('auth.login', { user: 'beto', password: 'adivinanza' }, session);
      elapsed.push(performance.now() - start);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Usuario o contraseña incorrectos.', details: { attemptsLeft: MAX_FAILED_ATTEMPTS - i } } });
    }
    // 20, 40, 80, 160 ms at least: each failure waits twice the one before.
    elapsed.forEach((ms, i) => expect(ms).toBeGreaterThanOrEqual(20 * 2 ** i - 2));
    const fifth = await call('auth.login', { user: 'Beto', password: 'adivinanza' }, session);
    expect(fifth).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(!fifth.ok && fifth.error.message).toContain(`${LOCK_MINUTES} minutos`);
    // Locked means locked: the right password does not open it either.
    expect(await call('auth.login', { user: 'Beto', password: TEST_PASSWORD }, session)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(app.services.users.list().find((u) => u.name === 'Beto')!.lockedUntil).not.toBeNull();
    clock.advance((LOCK_MINUTES + 1) * 60_000);
    expect(await call('auth.login', { user: 'Beto', password: TEST_PASSWORD }, session)).toMatchObject({ ok: true, data: { user: { name: 'Beto' } } });
    // An unknown user gets the same answer as a wrong password.
    expect(await call('auth.login', { user: 'nadie', password: 'x' }, session)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Usuario o contraseña incorrectos.' } });
  });

  it('lets the owner reset a locked password; the user must change it before anything else', async () => {
    app = await openTestApp();
    await app.sessionAs('cajero', 'Beto');
    const session = systemSession('test', 'counter');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await call('auth.login', { user: 'Beto', password: 'mal' }, session);
    const beto = app.services.users.list().find((u) => u.name === 'Beto')!;
    await app.ok('users.resetPassword', { id: beto.id, password: 'provisoria-123' });
    expect(await call('auth.login', { user: 'Beto', password: 'provisoria-123' }, session)).toMatchObject({ ok: true, data: { user: { mustChangePassword: true } } });
    expect(await call('sales.list', {}, session)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('auth.changePassword', { current: 'mal', next: 'definitiva-123' }, session)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call('auth.changePassword', { current: 'provisoria-123', next: 'definitiva-123' }, session)).toMatchObject({ ok: true, data: { user: { mustChangePassword: false } } });
    expect(await call('sales.list', {}, session)).toMatchObject({ ok: true });
  });

  it('keeps sessions apart: a login belongs to its connection only', async () => {
    app = await openTestApp();
    const a = await app.sessionAs('cajero', 'Ana');
    const b = systemSession('test', 'other-window');
    expect(await call('sales.list', {}, a)).toMatchObject({ ok: true });
    expect(await call('sales.list', {}, b)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    await call('auth.logout', {}, a);
    expect(await call('sales.list', {}, a)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await app.ok('sales.list', {})).toBeTruthy();
  });
});

describe('locking', () => {
  it('locks after the idle time; the PIN or the password unlocks it, a wrong one does not', async () => {
    const clock = fixedClock();
    app = await openTestApp({ clock });
    await app.ok('settings.update', { idleLockMinutes: 5 });
    await app.ok('auth.setPin', { password: TEST_PASSWORD, pin: '2468' });
    clock.advance(4 * 60_000);
    expect(await call('sales.list', {})).toMatchObject({ ok: true });
    clock.advance(5 * 60_000 + 1000);
    expect(await call('sales.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await call('auth.status', {})).toMatchObject({ ok: true, data: { locked: true, user: { name: 'Dueña' }, allowed: expect.not.arrayContaining(['sales.list']) } });
    expect(await call('auth.unlock', { secret: '1111' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call('auth.unlock', { secret: '2468' })).toMatchObject({ ok: true, data: { locked: false } });
    expect(await call('sales.list', {})).toMatchObject({ ok: true });
    await call('auth.lock', {});
    expect(await call('sales.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await call('auth.unlock', { secret: TEST_PASSWORD })).toMatchObject({ ok: true, data: { locked: false } });
  });

  it('switches cashiers at the counter by PIN', async () => {
    app = await openTestApp();
    await app.ok('users.create', { name: 'Caro', role: 'cajero', password: 'clave-de-caro', pin: '1357' });
    const counter = systemSession('test', 'counter');
    expect(await call('auth.status', {}, counter)).toMatchObject({ ok: true, data: { pinUsers: ['Caro'] } });
    expect(await call('auth.pin', { user: 'Caro', pin: '1358' }, counter)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call('auth.pin', { user: 'caro', pin: '1357' }, counter)).toMatchObject({ ok: true, data: { user: { name: 'Caro', role: 'cajero', mustChangePassword: true } } });
  });
});

describe('password hashing', () => {
  it('salts every hash and verifies only the right secret', async () => {
    const a = await hashSecret('misma-clave', 10);
    const b = await hashSecret('misma-clave', 10);
    expect(a).not.toBe(b);
    expect(await verifySecret('misma-clave', a)).toBe(true);
    expect(await verifySecret('misma-clave', b)).toBe(true);
    expect(await verifySecret('misma-clavE', a)).toBe(false);
    expect(await verifySecret('misma-clave', 'scrypt$10$8$1$broken')).toBe(false);
    expect(await verifySecret('misma-clave', 'md5$abc')).toBe(false);
  });
});
