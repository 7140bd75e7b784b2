import PDFDocument from 'pdfkit';
import { KPI_TEXT, type FileOutput, type ForensicFinding, type ForensicKpis, type ForensicRun } from '../../contract';
import { ENTITY_LABEL, formatDay, formatPercent, formatMoney, PHASE_LABEL, SEVERITY_LABEL } from '../../locale';

/**
 * A forensic run as the owner's report: PDF (summary, charts, findings by
 * severity with their evidence, KPIs; every page carries the audit chain head
 * and whether it verified, so a printed page can be checked against the store
 * later), a self-contained HTML page with the same content, or the run's JSON.
 */
export interface ReportContext {
  storeName: string;
  timeZone: string;
  madeAt: Date;
}

const SEVERITY: Record<ForensicFinding['severity'], { label: string; color: string }> = {
  alta: { label: SEVERITY_LABEL.alta, color: '#b42318' },
  media: { label: SEVERITY_LABEL.media, color: '#b54708' },
  baja: { label: SEVERITY_LABEL.baja, color: '#475467' },
};
const PHASE = PHASE_LABEL;
const ENTITY = ENTITY_LABEL;

const pct = (x: number | null) => (x === null ? '—' : formatPercent(x));
const num = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits).replace('.', ','));
const dateTime = (iso: string | Date, tz: string) =>
  new Intl.DateTimeFormat('es-AR', { timeZone: tz, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
/** "1 hallazgo", "3 hallazgos". */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The KPI table, shared by PDF and HTML: name, value, and what it means in a line. */
export function kpiRows(k: ForensicKpis): [string, string, string][] {
  const t = KPI_TEXT;
  const row = (text: { label: string; explain: string }, value: string): [string, string, string] => [text.label, value, text.explain];
  return [
    row(t.sales, formatMoney(k.sales)),
    row(t.costOfSales, formatMoney(k.costOfSales)),
    row(t.grossMargin, `${formatMoney(k.grossMargin)} (${pct(k.marginRate)})`),
    row(t.inventory, `${formatMoney(k.inventoryStart)} / ${formatMoney(k.inventoryEnd)}`),
    row(t.rotation, num(k.rotation)),
    row(t.daysOfInventory, num(k.daysOfInventory, 0)),
    row(t.gmroi, num(k.gmroi, 2)),
    row(t.sellThrough, pct(k.sellThrough)),
    row(t.stockOutRate, pct(k.stockOutRate)),
    row(t.shrinkage, `${formatMoney(k.shrinkage)} (${pct(k.shrinkageRate)})`),
    row(t.deadStock, `${k.deadStock.products} productos, ${formatMoney(k.deadStock.value)}`),
    row(t.expiringSoon, `${k.expiringSoon.lots} lotes, ${formatMoney(k.expiringSoon.value)}`),
    row(t.forecastWape, pct(k.forecastWape)),
    row(t.movements, String(k.movements)),
  ];
}

export function forensicReport(run: ForensicRun, format: 'pdf' | 'html' | 'json', ctx: ReportContext): Promise<FileOutput> {
  const base = `revision-forense-${run.period.from}-a-${run.period.to}`;
  if (format === 'json') return Promise.resolve({ fileName: `${base}.json`, mimeType: 'application/json', base64: Buffer.from(JSON.stringify(run, null, 2)).toString('base64') });
  if (format === 'html') return Promise.resolve({ fileName: `${base}.html`, mimeType: 'text/html', base64: Buffer.from(forensicHtml(run, ctx)).toString('base64') });
  return forensicPdf(run, ctx).then((bytes) => ({ fileName: `${base}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64') }));
}

const auditLine = (run: ForensicRun) =>
  run.audit.head
    ? `Auditoría: entrada ${run.audit.head.seq} · ${run.audit.head.hash.slice(0, 16)} · ${run.audit.verified ? 'la cadena verificó' : 'LA CADENA NO VERIFICÓ'}`
    : `Auditoría: sin entradas · ${run.audit.verified ? 'verificó' : 'NO verificó'}`;

export function forensicPdf(run: ForensicRun, ctx: ReportContext): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 44, right: 44 }, bufferPages: true, info: { Title: `Revisión forense ${formatDay(run.period.from)} a ${formatDay(run.period.to)}`, Author: ctx.storeName, Producer: 'Góndola' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const bottom = () => doc.page.height - doc.page.margins.bottom;
    const ensure = (height: number) => {
      if (doc.y + height > bottom()) doc.addPage();
    };

    // Summary.
    doc.font('Helvetica-Bold').fontSize(18).fillColor('#000').text('Revisión forense', left, doc.page.margins.top);
    doc.font('Helvetica').fontSize(10).fillColor('#444').text(`${ctx.storeName} · período ${formatDay(run.period.from)} a ${formatDay(run.period.to)} · ${run.trigger === 'programada' ? 'revisión nocturna' : 'revisión a pedido'} del ${dateTime(run.startedAt, ctx.timeZone)}`);
    doc.moveDown(0.8);
    const boxTop = doc.y;
    doc.rect(left, boxTop, width, 34).fillAndStroke(run.audit.verified ? '#ecfdf3' : '#fef3f2', run.audit.verified ? '#12b76a' : '#d92d20');
    doc.fillColor('#000').font('Helvetica-Bold').fontSize(10).text(run.audit.verified ? 'La cadena de auditoría verificó' : 'La cadena de auditoría NO verificó: el registro fue alterado por fuera de Góndola', left + 10, boxTop + 7, { width: width - 20 });
    doc.font('Helvetica').fontSize(8).text(auditLine(run), left + 10, boxTop + 21, { width: width - 20 });
    doc.y = boxTop + 46;
    const counts = run.kpis.findings;
    const fresh = run.findings.filter((f) => f.status === 'nuevo').length;
    const acknowledged = run.findings.filter((f) => f.acknowledged).length;
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#000').text(`${count(run.findings.length, 'hallazgo', 'hallazgos')}: ${counts.alta} de severidad alta, ${counts.media} media, ${counts.baja} baja`, left);
    doc.font('Helvetica').fontSize(9).fillColor('#444').text(`${count(fresh, 'nuevo', 'nuevos')} desde la revisión anterior · ${count(run.resolved.length, 'resuelto', 'resueltos')} · ${count(acknowledged, 'visto', 'vistos')} por el dueño`);
    doc.moveDown(0.8);

    // Chart: findings per phase, stacked by severity.
    const chartTop = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#000').text('Hallazgos por fase', left, chartTop);
    const phases = Object.keys(PHASE) as ForensicFinding['phase'][];
    const maxCount = Math.max(1, ...phases.map((p) => run.findings.filter((f) => f.phase === p).length));
    const barLeft = left + 90;
    const barWidth = width - 150;
    phases.forEach((phase, i) => {
      const y = chartTop + 18 + i * 18;
      doc.font('Helvetica').fontSize(9).fillColor('#000').text(PHASE[phase], left, y + 2, { width: 85 });
      let x = barLeft;
      for (const severity of ['alta', 'media', 'baja'] as const) {
        const n = run.findings.filter((f) => f.phase === phase && f.severity === severity).length;
        const w = (n / maxCount) * barWidth;
        if (w > 0) doc.rect(x, y, w, 12).fill(SEVERITY[severity].color);
        x += w;
      }
      doc.fillColor('#000').text(String(run.findings.filter((f) => f.phase === phase).length), x + 6, y + 2);
    });
    const legendY = chartTop + 18 + phases.length * 18 + 4;
    let lx = barLeft;
    for (const severity of ['alta', 'media', 'baja'] as const) {
      doc.rect(lx, legendY, 9, 9).fill(SEVERITY[severity].color);
      doc.fillColor('#000').fontSize(8).text(SEVERITY[severity].label, lx + 12, legendY + 1);
      lx += 60;
    }
    doc.y = legendY + 22;

    // KPIs.
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#000').text('Indicadores del período', left);
    doc.moveDown(0.3);
    // Each row as tall as its wrapped text: nothing runs past its cell.
    const labelWidth = width * 0.62;
    const valueWidth = width - labelWidth - 8;
    for (const [label, value, explain] of kpiRows(run.kpis)) {
      doc.font('Helvetica').fontSize(9);
      const labelHeight = doc.heightOfString(label, { width: labelWidth });
      doc.fontSize(7.5);
      const explainHeight = doc.heightOfString(explain, { width: labelWidth });
      doc.font('Helvetica-Bold').fontSize(9);
      const valueHeight = doc.heightOfString(value, { width: valueWidth });
      const height = Math.max(labelHeight + explainHeight, valueHeight) + 4;
      ensure(height);
      const y = doc.y;
      doc.font('Helvetica').fontSize(9).fillColor('#222').text(label, left, y, { width: labelWidth });
      doc.fontSize(7.5).fillColor('#667085').text(explain, left, y + labelHeight, { width: labelWidth });
      doc.font('Helvetica-Bold').fontSize(9).fillColor('#000').text(value, left + labelWidth + 8, y, { width: valueWidth, align: 'right' });
      doc.y = y + height;
    }

    // Findings, by severity.
    for (const severity of ['alta', 'media', 'baja'] as const) {
      const list = run.findings.filter((f) => f.severity === severity);
      if (list.length === 0) continue;
      doc.addPage();
      doc.font('Helvetica-Bold').fontSize(14).fillColor(SEVERITY[severity].color).text(`Severidad ${SEVERITY[severity].label.toLowerCase()} (${list.length})`, left);
      doc.moveDown(0.5);
      for (const f of list) {
        ensure(80);
        doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(f.title, left, doc.y, { width });
        doc.font('Helvetica').fontSize(8).fillColor('#667085').text(`${PHASE[f.phase]} · regla ${f.rule}${f.status === 'nuevo' ? ' · NUEVO' : ''}${f.acknowledged ? ` · visto por ${f.acknowledged.by ?? 'el dueño'}: «${f.acknowledged.note}»` : ''}`, { width });
        doc.font('Helvetica').fontSize(9).fillColor('#000').text(f.explanation, { width });
        const named = Object.entries(f.entities).filter(([, v]) => v && v.length > 0);
        if (named.length > 0) doc.fontSize(8).fillColor('#444').text(named.map(([k, v]) => `${ENTITY[k] ?? k}: ${v!.slice(0, 12).join(', ')}${v!.length > 12 ? '…' : ''}`).join(' · '), { width });
        doc.moveDown(0.3);
        table(doc, f.evidence.columns, f.evidence.rows, left, width, ensure);
        if (f.evidence.total > f.evidence.rows.length) doc.font('Helvetica-Oblique').fontSize(7.5).fillColor('#667085').text(`… y ${f.evidence.total - f.evidence.rows.length} filas más (la revisión guarda las primeras ${f.evidence.rows.length} de cada hallazgo)`, left);
        doc.moveDown(0.8);
      }
    }
    if (run.resolved.length > 0) {
      ensure(60);
      doc.moveDown(0.5);
      doc.font('Helvetica-Bold').fontSize(12).fillColor('#000').text(`Resueltos desde la revisión anterior (${run.resolved.length})`, left);
      for (const r of run.resolved) {
        ensure(12);
        doc.font('Helvetica').fontSize(9).fillColor('#000').text(`• [${SEVERITY[r.severity].label}] ${r.title}`, left, doc.y, { width });
      }
    }

    // Every page: who, when, and the audit head it was made from.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = doc.page.margins;
      doc.page.margins = { ...margins, top: 0, bottom: 0 };
      doc.font('Helvetica').fontSize(7.5).fillColor('#667085');
      doc.text(`${ctx.storeName} · Revisión forense ${formatDay(run.period.from)} a ${formatDay(run.period.to)}`, left, 24, { width, lineBreak: false });
      doc.text(`Hecho el ${dateTime(ctx.madeAt, ctx.timeZone)}`, left, 24, { width, align: 'right', lineBreak: false });
      doc.fillColor(run.audit.verified ? '#667085' : '#b42318').text(auditLine(run), left, doc.page.height - 36, { width: width - 70, lineBreak: false });
      doc.fillColor('#667085').text(`Página ${i + 1} de ${range.count}`, left, doc.page.height - 36, { width, align: 'right', lineBreak: false });
      doc.page.margins = margins;
    }
    doc.end();
  });
}

/** An evidence cell as the owner reads it: decimal commas, a store date as dd/mm/aaaa, a dash for nothing. */
function evidenceText(v: string | number | null): string {
  if (v === null) return '—';
  if (typeof v === 'number') return String(v).replace('.', ',');
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDay(v) : v;
}

/** An evidence table: one line per row, columns sized by their content, long cells cut with an ellipsis. */
function table(doc: PDFKit.PDFDocument, columns: string[], rows: (string | number | null)[][], left: number, width: number, ensure: (h: number) => void): void {
  const cell = evidenceText;
  const lengths = columns.map((c, i) => Math.min(40, Math.max(c.length, ...rows.map((r) => cell(r[i] ?? null).length))) + 2);
  const total = lengths.reduce((a, b) => a + b, 0);
  const widths = lengths.map((l) => (l / total) * width);
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^-?\$ /.test(String(r[i] ?? ''))));
  const header = () => {
    ensure(24);
    const y = doc.y;
    doc.rect(left, y, width, 12).fill('#f2f4f7');
    let x = left;
    doc.font('Helvetica-Bold').fontSize(7.5).fillColor('#344054');
    columns.forEach((c, i) => {
      doc.text(c, x + 2, y + 2.5, { width: widths[i]! - 4, lineBreak: false, ellipsis: true, align: numeric[i] ? 'right' : 'left' });
      x += widths[i]!;
    });
    doc.y = y + 13;
  };
  header();
  doc.font('Helvetica').fontSize(7.5).fillColor('#000');
  rows.forEach((row) => {
    if (doc.y + 11 > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      header();
      doc.font('Helvetica').fontSize(7.5).fillColor('#000');
    }
    const y = doc.y;
    let x = left;
    columns.forEach((_, i) => {
      doc.text(cell(row[i] ?? null), x + 2, y + 1.5, { width: widths[i]! - 4, lineBreak: false, ellipsis: true, align: numeric[i] ? 'right' : 'left' });
      x += widths[i]!;
    });
    doc.moveTo(left, y + 11).lineTo(left + width, y + 11).lineWidth(0.3).stroke('#eaecf0');
    doc.y = y + 11;
  });
  doc.x = left;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function forensicHtml(run: ForensicRun, ctx: ReportContext): string {
  const cell = (v: string | number | null) => escape(evidenceText(v));
  const finding = (f: ForensicFinding) => `
  <section class="finding ${f.severity}">
    <h3><span class="badge">${SEVERITY[f.severity].label}</span> ${escape(f.title)}${f.status === 'nuevo' ? ' <span class="new">nuevo</span>' : ''}</h3>
    <p class="meta">${PHASE[f.phase]} · regla ${escape(f.rule)}${f.acknowledged ? ` · visto por ${escape(f.acknowledged.by ?? 'el dueño')}: «${escape(f.acknowledged.note)}»` : ''}</p>
    <p>${escape(f.explanation)}</p>
    ${Object.entries(f.entities).filter(([, v]) => v && v.length > 0).map(([k, v]) => `<p class="entities"><b>${ENTITY[k] ?? k}:</b> ${v!.map(escape).join(', ')}</p>`).join('')}
    <table><thead><tr>${f.evidence.columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead>
    <tbody>${f.evidence.rows.map((r) => `<tr>${f.evidence.columns.map((_, i) => `<td>${cell(r[i] ?? null)}</td>`).join('')}</tr>`).join('')}</tbody></table>
    ${f.evidence.total > f.evidence.rows.length ? `<p class="meta">… y ${f.evidence.total - f.evidence.rows.length} filas más (la revisión guarda las primeras ${f.evidence.rows.length})</p>` : ''}
  </section>`;
  return `<!doctype html>
<html lang="es-AR"><head><meta charset="utf-8"><title>Revisión forense ${formatDay(run.period.from)} a ${formatDay(run.period.to)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#101828;padding:0 1rem}
.audit{padding:.6rem 1rem;border:1px solid;border-radius:6px}.audit.ok{background:#ecfdf3;border-color:#12b76a}.audit.bad{background:#fef3f2;border-color:#d92d20}
table{border-collapse:collapse;width:100%;font-size:.8rem;margin:.4rem 0}th,td{border-bottom:1px solid #eaecf0;padding:.2rem .4rem;text-align:left}th{background:#f2f4f7}
.badge{font-size:.75rem;color:#fff;border-radius:4px;padding:.1rem .4rem}.alta .badge{background:#b42318}.media .badge{background:#b54708}.baja .badge{background:#475467}
.new{font-size:.7rem;background:#eef4ff;color:#3538cd;border-radius:4px;padding:.1rem .3rem}.meta{color:#667085;font-size:.8rem}.finding{margin:1.4rem 0}
footer{color:#667085;font-size:.8rem;margin-top:2rem}
</style></head><body>
<h1>Revisión forense</h1>
<p>${escape(ctx.storeName)} · período ${formatDay(run.period.from)} a ${formatDay(run.period.to)} · ${run.trigger === 'programada' ? 'revisión nocturna' : 'revisión a pedido'} del ${dateTime(run.startedAt, ctx.timeZone)}</p>
<p class="audit ${run.audit.verified ? 'ok' : 'bad'}"><b>${run.audit.verified ? 'La cadena de auditoría verificó' : 'La cadena de auditoría NO verificó'}</b><br>${escape(auditLine(run))}</p>
<h2>${count(run.findings.length, 'hallazgo', 'hallazgos')}: ${run.kpis.findings.alta} alta, ${run.kpis.findings.media} media, ${run.kpis.findings.baja} baja</h2>
<p>${count(run.findings.filter((f) => f.status === 'nuevo').length, 'nuevo', 'nuevos')} · ${count(run.resolved.length, 'resuelto', 'resueltos')} desde la revisión anterior</p>
<h2>Indicadores</h2>
<table>${kpiRows(run.kpis).map(([k, v, e]) => `<tr><th>${escape(k)}<br><small class="meta">${escape(e)}</small></th><td>${escape(v)}</td></tr>`).join('')}</table>
${(['alta', 'media', 'baja'] as const).map((s) => run.findings.filter((f) => f.severity === s).map(finding).join('')).join('')}
${run.resolved.length ? `<h2>Resueltos</h2><ul>${run.resolved.map((r) => `<li>[${SEVERITY[r.severity].label}] ${escape(r.title)}</li>`).join('')}</ul>` : ''}
<footer>Hecho el ${dateTime(ctx.madeAt, ctx.timeZone)} · ${escape(auditLine(run))}</footer>
</body></html>
`;
}
