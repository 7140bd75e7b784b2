import { z } from 'zod';

/** The files of the interchange format, as the screen uploads them. */
const csvFileName = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,64}\.csv$/i, 'El archivo tiene que ser un .csv con un nombre simple');

export const ImportInput = z.strictObject({
  files: z
    .array(
      z.strictObject({
        name: csvFileName,
        /** The file's bytes, base64 (the encoding is detected from the bytes). */
        base64: z.string().max(32 * 1024 * 1024, 'El archivo es demasiado grande para subirlo: importalo con gondola import'),
      }),
    )
    .min(1, 'Elegí al menos un archivo')
    .max(10),
  skipBadRows: z.boolean().default(false),
  /** How the files write decimals, when the person says so; left out, read from all the files together. */
  decimals: z.enum(['comma', 'dot'], { error: 'Los decimales son «comma» o «dot»' }).optional(),
});
export type ImportInput = z.input<typeof ImportInput>;

export const ImportSummary = z.object({
  applied: z.boolean(),
  files: z.array(
    z.object({
      file: z.string(),
      rows: z.number().int(),
      applied: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
      refused: z.string().nullable(),
    }),
  ),
  /** `file:line: column: reason`, the first 1000. */
  errors: z.array(z.string()),
  errorCount: z.number().int(),
  message: z.string(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;
