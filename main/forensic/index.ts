/**
 * Forensic analysis of the store's own ledger (front door). Phases 1
 * (validation) and 2 (consistency) so far: each rule reads the store and
 * returns findings with their evidence; a run adds the audit chain's
 * verification and the store's basic figures.
 */
import type { RawDatabase } from '../db/open';
import { CONSISTENCY_RULES } from './consistency';
import { evidence, type Finding, type RuleContext } from './types';
import { VALIDATION_RULES } from './validation';

export type { Finding, FindingEntities, Phase, Severity } from './types';

export const RULES = { ...VALIDATION_RULES, ...CONSISTENCY_RULES };

export interface AuditCheck {
  verified: boolean;
  head: { seq: number; hash: string } | null;
  firstBad: { seq: number; reason: string } | null;
}

export interface ForensicResult {
  period: { from: string; to: string };
  findings: Finding[];
  kpis: { products: number; movements: number; stockValue: number; findings: { alta: number; media: number; baja: number } };
  audit: { verified: boolean; head: { seq: number; hash: string } | null };
}

/** Runs every rule over the store; `audit` is the chain's verification, done by the caller's AuditLog. */
export function analyse(db: RawDatabase, ctx: RuleContext, audit: AuditCheck): ForensicResult {
  const findings: Finding[] = [];
  for (const rule of Object.values(RULES)) findings.push(...rule(db, ctx));
  if (!audit.verified) {
    findings.push({
      phase: 'consistencia',
      rule: 'auditoria-alterada',
      severity: 'alta',
      title: 'La cadena de auditoría no verifica',
      explanation: 'Alguien editó, insertó o borró entradas del registro de auditoría por fuera de Góndola: lo que dice el registro desde ese punto no es confiable.',
      entities: {},
      evidence: evidence(['entrada', 'motivo'], audit.firstBad ? [[audit.firstBad.seq, audit.firstBad.reason]] : []),
      period: { from: ctx.from, to: ctx.to },
    });
  }
  const order = { alta: 0, media: 1, baja: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity] || a.rule.localeCompare(b.rule));
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const totals = db.prepare('select count(*) as products, coalesce(sum(on_hand * avg_cost / 1000), 0) as value from products').get() as { products: number; value: number };
  const movements = (db.prepare('select count(*) as n from stock_movements where occurred_at between ? and ?').get(ctx.fromIso, ctx.toIso) as { n: number }).n;
  return {
    period: { from: ctx.from, to: ctx.to },
    findings,
    kpis: { products: totals.products, movements, stockValue: Math.round(totals.value), findings: { alta: count('alta'), media: count('media'), baja: count('baja') } },
    audit: { verified: audit.verified, head: audit.head },
  };
}
