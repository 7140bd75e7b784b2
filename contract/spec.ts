import type { z } from 'zod';

export interface MethodSpec {
  /** Spanish-free, developer-facing description: what the call does and when it fails. */
  doc: string;
  input: z.ZodType;
  output: z.ZodType;
  /** `mutation` methods write; they go through the single write path. */
  kind: 'query' | 'mutation';
}

export interface EventSpec {
  doc: string;
  payload: z.ZodType;
}
