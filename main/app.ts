import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import packageJson from '../package.json';
import { migrations as allMigrations, type Migration } from '../migrations';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { openMigrated } from './db/migrate';
import { ImportService } from './interchange';
import { Sql } from './db/sql';
import { EventBus } from './events';
import type { Logger } from './logger';
import { systemClock, uuidV7Ids, type Clock, type Ids } from './runtime';
import { createServices, type Services } from './services';
import type { AuthOptions } from './services/credentials';
import { AnchorFile, AuditLog, ExternalChanges, Ledger, type Core } from './write';

export interface CreateAppOptions {
  /** Folder holding gondola.db, its backups and logs. Created when missing. */
  dataDir: string;
  /** Read-only assets: models/, language data. The repo root in development, `resources/` when packaged. */
  resourcesDir: string;
  clock?: Clock;
  ids?: Ids;
  logger: Logger;
  /** For tests of the migration machinery; the app always uses every migration. */
  migrations?: readonly Migration[];
  /** better_sqlite3.node for the Electron ABI in development (see scripts/electron-native.mjs). */
  nativeBinding?: string | undefined;
  /** Password hashing cost and failed-login delays (tests lower them). */
  auth?: AuthOptions;
}

export interface App {
  dispatch: Dispatch;
  events: EventBus;
  /** For in-process tools (CLI, demo, benchmarks); transports only use dispatch. */
  services: Services;
  core: Core;
  /** Migrations applied while opening, and the backup written first, if any. */
  startup: { appliedMigrations: string[]; backupPath: string | null };
  close(): void;
}

export const DB_FILE_NAME = 'gondola.db';

/**
 * The composition root. Opens (and migrates) the store database, wires services,
 * handlers and dispatch. The same core runs inside Electron's utility process,
 * behind the HTTP bridge, in the CLI and in tests.
 */
export async function createApp(options: CreateAppOptions): Promise<App> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const dbPath = join(dataDir, DB_FILE_NAME);
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? uuidV7Ids(clock);
  const { logger } = options;

  const opened = await openMigrated({
    dbPath,
    migrations: options.migrations ?? allMigrations,
    now: () => clock.now(),
    nativeBinding: options.nativeBinding,
    log: (message, fields) => logger.log('info', message, fields),
  });
  const events = new EventBus();
  const core: Core = {
    sql: new Sql(opened.db),
    ledger: new Ledger(opened.db),
    audit: new AuditLog(opened.db),
    external: new ExternalChanges(opened.db),
    anchors: new AnchorFile(`${dbPath}.anclas`, () => clock.now()),
    clock,
    ids,
    events,
    logger,
    dataDir,
    resourcesDir: resolve(options.resourcesDir),
    dbPath,
    nativeBinding: options.nativeBinding,
    appVersion: packageJson.version,
  };
  // Another process's commits (the app beside gondola serve or a CLI import): lots and settings are read again.
  core.external.onChange(() => core.ledger.reloadLotted());
  const services = createServices(core, options.auth);
  services.backups.removeUnfinished();
  // Where the chain stands as the store opens: the first anchor of this run.
  core.anchors.write(core.audit.head());
  const dispatch = createDispatch(createHandlers(services, new ImportService({ core, services })), services.sessions, logger);
  let closed = false;
  return {
    dispatch,
    events,
    services,
    core,
    startup: { appliedMigrations: opened.appliedNow, backupPath: opened.backupPath },
    close() {
      if (closed) return;
      closed = true;
      services.close();
      core.anchors.write(core.audit.head());
      // Fold the WAL back into the main file so a copied data folder is self-contained.
      try {
        opened.db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        opened.db.close();
      }
    },
  };
}
