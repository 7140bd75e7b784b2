/**
 * What a forensic rule reports. Entities use the store's own identifiers, as
 * the interchange files write them: sku codes, user names, ticket numbers,
 * invoices as `CUIT-letter-pos-number`, supplier CUITs, category names.
 */
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
}

export const MAX_EVIDENCE_ROWS = 50;

export function evidence(columns: string[], rows: (string | number | null)[][]): Finding['evidence'] {
  return { columns, rows: rows.slice(0, MAX_EVIDENCE_ROWS), total: rows.length };
}

/** One finding listing every offending row, or none when there are no rows. */
export function findingFor(
  phase: Phase,
  ctx: RuleContext,
  rule: string,
  severity: Severity,
  title: string,
  explanation: string,
  entities: FindingEntities,
  columns: string[],
  rows: (string | number | null)[][],
): Finding[] {
  if (rows.length === 0) return [];
  return [{ phase, rule, severity, title, explanation, entities, evidence: evidence(columns, rows), period: { from: ctx.from, to: ctx.to } }];
}
