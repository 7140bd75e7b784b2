import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { METHOD_NAMES, methods, permissions, type Access } from '../../contract';

/**
 * What a cashier may call never carries a cost: every output key that looks
 * like one (cost, margin, value) must be listed in the method's `costFields`
 * in contract/permissions.ts, so dispatch strips it. Walks the output schemas,
 * so a new field named like a cost fails here until it is listed.
 */
// Names that match but are not money: the scale label layout, and whether a session sees costs.
const NOT_COSTS = new Set(['valueKind', 'valueStart', 'valueLength', 'valueFactor', 'seesCosts']);
const LOOKS_LIKE_COST = /cost|margin|value/i;

function keys(schema: z.ZodType, found: Set<string>, depth = 0): void {
  if (depth > 20) return;
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        found.add(key);
        keys(value, found, depth + 1);
      }
      return;
    case 'array':
      return keys(def.element, found, depth + 1);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return keys(def.innerType, found, depth + 1);
    case 'pipe':
      return keys(def.out, found, depth + 1);
    case 'union':
      for (const option of def.options as z.ZodType[]) keys(option, found, depth + 1);
      return;
    default:
      return;
  }
}

describe('cost fields', () => {
  const cashierMethods = METHOD_NAMES.filter((m) => {
    const access: Access = permissions[m];
    return access.roles === 'anyone' || access.roles.includes('cajero');
  });
  it.each(cashierMethods)('%s lists every cost-like output field for stripping', (method) => {
    const found = new Set<string>();
    keys(methods[method].output, found);
    const listed = new Set((permissions[method] as Access).costFields ?? []);
    const unlisted = [...found].filter((k) => LOOKS_LIKE_COST.test(k) && !NOT_COSTS.has(k) && !listed.has(k));
    expect(unlisted).toEqual([]);
  });
});
