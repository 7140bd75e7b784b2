import type { Statement } from 'better-sqlite3';
import type { MethodParsedInput, Role, User } from '../../contract';
import type { UsersTable } from '../db/schema';
import { AppError } from '../domain/errors';
import type { Session } from '../session';
import { write, type Core } from '../write';
import type { Credentials } from './credentials';
import { secretsFingerprint } from '../security/passwords';

/** The key a user name is unique by (and looked up by at login). */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase('es-AR');
}

/**
 * The store's users: the owner's screen (list, add, change role, deactivate,
 * give a new temporary password), the CLI and first-run setup. Logging in and
 * what a session may do are sessions.ts.
 */
export class UserService {
  private readonly s: Record<'byId' | 'byName' | 'count' | 'all' | 'pinUsers' | 'approvers' | 'otherOwners', Statement>;

  constructor(
    private readonly core: Core,
    private readonly credentials: Credentials,
  ) {
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

  list(): User[] {
    return (this.s.all.all() as UsersTable[]).map((r) => this.toUser(r));
  }

  async create(input: MethodParsedInput<'users.create'>): Promise<User> {
    return this.createUser(input, { mustChange: true });
  }

  /** For the owner's screen, the CLI and first-run setup: hashes first, then one transaction. */
  async createUser(input: { name: string; role: Role; password: string; pin?: string | undefined }, options: { mustChange: boolean }): Promise<User> {
    if (this.byName(input.name)) throw new AppError('CONFLICT', `Ya existe el usuario «${input.name}»`, { field: 'name' });
    const passwordHash = await this.credentials.hash(input.password);
    const pinHash = input.pin ? await this.credentials.hash(input.pin) : null;
    const id = write(this.core, (tx) => {
      // Checked again inside the transaction: hashing took time and awaited.
      if (this.byName(input.name)) throw new AppError('CONFLICT', `Ya existe el usuario «${input.name}»`, { field: 'name' });
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
      tx.audit({ entity: 'user', id, after: { name: input.name, role: input.role, pin: !!pinHash, secrets: secretsFingerprint(passwordHash, pinHash) } });
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
    const hash = await this.credentials.hash(input.password);
    const pinHash = input.pin === undefined ? row.pin_hash : input.pin === null ? null : await this.credentials.hash(input.pin);
    write(this.core, (tx) => {
      tx.sql.run(
        tx.sql.q
          .updateTable('users')
          .set({ password_hash: hash, pin_hash: pinHash, must_change_password: 1, failed_attempts: 0, locked_until: null, version: row.version + 1, updated_at: tx.now })
          .where('id', '=', row.id),
      );
      tx.audit({ entity: 'user', id: row.id, after: { passwordReset: true, unlocked: row.locked_until !== null, secrets: secretsFingerprint(hash, pinHash) } });
      tx.emit('users.changed', { id: row.id });
    });
    return this.toUser(this.row(row.id)!);
  }

  /** A user's own new password: the old one checked first (the session's job), then one transaction. */
  async setPassword(row: UsersTable, password: string): Promise<void> {
    const hash = await this.credentials.hash(password);
    write(this.core, (tx) => {
      tx.sql.run(
        tx.sql.q.updateTable('users').set({ password_hash: hash, must_change_password: 0, version: row.version + 1, updated_at: tx.now }).where('id', '=', row.id),
      );
      tx.audit({ entity: 'user', id: row.id, after: { passwordChanged: true, secrets: secretsFingerprint(hash, row.pin_hash) } });
    });
  }

  /** A user's own PIN, or none. */
  async setPin(row: UsersTable, pin: string | null): Promise<void> {
    const hash = pin === null ? null : await this.credentials.hash(pin);
    write(this.core, (tx) => {
      tx.sql.run(tx.sql.q.updateTable('users').set({ pin_hash: hash, version: row.version + 1, updated_at: tx.now }).where('id', '=', row.id));
      tx.audit({ entity: 'user', id: row.id, after: { pin: hash ? 'cambiado' : 'quitado', secrets: secretsFingerprint(row.password_hash, hash) } });
    });
  }

  count(): number {
    return this.s.count.get() as number;
  }

  /** Active users with a PIN (the lock screen's list) and those of them who may authorize at the counter. */
  pinUsers(): { all: string[]; approvers: string[] } {
    return { all: this.s.pinUsers.all() as string[], approvers: this.s.approvers.all() as string[] };
  }

  row(id: string): UsersTable | undefined {
    return this.s.byId.get(id) as UsersTable | undefined;
  }

  byName(name: string): UsersTable | undefined {
    return this.s.byName.get(nameKey(name)) as UsersTable | undefined;
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
