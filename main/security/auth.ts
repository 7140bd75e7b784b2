import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import {
  METHOD_NAMES,
  SESSION_METHODS,
  mayCall,
  permissions,
  seesCosts,
  type Access,
  type AuthGrant,
  type AuthStatus,
  type MethodName,
  type MethodParsedInput,
  type Role,
  type User,
} from '../../contract';
import type { UsersTable } from '../db/schema';
import { AppError } from '../domain/errors';
import { type Core, currentScope, runInScope, write } from '../write';
import type { SettingsService } from '../services/settings';
import type { Grants } from './grants';
import type { Session } from '../session';
import { DEFAULT_COST, hashSecret, verifySecret } from './passwords';

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

const ROLE_LABEL: Record<Role, string> = { dueño: 'dueño', encargado: 'encargado', cajero: 'cajero' };

/**
 * Users, logins and the permission check every call goes through. Sessions
 * belong to the connection (see session.ts); this service only reads and
 * changes the Session object it is handed.
 */
export class AuthService {
  private readonly hashCost: number;
  private readonly failureDelayMs: number;
  private readonly s: Record<'byId' | 'byName' | 'count' | 'all' | 'pinUsers' | 'approvers' | 'otherOwners', Statement>;

  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
    options: AuthOptions = {},
    private readonly grants: Grants,
  ) {
    this.hashCost = options.hashCost ?? DEFAULT_COST;
    this.failureDelayMs = options.failureDelayMs ?? 250;
    const raw = core.sql.raw;
    this.s = {
      byId: raw.prepare('select * from users where id = ?'),
      byName: raw.prepare('select * from users where name_key = ?'),
      count: raw.prepare('select count(*) from users').pluck(),
      all: raw.prepare('select * from users order by name_key'),
      pinUsers: raw.prepare('select name from users where active = 1 and pin_hash is not null order by name_key').pluck(),
      approvers: raw.prepare("select name from users where active = 1 and pin_hash is not null and role in ('encargado', 'dueño') order by name_key").pluck(),
      otherOwners: raw.prepare("select count(*) from users where role = 'dueño' and active = 1 and id != ?").pluck(),
    };
  }

  // ── the check every call goes through ──────────────────────────────────────

  /**
   * Throws unless this session may call `method` now. Also locks a session idle
   * for longer than the store's setting, and follows changes to its user (a
   * role changed or the user deactivated take effect on the next call).
   */
  authorize(method: MethodName, session: Session): void {
    const access: Access = permissions[method];
    this.refresh(session);
    const now = this.core.clock.now().getTime();
    const idleMinutes = this.settings.get().idleLockMinutes;
    if (session.user && !session.locked && idleMinutes > 0 && now - session.lastActivity > idleMinutes * 60_000) session.locked = true;
    // Polling the status is not activity; everything else is.
    if (method !== 'auth.status' && !session.locked) session.lastActivity = now;
    const refused = this.refusal(method, session);
    if (refused) throw refused;
  }

  /**
   * Why this session may not call `method` now, or null: the one rule behind
   * both `authorize` and the `allowed` list that `auth.status` gives the renderer.
   */
  private refusal(method: MethodName, session: Session): AppError | null {
    const access: Access = permissions[method];
    if (access.roles === 'anyone') return null;
    if (!session.user) return new AppError('UNAUTHORIZED', 'Iniciá sesión para continuar.');
    if (session.locked && !SESSION_METHODS.has(method)) {
      return new AppError('SESSION_LOCKED', 'La sesión está bloqueada: ingresá tu PIN o tu contraseña.');
    }
    if (session.user.mustChangePassword && !SESSION_METHODS.has(method)) {
      return new AppError('FORBIDDEN', 'Antes de seguir, cambiá la contraseña provisoria.');
    }
    if (!mayCall(session.user.role, method, this.settings.get())) {
      return new AppError('FORBIDDEN', `Tu usuario (${ROLE_LABEL[session.user.role]}) no tiene permiso para esta operación.`, { method });
    }
    return null;
  }

  /** Whether what this session receives must leave costs out. */
  hidesCosts(session: Session): boolean {
    return !!session.user && !seesCosts(session.user.role);
  }

  status(session: Session): AuthStatus {
    this.refresh(session);
    const settings = this.settings.get();
    const user = session.user;
    const allowed = METHOD_NAMES.filter((m) => this.refusal(m, session) === null);
    const pinUsers = this.s.pinUsers.all() as string[];
    return {
      needsSetup: this.userCount() === 0,
      user: user ? { ...user } : null,
      locked: session.locked,
      idleLockMinutes: settings.idleLockMinutes,
      allowed,
      seesCosts: user ? seesCosts(user.role) : false,
      pinUsers,
      approvers: this.s.approvers.all() as string[],
      timeZone: settings.timeZone,
    };
  }

  // ── logging in and out ─────────────────────────────────────────────────────

  async setup(input: MethodParsedInput<'auth.setup'>, session: Session): Promise<AuthStatus> {
    if (this.userCount() > 0) throw new AppError('CONFLICT', 'El negocio ya tiene su cuenta de dueño: iniciá sesión.');
    const user = await this.createUser({ name: input.name, role: 'dueño', password: input.password, pin: input.pin }, { mustChange: false });
    this.signIn(session, this.row(user.id)!);
    return this.status(session);
  }

  async login(input: MethodParsedInput<'auth.login'>, session: Session): Promise<AuthStatus> {
    const row = this.s.byName.get(nameKey(input.user)) as UsersTable | undefined;
    await this.attempt(row, (r) => verifySecret(input.password, r.password_hash), 'auth.login', 'Usuario o contraseña incorrectos.');
    this.signIn(session, row!);
    return this.status(session);
  }

  async pin(input: MethodParsedInput<'auth.pin'>, session: Session): Promise<AuthStatus> {
    const row = this.s.byName.get(nameKey(input.user)) as UsersTable | undefined;
    await this.attempt(row, (r) => (r.pin_hash ? verifySecret(input.pin, r.pin_hash) : Promise.resolve(false)), 'auth.pin', 'Usuario o PIN incorrectos.');
    this.signIn(session, row!);
    return this.status(session);
  }

  /**
   * An encargado's or dueño's PIN at the counter: this session may do `action`
   * once (sell without stock). The session stays the cashier's; the grant and
   * who gave it are audited, and the call it is spent on names them again.
   */
  async grant(input: MethodParsedInput<'auth.authorize'>, session: Session): Promise<AuthGrant> {
    const row = this.s.byName.get(nameKey(input.user)) as UsersTable | undefined;
    await this.attempt(row, (r) => (r.pin_hash ? verifySecret(input.pin, r.pin_hash) : Promise.resolve(false)), 'auth.authorize', 'Usuario o PIN incorrectos.');
    if (row!.role === 'cajero') throw new AppError('FORBIDDEN', `${row!.name} es cajero: autoriza un encargado o el dueño.`);
    const given = this.grants.give(input.action, row!.name, session.id);
    write(this.core, (tx) => tx.audit({ entity: 'autorizacion', id: session.id, after: { action: input.action, by: row!.name, for: session.user?.name ?? null } }));
    return { ...given, by: row!.name, action: input.action };
  }

  async unlock(input: MethodParsedInput<'auth.unlock'>, session: Session): Promise<AuthStatus> {
    if (!session.user) throw new AppError('UNAUTHORIZED', 'Iniciá sesión para continuar.');
    const row = this.row(session.user.id);
    await this.attempt(
      row,
      async (r) => (r.pin_hash && /^\d{4,8}$/.test(input.secret) && (await verifySecret(input.secret, r.pin_hash))) || verifySecret(input.secret, r.password_hash),
      'auth.unlock',
      'El PIN o la contraseña no son correctos.',
    );
    this.signIn(session, row!);
    return this.status(session);
  }

  lock(session: Session): AuthStatus {
    if (session.user) {
      session.locked = true;
      write(this.core, (tx) => tx.audit({ entity: 'session', id: session.id, after: { locked: true } }));
    }
    return this.status(session);
  }

  logout(session: Session): AuthStatus {
    if (session.user) write(this.core, (tx) => tx.audit({ entity: 'session', id: session.id, before: { user: session.user!.name } }));
    session.user = null;
    session.locked = false;
    return this.status(session);
  }

  async changePassword(input: MethodParsedInput<'auth.changePassword'>, session: Session): Promise<AuthStatus> {
    const row = this.row(session.user!.id)!;
    await this.attempt(row, (r) => verifySecret(input.current, r.password_hash), 'auth.changePassword', 'La contraseña actual no es correcta.');
    const hash = await hashSecret(input.next, this.hashCost);
    write(this.core, (tx) => {
      tx.sql.run(
        tx.sql.q.updateTable('users').set({ password_hash: hash, must_change_password: 0, version: row.version + 1, updated_at: tx.now }).where('id', '=', row.id),
      );
      tx.audit({ entity: 'user', id: row.id, after: { passwordChanged: true } });
    });
    this.signIn(session, this.row(row.id)!);
    return this.status(session);
  }

  async setPin(input: MethodParsedInput<'auth.setPin'>, session: Session): Promise<AuthStatus> {
    const row = this.row(session.user!.id)!;
    await this.attempt(row, (r) => verifySecret(input.password, r.password_hash), 'auth.setPin', 'La contraseña no es correcta.');
    const hash = input.pin === null ? null : await hashSecret(input.pin, this.hashCost);
    write(this.core, (tx) => {
      tx.sql.run(tx.sql.q.updateTable('users').set({ pin_hash: hash, version: row.version + 1, updated_at: tx.now }).where('id', '=', row.id));
      tx.audit({ entity: 'user', id: row.id, after: { pin: hash ? 'cambiado' : 'quitado' } });
    });
    return this.status(session);
  }

  // ── users ──────────────────────────────────────────────────────────────────

  list(): User[] {
    return (this.s.all.all() as UsersTable[]).map((r) => this.toUser(r));
  }

  async create(input: MethodParsedInput<'users.create'>): Promise<User> {
    return this.createUser(input, { mustChange: true });
  }

  /** For the owner's screen, the CLI and first-run setup: hashes first, then one transaction. */
  async createUser(
    input: { name: string; role: Role; password: string; pin?: string | undefined },
    options: { mustChange: boolean },
  ): Promise<User> {
    if (this.s.byName.get(nameKey(input.name))) throw new AppError('CONFLICT', `Ya existe el usuario «${input.name}»`, { field: 'name' });
    const passwordHash = await hashSecret(input.password, this.hashCost);
    const pinHash = input.pin ? await hashSecret(input.pin, this.hashCost) : null;
    const id = write(this.core, (tx) => {
      // Checked again inside the transaction: hashing took time and awaited.
      if (this.s.byName.get(nameKey(input.name))) throw new AppError('CONFLICT', `Ya existe el usuario «${input.name}»`, { field: 'name' });
      const id = tx.newId();
      tx.sql.run(
        tx.sql.q.insertInto('users').values({
          id,
          name: input.name,
          name_key: nameKey(input.name),
          role: input.role,
          password_hash: passwordHash,
          pin_hash: pinHash,
          active: 1,
          failed_attempts: 0,
          locked_until: null,
          must_change_password: options.mustChange ? 1 : 0,
          last_login_at: null,
          version: 1,
          created_at: tx.now,
          updated_at: tx.now,
        }),
      );
      tx.audit({ entity: 'user', id, after: { name: input.name, role: input.role, pin: !!pinHash } });
      tx.emit('users.changed', { id });
      return id;
    });
    return this.toUser(this.row(id)!);
  }

  update(input: MethodParsedInput<'users.update'>, session: Session): User {
    return write(this.core, (tx) => {
      const row = this.row(input.id);
      if (!row) throw new AppError('NOT_FOUND', 'No se encontró el usuario', { id: input.id });
      const role = input.role ?? row.role;
      const active = input.active === undefined ? row.active : input.active ? 1 : 0;
      const ownersLeft = this.s.otherOwners.get(row.id) as number;
      if ((role !== 'dueño' || active === 0) && row.role === 'dueño' && row.active === 1 && ownersLeft === 0) {
        throw new AppError('INVALID_STATE', 'El negocio tiene que tener al menos un dueño activo.');
      }
      if (row.id === session.user?.id && active === 0) throw new AppError('INVALID_STATE', 'No podés desactivar tu propio usuario.');
      tx.sql.run(tx.sql.q.updateTable('users').set({ role, active, version: row.version + 1, updated_at: tx.now }).where('id', '=', row.id));
      tx.audit({ entity: 'user', id: row.id, before: { role: row.role, active: row.active === 1 }, after: { role, active: active === 1 } });
      tx.emit('users.changed', { id: row.id });
      return this.toUser(this.row(row.id)!);
    });
  }

  async resetPassword(input: MethodParsedInput<'users.resetPassword'>): Promise<User> {
    const row = this.row(input.id);
    if (!row) throw new AppError('NOT_FOUND', 'No se encontró el usuario', { id: input.id });
    const hash = await hashSecret(input.password, this.hashCost);
    const pinHash = input.pin === undefined ? row.pin_hash : input.pin === null ? null : await hashSecret(input.pin, this.hashCost);
    write(this.core, (tx) => {
      tx.sql.run(
        tx.sql.q
          .updateTable('users')
          .set({ password_hash: hash, pin_hash: pinHash, must_change_password: 1, failed_attempts: 0, locked_until: null, version: row.version + 1, updated_at: tx.now })
          .where('id', '=', row.id),
      );
      tx.audit({ entity: 'user', id: row.id, after: { passwordReset: true, unlocked: row.locked_until !== null } });
      tx.emit('users.changed', { id: row.id });
    });
    return this.toUser(this.row(row.id)!);
  }

  userCount(): number {
    return this.s.count.get() as number;
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private row(id: string): UsersTable | undefined {
    return this.s.byId.get(id) as UsersTable | undefined;
  }

  /**
   * One guarded secret check: refuses a locked account, counts a failure (a
   * growing delay, then a temporary lock), clears the count on success.
   */
  private async attempt(
    row: UsersTable | undefined,
    check: (row: UsersTable) => Promise<boolean>,
    method: string,
    wrongMessage: string,
  ): Promise<void> {
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

  private decoy: Promise<string> | null = null;

  /** A hash of nothing at the current cost, made once, to verify against for unknown users. */
  private decoyHash(): Promise<string> {
    this.decoy ??= hashSecret(randomUUID(), this.hashCost);
    return this.decoy;
  }

  private delay(failures: number): number {
    return Math.min(this.failureDelayMs * 2 ** (failures - 1), MAX_DELAY_MS);
  }

  private signIn(session: Session, row: UsersTable): void {
    const previous = session.user?.name ?? null;
    session.user = { id: row.id, name: row.name, role: row.role, mustChangePassword: row.must_change_password === 1 };
    session.locked = false;
    session.lastActivity = this.core.clock.now().getTime();
    // The entry names who logged in (the call began before anyone had).
    runInScope({ ...currentScope(), user: row.name }, () =>
      write(this.core, (tx) => {
        tx.sql.run(tx.sql.q.updateTable('users').set({ last_login_at: tx.now }).where('id', '=', row.id));
        tx.audit({ entity: 'session', id: session.id, before: previous ? { user: previous } : null, after: { user: row.name, transport: session.transport } });
      }),
    );
  }

  /** Follows the user row: deactivated users are logged out, role changes apply at once. */
  private refresh(session: Session): void {
    if (!session.user) return;
    const row = this.row(session.user.id);
    if (!row || row.active === 0) {
      session.user = null;
      session.locked = false;
      return;
    }
    if (row.role !== session.user.role || (row.must_change_password === 1) !== session.user.mustChangePassword || row.name !== session.user.name) {
      session.user = { id: row.id, name: row.name, role: row.role, mustChangePassword: row.must_change_password === 1 };
    }
  }

  private toUser(r: UsersTable): User {
    const now = this.core.clock.now().toISOString();
    return {
      id: r.id,
      name: r.name,
      role: r.role,
      active: r.active === 1,
      hasPin: r.pin_hash !== null,
      lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until : null,
      lastLoginAt: r.last_login_at,
      createdAt: r.created_at,
      version: r.version,
    };
  }
}

export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase('es-AR');
}

function lockedMessage(name: string, until: string, now: Date): string {
  const minutes = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));
  return `La cuenta de ${name} quedó bloqueada por intentos fallidos. Probá de nuevo en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}, o pedile al dueño que te asigne una contraseña nueva.`;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
