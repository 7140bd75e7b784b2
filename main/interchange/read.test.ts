import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { readRecordBatches } from './read';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function records(text: string): Promise<{ line: number; cells: string[] }[]> {
  dir = tempDir('gondola-read');
  const path = join(dir, 'f.csv');
  writeFileSync(path, text);
  const out: { line: number; cells: string[] }[] = [];
  for await (const batch of readRecordBatches(path, 'utf-8', ',')) out.push(...batch);
  return out;
}

describe('readRecordBatches', () => {
  it('numbers each record by the line it starts on, past quoted line breaks and blank lines', async () => {
    const got = await records('sku,note\nA1,"dos\nlíneas"\n\nB2,simple\n"C3","tres\nlíneas\nacá"\nD4,fin');
    expect(got.map((r) => [r.line, r.cells[0]])).toEqual([
      [1, 'sku'],
      [2, 'A1'],
      [5, 'B2'],
      [6, 'C3'],
      [9, 'D4'],
    ]);
    expect(got[1]!.cells[1]).toBe('dos\nlíneas');
  });

  it('counts Windows line endings the same way', async () => {
    const got = await records('sku,note\r\nA1,"dos\r\nlíneas"\r\n\r\nB2,simple\r\n');
    expect(got.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('skips a byte-order mark and a trailing blank line', async () => {
    const got = await records('\uFEFFsku\nA1\n\n');
    expect(got.map((r) => [r.line, r.cells])).toEqual([
      [1, ['sku']],
      [2, ['A1']],
    ]);
  });
});
