import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';

/**
 * How a file's bytes are text. `mixed`: mostly Windows-1252 with lines saved as
 * UTF-8 (a file appended to by two programs); each line is read in its own.
 */
export type Encoding = 'utf-8' | 'windows-1252' | 'mixed';

// Bytes that Windows-1252 leaves undefined, and controls no text file has.
const NOT_CP1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Records per batch handed to the importer: each batch is staged in one transaction. */
const BATCH = 10_000;

// Bytes that are never text: C0 controls other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex -- control bytes are what tells a binary file
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
// A UTF-8 encoded letter (é is C3 A9) read byte by byte.
const UTF8_PAIR = /[\xc2-\xf4][\x80-\xbf]/;

/**
 * A file is binary, not text with a bad byte, when a NUL comes early or
 * controls are more than 1 % of its first megabyte; a stray control byte in a
 * text file is that row's problem (its cell is refused, the rest read on).
 */
function looksBinary(firstChunk: string): boolean {
  if (firstChunk.slice(0, 1024).includes('\x00')) return true;
  return (firstChunk.match(CONTROLS)?.length ?? 0) > Math.max(8, firstChunk.length / 100);
}

/**
 * UTF-8 (with or without BOM) or Windows-1252, read from the bytes; null when
 * the file is neither (binary, or another encoding's bytes). Streams the file
 * once without holding it.
 */
export async function detectEncoding(path: string): Promise<Encoding | null> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = true;
  let isCp1252 = true;
  let first = true;
  let utf8Pairs = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const latin1 = chunk.toString('latin1');
    // Controls (NUL…) in bulk are not text in any encoding we take; found by a native regex, not byte by byte.
    if (first && looksBinary(latin1)) return null;
    first = false;
    utf8Pairs ||= UTF8_PAIR.test(latin1);
    if (isCp1252) {
      for (const byte of NOT_CP1252) if (chunk.includes(byte)) isCp1252 = false;
    }
    if (isUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        isUtf8 = false;
      }
    }
    if (!isUtf8 && !isCp1252) return null;
  }
  if (isUtf8) {
    try {
      utf8.decode();
    } catch {
      isUtf8 = false;
    }
  }
  if (isUtf8) return 'utf-8';
  // Not valid UTF-8 as a whole, yet with UTF-8 letters in it: two encodings in one file.
  if (utf8Pairs) return 'mixed';
  return isCp1252 ? 'windows-1252' : null;
}

/** `,` or `;`, whichever the header line has more of outside quotes. */
export async function detectSeparator(path: string, encoding: Encoding): Promise<',' | ';'> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = new TextDecoder(encoding === 'mixed' ? 'windows-1252' : encoding).decode(buffer.subarray(0, bytesRead));
    let commas = 0;
    let semicolons = 0;
    let quoted = false;
    for (const char of text) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && (char === '\n' || char === '\r')) break;
      else if (!quoted && char === ',') commas++;
      else if (!quoted && char === ';') semicolons++;
    }
    return semicolons > commas ? ';' : ',';
  } finally {
    await handle.close();
  }
}

/** The file stopped reading at `line`: the records before it were read. */
export class CsvLineError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${line}: ${reason}`);
  }
}

/** Bytes to text in one encoding, chunk by chunk. */
function streamDecoder(encoding: 'utf-8' | 'windows-1252'): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

/** Bytes to text line by line: each line as UTF-8 when it is valid UTF-8, else as Windows-1252. */
function lineByLineDecoder(): Transform {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const cp1252 = new TextDecoder('windows-1252');
  const decodeLine = (bytes: Buffer) => {
    try {
      return utf8.decode(bytes);
    } catch {
      return cp1252.decode(bytes);
    }
  };
  let rest: Buffer = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      const end = data.lastIndexOf(0x0a);
      if (end < 0) {
        rest = data;
        done(null, '');
        return;
      }
      rest = Buffer.from(data.subarray(end + 1));
      let text = '';
      for (let start = 0; start <= end; ) {
        const next = data.indexOf(0x0a, start);
        text += `${decodeLine(data.subarray(start, next))}\n`;
        start = next + 1;
      }
      done(null, text);
    },
    flush(done) {
      done(null, rest.length > 0 ? decodeLine(rest) : '');
    },
  });
}

export interface CsvRecord {
  /** Line number in the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/**
 * Streams the records of a CSV file (RFC 4180 quoting) with line numbers, in
 * batches: one await per few thousand records rather than per record, which
 * dominated the cost of reading large files. Memory stays flat whatever the
 * file's size.
 */
export async function* readRecordBatches(path: string, encoding: Encoding, separator: ',' | ';'): AsyncGenerator<CsvRecord[]> {
  const decode = encoding === 'mixed' ? lineByLineDecoder() : streamDecoder(encoding);
  // Line numbers are counted here rather than with csv-parse's `info`, which
  // built an object per record and cost ~40 % of the parsing: a record starts
  // one line after the previous one, plus the line breaks inside its quoted
  // cells; blank lines come through as one empty cell and are counted, then skipped.
  // relax_quotes: a quote inside an unquoted cell (12" pizza) is text, not a broken file.
  const parser = parse({ delimiter: separator, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  let nextLine = 1;
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  source.on('error', (error) => parser.destroy(error));
  decode.on('error', (error) => parser.destroy(error));
  source.pipe(decode).pipe(parser);

  let batch: CsvRecord[] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  parser.on('readable', () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) {
      const line = nextLine;
      let embedded = 0;
      for (const cell of record) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) embedded++;
      nextLine += 1 + embedded;
      if (record.length === 1 && record[0]!.trim() === '') continue;
      batch.push({ line, cells: record });
    }
    if (batch.length >= BATCH) notify();
  });
  parser.on('end', () => {
    done = true;
    notify();
  });
  parser.on('error', (error: Error & { code?: string }) => {
    // Where it broke: the record that started at nextLine (an opening quote that never closes swallows the rest).
    failure =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? new CsvLineError(nextLine, 'una comilla abre un texto que no se cierra: desde esta línea no se pudo leer el archivo')
        : new CsvLineError(nextLine, `no se pudo leer como CSV (${error.message.split('\n')[0]})`);
    done = true;
    notify();
  });
  try {
    for (;;) {
      if (batch.length < BATCH && !done) await new Promise<void>((resolve) => (wake = resolve));
      // What was read before a break is handed over first; then the break.
      if (batch.length > 0) {
        const out = batch;
        batch = [];
        yield out;
      }
      if (failure) throw failure;
      if (done && batch.length === 0) return;
    }
  } finally {
    // A reader that stops early (the import's number-style sniff) closes the file.
    if (!done) {
      source.destroy();
      parser.destroy();
    }
  }
}
