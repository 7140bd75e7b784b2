import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, tempDir, type TestApp } from '../testing';
import { generateStoreFolder } from '../testing/store-folder';
import { importFolder } from './index';

/**
 * Import fuzzing: a valid generated store, damaged at random (broken
 * encodings, decimal commas, bad check digits, missing or renamed columns,
 * duplicated rows, truncated quotes, garbage bytes). Every run must answer
 * with a report, never crash, and either apply everything or nothing: the
 * store's ledger is unchanged whenever the import says it did not apply.
 */
type Damage =
  | { kind: 'garbage'; file: number; at: number; bytes: number[] }
  | { kind: 'latin1'; file: number }
  | { kind: 'decimalComma'; file: number }
  | { kind: 'checkDigit'; row: number }
  | { kind: 'dropColumn'; file: number; column: number }
  | { kind: 'duplicateRow'; file: number; row: number }
  | { kind: 'unclosedQuote'; file: number; row: number }
  | { kind: 'truncate'; file: number; at: number }
  | { kind: 'emptyFile'; file: number };

const FILES = ['suppliers.csv', 'products.csv', 'receipts.csv', 'sales.csv', 'adjustments.csv', 'counts.csv'];

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('garbage' as const), file: fc.nat(5), at: fc.nat(5000), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('latin1' as const), file: fc.nat(5) }),
  fc.record({ kind: fc.constant('decimalComma' as const), file: fc.nat(5) }),
  fc.record({ kind: fc.constant('checkDigit' as const), row: fc.nat(15) }),
  fc.record({ kind: fc.constant('dropColumn' as const), file: fc.nat(5), column: fc.nat(9) }),
  fc.record({ kind: fc.constant('duplicateRow' as const), file: fc.nat(5), row: fc.nat(30) }),
  fc.record({ kind: fc.constant('unclosedQuote' as const), file: fc.nat(5), row: fc.nat(30) }),
  fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(5), at: fc.nat(4000) }),
  fc.record({ kind: fc.constant('emptyFile' as const), file: fc.nat(5) }),
);

function apply(folder: string, d: Damage): void {
  const file = join(folder, FILES['file' in d ? d.file : 1]!);
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const lines = text.split('\n');
  switch (d.kind) {
    case 'garbage': {
      const at = Math.min(d.at, bytes.length);
      writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from(d.bytes), bytes.subarray(at)]));
      break;
    }
    case 'latin1':
      writeFileSync(file, Buffer.from(text, 'latin1'));
      break;
    case 'decimalComma':
      writeFileSync(file, lines.map((l, i) => (i === 0 ? l.replace(/,/g, ';') : l.replace(/(\d)\.(\d)/g, '$1,$2').replace(/,(?=[^\d])|,$/g, ';').replace(/,(?=\D)/g, ';'))).join('\n'));
      break;
    case 'checkDigit': {
      const products = join(folder, 'products.csv');
      const rows = readFileSync(products, 'utf8').split('\n');
      const row = 1 + (d.row % Math.max(1, rows.length - 2));
      // An earlier damage may have emptied the file: then there is no row to spoil.
      if (rows[row] === undefined) break;
      rows[row] = rows[row]!.replace(/(779\d{9})(\d)/, (_, body: string, check: string) => `${body}${(Number(check) + 1) % 10}`);
      writeFileSync(products, rows.join('\n'));
      break;
    }
    case 'dropColumn': {
      const header = lines[0]!.split(',');
      const column = d.column % header.length;
      writeFileSync(file, lines.map((l) => l.split(',').filter((_, i) => i !== column).join(',')).join('\n'));
      break;
    }
    case 'duplicateRow': {
      const row = 1 + (d.row % Math.max(1, lines.length - 2));
      if (lines[row] === undefined) break;
      lines.splice(row, 0, lines[row]!);
      writeFileSync(file, lines.join('\n'));
      break;
    }
    case 'unclosedQuote': {
      const row = 1 + (d.row % Math.max(1, lines.length - 2));
      if (lines[row] === undefined) break;
      lines[row] = `"${lines[row]}`;
      writeFileSync(file, lines.join('\n'));
      break;
    }
    case 'truncate':
      writeFileSync(file, bytes.subarray(0, Math.min(d.at, bytes.length)));
      break;
    case 'emptyFile':
      writeFileSync(file, '');
      break;
  }
}

let template: string;
beforeAll(async () => {
  template = tempDir('gondola-fuzz-template');
  await generateStoreFolder(template, { products: 15, saleLines: 40 });
});
afterAll(() => {
  rmSync(template, { recursive: true, force: true });
});

function ledgerFingerprint(a: TestApp): string {
  const raw = a.core.sql.raw;
  return JSON.stringify([
    raw.prepare('select count(*) from products').pluck().get(),
    raw.prepare('select count(*) from stock_movements').pluck().get(),
    raw.prepare('select coalesce(sum(on_hand), 0) from products').pluck().get(),
  ]);
}

describe('import fuzzing', () => {
  it('reports damaged files row by row and never crashes or half-applies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (damages) => {
        const folder = tempDir('gondola-fuzz');
        try {
          mkdirSync(folder, { recursive: true });
          for (const f of FILES) writeFileSync(join(folder, f), readFileSync(join(template, f)));
          for (const d of damages) apply(folder, d);
          // Every run imports into a fresh store, so "applied" and "nothing" are easy to tell apart.
          const store = await openTestApp();
          try {
            const before = ledgerFingerprint(store);
            const result = await importFolder(store, folder);
            expect(typeof result.message).toBe('string');
            for (const error of result.errors) expect(error).toMatch(/^[a-z]+\.csv(:\d+(: [a-z_]+)?)?: .+/);
            if (!result.applied) {
              expect(result.errorCount).toBeGreaterThan(0);
              expect(ledgerFingerprint(store)).toBe(before);
            } else {
              expect(result.errorCount).toBe(0);
              // Applied means every cache still equals its ledger.
              const broken = store.core.sql.raw
                .prepare('select count(*) from products p where p.on_hand != coalesce((select sum(qty) from stock_movements m where m.product_id = p.id), 0)')
                .pluck()
                .get();
              expect(broken).toBe(0);
            }
            expect(store.core.sql.raw.pragma('integrity_check', { simple: true })).toBe('ok');
          } finally {
            store.dispose();
          }
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.GONDOLA_FUZZ_RUNS ?? 60) },
    );
  }, 600_000);
});
