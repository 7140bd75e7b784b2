import { AppError } from '../domain/errors';
import { addDays, localDate, zonedToIso } from '../domain/time';
import { analyse, type ForensicResult } from '../forensic';
import { write, type Core } from './core';
import type { SettingsService } from './settings';

export interface ForensicRun extends ForensicResult {
  runId: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Forensic runs on demand, each kept in the history (forensic_runs) with its
 * findings. Phases 1 and 2 run today, on the core's connection; the nightly
 * schedule, the worker thread and the later phases are still to come.
 */
export class ForensicService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
  ) {}

  run(input: { from?: string; to?: string } = {}): ForensicRun {
    const tz = this.settings.get().timeZone;
    const now = this.core.clock.now();
    const to = input.to ?? localDate(now, tz);
    const from = input.from ?? addDays(to, -29);
    for (const [name, value] of [['--from', from], ['--to', to]] as const) {
      if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new AppError('VALIDATION', `${name} tiene que ser una fecha AAAA-MM-DD (vino «${value}»)`);
    }
    if (from > to) throw new AppError('VALIDATION', `El período empieza (${from}) después de terminar (${to})`);
    const startedAt = now.toISOString();
    const audit = this.core.audit.verify(startedAt);
    const result = analyse(
      this.core.sql.raw,
      { from, to, fromIso: zonedToIso(from, '00:00:00', tz), toIso: zonedToIso(addDays(to, 1), '00:00:00', tz), now: startedAt },
      { verified: audit.verified, head: audit.head, firstBad: audit.firstBad },
    );
    const runId = write(this.core, (tx) => {
      const id = tx.newId();
      tx.sql.run(tx.sql.q.insertInto('forensic_runs').values({ id, started_at: startedAt, finished_at: tx.now, period_from: from, period_to: to, result: JSON.stringify(result) }));
      tx.audit({ entity: 'forensicRun', id, after: { from, to, findings: result.kpis.findings } });
      return id;
    });
    return { runId, ...result };
  }
}
