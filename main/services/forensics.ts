import { type FileOutput, FIRST_YEAR, type ForensicFinding, type ForensicRun, type ForensicRunSummary, type ForensicSettings, type ForensicStatus, type MethodParsedInput } from '../../contract';
import { AppError } from '../domain/errors';
import { addDays, localDate, zonedToIso } from '../domain/time';
import { DEFAULT_HOURS, type ForensicResult, type IdentifiedFinding, ruleContext } from '../forensic';
import { startForensicJob, type ForensicJob } from '../forensic/thread';
import { JobCancelledError, startChecks } from '../jobs';
import { forensicReport } from '../reports';
import { write, type Core } from '../write';
import { saveSetting, type SettingsService } from './settings';

const DEFAULTS: ForensicSettings = { nightly: true, nightlyTime: '03:00', periodDays: 30, hours: DEFAULT_HOURS };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest period one run covers: three years. */
const MAX_PERIOD_DAYS = 3 * 365 + 1;
type Trigger = 'manual' | 'programada';

interface StoredResult extends Omit<ForensicResult, 'findings'> {
  findings: (IdentifiedFinding & { status: 'nuevo' | 'sigue' })[];
  resolved: ForensicRun['resolved'];
}

/**
 * Forensic runs: on demand and nightly (catching up when the PC was off), each
 * in a worker thread with its own read-only connection so sales go on, with
 * progress and cancel. Every run is kept (forensic_runs) with what was new and
 * what was resolved against the previous one; acknowledgements (forensic_acks)
 * hold while a finding's evidence stays the same.
 */
export class ForensicService {
  private job: { job: ForensicJob; progress: number; message: string; startedAt: string; trigger: Trigger } | null = null;
  private lastError: string | null = null;
  private stopChecks: (() => void) | null = null;
  /** The running job's promise (tests and the CLI wait on it). */
  running: Promise<ForensicRun | null> | null = null;

  constructor(
    private readonly core: Core,
    private readonly store: SettingsService,
  ) {}

  settings(): ForensicSettings {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('settings').select('value').where('key', '=', 'forensic'));
    const stored = row ? (JSON.parse(row.value) as Partial<ForensicSettings>) : {};
    return { ...DEFAULTS, ...stored, hours: { ...DEFAULTS.hours, ...stored.hours } };
  }

  updateSettings(input: MethodParsedInput<'forensic.updateSettings'>): ForensicStatus {
    const before = this.settings();
    const next: ForensicSettings = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    write(this.core, (tx) => {
      saveSetting(tx, 'forensic', next);
      tx.audit({ entity: 'settings', id: 'forensic', before, after: next });
      tx.emit('forensic.changed', {});
    });
    return this.status();
  }

  status(): ForensicStatus {
    const settings = this.settings();
    // The history's figures come out of each stored result inside SQLite; only the latest run is read whole.
    const history = (
      this.core.sql.raw
        .prepare(
          `select id, trigger, started_at, period_from, period_to, json_extract(result, '$.kpis.findings') as counts,
             (select count(*) from json_each(result, '$.findings') where json_extract(value, '$.status') = 'nuevo') as new_findings,
             coalesce(json_array_length(result, '$.resolved'), 0) as resolved, json_extract(result, '$.audit.verified') as verified
           from forensic_runs order by started_at desc limit 30`,
        )
        .all() as { id: string; trigger: Trigger; started_at: string; period_from: string; period_to: string; counts: string; new_findings: number; resolved: number; verified: number }[]
    ).map(
      (r): ForensicRunSummary => ({
        runId: r.id,
        trigger: r.trigger,
        startedAt: r.started_at,
        period: { from: r.period_from, to: r.period_to },
        counts: JSON.parse(r.counts) as ForensicRunSummary['counts'],
        newFindings: r.new_findings,
        resolved: r.resolved,
        auditVerified: r.verified === 1,
      }),
    );
    return {
      running: this.job ? { progress: this.job.progress, message: this.job.message, startedAt: this.job.startedAt, trigger: this.job.trigger } : null,
      latest: history[0] ? this.get(history[0].runId) : null,
      history,
      settings,
      nextRun: settings.nightly ? this.nextSlot(settings).toISOString() : null,
      lastError: this.lastError,
    };
  }

  get(runId: string): ForensicRun {
    const row = this.core.sql.raw.prepare('select id, trigger, started_at, finished_at, period_from, period_to, result from forensic_runs where id = ?').get(runId) as RunRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No existe la revisión ${runId}`, { runId });
    return this.present(row);
  }

  /** Starts a run in its worker; the returned status shows it running. */
  start(input: { from?: string | undefined; to?: string | undefined } = {}, trigger: Trigger = 'manual'): ForensicStatus {
    if (this.job) throw new AppError('CONFLICT', 'Ya hay una revisión en curso: esperá a que termine o cancelala');
    const settings = this.settings();
    const tz = this.store.get().timeZone;
    const now = this.core.clock.now();
    const today = localDate(now, tz);
    const to = input.to ?? (trigger === 'programada' ? addDays(today, -1) : today);
    const from = input.from ?? addDays(to, -(settings.periodDays - 1));
    for (const [name, value] of [['--from', from], ['--to', to]] as const) {
      const valid = DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) && Number(value.slice(0, 4)) >= FIRST_YEAR;
      if (!valid) throw new AppError('VALIDATION', `${name} tiene que ser una fecha AAAA-MM-DD que exista, desde ${FIRST_YEAR} (vino «${value}»)`);
    }
    if (from > to) throw new AppError('VALIDATION', `El período empieza (${from}) después de terminar (${to})`);
    if (to > today) throw new AppError('VALIDATION', `El período termina después de hoy (${to}): una revisión mira lo que ya pasó`);
    // A run reads every day of its period: years of nothing would only make it slow.
    if (addDays(from, MAX_PERIOD_DAYS) <= to) throw new AppError('VALIDATION', `Una revisión cubre hasta ${MAX_PERIOD_DAYS} días (${Math.round(MAX_PERIOD_DAYS / 365)} años); este período tiene más`);
    const startedAt = now.toISOString();
    // Who started it and over which period, before the worker reads anything.
    write(this.core, (tx) => tx.audit({ entity: 'forensicRun', id: 'start', after: { from, to, trigger } }));
    const ctx = ruleContext(from, to, tz, settings.hours, startedAt);
    const job = startForensicJob({ dbPath: this.core.dbPath, nativeBinding: this.core.nativeBinding, ctx }, (progress, message) => {
      if (!this.job) return;
      this.job.progress = progress;
      this.job.message = message;
      this.core.events.emit('forensic.progress', { running: true, progress, message });
    });
    this.job = { job, progress: 0, message: 'Empezando la revisión', startedAt, trigger };
    this.lastError = null;
    this.core.events.emit('forensic.progress', { running: true, progress: 0, message: this.job.message });
    this.running = job.done
      .then(
        (result) => this.keep(result, startedAt, trigger),
        (error: Error) => {
          const cancelled = error instanceof JobCancelledError;
          this.core.logger.log(cancelled ? 'info' : 'error', 'forensic run did not finish', { error: error.message, stack: error.stack });
          this.lastError = cancelled ? 'La revisión se canceló.' : `La revisión falló: ${error.message}`;
          return null;
        },
      )
      .finally(() => {
        this.job = null;
        this.core.events.emit('forensic.progress', { running: false, progress: 1, message: this.lastError ?? 'Revisión terminada' });
        this.core.events.emit('forensic.changed', {});
      });
    return this.status();
  }

  /** Runs and waits (the command line, tests). A failed or cancelled run is an error. */
  async run(input: { from?: string | undefined; to?: string | undefined } = {}, trigger: Trigger = 'manual'): Promise<ForensicRun> {
    this.start(input, trigger);
    const run = await this.running;
    if (!run) throw new AppError('INTERNAL', this.lastError ?? 'La revisión no terminó');
    return run;
  }

  cancel(): ForensicStatus {
    const job = this.job;
    if (!job) throw new AppError('CONFLICT', 'No hay ninguna revisión en curso');
    write(this.core, (tx) => tx.audit({ entity: 'forensicRun', id: 'cancel', after: { startedAt: job.startedAt, progress: job.progress } }));
    job.job.cancel();
    return this.status();
  }

  acknowledge(input: MethodParsedInput<'forensic.acknowledge'>, actor: string | null): ForensicRun {
    const run = this.get(input.runId);
    const finding = run.findings.find((f) => f.id === input.findingId);
    if (!finding) throw new AppError('NOT_FOUND', 'Ese hallazgo no está en la revisión', { findingId: input.findingId });
    write(this.core, (tx) => {
      tx.sql.run(
        tx.sql.q
          .insertInto('forensic_acks')
          .values({ finding_id: finding.id, evidence_hash: finding.evidenceHash, note: input.note, user_name: actor, at: tx.now })
          .onConflict((oc) => oc.column('finding_id').doUpdateSet({ evidence_hash: finding.evidenceHash, note: input.note, user_name: actor, at: tx.now })),
      );
      tx.audit({ entity: 'forensicFinding', id: finding.id, after: { rule: finding.rule, title: finding.title, note: input.note } });
      tx.emit('forensic.changed', {});
    });
    return this.get(input.runId);
  }

  async report(runId: string, format: 'pdf' | 'html' | 'json'): Promise<FileOutput> {
    const run = this.get(runId);
    return forensicReport(run, format, { storeName: this.store.get().storeName, timeZone: this.store.get().timeZone, madeAt: this.core.clock.now() });
  }

  startSchedule(): void {
    // Five minutes after start (a PC that was off catches up then), then every ten.
    this.stopChecks ??= startChecks(() => void this.checkSchedule(), 5 * 60_000, 10 * 60_000);
  }

  /** Starts the nightly run if its time has come and it has not run since (a PC that was off catches up). */
  checkSchedule(): boolean {
    try {
      const settings = this.settings();
      if (!settings.nightly || this.job) return false;
      if (this.nextSlot(settings).getTime() > this.core.clock.now().getTime()) return false;
      this.start({}, 'programada');
      return true;
    } catch (error) {
      this.core.logger.log('warn', 'scheduled forensic run did not start', { error: String(error) });
      return false;
    }
  }

  close(): void {
    this.stopChecks?.();
    this.stopChecks = null;
    // Closing the app ends the thread; no audit entry (the store is shutting down).
    this.job?.job.cancel();
  }

  /** The latest nightly time at or before now. */
  private lastSlot(settings: ForensicSettings): Date {
    const tz = this.store.get().timeZone;
    const now = this.core.clock.now();
    const today = localDate(now, tz);
    const slot = new Date(zonedToIso(today, `${settings.nightlyTime}:00`, tz));
    return slot.getTime() <= now.getTime() ? slot : new Date(zonedToIso(addDays(today, -1), `${settings.nightlyTime}:00`, tz));
  }

  /** Now when tonight's (or last night's) run has not happened yet — it is due —, else the next nightly time. */
  private nextSlot(settings: ForensicSettings): Date {
    const slot = this.lastSlot(settings);
    const done = this.core.sql.raw.prepare("select 1 from forensic_runs where trigger = 'programada' and started_at >= ?").get(slot.toISOString());
    if (!done) return this.core.clock.now();
    const tz = this.store.get().timeZone;
    return new Date(zonedToIso(addDays(localDate(slot, tz), 1), `${settings.nightlyTime}:00`, tz));
  }

  private keep(result: ForensicResult, startedAt: string, trigger: Trigger): ForensicRun {
    const previous = this.core.sql.raw.prepare('select result from forensic_runs order by started_at desc limit 1').pluck().get() as string | undefined;
    const before = previous ? (JSON.parse(previous) as StoredResult).findings : [];
    const ids = new Set(result.findings.map((f) => f.id));
    const beforeIds = new Set(before.map((f) => f.id));
    const stored: StoredResult = {
      ...result,
      findings: result.findings.map((f) => ({ ...f, status: beforeIds.has(f.id) ? 'sigue' : 'nuevo' })),
      resolved: before.filter((f) => !ids.has(f.id)).map((f) => ({ id: f.id, rule: f.rule, severity: f.severity, title: f.title })),
    };
    const id = write(this.core, (tx) => {
      const id = tx.newId();
      tx.sql.run(
        tx.sql.q.insertInto('forensic_runs').values({ id, trigger, started_at: startedAt, finished_at: tx.now, period_from: result.period.from, period_to: result.period.to, result: JSON.stringify(stored) }),
      );
      tx.audit({ entity: 'forensicRun', id, after: { from: result.period.from, to: result.period.to, trigger, findings: result.kpis.findings, auditHead: result.audit.head?.seq ?? null } });
      return id;
    });
    return this.get(id);
  }

  /** A stored run with today's acknowledgements applied. */
  private present(row: RunRow): ForensicRun {
    const stored = JSON.parse(row.result) as StoredResult;
    const acks = new Map(
      (this.core.sql.raw.prepare('select finding_id, evidence_hash, note, user_name, at from forensic_acks').all() as { finding_id: string; evidence_hash: string; note: string; user_name: string | null; at: string }[]).map((a) => [a.finding_id, a]),
    );
    const findings: ForensicFinding[] = (stored.findings ?? []).map((f) => {
      const ack = acks.get(f.id);
      return { ...f, status: f.status ?? 'nuevo', acknowledged: ack && ack.evidence_hash === f.evidenceHash ? { note: ack.note, by: ack.user_name, at: ack.at } : null };
    });
    return {
      runId: row.id,
      trigger: row.trigger,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      period: { from: row.period_from, to: row.period_to },
      findings,
      resolved: stored.resolved ?? [],
      kpis: stored.kpis,
      audit: stored.audit,
      timings: stored.timings ?? {},
    };
  }
}

interface RunRow {
  id: string;
  trigger: Trigger;
  started_at: string;
  finished_at: string;
  period_from: string;
  period_to: string;
  result: string;
}
