import { forwardRef, useState } from 'react';
import type { AuthGrant, OverrideAction } from '../../../contract';
import { api } from '../api/client';

export interface PinFieldsValue {
  user: string;
  pin: string;
}

/**
 * "Autoriza" and "PIN": an encargado or the dueño lets a cashier do one thing
 * once. The fields only; the dialog around them decides when to ask
 * (`requestGrant`) and what to do with the grant.
 */
export const PinFields = forwardRef<HTMLInputElement, { users: string[]; value: PinFieldsValue; error: string | null; onChange(value: PinFieldsValue): void }>(function PinFields({ users, value, error, onChange }, pinRef) {
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor="auth-user">Autoriza</label>
        <select id="auth-user" value={value.user} onChange={(e) => onChange({ ...value, user: e.target.value })}>
          {users.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </div>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor="auth-pin">PIN</label>
        <input
          id="auth-pin"
          ref={pinRef}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={value.pin}
          onChange={(e) => onChange({ ...value, pin: e.target.value })}
          aria-invalid={!!error}
          aria-describedby={error ? 'auth-pin-error' : undefined}
        />
        {error ? (
          <p className="field-error" id="auth-pin-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
});

/** The PIN fields' state, starting on the first user who can authorize. */
export function usePinFields(users: string[]) {
  const [value, setValue] = useState<PinFieldsValue>({ user: users[0] ?? '', pin: '' });
  const [error, setError] = useState<string | null>(null);
  return {
    value,
    error,
    setError,
    onChange(next: PinFieldsValue) {
      setValue(next);
      setError(null);
    },
    clearPin() {
      setValue((v) => ({ ...v, pin: '' }));
    },
  };
}

/** Asks the core for a grant; the error is the PIN field's when it fails. */
export async function requestGrant(value: PinFieldsValue, action: OverrideAction): Promise<{ ok: true; grant: AuthGrant } | { ok: false; message: string }> {
  if (!/^\d{4,8}$/.test(value.pin)) return { ok: false, message: 'El PIN son de 4 a 8 dígitos' };
  const result = await api.call('auth.authorize', { user: value.user, pin: value.pin, action });
  return result.ok ? { ok: true, grant: result.data } : { ok: false, message: result.error.message };
}
