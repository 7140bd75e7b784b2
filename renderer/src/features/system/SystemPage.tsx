import { useEffect, useState } from 'react';
import type { AppErrorPayload, SystemInfo } from '../../../../contract';
import { api } from '../../api/client';
import { formatBytes, formatInteger } from '../../lib/format';
import { SettingsForm } from './SettingsForm';

/** Where the data lives and which version is running: what support asks first. */
export function SystemPage() {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<AppErrorPayload | null>(null);

  useEffect(() => {
    void api.call('system.info', {}).then((r) => (r.ok ? setInfo(r.data) : setError(r.error)));
  }, []);

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
        </dl>
      ) : null}
      <SettingsForm />
    </section>
  );
}
