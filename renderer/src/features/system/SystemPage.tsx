import { useEffect, useState } from 'react';
import type { AppErrorPayload, AuditHead, AuditVerifyResult, SystemInfo } from '../../../../contract';
import { api } from '../../api/client';
import { formatBytes, formatDateTime, formatInteger } from '../../lib/format';
import { useSession } from '../../stores/session';
import { useToasts } from '../../stores/toast';
import { SettingsForm } from './SettingsForm';

/** Where the data lives and which version is running: what support asks first. */
export function SystemPage() {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<AppErrorPayload | null>(null);
  const [head, setHead] = useState<AuditHead | null>(null);
  const [verified, setVerified] = useState<AuditVerifyResult | null>(null);
  const canAudit = useSession((s) => !!s.status?.allowed.includes('audit.verify'));
  const canConfigure = useSession((s) => !!s.status?.allowed.includes('settings.update'));
  const canBackup = useSession((s) => !!s.status?.allowed.includes('system.backup'));
  const [backingUp, setBackingUp] = useState(false);
  const showToast = useToasts((s) => s.show);

  useEffect(() => {
    void api.call('system.info', {}).then((r) => (r.ok ? setInfo(r.data) : setError(r.error)));
    if (canAudit) void api.call('audit.head', {}).then((r) => r.ok && setHead(r.data));
  }, [canAudit]);

  async function backupNow() {
    setBackingUp(true);
    const result = await api.call('system.backup', {});
    setBackingUp(false);
    if (!result.ok) return setError(result.error);
    setInfo((i) => (i ? { ...i, lastBackup: result.data } : i));
    showToast(`Copia verificada: ${result.data.fileName} (${formatBytes(result.data.sizeBytes)})`);
  }

  async function verify() {
    const result = await api.call('audit.verify', {});
    if (result.ok) {
      setVerified(result.data);
      setHead(result.data.head);
    } else setError(result.error);
  }

  return (
    <section className="page" aria-labelledby="system-title">
      <header className="page-header">
        <h1 id="system-title">Sistema</h1>
      </header>
      {error ? <p className="banner banner-alert">{error.message}</p> : null}
      {info ? (
        <dl className="facts">
          <dt>Versión de Góndola</dt>
          <dd>{info.appVersion}</dd>
          <dt>Esquema de datos</dt>
          <dd>
            {info.schemaVersion} <span className="muted mono">({info.schemaName})</span>
          </dd>
          <dt>Carpeta de datos</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>Base de datos</dt>
          <dd>
            <span className="mono">{info.dbPath}</span> · {formatBytes(info.dbSizeBytes)}
          </dd>
          <dt>Productos</dt>
          <dd>{formatInteger(info.productCount)}</dd>
          <dt>Última copia de seguridad</dt>
          <dd className="audit-head" data-testid="last-backup">
            {info.lastBackup ? (
              <span>
                {formatDateTime(info.lastBackup.at)} · {formatBytes(info.lastBackup.sizeBytes)} · <span className="mono">{info.lastBackup.fileName}</span>
              </span>
            ) : (
              <span className="tag tag-warn">Todavía no se hizo ninguna copia</span>
            )}
            {canBackup ? (
              <button type="button" className="button" onClick={() => void backupNow()} disabled={backingUp}>
                {backingUp ? 'Copiando…' : 'Hacer copia ahora'}
              </button>
            ) : null}
          </dd>
          {head ? (
            <>
              <dt>Auditoría (cabeza de la cadena)</dt>
              <dd className="audit-head">
                <span>
                  entrada {formatInteger(head.seq)} · <span className="mono" data-testid="audit-hash">{head.hash.slice(0, 16)}…</span>
                </span>
                <button type="button" className="button" onClick={() => void verify()}>
                  Verificar la cadena
                </button>
                {verified ? (
                  verified.verified ? (
                    <span className="status status-abierto" role="status">
                      Verificada: {formatInteger(verified.entries)} entradas sin alteraciones ({formatDateTime(verified.checkedAt)})
                    </span>
                  ) : (
                    <span className="tag tag-alert" role="alert">
                      ¡Alterada! {verified.firstBad!.reason}
                    </span>
                  )
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {canConfigure ? <SettingsForm /> : null}
    </section>
  );
}
