import { useEffect, useState } from 'react';
import { IVA_CONDITIONS, type IvaCondition, type Settings } from '../../../../contract';
import { IVA_CONDITION_LABEL } from '../../../../locale';
import { api } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { moneyToInput, parseMoneyInput } from '../../lib/format';
import { useToasts } from '../../stores/toast';
import { errorsByField } from '../../lib/errors';
import { FormError } from '../../components/ErrorBanner';

/**
 * Store settings: the store's identity printed on documents (name, address,
 * CUIT, IVA condition, IIBB, start of activities), what the counter may do
 * without a PIN, and how the store's scale writes its labels.
 */
export function SettingsForm() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [draft, setDraft] = useState({
    storeName: '',
    storeCuit: '',
    storeAddress: '',
    ivaCondition: '' as IvaCondition | '',
    iibb: '',
    activityStart: '',
    returnPinAbove: '',
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
        storeAddress: r.data.storeAddress ?? '',
        ivaCondition: r.data.ivaCondition ?? '',
        iibb: r.data.iibb ?? '',
        activityStart: r.data.activityStart ?? '',
        returnPinAbove: moneyToInput(r.data.returnPinAbove),
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
    const returnPinAbove = parseMoneyInput(draft.returnPinAbove, 'El monto');
    if (!returnPinAbove.ok) {
      setErrors({ returnPinAbove: returnPinAbove.message });
      return;
    }
    const result = await api.call('settings.update', {
      storeName: draft.storeName,
      storeCuit: draft.storeCuit.trim() ? draft.storeCuit.trim() : null,
      storeAddress: draft.storeAddress,
      ivaCondition: draft.ivaCondition || null,
      iibb: draft.iibb,
      activityStart: draft.activityStart || null,
      returnPinAbove: returnPinAbove.value,
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
      <h3 className="settings-group">Datos del negocio (salen en los pedidos a proveedores)</h3>
      <div className="form-grid">
        <Field id="set-name" label="Nombre del negocio" error={errors.storeName}>
          <input id="set-name" value={draft.storeName} maxLength={80} onChange={(e) => setDraft({ ...draft, storeName: e.target.value })} />
        </Field>
        <Field id="set-cuit" label="CUIT" error={errors.storeCuit}>
          <input id="set-cuit" value={draft.storeCuit} maxLength={13} placeholder="30-12345678-9" onChange={(e) => setDraft({ ...draft, storeCuit: e.target.value })} />
        </Field>
        <Field id="set-address" label="Dirección" error={errors.storeAddress}>
          <input id="set-address" value={draft.storeAddress} maxLength={120} placeholder="Av. Pellegrini 1234, Rosario" onChange={(e) => setDraft({ ...draft, storeAddress: e.target.value })} />
        </Field>
        <Field id="set-iva" label="Condición frente al IVA" error={errors.ivaCondition}>
          <select id="set-iva" value={draft.ivaCondition} onChange={(e) => setDraft({ ...draft, ivaCondition: e.target.value as IvaCondition | '' })}>
            <option value="">Sin cargar</option>
            {IVA_CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {IVA_CONDITION_LABEL[c]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="set-iibb" label="Ingresos Brutos" error={errors.iibb}>
          <input id="set-iibb" value={draft.iibb} maxLength={40} placeholder="021-123456-7" onChange={(e) => setDraft({ ...draft, iibb: e.target.value })} />
        </Field>
        <Field id="set-start" label="Inicio de actividades" error={errors.activityStart}>
          <DateInput id="set-start" label="El inicio de actividades" optional value={draft.activityStart} onChange={(d) => setDraft({ ...draft, activityStart: d })} />
        </Field>
      </div>
      <h3 className="settings-group">Mostrador y sesiones</h3>
      <div className="form-grid">
        <Field id="set-return-pin" label="Devoluciones de un cajero sin PIN, hasta ($)" error={errors.returnPinAbove} hint="Más que esto, o un ticket de otro cajero, lo autoriza un encargado o el dueño con su PIN">
          <input id="set-return-pin" inputMode="decimal" value={draft.returnPinAbove} onChange={(e) => setDraft({ ...draft, returnPinAbove: e.target.value })} />
        </Field>
        <Field id="set-idle" label="Bloquear la sesión después de (minutos sin uso)" error={errors.idleLockMinutes} hint="0 = no bloquear; se desbloquea con el PIN o la contraseña">
          <input id="set-idle" inputMode="numeric" maxLength={3} value={draft.idleLockMinutes} onChange={(e) => setDraft({ ...draft, idleLockMinutes: e.target.value })} />
        </Field>
        <div className="field field-check">
          <label>
            <input type="checkbox" checked={draft.allowNegativeStock} onChange={(e) => setDraft({ ...draft, allowNegativeStock: e.target.checked })} /> Permitir vender sin stock (la venta queda marcada)
          </label>
        </div>
        <div className="field field-check">
          <label>
            <input type="checkbox" checked={draft.cashiersCanReceive} onChange={(e) => setDraft({ ...draft, cashiersCanReceive: e.target.checked })} /> Los cajeros pueden recibir mercadería (sin ver costos)
          </label>
        </div>
      </div>
      <h3 className="settings-group">Balanza</h3>
      <div className="form-grid">
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
