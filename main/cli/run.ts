import { userInfo } from 'node:os';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createApp, type App } from '../app';
import { startBridge } from '../bridge/server';
import { seedDemoStore } from '../demo';
import { invoiceNumber } from '../domain/cuit';
import { AppError } from '../domain/errors';
import { formatMoney, ROLE_LABEL, SEVERITY_LABEL } from '../../locale';
import { stockValue } from '../domain/ledger';
import { exportFolder, importFolder, readDailySales, SalesFileError } from '../interchange';
import { backtest, Calendar, MAX_HORIZON, NotEnoughHistory, panelFromDailySales, type BacktestResult, type DemandPanel } from '../forecast';
import { AR_HOLIDAYS } from '../domain/holidays';
import { DEFAULT_TIME_ZONE } from '../services/settings';
import { loadStorePanel } from '../services/demand-data';
import { fileLogger, type Logger } from '../logger';
import { MAX_DOCUMENT_BYTES, OcrPool, publicJson, readInvoice } from '../invoices';
import { defaultDataDir } from '../paths';
import { ROLES, UserCreateInput, type Role } from '../../contract';
import { runInScope } from '../write';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits on it. */
  untilStopped(): Promise<void>;
  env: NodeJS.ProcessEnv;
  /** Reads one line from standard input without echoing it (a password). */
  readSecret(prompt: string): Promise<string>;
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
  gondola demo  [--data-dir D] [--seed N] [--days N]
                                            crea una tienda de ejemplo con 18 meses de historia
                                            (--days 0: solo el catálogo)
  gondola import <carpeta> [--data-dir D] [--skip-bad-rows] [--decimales coma|punto] [--json]
                                            importa los CSV de la carpeta (formato de intercambio)
  gondola export <carpeta> [--data-dir D]   exporta la tienda en el mismo formato
  gondola stock [--data-dir D] [--json]     stock, costo promedio y valor por producto
  gondola backup [--data-dir D] [--out F]   copia de seguridad en caliente (verificada) de la base
  gondola users add <nombre> --role <dueño|encargado|cajero> [--data-dir D]
                                            crea un usuario; la contraseña se lee de la entrada estándar
  gondola users list [--data-dir D] [--json]
  gondola ocr <archivo> [--json]            lee una factura de proveedor (PDF o imagen): QR de AFIP,
                                            texto del PDF u OCR; no necesita una tienda
  gondola forecast backtest [--sales ventas.csv] [--horizon 28] [--json] [--data-dir D]
                                            backtest de origen móvil del pronóstico (modelo y métodos
                                            clásicos): con --sales, sobre un archivo de ventas sin tienda
  gondola forensic run [--from AAAA-MM-DD] [--to AAAA-MM-DD] [--json] [--data-dir D]
                                            revisión forense (validación, consistencia, patrones y
                                            desempeño); la guarda en el historial
  gondola forensic report --run <id> [--format pdf|html|json] --out <archivo> [--data-dir D]
                                            el informe de una revisión del historial
  gondola audit verify [--data-dir D] [--json]
                                            recalcula la cadena de auditoría e informa la primera entrada alterada

Los comandos que trabajan sobre la carpeta de datos quedan en la auditoría con
el usuario del sistema operativo que los ejecutó.

Sin --data-dir se usa la carpeta de datos del usuario (la misma que la app de escritorio).`;

const options = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean', default: false },
  seed: { type: 'string' },
  'skip-bad-rows': { type: 'boolean', default: false },
  decimales: { type: 'string' },
  days: { type: 'string' },
  out: { type: 'string' },
  role: { type: 'string' },
  sales: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  horizon: { type: 'string' },
  run: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** `--decimales coma|punto`: how the import's files write decimals. */
const DECIMALES: Record<string, 'comma' | 'dot'> = { coma: 'comma', punto: 'dot' };

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
        return await withApp(dataDir, logger, paths, null, async (app) => {
          const info = app.services.system.info() as unknown as Record<string, unknown>;
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
        return await withApp(dataDir, logger, paths, null, async (app) => {
          const seed = flags.seed === undefined ? undefined : Number.parseInt(flags.seed, 10);
          if (seed !== undefined && !Number.isFinite(seed)) throw new AppError('VALIDATION', '--seed tiene que ser un número entero');
          const days = flags.days === undefined ? undefined : Number.parseInt(flags.days, 10);
          if (days !== undefined && !(Number.isInteger(days) && days >= 0 && days <= 3650)) throw new AppError('VALIDATION', '--days tiene que ser un número de días entre 0 y 3650');
          let lastShown = -1;
          const result = seedDemoStore(app, {
            ...(seed === undefined ? {} : { seed }),
            ...(days === undefined ? {} : { days }),
            onProgress: (day, total) => {
              const percent = Math.floor((day / total) * 10) * 10;
              if (percent !== lastShown) {
                lastShown = percent;
                io.err(`  historia: ${percent} %`);
              }
            },
          });
          io.out(
            `Se cargaron ${result.products} productos de ejemplo en ${result.categories} categorías, ${result.suppliers} proveedores, ${result.receipts} recepciones y ${result.tickets} tickets (${result.saleLines} líneas) en ${dataDir}.`,
          );
          return 0;
        });
      case 'import': {
        const folder = parsed.positionals[1];
        if (!folder) throw new AppError('VALIDATION', 'Indicá la carpeta a importar: gondola import <carpeta>');
        const decimals = DECIMALES[flags.decimales ?? ''];
        if (flags.decimales !== undefined && !decimals) throw new AppError('VALIDATION', `--decimales es «coma» o «punto», no «${flags.decimales}»`);
        return await withApp(dataDir, logger, paths, audited(io, 'import', { folder: resolve(folder) }), async (app) => {
          const result = await importFolder(app, resolve(folder), {
            skipBadRows: flags['skip-bad-rows'],
            ...(decimals ? { decimals } : {}),
            actor: operatingSystemUser(io.env),
            ...(flags.json ? {} : { onProgress: (p) => io.err(`  ${p.file}: ${p.rows.toLocaleString('es-AR')} filas…`) }),
          });
          logger.log(result.applied ? 'info' : 'warn', 'import', { folder, applied: result.applied, errorCount: result.errorCount, files: result.files });
          if (flags.json) io.out(JSON.stringify(result, null, 2));
          else {
            for (const f of result.files) {
              io.out(
                `${f.file.padEnd(16)} ${String(f.rows).padStart(9)} filas  ${String(f.applied).padStart(9)} aplicadas  ${String(f.unchanged).padStart(7)} sin cambios  ${String(f.rejected).padStart(6)} con error${f.refused ? `  (rechazado: ${f.refused})` : ''}`,
              );
            }
            for (const e of result.errors) io.err(e);
            if (result.errorCount > result.errors.length) io.err(`… y ${result.errorCount - result.errors.length} errores más.`);
            io.out(result.message);
          }
          return result.applied ? 0 : 1;
        });
      }
      case 'export': {
        const folder = parsed.positionals[1];
        if (!folder) throw new AppError('VALIDATION', 'Indicá la carpeta de destino: gondola export <carpeta>');
        return await withApp(dataDir, logger, paths, audited(io, 'export', { folder: resolve(folder) }), async (app) => {
          const result = await exportFolder(app, resolve(folder));
          logger.log('info', 'export', { folder: result.folder, files: result.files, user: operatingSystemUser(io.env) });
          for (const f of result.files) io.out(`${f.file.padEnd(16)} ${String(f.rows).padStart(9)} filas`);
          io.out(`Exportado en ${result.folder}`);
          return 0;
        });
      }
      case 'backup':
        return await withApp(dataDir, logger, paths, audited(io, 'backup', { out: flags.out ?? null }), async (app) => {
          // Another process (the app) may be selling: a snapshot copy, which its writes cannot restart.
          const made = await app.services.backups.create(flags.out, 'snapshot');
          logger.log('info', 'backup', { target: made.path, user: operatingSystemUser(io.env) });
          io.out(`Copia de seguridad verificada en ${made.path} (${formatBytes(made.sizeBytes)}).`);
          return 0;
        });
      case 'stock':
        return await withApp(dataDir, logger, paths, audited(io, 'stock', {}), async (app) => {
          const rows = stockReport(app);
          if (flags.json) io.out(JSON.stringify(rows, null, 2));
          else {
            for (const r of rows) io.out(`${r.sku.padEnd(12)} ${r.name.slice(0, 44).padEnd(44)} ${String(r.onHand).padStart(12)} ${r.unit.padEnd(2)} ${formatMoney(r.avgCost).padStart(14)} ${formatMoney(r.value).padStart(16)}`);
            io.out(`Valor total del stock: ${formatMoney(rows.reduce((s, r) => s + r.value, 0))}`);
          }
          return 0;
        });
      case 'users':
        return await users(parsed.positionals.slice(1), flags, dataDir, logger, io, paths);
      case 'ocr':
        return await ocr(parsed.positionals[1], flags.json, io);
      case 'forecast':
        return await forecastCommand(parsed.positionals.slice(1), flags, dataDir, logger, io, paths);
      case 'forensic':
        return await forensicCommand(parsed.positionals.slice(1), flags, dataDir, logger, io, paths);
      case 'audit': {
        if (parsed.positionals[1] !== 'verify') throw new AppError('VALIDATION', 'Uso: gondola audit verify [--json]');
        // Verifying only reads: it writes no entry of its own (one would renumber nothing, but a check must not touch what it checks).
        return await withApp(dataDir, logger, paths, null, async (app) => {
          const result = app.services.audit.verify();
          if (flags.json) io.out(JSON.stringify(result, null, 2));
          else if (result.verified) io.out(`La auditoría verifica: ${result.entries} entradas, cabeza ${result.head.seq} ${result.head.hash}.`);
          else io.out(`La auditoría NO verifica: ${result.firstBad!.reason} (entrada ${result.firstBad!.seq}).`);
          return result.verified ? 0 : 1;
        });
      }
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

/** `gondola ocr <file>`: reads one supplier invoice and prints what was found. */
async function ocr(file: string | undefined, json: boolean, io: CliIo): Promise<number> {
  if (!file) throw new AppError('VALIDATION', 'Indicá el archivo: gondola ocr <factura.pdf|foto.jpg>');
  if (!existsSync(file)) throw new AppError('VALIDATION', `No existe el archivo ${file}`);
  const size = statSync(file).size;
  if (size > MAX_DOCUMENT_BYTES) throw new AppError('UNREADABLE_DOCUMENT', `El archivo pesa ${(size / 1048576).toFixed(0)} MB; una factura admite hasta ${MAX_DOCUMENT_BYTES / 1048576} MB.`, { reason: 'too-large' });
  const pool = new OcrPool();
  try {
    const { extraction } = await readInvoice(new Uint8Array(readFileSync(file)), { ocr: pool });
    const result = publicJson(extraction);
    if (json) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    const h = result.header;
    const money = (c: number | null) => (c === null ? '—' : formatMoney(c));
    io.out(`Factura ${h.letter ?? '?'} (cód. ${h.typeCode ?? '?'}) ${invoiceNumber(h.pos ?? 0, h.number ?? 0)} del ${h.date ?? '?'}`);
    io.out(`CUIT emisor: ${h.cuit ?? '?'}   CAE: ${h.cae ?? '?'}`);
    io.out(`Neto: ${Object.entries(h.net).map(([r, c]) => `${r}% ${money(c)}`).join(', ') || '—'}   IVA: ${Object.entries(h.iva).map(([r, c]) => `${r}% ${money(c)}`).join(', ') || '—'}   Total: ${money(h.total)}`);
    for (const line of result.lines) io.out(`  ${(line.qty / 1000).toLocaleString('es-AR')} × ${line.code ? `[${line.code}] ` : ''}${line.description}  ${money(line.unitPrice)}  = ${money(line.amount)}`);
    for (const check of result.checks.filter((c) => !c.ok)) io.out(`! ${check.message}`);
    for (const warning of result.warnings) io.out(`! ${warning}`);
    io.out(`Fuentes: ${Object.entries(result.sources).filter(([, v]) => v).map(([k]) => k).join(', ')}   confianza ${Math.round(result.confidence * 100)} %   ${result.timingsMs.total} ms`);
    return 0;
  } finally {
    await pool.close();
  }
}

/** `gondola forecast backtest`: the rolling-origin backtest on a sales file or on the store. */
async function forecastCommand(
  args: string[],
  flags: { sales?: string | undefined; horizon?: string | undefined; json: boolean },
  dataDir: string,
  logger: Logger,
  io: CliIo,
  paths: CliPaths,
): Promise<number> {
  if (args[0] !== 'backtest') throw new AppError('VALIDATION', 'Uso: gondola forecast backtest [--sales ventas.csv] [--horizon 28] [--json]');
  const horizon = flags.horizon === undefined ? 28 : Number(flags.horizon);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) throw new AppError('VALIDATION', `--horizon debe ser un número de días entre 1 y ${MAX_HORIZON}`);
  const progress = (message: string) => {
    if (!flags.json) io.err(message);
  };
  const report = async (panel: DemandPanel, holidays: Iterable<string>): Promise<number> => {
    const result = await runBacktest(panel, new Calendar(holidays), horizon, progress);
    if (flags.json) {
      io.out(JSON.stringify(result.methods.map((m) => ({ ...m, horizon: result.horizon, origins: result.origins.length, products: result.products })), null, 2));
      return 0;
    }
    const sim = result.simulation;
    io.out(`Backtest de origen móvil: ${result.products} productos, horizonte ${horizon} días, ${result.origins.length} orígenes; cuantiles sobre períodos de ${result.periodDays} días.`);
    io.out(`${'método'.padEnd(16)} ${'RMSSE'.padStart(7)} ${'WAPE'.padStart(7)} ${'sesgo'.padStart(7)} ${'pinball'.padStart(8)} ${'cob. P90'.padStart(9)}`);
    for (const m of result.methods) {
      io.out(`${m.method.padEnd(16)} ${dec(m.rmsse, 3).padStart(7)} ${dec(m.wape, 3).padStart(7)} ${dec(m.bias * 100, 1).padStart(6)} % ${dec(m.spl, 3).padStart(8)} ${dec(m.coverage90 * 100, 1).padStart(7)} %`);
    }
    io.out(`Simulación de stock (revisión cada ${sim.reviewDays} días, entrega a los ${sim.leadDays}, nivel de servicio ${Math.round(sim.serviceLevel * 100)} %, ventas perdidas si falta):`);
    io.out(`  modelo:            servicio ${dec(sim.model.fillRate * 100, 1)} %, stock promedio ${dec(sim.model.averageStock, 2)} por producto`);
    io.out(`  promedio 28 días:  servicio ${dec(sim.movingAverage.fillRate * 100, 1)} %, stock promedio ${dec(sim.movingAverage.averageStock, 2)} por producto`);
    if (sim.modelAtSameStock) {
      const same = sim.modelAtSameStock;
      io.out(`  modelo con el mismo stock o menos (nivel ${dec(same.serviceLevel * 100, 0)} %): servicio ${dec(same.fillRate * 100, 1)} %, stock promedio ${dec(same.averageStock, 2)}`);
    }
    return 0;
  };
  if (flags.sales) {
    if (!existsSync(flags.sales)) throw new AppError('VALIDATION', `No existe el archivo ${flags.sales}`);
    let panel: DemandPanel;
    try {
      panel = panelFromDailySales(await readDailySales(flags.sales, DEFAULT_TIME_ZONE));
    } catch (error) {
      if (error instanceof SalesFileError) throw new AppError('VALIDATION', error.message);
      throw error;
    }
    return await report(panel, AR_HOLIDAYS);
  }
  return await withApp(dataDir, logger, paths, null, async (app) => {
    const loaded = loadStorePanel(app.core, app.services.settings.get().timeZone);
    if (!loaded) throw new AppError('VALIDATION', 'La tienda todavía no tiene ventas para probar el pronóstico.');
    return await report(loaded.panel, app.services.forecasts.holidays());
  });
}

/** A decimal as people here write it: 0,639. */
function dec(value: number, digits: number): string {
  return value.toFixed(digits).replace('.', ',');
}

async function runBacktest(panel: DemandPanel, calendar: Calendar, horizon: number, progress: (m: string) => void): Promise<BacktestResult> {
  try {
    return await backtest(panel, calendar, { horizon, onProgress: progress });
  } catch (error) {
    if (error instanceof NotEnoughHistory) throw new AppError('VALIDATION', error.message);
    throw error;
  }
}

/** How a command that works on the data folder directly is recorded in the audit log. */
interface AuditedCommand {
  user: string;
  command: string;
  details: Record<string, unknown>;
}

function audited(io: CliIo, command: string, details: Record<string, unknown>): AuditedCommand {
  return { user: operatingSystemUser(io.env), command, details };
}

/** Opens the store for one command; a command that works on the data folder directly is audited. */
async function withApp(dataDir: string, logger: Logger, paths: CliPaths, audit: AuditedCommand | null, fn: (app: App) => Promise<number>): Promise<number> {
  const app = await createApp({ dataDir, resourcesDir: paths.resourcesDir, logger });
  try {
    if (!audit) return await fn(app);
    // Everything the command writes, and the record that it ran, carry the OS user.
    return await runInScope({ user: audit.user, method: `cli.${audit.command}` }, async () => {
      let code = 1;
      try {
        code = await fn(app);
        return code;
      } finally {
        app.services.audit.recordCommand(audit.command, { ...audit.details, exitCode: code });
      }
    });
  } finally {
    app.close();
  }
}

async function users(
  args: string[],
  flags: { json?: boolean; role?: string | undefined },
  dataDir: string,
  logger: Logger,
  io: CliIo,
  paths: CliPaths,
): Promise<number> {
  const [action, name] = args;
  if (action === 'list') {
    return withApp(dataDir, logger, paths, audited(io, 'users list', {}), async (app) => {
      const list = app.services.users.list();
      if (flags.json) io.out(JSON.stringify(list, null, 2));
      else if (list.length === 0) io.out('Todavía no hay usuarios: la app pide la cuenta del dueño al abrirla, o usá gondola users add.');
      else for (const u of list) io.out(`${u.name.padEnd(24)} ${ROLE_LABEL[u.role].padEnd(10)} ${u.active ? 'activo' : 'inactivo'}${u.lockedUntil ? '  (bloqueado)' : ''}`);
      return 0;
    });
  }
  if (action !== 'add' || !name) throw new AppError('VALIDATION', 'Uso: gondola users add <nombre> --role <dueño|encargado|cajero>, o gondola users list');
  const role = flags.role as Role | undefined;
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new AppError('VALIDATION', '--role tiene que ser dueño, encargado o cajero');
  const password = await io.readSecret(`Contraseña para ${name}: `);
  const parsed = UserCreateInput.safeParse({ name, role, password });
  if (!parsed.success) throw new AppError('VALIDATION', parsed.error.issues.map((i) => i.message).join('; '));
  return withApp(dataDir, logger, paths, audited(io, 'users add', { name, role }), async (app) => {
    // Users made here already chose their password: no forced change at first login.
    const user = await app.services.users.createUser(parsed.data, { mustChange: false });
    io.out(`Se creó el usuario ${user.name} (${user.role}).`);
    return 0;
  });
}

async function serve(dataDir: string, portFlag: string | undefined, logger: Logger, io: CliIo, paths: CliPaths): Promise<number> {
  const port = portFlag === undefined ? 0 : Number.parseInt(portFlag, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('VALIDATION', `--port tiene que ser un número entre 0 y 65535`);
  const app = await createApp({ dataDir, resourcesDir: paths.resourcesDir, logger });
  // A running store retrains its demand model weekly (one-shot commands do not).
  app.services.forecasts.startSchedule();
  app.services.forensics.startSchedule();
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

/**
 * `gondola stock --json`: on-hand as a decimal number in the product's unit,
 * money in centavos, for scripts and support.
 */
function stockReport(app: App): { sku: string; name: string; unit: string; onHand: number; avgCost: number; value: number }[] {
  return app.services.stock.onHandAll().map((p) => ({ sku: p.sku, name: p.name, unit: p.unit, onHand: p.onHand / 1000, avgCost: p.avgCost, value: stockValue(p.onHand, p.avgCost) }));
}

/** Who ran a command that works on the data folder directly. */
function operatingSystemUser(env: NodeJS.ProcessEnv): string {
  try {
    return `so:${userInfo().username}`;
  } catch {
    return `so:${env.USER ?? env.USERNAME ?? 'desconocido'}`;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function forensicCommand(
  args: string[],
  flags: { from?: string | undefined; to?: string | undefined; run?: string | undefined; format?: string | undefined; out?: string | undefined; json: boolean }, dataDir: string, logger: Logger, io: CliIo, paths: CliPaths): Promise<number> {
  if (args[0] === 'run') {
    return await withApp(dataDir, logger, paths, audited(io, 'forensic run', {}), async (app) => {
      const run = await app.services.forensics.run({ from: flags.from, to: flags.to });
      if (flags.json) {
        const { runId, period, findings, kpis, audit } = run;
        io.out(JSON.stringify({ runId, period, findings, kpis, audit }, null, 2));
        return 0;
      }
      io.out(`Revisión ${run.runId}: ${run.period.from} a ${run.period.to}, ${run.kpis.movements} movimientos, ${run.kpis.products} productos.`);
      io.out(`Auditoría: ${run.audit.verified ? 'verifica' : 'NO verifica'}. Hallazgos: ${run.kpis.findings.alta} de severidad alta, ${run.kpis.findings.media} media, ${run.kpis.findings.baja} baja (${run.findings.filter((f) => f.status === 'nuevo').length} nuevos, ${run.resolved.length} resueltos).`);
      for (const f of run.findings) io.out(`  [${SEVERITY_LABEL[f.severity]}] ${f.title} (${f.rule})`);
      io.out(`Informe: gondola forensic report --run ${run.runId} --format pdf --out revision.pdf`);
      return 0;
    });
  }
  if (args[0] === 'report') {
    const format = flags.format ?? 'pdf';
    if (!flags.run) throw new AppError('VALIDATION', 'Falta --run <id>: el id de la revisión (gondola forensic run lo muestra)');
    if (!flags.out) throw new AppError('VALIDATION', 'Falta --out <archivo>: dónde guardar el informe');
    if (format !== 'pdf' && format !== 'html' && format !== 'json') throw new AppError('VALIDATION', `--format es pdf, html o json (vino «${format}»)`);
    return await withApp(dataDir, logger, paths, audited(io, 'forensic report', { run: flags.run }), async (app) => {
      const file = await app.services.forensics.report(flags.run!, format);
      const out = resolve(flags.out!);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, Buffer.from(file.base64, 'base64'));
      io.out(`Informe guardado en ${out} (${formatBytes(statSync(out).size)}).`);
      return 0;
    });
  }
  throw new AppError('VALIDATION', 'Uso: gondola forensic run [--from AAAA-MM-DD] [--to AAAA-MM-DD] [--json] | gondola forensic report --run <id> --format pdf|html|json --out <archivo>');
}
