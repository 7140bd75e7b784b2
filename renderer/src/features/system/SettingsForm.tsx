import { useEffect, useState } from 'react';
import type { Settings } from '../../../../contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { useToasts } from '../../stores/toast';
import { errorsByField } from '../../lib/errors';
import { FormError } from '../../components/ErrorBanner';

/**
 * Store settings: the name and CUIT printed on documents, whether the counter
 * may sell without stock, and how the store's scale writes its labels.
 */
export function SettingsForm() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [draft, setDraft] = useState({
    storeName: '',
    storeCuit: '',
    allowNegativeStock: false,
    kind: 'weight' as 'weight' | 'price',
    pluLength: '5',
    valueLength: '5',
    factor: '1',
    idleLockMinutes: '10',
    cashiersCanReceive: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const showToast = useToasts((s) => s.show);

  useEffect(() => {
    void api.call('settings.get', {}).then((r) => {
      if (!r.ok) return;
      setSettings(r.data);
      setDraft({
        storeName: r.data.storeName,
        storeCuit: r.data.storeCuit ?? '',
        allowNegativeStock: r.data.allowNegativeStock,
        kind: r.data.scaleLayout.valueKind,
        pluLength: String(r.data.scaleLayout.pluLength),
        valueLength: String(r.data.scaleLayout.valueLength),
        factor: String(r.data.scaleLayout.valueFactor),
        idleLockMinutes: String(r.data.idleLockMinutes),
        cashiersCanReceive: r.data.cashiersCanReceive,
      });
    });
  }, []);
  if (!settings) return null;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const pluLength = Number(draft.pluLength);
    const valueLength = Number(draft.valueLength);
    if (2 + pluLength + valueLength !== 12) {
      setErrors({ scale: 'Prefijo (2) + PLU + valor tienen que sumar 12 dígitos (el 13.º es el verificador)' });
      return;
    }
    const result = await api.call('settings.update', {
      storeName: draft.storeName,
      storeCuit: draft.storeCuit.trim() ? draft.storeCuit.trim() : null,
      allowNegativeStock: draft.allowNegativeStock,
      idleLockMinutes: Number(draft.idleLockMinutes),
      cashiersCanReceive: draft.cashiersCanReceive,
      scaleLayout: { ...settings!.scaleLayout, valueKind: draft.kind, pluStart: 2, pluLength, valueStart: 2 + pluLength, valueLength, valueFactor: Number(draft.factor) || 1 },
    });
    if (result.ok) {
      setSettings(result.data);
      setErrors({});
      showToast('Configuración guardada');
    } else {
      setErrors(errorsByField(result.error, (path) => path.split('.')[0]!));
    }
  }

  return (
    <form className="settings" onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h2 id="settings-title">Configuración del negocio</h2>
      <FormError message={errors.form} />
      <div className="form-grid">
        <Field id="set-name" label="Nombre del negocio" error={errors.storeName}>
          <input id="set-name" value={draft.storeName} maxLength={80} onChange={(e) => setDraft({ ...draft, storeName: e.target.value })} />
        </Field>
        <Field id="set-cuit" label="CUIT" error={errors.storeCuit}>
          <input id="set-cuit" value={draft.storeCuit} maxLength={13} placeholder="30-12345678-9" onChange={(e) => setDraft({ ...draft, storeCuit: e.target.value })} />
        </Field>
        <div className="field field-check">
          <label>
            <input type="checkbox" checked={draft.allowNegativeStock} onChange={(e) => setDraft({ ...draft, allowNegativeStock: e.target.checked })} /> Permitir vender sin stock (la venta queda marcada)
          </label>
        </div>
        <Field id="set-idle" label="Bloquear la sesión después de (minutos sin uso)" error={errors.idleLockMinutes} hint="0 = no bloquear; se desbloquea con el PIN o la contraseña">
          <input id="set-idle" inputMode="numeric" maxLength={3} value={draft.idleLockMinutes} onChange={(e) => setDraft({ ...draft, idleLockMinutes: e.target.value })} />
        </Field>
        <div className="field field-check">
          <label>
            <input type="checkbox" checked={draft.cashiersCanReceive} onChange={(e) => setDraft({ ...draft, cashiersCanReceive: e.target.checked })} /> Los cajeros pueden recibir mercadería (sin ver costos)
          </label>
        </div>
        <Field id="set-scale" label="Etiquetas de balanza (EAN-13 que empiezan con 20–29)" error={errors.scale ?? errors.scaleLayout}>
          <div className="scale-layout">
            <select aria-label="La balanza imprime" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as 'weight' | 'price' })}>
              <option value="weight">peso (gramos)</option>
              <option value="price">importe</option>
            </select>
            <label>
              PLU <input aria-label="Dígitos del PLU" inputMode="numeric" value={draft.pluLength} onChange={(e) => setDraft({ ...draft, pluLength: e.target.value })} />
            </label>
            <label>
              valor <input aria-label="Dígitos del valor" inputMode="numeric" value={draft.valueLength} onChange={(e) => setDraft({ ...draft, valueLength: e.target.value })} />
            </label>
            {draft.kind === 'price' ? (
              <label>
                ×<input aria-label="Multiplicador del importe" inputMode="numeric" value={draft.factor} onChange={(e) => setDraft({ ...draft, factor: e.target.value })} />
              </label>
            ) : null}
          </div>
        </Field>
      </div>
      <footer className="dialog-footer">
        <button type="submit" className="button button-primary">
          Guardar configuración
        </button>
      </footer>
    </form>
  );
}
