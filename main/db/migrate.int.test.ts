import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations, type Migration } from '../../migrations';
import { createApp } from '../app';
import { memoryLogger } from '../logger';
import { openTestApp, repoRoot, tempDir } from '../testing';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dir(): string {
  const d = tempDir('gondola-migrate');
  dirs.push(d);
  return d;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const addNotes: Migration = {
  name: '9000_test_notes',
  async up(db) {
    await db.schema.createTable('test_notes').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
  },
};

describe('migrations', () => {
  it('bring an empty folder to the current schema with the right pragmas', async () => {
    const app = await openTestApp({ dataDir: dir() });
    try {
      const info = await app.ok('system.info');
      expect(info.schemaVersion).toBe(migrations.length);
      expect(info.schemaName).toBe(migrations.at(-1)!.name);
      const raw = app.core.sql.raw;
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(raw.pragma('synchronous', { simple: true })).toBe(2);
      const tables = raw.prepare("select name from sqlite_master where type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['products', 'product_barcodes', 'categories', 'settings']));
      expect(app.startup.backupPath).toBeNull();
    } finally {
      app.close();
    }
  });

  it('refuse a database with an unknown newer migration and leave it untouched', async () => {
    const dataDir = dir();
    const app = await openTestApp({ dataDir });
    await app.ok('products.create', { sku: 'A1', name: 'Arroz', price: 100000 });
    app.close();
    const dbPath = join(dataDir, 'gondola.db');
    const future = new Database(dbPath);
    future.prepare("insert into schema_migrations (name, applied_at) values ('9999_from_the_future', '2030-01-01')").run();
    future.pragma('wal_checkpoint(TRUNCATE)');
    future.close();
    const before = sha256(dbPath);
    const filesBefore = readdirSync(dataDir).sort();

    await expect(createApp({ dataDir, resourcesDir: repoRoot, logger: memoryLogger() })).rejects.toMatchObject({
      code: 'SCHEMA_TOO_NEW',
      message: expect.stringContaining('versión más nueva'),
    });
    expect(sha256(dbPath)).toBe(before);
    expect(readdirSync(dataDir).sort()).toEqual(filesBefore);
  });

  it('write an online backup before running pending migrations on an existing store', async () => {
    const dataDir = dir();
    const first = await openTestApp({ dataDir, migrations });
    await first.ok('products.create', { sku: 'A1', name: 'Arroz', price: 100000 });
    first.close();

    const second = await openTestApp({ dataDir, migrations: [...migrations, addNotes] });
    try {
      expect(second.startup.appliedMigrations).toEqual(['9000_test_notes']);
      const backupPath = second.startup.backupPath!;
      expect(backupPath).toContain('antes-de-9000_test_notes');
      const backup = new Database(backupPath, { readonly: true });
      expect(backup.prepare('select count(*) from schema_migrations').pluck().get()).toBe(migrations.length);
      expect(backup.prepare('select sku from products').pluck().all()).toEqual(['A1']);
      backup.close();
      expect((await second.ok('system.info')).schemaVersion).toBe(migrations.length + 1);
    } finally {
      second.close();
    }
  });

  it('roll back a failing migration completely', async () => {
    const dataDir = dir();
    (await openTestApp({ dataDir })).close();
    const broken: Migration = {
      name: '9001_broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        await sql`select * from no_such_table`.execute(db);
      },
    };
    await expect(openTestApp({ dataDir, migrations: [...migrations, broken] })).rejects.toThrow(/9001_broken/);
    const raw = new Database(join(dataDir, 'gondola.db'), { readonly: true });
    expect(raw.prepare("select count(*) from sqlite_master where name = 'half_done'").pluck().get()).toBe(0);
    expect(raw.prepare('select count(*) from schema_migrations').pluck().get()).toBe(migrations.length);
    raw.close();
  });

  it('refuse a file that is not a database with a clear message', async () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'gondola.db'), 'esto no es una base de datos '.repeat(100));
    await expect(createApp({ dataDir, resourcesDir: repoRoot, logger: memoryLogger() })).rejects.toMatchObject({
      code: 'DATABASE_UNREADABLE',
    });
  });
});
