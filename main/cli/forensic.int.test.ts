import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { runGondola } from './testing';

const dir = tempDir('gondola-forensic-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gondola = (...argv: string[]) => runGondola(dir, argv);

describe('gondola forensic run and report', () => {
  it('prints the run as JSON: id, period, findings, figures and the audit chain', async () => {
    expect((await gondola('demo', '--days', '20')).code).toBe(0);
    const run = await gondola('forensic', 'run', '--from', '2026-11-01', '--to', '2026-11-20', '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(Object.keys(json)).toEqual(['runId', 'period', 'findings', 'kpis', 'audit']);
    expect(json.period).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(json.findings.filter((f: { phase: string }) => f.phase === 'validacion' || f.phase === 'consistencia')).toEqual([]);
    expect(json.audit.verified).toBe(true);
    expect(json.audit.head.hash).toMatch(/^[0-9a-f]{64}$/);
    const pdfFile = join(dir, 'informes', 'revision.pdf');
    const pdf = await gondola('forensic', 'report', '--run', json.runId, '--format', 'pdf', '--out', pdfFile);
    expect(pdf.code).toBe(0);
    expect(pdf.out).toContain('Informe guardado en');
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const htmlFile = join(dir, 'revision.html');
    expect((await gondola('forensic', 'report', '--run', json.runId, '--format', 'html', '--out', htmlFile)).code).toBe(0);
    expect(readFileSync(htmlFile, 'utf8')).toContain(`Auditoría: entrada ${json.audit.head.seq}`);
    const jsonFile = join(dir, 'revision.json');
    expect((await gondola('forensic', 'report', '--run', json.runId, '--format', 'json', '--out', jsonFile)).code).toBe(0);
    expect(JSON.parse(readFileSync(jsonFile, 'utf8')).runId).toBe(json.runId);
    const unknown = await gondola('forensic', 'report', '--run', 'no-existe', '--out', pdfFile);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No existe la revisión no-existe');
    const format = await gondola('forensic', 'report', '--run', json.runId, '--format', 'docx', '--out', pdfFile);
    expect(format.err).toContain('--format es pdf, html o json');
    const bad = await gondola('forensic', 'run', '--from', '20/11/2026');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--from tiene que ser una fecha AAAA-MM-DD');
  }, 60_000);
});
