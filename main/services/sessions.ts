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
} from '../../contract';
import { ROLE_LABEL } from '../../locale';
import type { UsersTable } from '../db/schema';
import { AppError } from '../domain/errors';
import type { Grants } from '../security/grants';
import type { Session } from '../session';
import { currentScope, runInScope, write, type Core } from '../write';
import type { Credentials } from './credentials';
import type { SettingsService } from './settings';
import type { UserService } from './users';


/**
 * Logging in and out, locking, a user's own password and PIN, an encargado's
 * PIN at the counter, and the permission check every call goes through.
 * Sessions belong to the connection (see session.ts); this service only reads
 * and changes the Session object it is handed.
 */
export class SessionService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
    private readonly users: UserService,
    private readonly credentials: Credentials,
    private readonly grants: Grants,
  ) {}

  // ── the check every call goes through ──────────────────────────────────────

  /**
   * Throws unless this session may call `method` now. Also locks a session idle
   * for longer than the store's setting, and follows changes to its user (a
   * role changed or the user deactivated take effect on the next call).
   */
  authorize(method: MethodName, session: Session): void {
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
      return new AppError('FORBIDDEN', `Tu usuario (${ROLE_LABEL[session.user.role].toLowerCase()}) no tiene permiso para esta operación.`, { method });
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
    const pins = this.users.pinUsers();
    return {
      needsSetup: this.users.count() === 0,
      user: user ? { ...user } : null,
      locked: session.locked,
      idleLockMinutes: settings.idleLockMinutes,
      allowed,
      seesCosts: user ? seesCosts(user.role) : false,
      pinUsers: pins.all,
      approvers: pins.approvers,
      timeZone: settings.timeZone,
    };
  }

  // ── logging in and out ─────────────────────────────────────────────────────

  async setup(input: MethodParsedInput<'auth.setup'>, session: Session): Promise<AuthStatus> {
    if (this.users.count() > 0) throw new AppError('CONFLICT', 'El negocio ya tiene su cuenta de dueño: iniciá sesión.');
    const user = await this.users.createUser({ name: input.name, role: 'dueño', password: input.password, pin: input.pin }, { mustChange: false });
    this.signIn(session, this.users.row(user.id)!);
    return this.status(session);
  }

  async login(input: MethodParsedInput<'auth.login'>, session: Session): Promise<AuthStatus> {
    const row = this.users.byName(input.user);
    await this.credentials.attempt(row, this.credentials.password(input.password), 'auth.login', 'Usuario o contraseña incorrectos.', session, input.user);
    this.signIn(session, row!);
    return this.status(session);
  }

  async pin(input: MethodParsedInput<'auth.pin'>, session: Session): Promise<AuthStatus> {
    const row = this.users.byName(input.user);
    await this.credentials.attempt(row, this.credentials.pin(input.pin), 'auth.pin', 'Usuario o PIN incorrectos.', session, input.user);
    this.signIn(session, row!);
    return this.status(session);
  }

  /**
   * An encargado's or dueño's PIN at the counter: this session may do `action`
   * once (sell without stock). The session stays the cashier's; the grant and
   * who gave it are audited, and the call it is spent on names them again.
   */
  async grant(input: MethodParsedInput<'auth.authorize'>, session: Session): Promise<AuthGrant> {
    const row = this.users.byName(input.user);
    await this.credentials.attempt(row, this.credentials.pin(input.pin), 'auth.authorize', 'Usuario o PIN incorrectos.', session, input.user);
    if (row!.role === 'cajero') throw new AppError('FORBIDDEN', `${row!.name} es cajero: autoriza un encargado o el dueño.`);
    const given = this.grants.give(input.action, row!.name, session.id);
    write(this.core, (tx) => tx.audit({ entity: 'autorizacion', id: session.id, after: { action: input.action, by: row!.name, for: session.user?.name ?? null } }));
    return { ...given, by: row!.name, action: input.action };
  }

  async unlock(input: MethodParsedInput<'auth.unlock'>, session: Session): Promise<AuthStatus> {
    if (!session.user) throw new AppError('UNAUTHORIZED', 'Iniciá sesión para continuar.');
    const row = this.users.row(session.user.id);
    await this.credentials.attempt(row, this.credentials.passwordOrPin(input.secret), 'auth.unlock', 'El PIN o la contraseña no son correctos.', session);
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
    const row = this.users.row(session.user!.id)!;
    await this.credentials.attempt(row, this.credentials.password(input.current), 'auth.changePassword', 'La contraseña actual no es correcta.', session);
    await this.users.setPassword(row, input.next);
    this.signIn(session, this.users.row(row.id)!);
    return this.status(session);
  }

  async setPin(input: MethodParsedInput<'auth.setPin'>, session: Session): Promise<AuthStatus> {
    const row = this.users.row(session.user!.id)!;
    await this.credentials.attempt(row, this.credentials.password(input.password), 'auth.setPin', 'La contraseña no es correcta.', session);
    await this.users.setPin(row, input.pin);
    return this.status(session);
  }

  // ── internals ──────────────────────────────────────────────────────────────

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
    const row = this.users.row(session.user.id);
    if (!row || row.active === 0) {
      session.user = null;
      session.locked = false;
      return;
    }
    if (row.role !== session.user.role || (row.must_change_password === 1) !== session.user.mustChangePassword || row.name !== session.user.name) {
      session.user = { id: row.id, name: row.name, role: row.role, mustChangePassword: row.must_change_password === 1 };
    }
  }
}
