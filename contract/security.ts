import { z } from 'zod';
import { isoInstant, requiredText, wholeNumber } from './fields';
import type { EventName, MethodName } from './names';
import type { EventSpec, MethodSpec } from './spec';

export const ROLES = ['dueño', 'encargado', 'cajero'] as const;
export const Role = z.enum(ROLES, { error: 'El rol tiene que ser dueño, encargado o cajero' });
export type Role = z.infer<typeof Role>;

/** A person's login name: what they type at the prompt. */
export const userName = requiredText('El usuario', 40).refine((s) => !/\s{2,}/.test(s), 'El usuario no puede tener espacios seguidos');

/** Long enough to resist guessing, bounded so hashing a hostile input stays cheap. */
export const newPassword = z
  .string({ error: 'La contraseña tiene que ser un texto' })
  .min(8, 'La contraseña tiene que tener al menos 8 caracteres')
  .max(200, 'La contraseña admite hasta 200 caracteres');

/** What is typed at the prompt: any length up to the bound (old passwords are not re-judged). */
const password = z
  .string({ error: 'La contraseña tiene que ser un texto' })
  .min(1, 'Falta la contraseña')
  .max(200, 'La contraseña admite hasta 200 caracteres');

export const pin = z
  .string({ error: 'El PIN tiene que ser un texto' })
  .regex(/^\d{4,8}$/, 'El PIN tiene que tener de 4 a 8 dígitos');

// ── Session ──────────────────────────────────────────────────────────────────

export const SessionUser = z.object({ id: z.string(), name: z.string(), role: Role, mustChangePassword: z.boolean() });
export type SessionUser = z.infer<typeof SessionUser>;

export const AuthStatus = z.object({
  /** No user exists yet: the first run asks for the owner's account. */
  needsSetup: z.boolean(),
  /** The session's user, also while locked (the lock screen names them). */
  user: SessionUser.nullable(),
  /** Locked by idle time or by hand: only auth.unlock / auth.login / auth.pin go through. */
  locked: z.boolean(),
  /** Minutes without activity before the session locks itself (0 = never). */
  idleLockMinutes: z.number().int(),
  /** Methods this session may call now: what the renderer shows. */
  allowed: z.array(z.string()),
  /** Whether costs, margins and stock value are visible to this session's role. */
  seesCosts: z.boolean(),
  /** Users that have a PIN, for the quick cashier switch at the counter. */
  pinUsers: z.array(z.string()),
  /** Encargados and dueños with a PIN: who can authorize at the counter (auth.authorize). */
  approvers: z.array(z.string()),
  /** The store's IANA time zone (Settings.timeZone): the renderer's "today" and every date it shows. */
  timeZone: z.string(),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const AuthSetupInput = z.strictObject({
  name: userName,
  password: newPassword,
  pin: pin.optional(),
});

export const AuthLoginInput = z.strictObject({ user: userName, password });
export const AuthPinInput = z.strictObject({ user: userName, pin });
/** What an encargado or dueño lets a cashier do once, with their PIN at the counter. */
export const OVERRIDE_ACTIONS = ['vender-sin-stock', 'precio', 'devolucion'] as const;
export const OverrideAction = z.enum(OVERRIDE_ACTIONS, { error: 'No es una acción que se autorice con PIN' });
export type OverrideAction = z.infer<typeof OverrideAction>;
/** An encargado or dueño at the counter lets this session do one thing once. */
export const AuthAuthorizeInput = z.strictObject({ user: userName, pin, action: OverrideAction });
export const AuthGrant = z.object({
  /** Single use, for this session, for a few minutes: sent with the call it authorizes. */
  grant: z.string(),
  by: z.string(),
  action: OverrideAction,
  expiresAt: z.string(),
});
export type AuthGrant = z.infer<typeof AuthGrant>;
export const AuthUnlockInput = z.strictObject({
  /** The PIN or the password of the session's user. */
  secret: z.string({ error: 'Falta el PIN o la contraseña' }).min(1, 'Falta el PIN o la contraseña').max(200, 'Demasiado largo'),
});
export const AuthChangePasswordInput = z.strictObject({ current: password, next: newPassword });
export const AuthSetPinInput = z.strictObject({ password, pin: pin.nullable() });

// ── Users ────────────────────────────────────────────────────────────────────

export const User = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  hasPin: z.boolean(),
  /** Locked by failed attempts until this instant, if so. */
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;
export const UserList = z.object({ items: z.array(User) });

export const UserCreateInput = z.strictObject({
  name: userName,
  role: Role,
  password: newPassword,
  pin: pin.optional(),
});
export const UserUpdateInput = z.strictObject({
  id: z.string().min(1).max(64),
  role: Role.optional(),
  active: z.boolean().optional(),
});
export const UserResetPasswordInput = z.strictObject({
  id: z.string().min(1).max(64),
  password: newPassword,
  pin: pin.nullable().optional(),
});

// ── Audit ────────────────────────────────────────────────────────────────────

export const AuditHead = z.object({ seq: z.number().int(), hash: z.string() });
export type AuditHead = z.infer<typeof AuditHead>;

export const AuditVerifyResult = z.object({
  verified: z.boolean(),
  /** Entries checked. */
  entries: z.number().int(),
  head: AuditHead,
  /** The first entry that does not match (edited, inserted or missing), if any. */
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  checkedAt: isoInstant,
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  user: z.string().nullable(),
  method: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditListInput = z.strictObject({
  limit: wholeNumber('La cantidad', 1, 500).default(100),
  beforeSeq: wholeNumber('La entrada', 1, Number.MAX_SAFE_INTEGER).optional(),
});
export const AuditList = z.object({ items: z.array(AuditEntry) });

/** The security methods: what each does and its schemas (combined in methods.ts). */
export const securityMethods = {
  'auth.status': {
    doc: 'Who this connection is, whether it is locked, what it may call, and whether the store still needs its owner account. Never fails.',
    input: z.strictObject({}),
    output: AuthStatus,
    kind: 'query',
  },
  'auth.setup': {
    doc: "First run only: creates the owner's account and logs this connection in as them. CONFLICT once any user exists.",
    input: AuthSetupInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.login': {
    doc: "Logs this connection in with a user's password. UNAUTHORIZED on a wrong user or password (after a growing delay); ACCOUNT_LOCKED after repeated failures.",
    input: AuthLoginInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.pin': {
    doc: 'Switches this connection to a user by their short PIN (cashiers changing at the counter). Same failure rules as auth.login.',
    input: AuthPinInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.authorize': {
    doc: "An encargado's or dueño's PIN lets this session do one thing once (sell without stock): answers a grant valid for 5 minutes, sent with that call. Same failure rules as auth.pin.",
    input: AuthAuthorizeInput,
    output: AuthGrant,
    kind: 'mutation',
  },
  'auth.unlock': {
    doc: "Unlocks a locked session with its user's PIN or password. UNAUTHORIZED when wrong; counts as a failed attempt.",
    input: AuthUnlockInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.lock': {
    doc: 'Locks this session now (the screen hides; the PIN or password unlocks it).',
    input: z.strictObject({}),
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.logout': {
    doc: 'Ends the login of this connection.',
    input: z.strictObject({}),
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.changePassword': {
    doc: 'Changes the password of the logged-in user. UNAUTHORIZED when the current password is wrong.',
    input: AuthChangePasswordInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'auth.setPin': {
    doc: 'Sets (or with null removes) the PIN of the logged-in user, confirming with the password.',
    input: AuthSetPinInput,
    output: AuthStatus,
    kind: 'mutation',
  },
  'users.list': {
    doc: 'Every user with role, state and last login. Never returns hashes.',
    input: z.strictObject({}),
    output: UserList,
    kind: 'query',
  },
  'users.create': {
    doc: 'Creates a user with a role and an initial password they must change. CONFLICT when the name is taken.',
    input: UserCreateInput,
    output: User,
    kind: 'mutation',
  },
  'users.update': {
    doc: "Changes a user's role or active flag. INVALID_STATE when it would leave the store without an active owner.",
    input: UserUpdateInput,
    output: User,
    kind: 'mutation',
  },
  'users.resetPassword': {
    doc: "Sets a new password (and optionally PIN) for another user, who must change it at next login; clears a failed-attempts lock.",
    input: UserResetPasswordInput,
    output: User,
    kind: 'mutation',
  },
  'audit.verify': {
    doc: 'Recomputes the audit hash chain and reports the first entry that does not match.',
    input: z.strictObject({}),
    output: AuditVerifyResult,
    kind: 'query',
  },
  'audit.head': {
    doc: 'The last audit entry: its sequence and hash, which reports print to pin the state they came from.',
    input: z.strictObject({}),
    output: AuditHead,
    kind: 'query',
  },
  'audit.list': {
    doc: 'Audit entries, newest first.',
    input: AuditListInput,
    output: AuditList,
    kind: 'query',
  },
} as const satisfies Partial<Record<MethodName, MethodSpec>>;

/** The security events the core pushes. */
export const securityEvents = {
  'users.changed': {
    doc: 'A user was created or changed.',
    payload: z.object({ id: z.string() }),
  },
} as const satisfies Partial<Record<EventName, EventSpec>>;
