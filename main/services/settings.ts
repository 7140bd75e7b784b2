import type { MethodParsedInput, Settings } from '../../contract';
import { AppError } from '../domain/errors';
import { isValidCuit } from '../domain/cuit';
import { DEFAULT_SETTINGS as DEFAULTS } from '../domain/settings-defaults';
import { changedFields, type Core, write, type WriteTx } from '../write';

export { DEFAULT_TIME_ZONE } from '../domain/settings-defaults';

/** Writes one settings row (a JSON value under its key), inserting or replacing it. */
export function saveSetting(tx: WriteTx, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  tx.sql.run(
    tx.sql.q
      .insertInto('settings')
      .values({ key, value: json, updated_at: tx.now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: tx.now })),
  );
}

/** Store settings, one JSON row; read often (every sale), so cached until changed. */
export class SettingsService {
  private cached: Settings | null = null;

  constructor(private readonly core: Core) {
    // Settings another process saved (a second window on gondola serve, the CLI) replace the cached ones.
    core.external.onChange(() => {
      this.cached = null;
    });
  }

  /** The header mappings the person gave the import, per file (folded header → column). */
  importMappings(): Record<string, Record<string, string>> {
    const json = this.core.sql.raw.prepare("select value from settings where key = 'import.mapping'").pluck().get() as string | undefined;
    return json ? (JSON.parse(json) as Record<string, Record<string, string>>) : {};
  }

  /** Remembers the import's header mappings, inside the import's transaction. */
  saveImportMappingsInTx(tx: WriteTx, mappings: Record<string, Record<string, string>>): void {
    saveSetting(tx, 'import.mapping', mappings);
  }

  get(): Settings {
    this.core.external.check();
    if (this.cached) return this.cached;
    const row = this.core.sql.first(this.core.sql.q.selectFrom('settings').select('value').where('key', '=', 'store'));
    const stored = row ? (JSON.parse(row.value) as Partial<Settings>) : {};
    this.cached = { ...DEFAULTS, ...stored };
    return this.cached;
  }

  update(input: MethodParsedInput<'settings.update'>): Settings {
    if (input.storeCuit && !isValidCuit(input.storeCuit)) {
      throw new AppError('VALIDATION', 'El CUIT no es válido: revisá el último dígito', {
        fields: [{ path: 'storeCuit', message: 'El CUIT no es válido: revisá el último dígito' }],
      });
    }
    const next: Settings = {
      ...this.get(),
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    };
    if (next.storeCuit) next.storeCuit = next.storeCuit.replace(/-/g, '');
    const previous = this.get();
    write(this.core, (tx) => {
      tx.audit({ entity: 'settings', id: 'store', ...changedFields(previous, next) });
      saveSetting(tx, 'store', next);
      tx.emit('settings.changed', {});
    });
    this.cached = next;
    return next;
  }
}
