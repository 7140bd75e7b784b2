import type { Kysely } from 'kysely';

/**
 * A schema change. Migrations are frozen once landed: they take `Kysely<any>`
 * (never the app's current types, which move on) and import nothing from main/.
 */
export interface Migration {
  /** Sortable, unique, never reused: `0001_initial`. */
  readonly name: string;
  up(db: Kysely<any>): Promise<void>;
}
