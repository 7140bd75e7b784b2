import { DOCUMENT_LABEL } from '../../locale';
/**
 * What a forensic rule reports. Entities use the store's own identifiers, as
 * the interchange files write them: sku codes, user names, ticket numbers,
 * invoices as `CUIT-letter-pos-number`, supplier CUITs, category names.
 */
import type { RawDatabase } from '../db/open';
import { addDays, isoWithOffset, zonedToIso, zoneOffsetMinutes } from '../domain/time';

export type Phase = 'validacion' | 'consistencia' | 'patrones' | 'desempeno';
export type Severity = 'alta' | 'media' | 'baja';

export interface FindingEntities {
  sku?: string[];
  user?: string[];
  ticket?: string[];
  invoice?: string[];
  supplier?: string[];
  category?: string[];
}

export interface Finding {
  phase: Phase;
  rule: string;
  severity: Severity;
  title: string;
  explanation: string;
  entities: FindingEntities;
  /** The rows or figures behind it: column names and up to 50 rows. */
  evidence: { columns: string[]; rows: (string | number | null)[][]; total: number };
  period: { from: string; to: string };
}

export interface RuleContext {
  /** Period analysed: local dates, inclusive. */
  from: string;
  to: string;
  /** UTC instants bounding the period, for occurred_at comparisons. */
  fromIso: string;
  toIso: string;
  now: string;
  timeZone: string;
  hours: OpeningHours;
  /** Start of the comparison window before the period (the 90 days before it), UTC. */
  baselineFromIso: string;
}

/** The store's opening hours and the change of shift, local HH:MM. */
export interface OpeningHours {
  open: string;
  close: string;
  shiftChange: string;
}

export const DEFAULT_HOURS: OpeningHours = { open: '07:00', close: '23:00', shiftChange: '14:00' };

/** The context of a run over the store days `from`..`to` (inclusive): their UTC bounds, and the 90 days before for the rules that hold things to their past. */
export function ruleContext(from: string, to: string, timeZone: string, hours: OpeningHours, now: string): RuleContext {
  return {
    from,
    to,
    fromIso: zonedToIso(from, '00:00:00', timeZone),
    toIso: zonedToIso(addDays(to, 1), '00:00:00', timeZone),
    baselineFromIso: zonedToIso(addDays(from, -90), '00:00:00', timeZone),
    now,
    timeZone,
    hours,
  };
}


/** An instant as evidence rows show it: "21/11/2026 18:30", store time (how people read it, not ISO). */
export function localStamp(ctx: RuleContext, iso: string): string {
  const local = isoWithOffset(iso, ctx.timeZone);
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

/**
 * The zone's offset as an SQLite date modifier ('-180 minutes'), for rules that
 * group a large period by local day or hour inside SQL. Taken at the period's
 * end: in a zone with daylight saving a day boundary may be off by an hour
 * around the change (Argentina has none).
 */
export function sqlOffset(ctx: RuleContext): string {
  const offset = zoneOffsetMinutes(Date.parse(ctx.toIso) - 1, ctx.timeZone);
  return `${offset >= 0 ? '+' : ''}${offset} minutes`;
}

const memos = new WeakMap<RuleContext, Map<string, unknown>>();

/**
 * What several rules of one run read (the period's sale lines, the ledger's
 * replay): computed once per run, kept with the run's context, dropped with it.
 */
export function memo<T>(ctx: RuleContext, key: string, compute: () => T): T {
  let map = memos.get(ctx);
  if (!map) memos.set(ctx, (map = new Map()));
  if (!map.has(key)) map.set(key, compute());
  return map.get(key) as T;
}

export type Rule = (db: RawDatabase, ctx: RuleContext) => Finding[];

export const MAX_EVIDENCE_ROWS = 50;

/** "Un producto con stock negativo" or "3 productos con stock negativo": the whole singular phrase, since verbs agree too. */
export function counted(n: number, one: string, many: string): string {
  return n === 1 ? one : `${n} ${many}`;
}

export function evidence(columns: string[], rows: (string | number | null)[][]): Finding['evidence'] {
  return { columns, rows: rows.slice(0, MAX_EVIDENCE_ROWS), total: rows.length };
}

/** A finding of `phase` with its evidence rows (the first 50 kept) and the run's period. */
function findingOf(
  phase: Phase,
  ctx: RuleContext,
  rule: string,
  severity: Severity,
  title: string,
  explanation: string,
  entities: FindingEntities,
  columns: string[],
  rows: (string | number | null)[][],
): Finding {
  return { phase, rule, severity, title, explanation, entities, evidence: evidence(columns, rows), period: { from: ctx.from, to: ctx.to } };
}

type FindingArgs = Parameters<typeof findingOf> extends [Phase, ...infer Rest] ? Rest : never;

/** The finding builders of one phase; its rules pass everything but the phase. */
export function phaseFindings(phase: Phase) {
  return {
    /** One finding about one entity (a user, a product, an invoice pair…). */
    one: (...args: FindingArgs): Finding => findingOf(phase, ...args),
    /** One finding listing every offending row, or none when there are no rows. */
    listing: (...args: FindingArgs): Finding[] => (args[7].length === 0 ? [] : [findingOf(phase, ...args)]),
  };
}

/** Movement kinds and document types as the owner reads them in evidence (in lower case, as in a sentence). */
export const KIND_LABEL: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(DOCUMENT_LABEL).map(([k, v]) => [k, v.toLowerCase()]));
