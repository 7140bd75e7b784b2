import { accessSync, constants, existsSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Migration } from '../../migrations';
import { AppError } from '../domain/errors';
import { backupDatabase } from './backup';
import { openDatabase, type RawDatabase } from './open';

export interface SchemaState {
  applied: string[];
  pending: Migration[];
  unknown: string[];
}

/** Reads which migrations a database has run, without writing anything to it. */
export function readSchemaState(db: RawDatabase, known: readonly Migration[]): SchemaState {
  const hasTable = db
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'")
    .get();
  const applied = hasTable
    ? (db.prepare('select name from schema_migrations order by name').all() as { name: string }[]).map((r) => r.name)
    : [];
  const appliedSet = new Set(applied);
  const knownSet = new Set(known.map((m) => m.name));
  return {
    applied,
    pending: known.filter((m) => !appliedSet.has(m.name)),
    unknown: applied.filter((name) => !knownSet.has(name)),
  };
}

export interface OpenMigratedOptions {
  dbPath: string;
  migrations: readonly Migration[];
  now: () => Date;
  nativeBinding?: string | undefined;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

export interface OpenMigratedResult {
  db: RawDatabase;
  appliedNow: string[];
  backupPath: string | null;
}

/**
 * Opens the store database and brings it to the current schema.
 *
 * A database that has run a migration this build does not know was written by a
 * newer Góndola: it is refused before anything (not even the WAL switch) touches
 * it. When an existing store has migrations pending, an online backup is written
 * beside it first, so a failed upgrade can always be undone.
 */
export async function openMigrated(options: OpenMigratedOptions): Promise<OpenMigratedResult> {
  const { dbPath, migrations } = options;
  refuseReadOnly(dbPath);
  if (existsSync(dbPath)) {
    const unknown = probeUnknownMigrations(dbPath, migrations, options.nativeBinding);
    if (unknown.length > 0) {
      throw new AppError(
        'SCHEMA_TOO_NEW',
        `La base de datos ${dbPath} fue creada por una versión más nueva de Góndola. Actualizá la aplicación para abrirla; no se modificó nada.`,
        { unknownMigrations: unknown, dbPath },
      );
    }
  }

  const db = openDatabase(dbPath, { nativeBinding: options.nativeBinding });
  try {
    db.exec('create table if not exists schema_migrations (name text primary key, applied_at text not null) strict');
    const state = readSchemaState(db, migrations);
    let backupPath: string | null = null;
    if (state.pending.length > 0 && state.applied.length > 0) {
      const stamp = options.now().toISOString().replace(/[:.]/g, '-');
      backupPath = await backupDatabase(db, `${dbPath}.antes-de-${state.pending[0]!.name}.${stamp}.bak`);
      options.log('backup before migrating', { backupPath, pending: state.pending.map((m) => m.name) });
    }
    const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: db }) });
    const appliedNow: string[] = [];
    for (const migration of state.pending) {
      // Startup is the one place we await inside a transaction: nothing else can
      // run yet, and the migrations use kysely's async schema builder.
      db.exec('begin immediate');
      try {
        await migration.up(kysely);
        db.prepare('insert into schema_migrations (name, applied_at) values (?, ?)').run(
          migration.name,
          options.now().toISOString(),
        );
        db.exec('commit');
      } catch (error) {
        db.exec('rollback');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      appliedNow.push(migration.name);
      options.log('migration applied', { name: migration.name });
    }
    return { db, appliedNow, backupPath };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A data folder (or database file) the app may not write is said as such, not
 * taken for a damaged database: SQLite fails on it in ways that look alike.
 */
function refuseReadOnly(dbPath: string): void {
  for (const path of [dirname(dbPath), dbPath]) {
    if (!existsSync(path)) continue;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new AppError(
        'STORAGE_UNAVAILABLE',
        `La carpeta de datos ${dirname(dbPath)} es de solo lectura: Góndola necesita poder escribir en ${path}. Revisá los permisos (o que el disco no esté protegido contra escritura); no se modificó nada.`,
        { reason: 'read-only', path },
      );
    }
  }
}

/**
 * Reads the applied migrations through a read-only connection. A read-only
 * connection to a WAL database still creates the -wal and -shm side files;
 * when they were not there before and hold nothing, they are removed again so
 * the folder is exactly as we found it.
 */
function probeUnknownMigrations(dbPath: string, known: readonly Migration[], nativeBinding: string | undefined): string[] {
  const sideFiles = [`${dbPath}-wal`, `${dbPath}-shm`].filter((f) => !existsSync(f));
  let probe: RawDatabase | undefined;
  try {
    probe = openDatabase(dbPath, { readonly: true, nativeBinding });
    return readSchemaState(probe, known).unknown;
  } catch (error) {
    throw new AppError(
      'DATABASE_UNREADABLE',
      `No se pudo abrir ${dbPath}: no parece una base de datos de Góndola o está dañada. No se modificó nada.`,
      { dbPath, cause: (error as Error).message },
    );
  } finally {
    probe?.close();
    for (const file of sideFiles) {
      if (existsSync(file) && (file.endsWith('-shm') || statSync(file).size === 0)) rmSync(file, { force: true });
    }
  }
}
