/**
 * Forensic analysis of the store's own ledger (front door). Four phases of
 * named rules — validation, consistency, patterns, performance — each reading
 * the store through the connection it is given (a read-only one in a run's
 * worker) and returning findings with their evidence; a run adds the audit
 * chain's verification and the store's performance figures. Reports (phase 5)
 * are in ./report.
 */
import { createHash } from 'node:crypto';
import type { RawDatabase } from '../db/open';
import { CASHIER_RULES } from './cashiers';
import { CONSISTENCY_RULES } from './consistency';
import { PERFORMANCE_RULES, performanceKpis, type PerformanceKpis } from './performance';
import { SHRINKAGE_RULES } from './shrinkage';
import { STALLED_SALES_RULES } from './stalled-sales';
import { SUPPLIER_RULES } from './suppliers';
import { phaseFindings, type Finding, type FindingEntities, type Phase, type Rule, type RuleContext } from './types';
import { VALIDATION_RULES } from './validation';

export type { Finding, FindingEntities, OpeningHours, Phase, RuleContext, Severity } from './types';
export { DEFAULT_HOURS, ruleContext } from './types';
export type { PerformanceKpis } from './performance';

export const PHASES: { phase: Phase; label: string; rules: Record<string, Rule> }[] = [
  { phase: 'validacion', label: 'Validación', rules: VALIDATION_RULES },
  { phase: 'consistencia', label: 'Consistencia', rules: CONSISTENCY_RULES },
  { phase: 'patrones', label: 'Patrones', rules: { ...SHRINKAGE_RULES, ...CASHIER_RULES, ...SUPPLIER_RULES, ...STALLED_SALES_RULES } },
  { phase: 'desempeno', label: 'Desempeño', rules: PERFORMANCE_RULES },
];

export const RULES: Record<string, Rule> = Object.assign({}, ...PHASES.map((p) => p.rules));

export interface AuditCheck {
  verified: boolean;
  head: { seq: number; hash: string } | null;
  firstBad: { seq: number; reason: string } | null;
}

export interface IdentifiedFinding extends Finding {
  /** Stable across runs: the rule and the entities it names. */
  id: string;
  /** Changes when the evidence changes: an acknowledgement holds only while it does not. */
  evidenceHash: string;
}

export interface ForensicResult {
  period: { from: string; to: string };
  findings: IdentifiedFinding[];
  kpis: { products: number; movements: number; stockValue: number; findings: { alta: number; media: number; baja: number } } & PerformanceKpis;
  audit: { verified: boolean; head: { seq: number; hash: string } | null };
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);

/**
 * What a pattern finding is about. Its id comes from that alone, so the next
 * run that finds the same thing (with a void or a ticket more in its evidence)
 * calls it by the same id: it "continues", and an acknowledgement drops only
 * because the evidence changed. Keys in order of preference; 'title' is the
 * title without its figures (a shift has no entity of its own).
 */
const SUBJECT: Record<string, (keyof FindingEntities | 'title')[]> = {
  'merma-por-categoria': ['category'],
  'merma-por-turno': ['title'],
  'ajustes-atipicos-por-usuario': ['user'],
  'ajustes-repetidos': ['sku'],
  'anulaciones-por-cajero': ['user'],
  'devoluciones-por-cajero': ['user'],
  'venta-bajo-precio': ['user'],
  'fuera-de-horario': ['user'],
  'costo-salta': ['invoice'],
  'factura-casi-duplicada': ['invoice'],
  benford: ['supplier', 'user'],
  'numeros-redondos': ['supplier', 'user'],
  'ventas-se-cortan': ['sku'],
};

/**
 * Stable across runs: the rule and its subject (patterns), or the rule and
 * every entity it lists (the other phases' findings list what is wrong: a
 * different list is a different finding); store-wide findings, the rule and
 * their title's kind.
 */
export function findingId(f: Pick<Finding, 'rule' | 'entities' | 'title'>): string {
  const untitled = f.title.replace(/\d+([.,]\d+)*/g, '#');
  for (const key of SUBJECT[f.rule] ?? []) {
    if (key === 'title') return hash([f.rule, untitled]);
    const values = f.entities[key];
    if (values && values.length > 0) return hash([f.rule, key, [...values].sort()]);
  }
  const entities = Object.entries(f.entities)
    .filter(([, v]) => v && v.length > 0)
    .map(([k, v]) => [k, [...v!].sort()])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  return hash([f.rule, entities.length > 0 ? entities : untitled]);
}

/**
 * Runs every rule over the store; `audit` is the chain's verification (done by
 * the caller over the same connection). `onProgress` hears after each rule.
 */
export function analyse(db: RawDatabase, ctx: RuleContext, audit: AuditCheck, onProgress?: (done: number, total: number, rule: string) => void): ForensicResult {
  const findings: Finding[] = [];
  const timings: Record<string, number> = {};
  const total = Object.keys(RULES).length + 1;
  let done = 0;
  for (const { phase, rules } of PHASES) {
    const started = performance.now();
    for (const [name, rule] of Object.entries(rules)) {
      onProgress?.(done, total, name);
      findings.push(...rule(db, ctx));
      done++;
    }
    timings[phase] = Math.round(performance.now() - started);
  }
  if (!audit.verified) {
    findings.push(
      phaseFindings('consistencia').one(
        ctx,
        'auditoria-alterada',
        'alta',
        'La cadena de auditoría no verifica',
        'Alguien editó, insertó o borró entradas del registro de auditoría por fuera de Góndola: lo que dice el registro desde ese punto no es confiable.',
        {},
        ['entrada', 'motivo'],
        audit.firstBad ? [[audit.firstBad.seq, audit.firstBad.reason]] : [],
      ),
    );
  }
  onProgress?.(done, total, 'indicadores');
  const started = performance.now();
  const performanceFigures = performanceKpis(db, ctx);
  timings.indicadores = Math.round(performance.now() - started);
  const order = { alta: 0, media: 1, baja: 2 };
  const phaseOrder = Object.fromEntries(PHASES.map((p, i) => [p.phase, i]));
  findings.sort((a, b) => order[a.severity] - order[b.severity] || phaseOrder[a.phase]! - phaseOrder[b.phase]! || a.rule.localeCompare(b.rule));
  const seen = new Map<string, number>();
  const identified = findings.map((f) => {
    const base = findingId(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...f, id: n === 1 ? base : `${base}-${n}`, evidenceHash: hash(f.evidence) };
  });
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const totals = db.prepare('select count(*) as products, coalesce(sum((on_hand * avg_cost + 500) / 1000), 0) as value from products where active = 1').get() as { products: number; value: number };
  const movements = (db.prepare('select count(*) as n from stock_movements where occurred_at >= ? and occurred_at < ?').get(ctx.fromIso, ctx.toIso) as { n: number }).n;
  return {
    period: { from: ctx.from, to: ctx.to },
    findings: identified,
    kpis: { products: totals.products, movements, stockValue: Math.round(totals.value), findings: { alta: count('alta'), media: count('media'), baja: count('baja') }, ...performanceFigures },
    audit: { verified: audit.verified, head: audit.head },
    timings,
  };
}
