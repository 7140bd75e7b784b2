import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../testing';

/**
 * SQL is never built from strings: values reach SQLite only as bound
 * parameters (kysely's, or `?` in a constant prepared statement). This scans
 * the core for the one way around that, a template literal with `${…}` handed
 * to `prepare`, `exec`, `pragma` or kysely's `sql.raw`/`sql.lit`.
 */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const DYNAMIC_SQL = /\.(prepare|exec|pragma)\(\s*`[^`]*\$\{|sql\.(raw|lit)\(/g;

describe('SQL text', () => {
  it('is never assembled from values in main/ or migrations/', () => {
    const found: string[] = [];
    for (const file of [...sources(join(repoRoot, 'main')), ...sources(join(repoRoot, 'migrations'))]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(DYNAMIC_SQL)) {
        const line = text.slice(0, match.index).split('\n').length;
        found.push(`${relative(repoRoot, file)}:${line}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('would catch an interpolated statement', () => {
    const bad = 'db.prepare(`select * from products where sku = \'${sku}\'`)';
    expect(bad.match(DYNAMIC_SQL)).not.toBeNull();
  });
});
