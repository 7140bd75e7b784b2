import { z } from 'zod';
import { FileOutput } from './purchases';
import type { MethodName } from './names';
import type { MethodSpec } from './spec';

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
  /**
   * Headers the person maps to the format's columns: { file: 'products.csv', header: 'PVP Lista 2', column: 'price' }
   * (headers compared folded: lower case, no accents). Remembered once an import is applied.
   */
  mapping: z
    .array(
      z.strictObject({
        file: csvFileName,
        header: z.string().trim().min(1).max(80, 'El encabezado admite hasta 80 caracteres'),
        column: z.string().regex(/^[a-z_]{2,20}$/, 'No es una columna del formato'),
      }),
    )
    .max(200, 'Hasta 200 columnas')
    .optional(),
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
      /** Headers that map to no column of the format. */
      unmapped: z.array(z.string()),
      /** The format's columns for this file and what a person calls them (to map a header to). */
      columns: z.array(z.object({ name: z.string(), label: z.string() })),
    }),
  ),
  /** `file:line: column: reason`, the first 1000. */
  errors: z.array(z.string()),
  errorCount: z.number().int(),
  message: z.string(),
  /** What the import changes (a preview: would change) in the catalog. */
  changes: z.object({ newProducts: z.number().int(), priceChanges: z.number().int(), newSuppliers: z.number().int() }),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** The files of the interchange format, in the order an import reads them. */
export const INTERCHANGE_FILES = ['suppliers.csv', 'products.csv', 'prices.csv', 'cpi.csv', 'receipts.csv', 'sales.csv', 'adjustments.csv', 'counts.csv'] as const;
export const ImportTemplateInput = z.strictObject({ file: z.enum(INTERCHANGE_FILES, { error: 'No es un archivo del formato de intercambio' }) });

/** The interchange methods: what each does and its schemas (combined in methods.ts). */
export const interchangeMethods = {
  'import.preview': {
    doc: 'Reads uploaded interchange files and reports what an import would do, row by row, without changing anything.',
    input: ImportInput,
    output: ImportSummary,
    kind: 'query',
  },
  'import.template': {
    doc: 'A CSV template of one file of the interchange format: its header and example rows that import as they are.',
    input: ImportTemplateInput,
    output: FileOutput,
    kind: 'query',
  },
  'import.run': {
    doc: 'Imports uploaded interchange files: all or nothing unless skipBadRows, in one transaction.',
    input: ImportInput,
    output: ImportSummary,
    kind: 'mutation',
  },
} as const satisfies Partial<Record<MethodName, MethodSpec>>;
