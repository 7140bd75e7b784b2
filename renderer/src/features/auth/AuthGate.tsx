import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AuthStatus, Result } from '../../../../contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { useSession } from '../../stores/session';
import { errorsAfterEdit, errorsByField } from '../../lib/errors';
import { FormError } from '../../components/ErrorBanner';

/**
 * Shows the store only to a logged-in, unlocked session: otherwise the first-run
 * owner account, the login, the forced password change or the lock screen.
 * Also locks the window after the store's idle time without keys or clicks.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const refresh = useSession((s) => s.refresh);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useIdleLock(status);

  if (!status) return <div className="auth-screen" aria-busy="true" />;
  if (status.needsSetup) return <SetupScreen />;
  if (!status.user) return <LoginScreen status={status} />;
  if (status.locked) return <LockScreen status={status} />;
  if (status.user.mustChangePassword) return <ChangePasswordScreen forced />;
  return <>{children}</>;
}

/** Locks after `idleLockMinutes` without a key or a click (main also locks on its own clock). */
function useIdleLock(status: AuthStatus | null): void {
  const setStatus = useSession((s) => s.set);
  const active = !!status?.user && !status.locked && status.idleLockMinutes > 0;
  const minutes = status?.idleLockMinutes ?? 0;
  useEffect(() => {
    if (!active) return;
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        void api.call('auth.lock', {}).then((r) => r.ok && setStatus(r.data));
      }, minutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    arm();
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [active, minutes, setStatus]);
}

/** Runs an auth call; on success the gate moves on, on failure the form shows why. */
function useAuthCall() {
  const setStatus = useSession((s) => s.set);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  async function run(call: () => Promise<Result<AuthStatus>>): Promise<boolean> {
    setBusy(true);
    // The old message goes while the new attempt is checked (failures are answered slowly on purpose).
    setErrors({});
    try {
      const result = await call();
      if (result.ok) {
        setErrors({});
        setStatus(result.data);
        return true;
      }
      setErrors(errorsByField(result.error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  /** The person changed these fields: their old messages (and the form's) go. */
  const forget = (fields: readonly string[]) => setErrors((e) => errorsAfterEdit(e, fields));
  return { errors, busy, run, forget };
}

function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <div className="auth-screen">
      <div className="auth-card">
        <div className="brand brand-dark">
          <span className="brand-mark" aria-hidden="true">
            G
          </span>
          Góndola
        </div>
        <h1>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
        {children}
      </div>
    </div>
  );
}

function SetupScreen() {
  const [draft, setDraft] = useState({ name: '', password: '', repeat: '', pin: '' });
  const { errors, busy, run, forget } = useAuthCall();
  const [mismatch, setMismatch] = useState('');
  const edit = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch });
    forget(Object.keys(patch));
    if ('password' in patch || 'repeat' in patch) setMismatch('');
  };
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (draft.password !== draft.repeat) {
      setMismatch('Las contraseñas no coinciden');
      return;
    }
    setMismatch('');
    await run(() => api.call('auth.setup', { name: draft.name, password: draft.password, ...(draft.pin ? { pin: draft.pin } : {}) }));
  }
  return (
    <AuthCard title="Bienvenido: creá la cuenta del dueño" subtitle="Es la primera vez que se abre Góndola en esta computadora. El dueño puede todo, incluso crear los usuarios de encargados y cajeros.">
      <form onSubmit={(e) => void submit(e)} className="auth-form">
        <FormError message={errors.form} />
        <Field id="setup-name" label="Tu nombre de usuario" error={errors.name} required>
          <input id="setup-name" autoFocus autoComplete="username" maxLength={40} value={draft.name} onChange={(e) => edit({ name: e.target.value })} />
        </Field>
        <Field id="setup-password" label="Contraseña" error={errors.password} hint="Al menos 8 caracteres" required>
          <input id="setup-password" type="password" autoComplete="new-password" maxLength={200} value={draft.password} onChange={(e) => edit({ password: e.target.value })} />
        </Field>
        <Field id="setup-repeat" label="Repetí la contraseña" error={mismatch} required>
          <input id="setup-repeat" type="password" autoComplete="new-password" maxLength={200} value={draft.repeat} onChange={(e) => edit({ repeat: e.target.value })} />
        </Field>
        <Field id="setup-pin" label="PIN para desbloquear (opcional)" error={errors.pin} hint="De 4 a 8 dígitos, para volver rápido después de un bloqueo">
          <input id="setup-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={draft.pin} onChange={(e) => edit({ pin: e.target.value })} />
        </Field>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          Crear la cuenta y entrar
        </button>
      </form>
    </AuthCard>
  );
}

function LoginScreen({ status }: { status: AuthStatus }) {
  const pinFirst = useSession((s) => s.pinFirst);
  const [mode, setMode] = useState<'password' | 'pin'>(pinFirst && status.pinUsers.length > 0 ? 'pin' : 'password');
  const [draft, setDraft] = useState({ user: '', password: '', pin: '' });
  const { errors, busy, run } = useAuthCall();
  const secretRef = useRef<HTMLInputElement>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const ok = await run(() =>
      mode === 'password' ? api.call('auth.login', { user: draft.user, password: draft.password }) : api.call('auth.pin', { user: draft.user, pin: draft.pin }),
    );
    if (!ok) {
      setDraft((d) => ({ ...d, password: '', pin: '' }));
      secretRef.current?.focus();
    }
  }
  return (
    <AuthCard title="Iniciar sesión">
      {status.pinUsers.length > 0 ? (
        <div className="segmented" role="tablist" aria-label="Cómo entrar">
          <button type="button" role="tab" aria-selected={mode === 'password'} onClick={() => setMode('password')}>
            Contraseña
          </button>
          <button type="button" role="tab" aria-selected={mode === 'pin'} onClick={() => setMode('pin')}>
            PIN de caja
          </button>
        </div>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="auth-form">
        <FormError message={errors.form} />
        {mode === 'pin' ? (
          <Field id="login-user" label="Cajero" error={errors.user}>
            <select id="login-user" autoFocus value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })}>
              <option value="">Elegí…</option>
              {status.pinUsers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <Field id="login-user" label="Usuario" error={errors.user}>
            <input id="login-user" autoFocus autoComplete="username" maxLength={40} value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} />
          </Field>
        )}
        {mode === 'password' ? (
          <Field id="login-password" label="Contraseña" error={errors.password}>
            <input id="login-password" ref={secretRef} type="password" autoComplete="current-password" maxLength={200} value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
          </Field>
        ) : (
          <Field id="login-pin" label="PIN" error={errors.pin}>
            <input id="login-pin" ref={secretRef} type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={draft.pin} onChange={(e) => setDraft({ ...draft, pin: e.target.value })} />
          </Field>
        )}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Verificando…' : 'Entrar'}
        </button>
      </form>
    </AuthCard>
  );
}

function LockScreen({ status }: { status: AuthStatus }) {
  const [secret, setSecret] = useState('');
  const { errors, busy, run } = useAuthCall();
  const setStatus = useSession((s) => s.set);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const ok = await run(() => api.call('auth.unlock', { secret }));
    if (!ok) setSecret('');
  }
  async function switchUser() {
    const result = await api.call('auth.logout', {});
    if (result.ok) setStatus(result.data);
  }
  return (
    <AuthCard title="Sesión bloqueada" subtitle={`${status.user!.name} · ingresá tu PIN o tu contraseña para seguir.`}>
      <form onSubmit={(e) => void submit(e)} className="auth-form">
        <FormError message={errors.form} />
        <Field id="unlock-secret" label="PIN o contraseña" error={errors.secret}>
          <input id="unlock-secret" autoFocus type="password" autoComplete="current-password" maxLength={200} value={secret} onChange={(e) => setSecret(e.target.value)} />
        </Field>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          Desbloquear
        </button>
        <button type="button" className="button button-block" onClick={() => void switchUser()}>
          Entrar con otro usuario
        </button>
      </form>
    </AuthCard>
  );
}

/** Forced after a temporary password, or opened from the user menu. */
export function ChangePasswordScreen({ forced = false, onDone }: { forced?: boolean; onDone?: () => void }) {
  const [draft, setDraft] = useState({ current: '', next: '', repeat: '' });
  const [mismatch, setMismatch] = useState('');
  const { errors, busy, run, forget } = useAuthCall();
  const edit = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch });
    forget(Object.keys(patch));
    if ('next' in patch || 'repeat' in patch) setMismatch('');
  };
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (draft.next !== draft.repeat) {
      setMismatch('Las contraseñas nuevas no coinciden');
      return;
    }
    setMismatch('');
    if (await run(() => api.call('auth.changePassword', { current: draft.current, next: draft.next }))) onDone?.();
  }
  const form = (
    <form onSubmit={(e) => void submit(e)} className="auth-form">
      <FormError message={errors.form} />
      <Field id="pw-current" label={forced ? 'Contraseña provisoria' : 'Contraseña actual'} error={errors.current}>
        <input id="pw-current" autoFocus type="password" autoComplete="current-password" maxLength={200} value={draft.current} onChange={(e) => edit({ current: e.target.value })} />
      </Field>
      <Field id="pw-next" label="Contraseña nueva" error={errors.next} hint="Al menos 8 caracteres">
        <input id="pw-next" type="password" autoComplete="new-password" maxLength={200} value={draft.next} onChange={(e) => edit({ next: e.target.value })} />
      </Field>
      <Field id="pw-repeat" label="Repetí la contraseña nueva" error={mismatch}>
        <input id="pw-repeat" type="password" autoComplete="new-password" maxLength={200} value={draft.repeat} onChange={(e) => edit({ repeat: e.target.value })} />
      </Field>
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        Cambiar la contraseña
      </button>
      {onDone ? (
        <button type="button" className="button button-block" onClick={onDone}>
          Cancelar
        </button>
      ) : null}
    </form>
  );
  return forced ? (
    <AuthCard title="Elegí tu contraseña" subtitle="El dueño te dio una contraseña provisoria: cambiala por una que sepas solo vos.">
      {form}
    </AuthCard>
  ) : (
    form
  );
}
