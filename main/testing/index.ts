import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, type App, type CreateAppOptions } from '../app';
import { memoryLogger } from '../logger';
import type { Clock, Ids } from '../runtime';
import type { Role } from '../../contract';
import { systemSession, type Session } from '../session';

/** A clock that stands still until told to move. */
export function fixedClock(iso = '2026-11-22T12:00:00.000Z'): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    set: (value) => {
      now = new Date(value).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Ids that read in order: id-000001, id-000002, … */
export function counterIds(prefix = 'id'): Ids {
  let n = 0;
  return { newId: () => `${prefix}-${String(++n).padStart(6, '0')}` };
}

export function tempDir(label = 'gondola-test'): string {
  return mkdtempSync(join(tmpdir(), `${label}-`));
}

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface TestApp extends App {
  dataDir: string;
  logger: ReturnType<typeof memoryLogger>;
  /** The session `call` and `ok` use: logged in as the owner, «dueño». */
  session: Session;
  /** A new session logged in as a new user with this role (password "clave-segura-1"). */
  sessionAs(role: Role, name?: string): Promise<Session>;
  /** dispatch as the test session, returning the Result. */
  call(method: string, input?: unknown): ReturnType<App['dispatch']>;
  /** dispatch that throws unless ok, returning data. */
  ok<T = any>(method: string, input?: unknown): Promise<T>;
  dispose(): void;
}

export const TEST_PASSWORD = 'clave-segura-1';

/**
 * A real app on a temp folder with real migrations, a fixed clock and counter
 * ids, whose `call`/`ok` run as a logged-in owner. Password hashing is cheaper
 * than in the product (scrypt N = 2^10) and failed logins wait 1 ms, so suites
 * that create many users stay fast; the code paths are the same.
 */
export async function openTestApp(overrides: Partial<CreateAppOptions> = {}, options: { owner?: boolean } = {}): Promise<TestApp> {
  const dataDir = overrides.dataDir ?? tempDir();
  const logger = memoryLogger();
  const app = await createApp({
    dataDir,
    resourcesDir: repoRoot,
    clock: fixedClock(),
    ids: counterIds(),
    logger,
    auth: { hashCost: 10, failureDelayMs: 1 },
    ...overrides,
  });
  const sessionAs = async (role: Role, name: string = role === 'dueño' ? 'Dueña' : `${role}-${Math.random().toString(36).slice(2, 8)}`) => {
    const session = systemSession('test', `test:${name}`);
    const existing = app.services.users.list().find((u) => u.name === name);
    if (!existing) await app.services.users.createUser({ name, role, password: TEST_PASSWORD }, { mustChange: false });
    const result = await app.dispatch('auth.login', { user: name, password: TEST_PASSWORD }, session);
    if (!result.ok) throw new Error(`login as ${name} failed: ${JSON.stringify(result.error)}`);
    return session;
  };
  const session = options.owner === false ? systemSession('test') : await sessionAs('dueño');
  return Object.assign(app, {
    dataDir,
    logger,
    session,
    sessionAs,
    call: (method: string, input?: unknown) => app.dispatch(method, input, session),
    async ok(method: string, input?: unknown) {
      const result = await app.dispatch(method, input, session);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.data as never;
    },
    dispose() {
      app.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
