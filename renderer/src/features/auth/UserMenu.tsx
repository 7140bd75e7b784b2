import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useSession } from '../../stores/session';
import { useToasts } from '../../stores/toast';
import { ChangePasswordScreen } from './AuthGate';
import { errorsAfterEdit, errorsByField } from '../../lib/errors';
import { FormError } from '../../components/ErrorBanner';
import { ROLE_LABEL } from '../../../../locale';

/** Who is logged in, and the ways out: lock (Alt+L), change password or PIN, log out. */
export function UserMenu() {
  const status = useSession((s) => s.status);
  const setStatus = useSession((s) => s.set);
  const [dialog, setDialog] = useState<'password' | 'pin' | null>(null);

  async function lock() {
    const result = await api.call('auth.lock', {});
    if (result.ok) setStatus(result.data);
  }
  const setPinFirst = useSession((s) => s.setPinFirst);
  async function logout(nextByPin = false) {
    const result = await api.call('auth.logout', {});
    if (!result.ok) return;
    setPinFirst(nextByPin);
    setStatus(result.data);
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!status?.user) return null;
  return (
    <div className="user-menu">
      <div className="user-name" data-testid="current-user">
        {status.user.name}
        <span className="user-role">{ROLE_LABEL[status.user.role]}</span>
      </div>
      <button type="button" className="nav-button" onClick={() => void lock()}>
        Bloquear <kbd>Alt+L</kbd>
      </button>
      <button type="button" className="nav-button" onClick={() => setDialog('password')}>
        Cambiar contraseña
      </button>
      <button type="button" className="nav-button" onClick={() => setDialog('pin')}>
        PIN de caja
      </button>
      {status.pinUsers.length > 0 ? (
        <button type="button" className="nav-button" onClick={() => void logout(true)}>
          Cambiar de cajero
        </button>
      ) : null}
      <button type="button" className="nav-button" onClick={() => void logout()}>
        Salir
      </button>
      {dialog ? (
        <Modal title={dialog === 'password' ? 'Cambiar la contraseña' : 'PIN de caja'} size="small" onClose={() => setDialog(null)}>
          {dialog === 'password' ? <ChangePasswordScreen onDone={() => setDialog(null)} /> : <PinForm onDone={() => setDialog(null)} />}
        </Modal>
      ) : null}
    </div>
  );
}

function PinForm({ onDone }: { onDone: () => void }) {
  const [draft, setDraft] = useState({ password: '', pin: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const showToast = useToasts((s) => s.show);
  const edit = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch });
    setErrors((e) => errorsAfterEdit(e, Object.keys(patch)));
  };
  async function save(pin: string | null) {
    const result = await api.call('auth.setPin', { password: draft.password, pin });
    if (result.ok) {
      showToast(pin ? 'PIN guardado' : 'PIN quitado');
      onDone();
      return;
    }
    setErrors(errorsByField(result.error));
  }
  return (
    <form
      className="auth-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(draft.pin);
      }}
    >
      <p className="muted">Con el PIN se desbloquea la sesión y se cambia de cajero en el mostrador sin escribir la contraseña.</p>
      <FormError message={errors.form} />
      <Field id="pin-password" label="Tu contraseña" error={errors.password}>
        <input id="pin-password" autoFocus type="password" autoComplete="current-password" maxLength={200} value={draft.password} onChange={(e) => edit({ password: e.target.value })} />
      </Field>
      <Field id="pin-new" label="PIN nuevo (4 a 8 dígitos)" error={errors.pin}>
        <input id="pin-new" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={draft.pin} onChange={(e) => edit({ pin: e.target.value })} />
      </Field>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onDone}>
          Cancelar
        </button>
        <button type="button" className="button" onClick={() => void save(null)}>
          Quitar el PIN
        </button>
        <button type="submit" className="button button-primary">
          Guardar PIN
        </button>
      </footer>
    </form>
  );
}
