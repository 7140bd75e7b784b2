/**
 * One forensic run as a job for a worker thread: opens the store read-only
 * (WAL lets it read beside the core's writer without blocking a sale),
 * verifies the audit chain and runs every rule. Exported on its own so the
 * worker and the benchmark run exactly the same code.
 */
import { openDatabase } from '../db/open';
import { AnchorFile, AuditLog, anchorMismatch } from '../write';
import { analyse, type ForensicResult } from './index';
import type { RuleContext } from './types';

export interface ForensicJobRequest {
  dbPath: string;
  nativeBinding?: string | undefined;
  ctx: RuleContext;
}

export function runForensicJob(request: ForensicJobRequest, onProgress: (progress: number, message: string) => void): ForensicResult {
  const db = openDatabase(request.dbPath, { readonly: true, nativeBinding: request.nativeBinding });
  try {
    onProgress(0, 'Verificando la cadena de auditoría');
    // One read transaction: every rule sees the same snapshot even while sales go on.
    db.prepare('begin').run();
    const chain = new AuditLog(db).verify(request.ctx.now);
    // The chain recomputed, then held against the anchors kept beside the database.
    const mismatch = chain.verified ? anchorMismatch(db, new AnchorFile(`${request.dbPath}.anclas`, () => new Date(request.ctx.now)).read()) : null;
    const audit = mismatch ? { ...chain, verified: false, firstBad: mismatch } : chain;
    const result = analyse(db, request.ctx, { verified: audit.verified, head: audit.head, firstBad: audit.firstBad }, (done, total, rule) =>
      onProgress(0.05 + (0.95 * done) / total, `Revisando: ${rule}`),
    );
    db.prepare('commit').run();
    return result;
  } finally {
    db.close();
  }
}
