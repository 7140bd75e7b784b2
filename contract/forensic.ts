import { z } from 'zod';
import { isoDate, isoInstant, requiredText } from './fields';
import { FileOutput } from './purchases';
import type { EventName, MethodName } from './names';
import type { EventSpec, MethodSpec } from './spec';

/**
 * Forensic analysis: runs, their findings and the store's performance
 * figures. The owner's only (see permissions): findings name the people who
 * work in the store, the encargado included.
 */

export const ForensicPhase = z.enum(['validacion', 'consistencia', 'patrones', 'desempeno']);
export const ForensicSeverity = z.enum(['alta', 'media', 'baja']);

const entities = z.object({
  sku: z.array(z.string()).optional(),
  user: z.array(z.string()).optional(),
  ticket: z.array(z.string()).optional(),
  invoice: z.array(z.string()).optional(),
  supplier: z.array(z.string()).optional(),
  category: z.array(z.string()).optional(),
});

export const ForensicFinding = z.object({
  /** Stable across runs: the rule and the entities it names. */
  id: z.string(),
  phase: ForensicPhase,
  rule: z.string(),
  severity: ForensicSeverity,
  title: z.string(),
  explanation: z.string(),
  entities,
  /** Up to 50 rows; `total` says how many there were. */
  evidence: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))), total: z.number().int() }),
  evidenceHash: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  /** nuevo: not in the previous run; sigue: it was. */
  status: z.enum(['nuevo', 'sigue']),
  acknowledged: z.object({ note: z.string(), by: z.string().nullable(), at: isoInstant }).nullable(),
});
export type ForensicFinding = z.infer<typeof ForensicFinding>;

const nullableNumber = z.number().nullable();

export const ForensicKpis = z.object({
  products: z.number(),
  movements: z.number(),
  stockValue: z.number(),
  findings: z.object({ alta: z.number(), media: z.number(), baja: z.number() }),
  days: z.number(),
  sales: z.number(),
  netSales: z.number(),
  costOfSales: z.number(),
  grossMargin: z.number(),
  marginRate: nullableNumber,
  inventoryStart: z.number(),
  inventoryEnd: z.number(),
  rotation: nullableNumber,
  daysOfInventory: nullableNumber,
  gmroi: nullableNumber,
  sellThrough: nullableNumber,
  stockOutRate: nullableNumber,
  shrinkage: z.number(),
  shrinkageRate: nullableNumber,
  deadStock: z.object({ products: z.number(), value: z.number() }),
  expiringSoon: z.object({ lots: z.number(), value: z.number() }),
  forecastWape: nullableNumber,
});
export type ForensicKpis = z.infer<typeof ForensicKpis>;

/**
 * Each indicator's name and what it means in a line, for the owner: the same
 * words on the screen, the PDF and the HTML. Acronyms (GMROI, WAPE) only in
 * brackets after a Spanish name.
 */
export const KPI_TEXT = {
  sales: { label: 'Ventas (con IVA)', explain: 'Lo cobrado en el período, devoluciones descontadas.' },
  costOfSales: { label: 'Costo de lo vendido', explain: 'Lo que costó, a costo promedio, la mercadería que se vendió.' },
  grossMargin: { label: 'Margen bruto', explain: 'Ventas sin IVA menos el costo de lo vendido, y su parte de las ventas.' },
  inventory: { label: 'Stock al inicio / al final (a costo)', explain: 'Lo que valía la mercadería en el local al empezar y al terminar el período.' },
  rotation: { label: 'Rotación anual', explain: 'Cuántas veces por año se vende el stock promedio.' },
  daysOfInventory: { label: 'Días de stock', explain: 'Cuántos días alcanza el stock al ritmo de venta del período.' },
  gmroi: { label: 'Margen por peso de stock (GMROI)', explain: 'Pesos de margen bruto por año por cada peso invertido en mercadería.' },
  sellThrough: { label: 'Vendido de lo disponible', explain: 'Qué parte de lo que hubo (stock inicial más compras) se vendió.' },
  stockOutRate: { label: 'Quiebres de stock', explain: 'Parte de los días-producto que cerraron sin stock.' },
  shrinkage: { label: 'Merma (a costo)', explain: 'Lo perdido por merma, rotura, vencimiento y robo, sobre el costo de lo vendido.' },
  deadStock: { label: 'Sin ventas en 90 días', explain: 'Productos con stock que no se vendieron en 90 días, y su valor a costo.' },
  expiringSoon: { label: 'Vence en 14 días', explain: 'Lotes con stock que vencen en las próximas dos semanas, y su valor.' },
  forecastWape: { label: 'Error del pronóstico', explain: 'Cuánto se equivocó el pronóstico semanal, en % de lo vendido (WAPE).' },
  movements: { label: 'Movimientos en el período', explain: 'Entradas y salidas de stock revisadas.' },
} as const satisfies Record<string, { label: string; explain: string }>;

export const ForensicRun = z.object({
  runId: z.string(),
  trigger: z.enum(['manual', 'programada']),
  startedAt: isoInstant,
  finishedAt: isoInstant,
  period: z.object({ from: z.string(), to: z.string() }),
  findings: z.array(ForensicFinding),
  /** Findings of the previous run that this one no longer shows. */
  resolved: z.array(z.object({ id: z.string(), rule: z.string(), severity: ForensicSeverity, title: z.string() })),
  kpis: ForensicKpis,
  audit: z.object({ verified: z.boolean(), head: z.object({ seq: z.number(), hash: z.string() }).nullable() }),
  /** Milliseconds per phase. */
  timings: z.record(z.string(), z.number()),
});
export type ForensicRun = z.infer<typeof ForensicRun>;

export const ForensicRunSummary = z.object({
  runId: z.string(),
  trigger: z.enum(['manual', 'programada']),
  startedAt: isoInstant,
  period: z.object({ from: z.string(), to: z.string() }),
  counts: z.object({ alta: z.number(), media: z.number(), baja: z.number() }),
  newFindings: z.number(),
  resolved: z.number(),
  auditVerified: z.boolean(),
});
export type ForensicRunSummary = z.infer<typeof ForensicRunSummary>;

const hhmm = (label: string) => z.string({ error: `${label} tiene que ser una hora` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} tiene que tener el formato HH:MM (por ejemplo 08:30)`);

export const ForensicSettings = z.object({
  /** Nightly run on or off, and its local time. */
  nightly: z.boolean(),
  nightlyTime: z.string(),
  /** Days each run covers, up to its last day. */
  periodDays: z.number().int(),
  hours: z.object({ open: z.string(), close: z.string(), shiftChange: z.string() }),
});
export type ForensicSettings = z.infer<typeof ForensicSettings>;

export const ForensicSettingsInput = z
  .strictObject({
    nightly: z.boolean({ error: 'La revisión nocturna es sí o no' }).optional(),
    nightlyTime: hhmm('La hora de la revisión').optional(),
    periodDays: z.number({ error: 'Los días del período tienen que ser un número' }).int('Los días del período son un número entero').min(7, 'El período es de al menos 7 días').max(366, 'El período es de hasta 366 días').optional(),
    hours: z.strictObject({ open: hhmm('La apertura'), close: hhmm('El cierre'), shiftChange: hhmm('El cambio de turno') }).optional(),
  })
  .refine((s) => !s.hours || (s.hours.open < s.hours.shiftChange && s.hours.shiftChange < s.hours.close), {
    message: 'El cambio de turno tiene que quedar entre la apertura y el cierre',
    path: ['hours', 'shiftChange'],
  });

export const ForensicStatus = z.object({
  running: z.object({ progress: z.number(), message: z.string(), startedAt: isoInstant, trigger: z.enum(['manual', 'programada']) }).nullable(),
  latest: ForensicRun.nullable(),
  history: z.array(ForensicRunSummary),
  settings: ForensicSettings,
  /** When the nightly run comes next (null when off). */
  nextRun: isoInstant.nullable(),
  /** The last run that did not finish: its message (cancelled, failed). */
  lastError: z.string().nullable(),
});
export type ForensicStatus = z.infer<typeof ForensicStatus>;

export const ForensicRunInput = z.strictObject({ from: isoDate('La fecha desde').optional(), to: isoDate('La fecha hasta').optional() }).refine((p) => !p.from || !p.to || p.from <= p.to, {
  message: 'El período empieza después de terminar',
  path: ['from'],
});

export const ForensicRunIdInput = z.strictObject({ runId: z.string().min(1).max(64) });

export const ForensicAcknowledgeInput = z.strictObject({
  runId: z.string().min(1).max(64),
  findingId: z.string().min(1).max(64),
  note: requiredText('La nota', 500),
});

export const ForensicReportInput = z.strictObject({ runId: z.string().min(1).max(64), format: z.enum(['pdf', 'html', 'json']).default('pdf') });

export const ForensicProgress = z.object({ running: z.boolean(), progress: z.number(), message: z.string() });

/** The forensic methods: what each does and its schemas (combined in methods.ts). */
export const forensicMethods = {
  'forensic.status': {
    doc: 'The forensic review: the run in progress (if any), the latest run with its findings (new since the previous run, acknowledged or not) and KPIs, the history of runs, the settings and when the nightly run comes next.',
    input: z.strictObject({}),
    output: ForensicStatus,
    kind: 'query',
  },
  'forensic.run': {
    doc: 'Starts a forensic run over a period (default: the settings\' days up to today) in a worker thread with its own read-only connection; progress in forensic.progress events. CONFLICT while another run is going.',
    input: ForensicRunInput,
    output: ForensicStatus,
    kind: 'mutation',
  },
  'forensic.cancel': {
    doc: 'Stops the run in progress (nothing is kept from it).',
    input: z.strictObject({}),
    output: ForensicStatus,
    kind: 'mutation',
  },
  'forensic.get': {
    doc: 'One run of the history with its findings and KPIs. NOT_FOUND when there is no such run.',
    input: ForensicRunIdInput,
    output: ForensicRun,
    kind: 'query',
  },
  'forensic.acknowledge': {
    doc: 'The owner acknowledges a finding with a note; it stays acknowledged in later runs while its evidence is the same. NOT_FOUND when the run or finding does not exist.',
    input: ForensicAcknowledgeInput,
    output: ForensicRun,
    kind: 'mutation',
  },
  'forensic.report': {
    doc: 'A run as a report: PDF for the owner (summary, findings by severity with evidence and charts, KPIs; the audit chain head on every page), HTML or JSON.',
    input: ForensicReportInput,
    output: FileOutput,
    kind: 'query',
  },
  'forensic.updateSettings': {
    doc: 'Nightly run on or off and its time, the days a run covers, and the opening hours and shift change the patterns use.',
    input: ForensicSettingsInput,
    output: ForensicStatus,
    kind: 'mutation',
  },
} as const satisfies Partial<Record<MethodName, MethodSpec>>;

/** The forensic events the core pushes. */
export const forensicEvents = {
  'forensic.progress': {
    doc: 'Forensic run progress (0..1) with the rule being checked.',
    payload: ForensicProgress,
  },
  'forensic.changed': {
    doc: 'A forensic run finished or was cancelled, a finding was acknowledged or the settings changed.',
    payload: z.object({}),
  },
} as const satisfies Partial<Record<EventName, EventSpec>>;
