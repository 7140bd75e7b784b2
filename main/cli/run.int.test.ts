import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { repoRoot, tempDir } from '../testing';
import { runCli } from './run';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What standard input holds for the next command (a password for `users add`). */
let stdin = '';

async function gondola(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const secret = stdin;
  stdin = '';
  const code = await runCli(
    argv,
    {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      untilStopped: async () => undefined,
      env: {},
      readSecret: async () => secret,
    },
    { staticDir: join(repoRoot, 'dist', 'renderer'), resourcesDir: repoRoot },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gondola command', () => {
  it('loads the demo into an empty store once, and info reports it as JSON', async () => {
    const dataDir = tempDir('gondola-cli');
    dirs.push(dataDir);
    const demo = await gondola('demo', '--data-dir', dataDir, '--days', '20');
    expect(demo).toMatchObject({ code: 0 });
    expect(demo.out).toMatch(/Se cargaron 6\d\d productos de ejemplo en 12 categorías, 20 proveedores, \d+ recepciones y \d+ tickets/);

    const info = await gondola('info', '--data-dir', dataDir, '--json');
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.out) as Record<string, unknown>;
    expect(parsed).toMatchObject({ dataDir, schemaVersion: migrations.length, schemaName: migrations.at(-1)!.name });
    expect(parsed.productCount).toBeGreaterThanOrEqual(600);
    expect(parsed.dbSizeBytes).toBeGreaterThan(0);

    const again = await gondola('demo', '--data-dir', dataDir);
    expect(again).toMatchObject({ code: 1, err: 'La tienda ya tiene productos: la demo solo se carga en una tienda vacía.' });
  });

  it('writes a verified online backup that opens as a store', async () => {
    const dataDir = tempDir('gondola-cli');
    dirs.push(dataDir);
    await gondola('demo', '--data-dir', dataDir, '--days', '5');
    const out = join(dataDir, 'copia.db');
    const backup = await gondola('backup', '--data-dir', dataDir, '--out', out);
    expect(backup).toMatchObject({ code: 0, out: expect.stringContaining('Copia de seguridad verificada') });
    const copy = new Database(out, { readonly: true });
    expect(copy.prepare('select count(*) from products').pluck().get()).toBe(621);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(await gondola('backup', '--data-dir', dataDir, '--out', out)).toMatchObject({ code: 1, err: expect.stringContaining('Ya existe') });
    const stock = await gondola('stock', '--data-dir', dataDir, '--json');
    const rows = JSON.parse(stock.out) as { sku: string; onHand: number; avgCost: number; value: number; unit: string }[];
    expect(rows).toHaveLength(621);
    expect(rows[0]).toEqual({ sku: expect.any(String), name: expect.any(String), unit: expect.stringMatching(/^(un|kg|l)$/), onHand: expect.any(Number), avgCost: expect.any(Number), value: expect.any(Number) });
  });

  it('adds users with the password from standard input, lists them, and audits commands as the OS user', async () => {
    const dataDir = tempDir('gondola-cli-users');
    dirs.push(dataDir);
    stdin = 'corta';
    const weak = await gondola('users', 'add', 'Marta', '--role', 'dueño', '--data-dir', dataDir);
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('al menos 8 caracteres');
    stdin = 'una-clave-larga';
    expect(await gondola('users', 'add', 'Marta', '--role', 'dueño', '--data-dir', dataDir)).toMatchObject({ code: 0 });
    stdin = 'otra-clave-larga';
    expect(await gondola('users', 'add', 'Beto', '--role', 'cajero', '--data-dir', dataDir)).toMatchObject({ code: 0 });
    expect((await gondola('users', 'add', 'Beto', '--role', 'jefe', '--data-dir', dataDir)).err).toContain('--role');
    const list = await gondola('users', 'list', '--data-dir', dataDir, '--json');
    const users = JSON.parse(list.out) as { name: string; role: string; hasPin: boolean }[];
    expect(users.map((u) => [u.name, u.role])).toEqual([
      ['Beto', 'cajero'],
      ['Marta', 'dueño'],
    ]);
    expect(list.out).not.toContain('scrypt');

    expect(await gondola('stock', '--data-dir', dataDir, '--json')).toMatchObject({ code: 0 });
    const verify = await gondola('audit', 'verify', '--data-dir', dataDir, '--json');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.out)).toMatchObject({ verified: true, firstBad: null });

    const db = new Database(join(dataDir, 'gondola.db'), { readonly: true });
    const entries = db.prepare('select user_name, method, entity, entity_id from audit_log order by seq').all() as { user_name: string; method: string; entity: string; entity_id: string }[];
    db.close();
    const os = entries.find((e) => e.method === 'cli.stock');
    expect(os?.user_name).toMatch(/^so:/);
    expect(entries.filter((e) => e.entity === 'user')).toHaveLength(2);
    expect(entries.every((e) => e.user_name?.startsWith('so:'))).toBe(true);
  });

  it('answers unknown commands and flags in Spanish with the help', async () => {
    expect(await gondola('vender')).toMatchObject({ code: 2, err: expect.stringContaining('Comando desconocido: vender') });
    expect(await gondola('info', '--colour')).toMatchObject({ code: 2, err: expect.stringContaining('Uso:') });
    expect(await gondola('--help')).toMatchObject({ code: 0, out: expect.stringContaining('gondola serve') });
  });

  it('prints the bridge URL with its token when serving', async () => {
    const dataDir = tempDir('gondola-cli');
    dirs.push(dataDir);
    const served = await gondola('serve', '--data-dir', dataDir, '--port', '0');
    expect(served.code).toBe(0);
    expect(served.out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}/);
    expect(await gondola('serve', '--data-dir', dataDir, '--port', 'noventa')).toMatchObject({ code: 1 });
  });
});
