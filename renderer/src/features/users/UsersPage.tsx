import { useCallback, useEffect, useState } from 'react';
import type { Role, User } from '../../../../contract';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../stores/session';
import { useToasts } from '../../stores/toast';
import { errorsAfterEdit, errorsByField } from '../../lib/errors';
import { FormError } from '../../components/ErrorBanner';

const ROLES: { value: Role; label: string; what: string }[] = [
  { value: 'dueño', label: 'Dueño', what: 'todo, incluidos usuarios y configuración' },
  { value: 'encargado', label: 'Encargado', what: 'stock, compras, precios y reportes' },
  { value: 'cajero', label: 'Cajero', what: 'ventas, conteos y recepción si lo permitís; nunca costos' },
];

/** The owner's list of people who use the store, with their role and state. */
export function UsersPage() {
  const [users, setUsers] = useState<User[]>([]);
  const [editing, setEditing] = useState<'new' | User | null>(null);
  const me = useSession((s) => s.status?.user?.id);
  const showToast = useToasts((s) => s.show);

  const load = useCallback(() => {
    void api.call('users.list', {}).then((r) => r.ok && setUsers(r.data.items));
  }, []);
  useEffect(() => {
    load();
    return api.on('users.changed', load);
  }, [load]);

  async function update(user: User, changes: { role?: Role; active?: boolean }) {
    const result = await api.call('users.update', { id: user.id, ...changes });
    if (result.ok) showToast('Usuario actualizado');
    else showToast(result.error.message, 'error');
    load();
  }

  return (
    <section className="page" aria-labelledby="users-title">
      <header className="page-header">
        <h1 id="users-title">Usuarios</h1>
        <div className="toolbar">
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            Nuevo usuario
          </button>
        </div>
      </header>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Usuario</th>
              <th style={{ width: 150 }}>Rol</th>
              <th style={{ width: 120 }}>Estado</th>
              <th style={{ width: 80 }}>PIN</th>
              <th style={{ width: 170 }}>Último ingreso</th>
              <th style={{ width: 290 }} aria-label="Acciones" />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.name}
                  {u.id === me ? <span className="tag">vos</span> : null}
                </td>
                <td>
                  <select aria-label={`Rol de ${u.name}`} value={u.role} onChange={(e) => void update(u, { role: e.target.value as Role })}>
                    {ROLES.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {!u.active ? <span className="status">inactivo</span> : u.lockedUntil ? <span className="tag tag-alert">bloqueado</span> : <span className="status status-abierto">activo</span>}
                </td>
                <td>{u.hasPin ? 'sí' : '—'}</td>
                <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'nunca'}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="button" onClick={() => setEditing(u)}>
                      Nueva contraseña
                    </button>
                    {u.id !== me ? (
                      <button type="button" className="button" onClick={() => void update(u, { active: !u.active })}>
                        {u.active ? 'Desactivar' : 'Activar'}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <footer className="page-footer">
        <span className="keys-help">
          {ROLES.map((r) => (
            <span key={r.value}>
              <strong>{r.label}</strong>: {r.what}.{' '}
            </span>
          ))}
        </span>
      </footer>
      {editing ? <UserDialog user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={load} /> : null}
    </section>
  );
}

/** A new user, or a new temporary password (and PIN) for one: they change it at their next login. */
function UserDialog({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: () => void }) {
  const [draft, setDraft] = useState({ name: '', role: 'cajero' as Role, password: '', pin: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const showToast = useToasts((s) => s.show);
  /** A field changed: its own error, and the form's, no longer apply. */
  const edit = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch });
    setErrors((e) => errorsAfterEdit(e, Object.keys(patch)));
  };

  async function submit() {
    const pin = draft.pin ? { pin: draft.pin } : {};
    const result = user
      ? await api.call('users.resetPassword', { id: user.id, password: draft.password, ...pin })
      : await api.call('users.create', { name: draft.name, role: draft.role, password: draft.password, ...pin });
    if (result.ok) {
      showToast(user ? `Contraseña provisoria para ${user.name}` : `Se creó el usuario ${result.data.name}`);
      onSaved();
      onClose();
      return;
    }
    setErrors(errorsByField(result.error));
  }

  return (
    <Modal title={user ? `Nueva contraseña para ${user.name}` : 'Nuevo usuario'} size="small" onClose={onClose} onSubmit={() => void submit()}>
        <FormError message={errors.form} />
        {user ? null : (
          <>
            <Field id="user-name" label="Nombre de usuario" error={errors.name} required>
              <input id="user-name" autoFocus maxLength={40} value={draft.name} onChange={(e) => edit({ name: e.target.value })} />
            </Field>
            <Field id="user-role" label="Rol" error={errors.role}>
              <select id="user-role" value={draft.role} onChange={(e) => edit({ role: e.target.value as Role })}>
                {ROLES.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label} — {r.what}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
        <Field id="user-password" label="Contraseña provisoria" error={errors.password} hint="Al menos 8 caracteres; la cambia al entrar" required>
          <input id="user-password" autoFocus={!!user} type="password" autoComplete="new-password" maxLength={200} value={draft.password} onChange={(e) => edit({ password: e.target.value })} />
        </Field>
        <Field id="user-pin" label="PIN de caja (opcional)" error={errors.pin} hint="4 a 8 dígitos, para cambiar de cajero en el mostrador">
          <input id="user-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={draft.pin} onChange={(e) => edit({ pin: e.target.value })} />
        </Field>
        <DialogFooter onCancel={onClose} confirmLabel={user ? 'Guardar contraseña' : 'Crear usuario'} />
    </Modal>
  );
}
