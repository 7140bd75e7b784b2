import { useEffect, useState } from 'react';
import type { ForecastSettings } from '../../../../contract';
import { api } from '../../api/client';
import { Dialog as Modal } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { Field } from '../../components/Field';
import { errorsByField } from '../../lib/errors';
import { useToasts } from '../../stores/toast';
import { FormError } from '../../components/ErrorBanner';

const CLASSES = ['A', 'B', 'C'] as const;
const CLASS_HINT = { A: 'el 80 % de la facturación', B: 'el 15 % siguiente', C: 'el resto' };

/** The dates typed one per line (or separated by commas), DD/MM/AAAA or AAAA-MM-DD, as ISO dates. */
function parseDates(text: string): { dates: string[]; bad: string | null } {
  const dates: string[] = [];
  for (const raw of text.split(/[\n,;]+/).map((t) => t.trim()).filter(Boolean)) {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw)?.slice(1).reverse().map((p, i) => (i === 0 ? p : p.padStart(2, '0'))).join('-');
    if (!iso || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || !new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso)) return { dates, bad: raw };
    dates.push(iso);
  }
  return { dates, bad: null };
}

const showDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The owner's forecast settings: service level per ABC class, local holidays, weekly retraining. */
export function ForecastSettingsDialog({ onClose }: { onClose(): void }) {
  const toast = useToasts((s) => s.show);
  const [levels, setLevels] = useState<Record<'A' | 'B' | 'C', string> | null>(null);
  const [extra, setExtra] = useState('');
  const [removed, setRemoved] = useState('');
  const [weekly, setWeekly] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('forecast.settings', {}).then((r) => {
      if (!r.ok) return setErrors({ form: r.error.message });
      const s: ForecastSettings = r.data;
      const percent = (share: number) => String(Math.round(share * 1000) / 10).replace('.', ',');
      setLevels({ A: percent(s.serviceLevels.A), B: percent(s.serviceLevels.B), C: percent(s.serviceLevels.C) });
      setExtra(s.extraHolidays.map(showDate).join('\n'));
      setRemoved(s.removedHolidays.map(showDate).join('\n'));
      setWeekly(s.weeklyRetraining);
    });
  }, []);

  async function submit() {
    if (!levels) return;
    const next: Record<string, string> = {};
    const serviceLevels = { A: 0, B: 0, C: 0 };
    for (const c of CLASSES) {
      const v = Number(levels[c].replace(',', '.'));
      if (!Number.isFinite(v) || v < 50 || v > 99.5) next[`level-${c}`] = 'Entre 50 y 99,5 %';
      else serviceLevels[c] = v / 100;
    }
    const added = parseDates(extra);
    if (added.bad) next.extra = `«${added.bad}» no es una fecha (DD/MM/AAAA)`;
    const ignored = parseDates(removed);
    if (ignored.bad) next.removed = `«${ignored.bad}» no es una fecha (DD/MM/AAAA)`;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const r = await api.call('forecast.updateSettings', { serviceLevels, extraHolidays: added.dates, removedHolidays: ignored.dates, weeklyRetraining: weekly });
    setBusy(false);
    if (!r.ok) {
      setErrors({ form: r.error.message, ...errorsByField(r.error) });
      return;
    }
    toast('Configuración del pronóstico guardada.');
    onClose();
  }

  return (
    <Modal title="Configuración del pronóstico" size="small" onClose={onClose} onSubmit={() => void submit()}>
        <FormError message={errors.form} />
        {!levels ? (
          <p className="muted">Cargando…</p>
        ) : (
          <>
            <fieldset className="fieldset">
              <legend>Nivel de servicio (%) por clase: cuántas reposiciones sin faltante</legend>
              <div className="grid-3">
                {CLASSES.map((c) => (
                  <Field key={c} id={`level-${c}`} label={`Clase ${c}`} hint={CLASS_HINT[c]} error={errors[`level-${c}`]}>
                    <input id={`level-${c}`} inputMode="decimal" value={levels[c]} autoFocus={c === 'A'} onChange={(e) => setLevels({ ...levels, [c]: e.target.value })} />
                  </Field>
                ))}
              </div>
            </fieldset>
            <Field id="extra" label="Feriados locales (uno por línea, DD/MM/AAAA)" hint="Se suman a los nacionales: fiesta patronal, día del pueblo…" error={errors.extra}>
              <textarea id="extra" rows={3} value={extra} onChange={(e) => setExtra(e.target.value)} />
            </Field>
            <Field id="removed" label="Feriados nacionales en los que se trabaja normal" hint="Se sacan del calendario del pronóstico." error={errors.removed}>
              <textarea id="removed" rows={2} value={removed} onChange={(e) => setRemoved(e.target.value)} />
            </Field>
            <label className="check">
              <input type="checkbox" checked={weekly} onChange={(e) => setWeekly(e.target.checked)} /> Reentrenar el modelo cada semana
            </label>
          </>
        )}
        <DialogFooter onCancel={onClose} confirmLabel="Guardar" busy={busy} busyLabel="Guardando…" />
    </Modal>
  );
}
