import { useState } from 'react';
import type { ForensicSettings, ForensicStatus } from '../../../../contract';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { errorsByField } from '../../lib/errors';
import { useToasts } from '../../stores/toast';
import { FormError } from '../../components/ErrorBanner';

/** The owner's forensic settings: the nightly run and its time, the days a run covers, opening hours and the change of shift. */
export function ForensicSettingsDialog({ settings, onClose, onSaved }: { settings: ForensicSettings; onClose(): void; onSaved(status: ForensicStatus): void }) {
  const toast = useToasts((s) => s.show);
  const [nightly, setNightly] = useState(settings.nightly);
  const [time, setTime] = useState(settings.nightlyTime);
  const [days, setDays] = useState(String(settings.periodDays));
  const [hours, setHours] = useState(settings.hours);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    const periodDays = Number(days);
    if (!Number.isInteger(periodDays) || periodDays < 7 || periodDays > 366) return setErrors({ periodDays: 'Entre 7 y 366 días' });
    setBusy(true);
    const r = await api.call('forensic.updateSettings', { nightly, nightlyTime: time, periodDays, hours });
    setBusy(false);
    // Shown once: beside the field it is about (every path the contract checks has its input here), or above the form.
    if (!r.ok) return setErrors(errorsByField(r.error));
    toast('Configuración de la revisión guardada.');
    onSaved(r.data);
    onClose();
  }

  return (
    <Modal title="Configuración de la revisión" size="small" onClose={onClose} onSubmit={() => void submit()}>
        <FormError message={errors.form} />
        <label className="check">
          <input type="checkbox" checked={nightly} onChange={(e) => setNightly(e.target.checked)} autoFocus /> Revisar la tienda todas las noches (si la PC estaba apagada, al prenderla)
        </label>
        <div className="grid-3">
          <Field id="nightlyTime" label="Hora de la revisión" error={errors.nightlyTime}>
            <input id="nightlyTime" type="time" value={time} onChange={(e) => setTime(e.target.value)} />
          </Field>
          <Field id="periodDays" label="Días que cubre" hint="Hasta el día anterior" error={errors.periodDays}>
            <input id="periodDays" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
          </Field>
        </div>
        <fieldset className="fieldset">
          <legend>Horario del local (lo de fuera de horario se señala)</legend>
          <div className="grid-3">
            <Field id="open" label="Abre" error={errors['hours.open']}>
              <input id="open" type="time" value={hours.open} onChange={(e) => setHours({ ...hours, open: e.target.value })} />
            </Field>
            <Field id="shiftChange" label="Cambio de turno" error={errors['hours.shiftChange']}>
              <input id="shiftChange" type="time" value={hours.shiftChange} onChange={(e) => setHours({ ...hours, shiftChange: e.target.value })} />
            </Field>
            <Field id="close" label="Cierra" error={errors['hours.close']}>
              <input id="close" type="time" value={hours.close} onChange={(e) => setHours({ ...hours, close: e.target.value })} />
            </Field>
          </div>
        </fieldset>
        <DialogFooter onCancel={onClose} confirmLabel="Guardar" busy={busy} busyLabel="Guardando…" />
    </Modal>
  );
}
