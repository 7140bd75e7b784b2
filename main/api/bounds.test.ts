import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { METHOD_NAMES, methods } from '../../contract';

/**
 * Every contract input has bounds: strings a maximum length (uploads up to
 * 64 MB, everything else far less) or an anchored pattern that fixes it,
 * numbers a finite range, lists a maximum size. Walks
 * the zod schemas themselves, so a new field without bounds fails here.
 */
type Internals = { _zod: { def: Record<string, any> } };

/** The schema's checks (`.max()`, `.min()`, `.regex()` …) as zod 4 keeps them. */
function checks(def: Record<string, any>): Record<string, any>[] {
  return ((def.checks as { _zod: { def: Record<string, any> } }[] | undefined) ?? []).map((c) => c._zod.def);
}

function unbounded(schema: z.ZodType, path: string, found: string[], depth = 0): void {
  if (depth > 30) return;
  const { def } = (schema as unknown as Internals)._zod;
  const list = checks(def);
  const inner = (s: unknown, p = path) => unbounded(s as z.ZodType, p, found, depth + 1);
  switch (def.type) {
    case 'string': {
      const max = list.find((c) => c.check === 'max_length')?.maximum as number | undefined;
      const patterns = list.filter((c) => c.check === 'string_format' && c.pattern instanceof RegExp).map((c) => c.pattern as RegExp);
      const fixedByPattern = patterns.some((r) => r.source.startsWith('^') && r.source.endsWith('$') && !/[+*]|\{\d+,\}/.test(r.source));
      if (!(max !== undefined && max <= 64 * 1024 * 1024) && !fixedByPattern) found.push(`${path}: string without a maximum length`);
      return;
    }
    case 'number': {
      const min = list.find((c) => c.check === 'greater_than')?.value as number | undefined;
      const max = list.find((c) => c.check === 'less_than')?.value as number | undefined;
      if (!(Number.isFinite(min) && Number.isFinite(max))) found.push(`${path}: number without a finite range`);
      return;
    }
    case 'array':
      if (!list.some((c) => c.check === 'max_length')) found.push(`${path}: list without a maximum size`);
      inner(def.element, `${path}[]`);
      return;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) inner(value, path ? `${path}.${key}` : key);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      inner(def.innerType);
      return;
    case 'pipe':
      inner(def.in);
      return;
    case 'union':
      for (const option of def.options as unknown[]) inner(option);
      return;
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'transform':
    case 'null':
    case 'undefined':
      return;
    default:
      found.push(`${path}: ${String(def.type)} not checked for bounds`);
  }
}

describe('contract input bounds', () => {
  it.each([...METHOD_NAMES])('%s bounds every string, number and list', (method) => {
    const found: string[] = [];
    unbounded(methods[method].input, '', found);
    expect(found).toEqual([]);
  });
});
