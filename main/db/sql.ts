import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import type { Statement } from 'better-sqlite3';
import type { RawDatabase } from './open';
import type { DB } from './schema';

/**
 * Kysely builds and types the SQL; better-sqlite3 runs it synchronously.
 *
 * Kysely's own SQLite driver is async, which would put `await` inside write
 * transactions and let other requests interleave with them. Compiling with
 * kysely and executing the compiled statement ourselves keeps every
 * transaction a plain synchronous function (no await inside), keeps SQL
 * parameterised, and lets us cache prepared statements by SQL text.
 */
export class Sql {
  readonly q: Kysely<DB>;
  private readonly statements = new Map<string, Statement>();

  constructor(readonly raw: RawDatabase) {
    this.q = new Kysely<DB>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
  }

  /** All rows of a select (or a statement with RETURNING). */
  all<R>(query: Compilable<R>): R[] {
    const compiled = query.compile();
    return this.prepare(compiled).all(...bindable(compiled.parameters)) as R[];
  }

  /** The first row, or undefined. */
  first<R>(query: Compilable<R>): R | undefined {
    const compiled = query.compile();
    return this.prepare(compiled).get(...bindable(compiled.parameters)) as R | undefined;
  }

  /** Runs a write; returns the number of rows changed. */
  run(query: Compilable<unknown>): number {
    const compiled = query.compile();
    return this.prepare(compiled).run(...bindable(compiled.parameters)).changes;
  }

  /**
   * Runs `fn` in one `BEGIN IMMEDIATE` transaction (a savepoint when nested).
   * `fn` must be synchronous: an async function would commit before its awaits ran.
   */
  transaction<T>(fn: () => T): T {
    return this.raw
      .transaction(() => {
        const result = fn();
        if (result instanceof Promise) throw new Error('transaction functions must be synchronous');
        return result;
      })
      .immediate();
  }

  private prepare(compiled: CompiledQuery): Statement {
    let statement = this.statements.get(compiled.sql);
    if (!statement) {
      // Bounded: queries with IN lists vary in text; keep the cache from growing forever.
      if (this.statements.size > 500) this.statements.clear();
      statement = this.raw.prepare(compiled.sql);
      this.statements.set(compiled.sql, statement);
    }
    return statement;
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1. */
function bindable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}
