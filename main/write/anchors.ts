import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { AuditHead } from '../../contract';
import type { RawDatabase } from '../db/open';

export interface Anchor {
  seq: number;
  hash: string;
  at: string;
}

/** Anchors are written at start, at close and at most this often while the store writes. */
const EVERY_MS = 10 * 60_000;

/**
 * The audit chain's head kept outside the database, in a small append-only
 * text file beside it (`gondola.db.anclas`): one line per anchor, sequence,
 * hash and when. The chain alone proves entries were not edited one by one;
 * someone with the file can still rewrite an entry and recompute every later
 * hash. An anchor written yesterday does not follow such a rewrite, and
 * `audit verify` compares them. (Someone who also rewrites this file is caught
 * only by anchors kept elsewhere: the head printed on PDFs, shown in Sistema,
 * or kept by the head office.)
 */
export class AnchorFile {
  private last = 0;

  constructor(
    readonly path: string,
    private readonly now: () => Date,
  ) {}

  /** Appends the head now (at start, at close, after a backup). Never throws: an anchor is an extra, not a write of the store. */
  write(head: AuditHead): void {
    if (head.seq === 0) return;
    try {
      appendFileSync(this.path, `${head.seq} ${head.hash} ${this.now().toISOString()}\n`);
      this.last = this.now().getTime();
    } catch {
      // A full or read-only disk: the store's own write already said so.
    }
  }

  /** Appends the head if the last anchor is older than ten minutes (called after writes). */
  maybeWrite(head: () => AuditHead): void {
    if (this.now().getTime() - this.last >= EVERY_MS) this.write(head());
  }

  read(): Anchor[] {
    if (!existsSync(this.path)) return [];
    const anchors: Anchor[] = [];
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const m = /^(\d+) ([0-9a-f]{64}) (\S+)$/.exec(line.trim());
      if (m) anchors.push({ seq: Number(m[1]), hash: m[2]!, at: m[3]! });
    }
    return anchors;
  }
}

/**
 * The first anchor the audit log no longer matches: its entry is gone, or has
 * another hash (the chain was rewritten from there on). Null when all match.
 */
export function anchorMismatch(db: RawDatabase, anchors: Anchor[]): { seq: number; reason: string } | null {
  const hashOf = db.prepare('select hash from audit_log where seq = ?').pluck();
  for (const anchor of anchors) {
    const hash = hashOf.get(anchor.seq) as string | undefined;
    if (hash === undefined) return { seq: anchor.seq, reason: `falta la entrada ${anchor.seq}, que el ancla del ${anchor.at.slice(0, 10)} registró: se borró el final del registro` };
    if (hash !== anchor.hash) return { seq: anchor.seq, reason: `la entrada ${anchor.seq} no es la que el ancla del ${anchor.at.slice(0, 10)} registró: el registro fue reescrito desde ahí` };
  }
  return null;
}
