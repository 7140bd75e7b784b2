import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createApp, type App } from '../app';
import { startBridge } from '../bridge/server';
import { seedDemoStore } from '../demo';
import { AppError } from '../domain/errors';
import { fileLogger, type Logger } from '../logger';
import { defaultDataDir } from '../paths';
import { systemSession } from '../session';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits on it. */
  untilStopped(): Promise<void>;
  env: NodeJS.ProcessEnv;
}

export interface CliPaths {
  /** Built renderer, served by `gondola serve`. */
  staticDir: string;
  resourcesDir: string;
}

const HELP = `Góndola — back office del minimercado

Uso:
  gondola serve [--data-dir D] [--port P]   abre la tienda en el navegador (modo navegador)
  gondola info  [--data-dir D] [--json]     versión, esquema y dónde están los datos
  gondola demo  [--data-dir D] [--seed N]   carga productos de ejemplo en una tienda vacía

Sin --data-dir se usa la carpeta de datos del usuario (la misma que la app de escritorio).`;

const options = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean', default: false },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** Runs one `gondola` command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo, paths: CliPaths): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const [command] = parsed.positionals;
  const flags = parsed.values;
  if (!command || flags.help || command === 'help') {
    io.out(HELP);
    return command || flags.help ? 0 : 2;
  }
  const dataDir = flags['data-dir'] ?? defaultDataDir(io.env);
  const logger = fileLogger(join(dataDir, 'logs', 'gondola.log'), { echoLevel: 'none' });

  try {
    switch (command) {
      case 'serve':
        return await serve(dataDir, flags.port, logger, io, paths);
      case 'info':
        return await withApp(dataDir, logger, paths, async (app) => {
          const result = await app.dispatch('system.info', {}, systemSession('cli'));
          if (!result.ok) throw new AppError(result.error.code, result.error.message);
          const info = result.data as Record<string, unknown>;
          if (flags.json) io.out(JSON.stringify(info, null, 2));
          else {
            io.out(`Góndola ${String(info.appVersion)}`);
            io.out(`Datos:     ${String(info.dataDir)}`);
            io.out(`Base:      ${String(info.dbPath)} (${formatBytes(Number(info.dbSizeBytes))})`);
            io.out(`Esquema:   ${String(info.schemaVersion)} (${String(info.schemaName)})`);
            io.out(`Productos: ${String(info.productCount)}`);
          }
          return 0;
        });
      case 'demo':
        return await withApp(dataDir, logger, paths, async (app) => {
          const seed = flags.seed === undefined ? undefined : Number.parseInt(flags.seed, 10);
          if (seed !== undefined && !Number.isFinite(seed)) throw new AppError('VALIDATION', '--seed tiene que ser un número entero');
          const result = seedDemoStore(app, seed === undefined ? {} : { seed });
          io.out(`Se cargaron ${result.products} productos de ejemplo en ${result.categories} categorías (${dataDir}).`);
          return 0;
        });
      default:
        io.err(`Comando desconocido: ${command}\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof AppError) {
      io.err(error.message);
      logger.log('warn', 'cli command refused', { command, code: error.code, details: error.details });
      return 1;
    }
    logger.log('error', 'cli command failed', { command, error: String(error), stack: (error as Error).stack });
    io.err(`Error inesperado: ${(error as Error).message}. El detalle quedó en ${join(dataDir, 'logs', 'gondola.log')}`);
    return 1;
  }
}

async function withApp(dataDir: string, logger: Logger, paths: CliPaths, fn: (app: App) => Promise<number>): Promise<number> {
  const app = await createApp({ dataDir, resourcesDir: paths.resourcesDir, logger });
  try {
    return await fn(app);
  } finally {
    app.close();
  }
}

async function serve(dataDir: string, portFlag: string | undefined, logger: Logger, io: CliIo, paths: CliPaths): Promise<number> {
  const port = portFlag === undefined ? 0 : Number.parseInt(portFlag, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('VALIDATION', `--port tiene que ser un número entre 0 y 65535`);
  const app = await createApp({ dataDir, resourcesDir: paths.resourcesDir, logger });
  try {
    const bridge = await startBridge({
      dispatch: app.dispatch,
      events: app.events,
      logger,
      port,
      staticDir: paths.staticDir,
    });
    io.out(`Góndola está lista. Abrí en el navegador: ${bridge.url}`);
    io.out(`Datos en ${dataDir}. Ctrl+C para cerrar.`);
    await io.untilStopped();
    await bridge.close();
    return 0;
  } finally {
    app.close();
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
