import { randomUUID } from 'node:crypto';
import type { UsersTable } from '../db/schema';
import { AppError } from '../domain/errors';
import { DEFAULT_COST, hashSecret, verifySecret } from '../security/passwords';
import type { Session } from '../session';
import { write, type Core } from '../write';

export interface AuthOptions {
  /** log2 of scrypt's N for new hashes (tests lower it; stored hashes keep their own). */
  hashCost?: number;
  /** First delay after a failed attempt, doubling with each further one. */
  failureDelayMs?: number;
}

/** Failed attempts in a row that lock an account, and for how long. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
/** Failures on one connection, whatever names they tried, that lock the connection (a script spraying names). */
export const SPRAY_LIMIT = 20;
const MAX_DELAY_MS = 4000;

/**
 * Every check of a password or PIN goes through here: a locked account is
 * refused, a failure is counted (a growing delay, then a temporary lock) and
 * the count cleared on success, and an unknown user costs the same hashing as
 * a real one. The hashing itself is security/passwords.ts.
 */
export class Credentials {
  private readonly hashCost: number;
  private readonly failureDelayMs: number;
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly core: Core,
    options: AuthOptions = {},
  ) {
    this.hashCost = options.hashCost ?? DEFAULT_COST;
    this.failureDelayMs = options.failureDelayMs ?? 250;
  }

  /** A new hash of a password or PIN at the store's cost. */
  hash(secret: string): Promise<string> {
    return hashSecret(secret, this.hashCost);
  }

  /**
   * One guarded secret check. The attempt is counted before the slow hash
   * (synchronously: parallel guesses queue behind it), so forty guesses at once
   * are five attempts and thirty-five refusals, not forty hashes. A user's
   * attempts are counted on its row; a name that is no user is counted on the
   * connection the same way and gets the same answers (message, attempts left,
   * lock, hashing time), so none of them tells which names exist. A connection
   * spraying names is locked after SPRAY_LIMIT failures in all.
   */
  async attempt(row: UsersTable | undefined, check: (row: UsersTable) => Promise<boolean>, method: string, wrongMessage: string, session: Session, typedName?: string): Promise<void> {
    const now = this.core.clock.now();
    const t = now.getTime();
    const connection = (session.failures ??= { total: 0, lockedUntil: 0, unknown: new Map() });
    // The name a lock message names: the user's, or what was typed (never telling which it is).
    const shownName = row?.name ?? typedName ?? 'este usuario';
    if (connection.lockedUntil > t) throw locked(shownName, new Date(connection.lockedUntil).toISOString(), now);
    const known = row && row.active === 1 ? row : null;
    // Reserve the attempt before hashing.
    let failures: number;
    let lockedUntil: string | null;
    if (known) {
      ({ failures, lockedUntil } = this.reserve(known.id, now));
    } else {
      const key = (typedName ?? row?.name ?? '').trim().toLocaleLowerCase('es-AR');
      const entry = connection.unknown.get(key) ?? { count: 0, lockedUntil: 0 };
      if (entry.lockedUntil > t) throw locked(typedName ?? 'este usuario', new Date(entry.lockedUntil).toISOString(), now);
      entry.count = entry.lockedUntil > 0 ? 1 : entry.count + 1;
      entry.lockedUntil = entry.count >= MAX_FAILED_ATTEMPTS ? t + LOCK_MINUTES * 60_000 : 0;
      connection.unknown.set(key, entry);
      failures = entry.count;
      lockedUntil = entry.lockedUntil ? new Date(entry.lockedUntil).toISOString() : null;
    }
    connection.total++;
    if (connection.total >= SPRAY_LIMIT) connection.lockedUntil = t + LOCK_MINUTES * 60_000;
    const ok = known ? await check(known) : (await verifySecret('x', await this.decoyHash()), false);
    if (ok && known) {
      connection.total = 0;
      // Earlier failures cleared is worth an entry; the reservation of a right guess is not.
      if (failures > 1) {
        write(this.core, (tx) => {
          tx.sql.run(tx.sql.q.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', known.id));
          tx.audit({ entity: 'user', id: known.id, before: { failedAttempts: failures - 1 }, after: { failedAttempts: 0 } });
        });
      } else this.unreserve(known.id);
      return;
    }
    if (known) write(this.core, (tx) => tx.audit({ entity: 'user', id: known.id, after: { failedAttempt: failures, via: method, lockedUntil } }));
    // Slower with every failure: guessing costs time, a typo costs a blink.
    await sleep(this.delay(failures));
    if (lockedUntil) throw locked(shownName, lockedUntil, now);
    throw new AppError('UNAUTHORIZED', wrongMessage, { attemptsLeft: MAX_FAILED_ATTEMPTS - failures });
  }

  /**
   * Counts one attempt on a user before checking it, in one statement on the
   * re-read row (the audit entry follows once the guess turned out wrong);
   * refuses a locked account. Returns the count and the lock it set.
   */
  private reserve(userId: string, now: Date): { failures: number; lockedUntil: string | null } {
    const raw = this.core.sql.raw;
    const fresh = raw.prepare('select name, failed_attempts, locked_until from users where id = ?').get(userId) as { name: string; failed_attempts: number; locked_until: string | null };
    if (fresh.locked_until && fresh.locked_until > now.toISOString()) throw locked(fresh.name, fresh.locked_until, now);
    const failures = fresh.failed_attempts + 1;
    const lockedUntil = failures >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    // The lock is set with the attempt that reaches the limit; a right secret on that attempt lifts it.
    raw.prepare('update users set failed_attempts = ?, locked_until = ? where id = ?').run(lockedUntil ? 0 : failures, lockedUntil, userId);
    return { failures, lockedUntil };
  }

  /** A right guess on the first try: its reservation undone. */
  private unreserve(userId: string): void {
    this.core.sql.raw.prepare('update users set failed_attempts = 0, locked_until = null where id = ?').run(userId);
  }

  /** The password, or the PIN when the secret looks like one and the user has one. */
  passwordOrPin(secret: string): (row: UsersTable) => Promise<boolean> {
    return async (r) => (r.pin_hash && /^\d{4,8}$/.test(secret) && (await verifySecret(secret, r.pin_hash))) || verifySecret(secret, r.password_hash);
  }

  password(secret: string): (row: UsersTable) => Promise<boolean> {
    return (r) => verifySecret(secret, r.password_hash);
  }

  pin(secret: string): (row: UsersTable) => Promise<boolean> {
    return (r) => (r.pin_hash ? verifySecret(secret, r.pin_hash) : Promise.resolve(false));
  }

  /** A hash of nothing at the current cost, made once, to verify against for unknown users. */
  private decoyHash(): Promise<string> {
    this.decoy ??= hashSecret(randomUUID(), this.hashCost);
    return this.decoy;
  }

  private delay(failures: number): number {
    return Math.min(this.failureDelayMs * 2 ** (failures - 1), MAX_DELAY_MS);
  }
}

function locked(name: string, until: string, now: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', lockedMessage(name, until, now), { lockedUntil: until });
}

function lockedMessage(name: string, until: string, now: Date): string {
  const minutes = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));
  return `La cuenta de ${name} quedó bloqueada por intentos fallidos. Probá de nuevo en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}, o pedile al dueño que te asigne una contraseña nueva.`;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
