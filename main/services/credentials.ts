import { randomUUID } from 'node:crypto';
import type { UsersTable } from '../db/schema';
import { AppError } from '../domain/errors';
import { DEFAULT_COST, hashSecret, verifySecret } from '../security/passwords';
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
   * One guarded secret check: refuses a locked account, counts a failure (a
   * growing delay, then a temporary lock), clears the count on success.
   */
  async attempt(row: UsersTable | undefined, check: (row: UsersTable) => Promise<boolean>, method: string, wrongMessage: string): Promise<void> {
    const now = this.core.clock.now();
    if (row && row.locked_until && row.locked_until > now.toISOString()) {
      throw new AppError('ACCOUNT_LOCKED', lockedMessage(row.name, row.locked_until, now), { lockedUntil: row.locked_until });
    }
    // An unknown or inactive user costs the same hashing as a real one, so the
    // answer's timing does not tell which user names exist.
    const ok = row && row.active === 1 ? await check(row) : (await verifySecret('x', await this.decoyHash()), false);
    if (ok && row) {
      if (row.failed_attempts > 0 || row.locked_until) {
        write(this.core, (tx) => {
          tx.sql.run(tx.sql.q.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', row.id));
          tx.audit({ entity: 'user', id: row.id, before: { failedAttempts: row.failed_attempts }, after: { failedAttempts: 0 } });
        });
      }
      return;
    }
    let failures = 1;
    if (row) {
      failures = row.failed_attempts + 1;
      const lockedUntil = failures >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
      write(this.core, (tx) => {
        tx.sql.run(
          tx.sql.q
            .updateTable('users')
            .set({ failed_attempts: lockedUntil ? 0 : failures, locked_until: lockedUntil })
            .where('id', '=', row.id),
        );
        tx.audit({ entity: 'user', id: row.id, after: { failedAttempt: failures, via: method, lockedUntil } });
      });
      if (lockedUntil) {
        await sleep(this.delay(failures));
        throw new AppError('ACCOUNT_LOCKED', lockedMessage(row.name, lockedUntil, now), { lockedUntil });
      }
    }
    // Slower with every failure: guessing costs time, a typo costs a blink.
    await sleep(this.delay(failures));
    throw new AppError('UNAUTHORIZED', wrongMessage, { attemptsLeft: row ? MAX_FAILED_ATTEMPTS - failures : undefined });
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

function lockedMessage(name: string, until: string, now: Date): string {
  const minutes = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));
  return `La cuenta de ${name} quedó bloqueada por intentos fallidos. Probá de nuevo en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}, o pedile al dueño que te asigne una contraseña nueva.`;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
