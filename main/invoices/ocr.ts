/**
 * OCR with tesseract.js, off the calling thread: tesseract.js runs each worker
 * in its own worker_thread. A page is cut into horizontal bands at blank rows
 * and the bands are read in parallel by a small pool (one worker per core, two
 * here); bands go to tesseract as raw PPM, not PNG. Together they bring an A4
 * page at 300 dpi to about 2 s on two cores.
 * Each read has a timeout and can be cancelled; a worker that timed out is
 * terminated, and every worker is recycled after some pages so tesseract's
 * memory does not grow without bound. Language data is read from the local
 * @tesseract.js-data packages; a missing file is an error, not a download.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { AppError } from '../domain/errors';
import { languageFile, OCR_LANGUAGES, tesseractCoreDir } from './assets';
import { regionPpm, resize } from './images';
import type { Pixels } from './types';
import type { Word } from './words';

export interface OcrOptions {
  /** Per page. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const RECYCLE_AFTER = 20;
const DEFAULT_TIMEOUT_MS = 60_000;

interface PooledWorker {
  worker: Worker;
  uses: number;
  busy: boolean;
}

/** The error every cancelled read ends with, wherever it was stopped. */
export function cancelledError(): AppError {
  return new AppError('UNREADABLE_DOCUMENT', 'La lectura se canceló.', { reason: 'cancelled' });
}

export type LanguageFiles = Partial<Record<(typeof OCR_LANGUAGES)[number], string>>;

/** Copies the language files into one folder, as tesseract.js wants one langPath. */
function languageDir(files: LanguageFiles): string {
  const dir = join(tmpdir(), 'gondola-tessdata-best-int');
  mkdirSync(dir, { recursive: true });
  for (const lang of OCR_LANGUAGES) {
    const source = files[lang] ?? languageFile(lang);
    if (!existsSync(source)) {
      throw new AppError('UNREADABLE_DOCUMENT', `Falta el archivo de idioma del OCR (${lang}.traineddata): reinstalá Góndola.`, { reason: 'ocr-data-missing', file: source });
    }
    const target = join(dir, `${lang}.traineddata.gz`);
    if (!existsSync(target) || statSync(target).size !== statSync(source).size) copyFileSync(source, target);
  }
  return dir;
}

export class OcrPool {
  private readonly workers: PooledWorker[] = [];
  private readonly waiting: ((w: PooledWorker) => void)[] = [];
  private closed = false;
  readonly size: number;

  /** `languages` points at other copies of the traineddata files (the packaged app's resources). */
  constructor(
    size = Math.max(1, Math.min(4, availableParallelism())),
    private readonly languages: LanguageFiles = {},
  ) {
    this.size = size;
  }

  private async spawn(): Promise<PooledWorker> {
    const langPath = languageDir(this.languages);
    const worker = await createWorker([...OCR_LANGUAGES], OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      corePath: tesseractCoreDir(),
      errorHandler: () => undefined,
    });
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, user_defined_dpi: '300', preserve_interword_spaces: '1' });
    return { worker, uses: 0, busy: false };
  }

  private async acquire(): Promise<PooledWorker> {
    if (this.closed) throw cancelledError();
    const idle = this.workers.find((w) => !w.busy);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (this.workers.length < this.size) {
      const placeholder = { worker: null as unknown as Worker, uses: 0, busy: true };
      this.workers.push(placeholder);
      try {
        const spawned = await this.spawn();
        placeholder.worker = spawned.worker;
        return placeholder;
      } catch (error) {
        this.workers.splice(this.workers.indexOf(placeholder), 1);
        throw error;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(pooled: PooledWorker, broken: boolean): void {
    pooled.uses++;
    if (broken || pooled.uses >= RECYCLE_AFTER) {
      this.workers.splice(this.workers.indexOf(pooled), 1);
      void pooled.worker.terminate().catch(() => undefined);
      const next = this.waiting.shift();
      if (next) void this.acquire().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(pooled);
    else pooled.busy = false;
  }

  /** Reads one band (an encoded image) and returns its words in pixel coordinates of the band. */
  private async readBand(image: Buffer, options: OcrOptions, segmentation: PSM = PSM.AUTO): Promise<BandWord[]> {
    const pooled = await this.acquire();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const stop = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new AppError('UNREADABLE_DOCUMENT', 'El OCR tardó demasiado en leer una página; probá con una imagen más nítida o más chica.', { reason: 'timeout' })),
          options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        );
        onAbort = () => reject(cancelledError());
        if (options.signal?.aborted) onAbort();
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
      const recognize = async () => {
        if (segmentation === PSM.AUTO) return pooled.worker.recognize(image, {}, { blocks: true, text: false });
        await pooled.worker.setParameters({ tessedit_pageseg_mode: segmentation });
        const result = await pooled.worker.recognize(image, {}, { blocks: true, text: false });
        await pooled.worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
        return result;
      };
      const result = await Promise.race([recognize(), stop]);
      this.release(pooled, false);
      const words: BandWord[] = [];
      for (const block of result.data.blocks ?? []) {
        for (const paragraph of block.paragraphs) {
          for (const line of paragraph.lines) {
            for (const word of line.words) {
              const text = word.text.trim();
              if (text) words.push({ text, ...word.bbox, conf: word.confidence / 100 });
            }
          }
        }
      }
      return words;
    } catch (error) {
      // A timed-out or cancelled worker may still be busy: it is terminated, not reused.
      this.release(pooled, true);
      throw error;
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Words of a page image, page-relative. */
  async readPage(original: Pixels, pageNumber: number, options: OcrOptions = {}): Promise<Word[]> {
    // Text taller than the recogniser needs only costs time: scale it down (boxes are page-relative).
    const factor = textScale(original);
    const image = factor < 0.95 ? resize(original, factor) : original;
    // One band per worker, cut where each holds half the ink. (Smaller bands balance better but
    // tesseract reads a lone table row worse without the rows around it.)
    const bands = splitBands(image, this.size);
    const results = await Promise.all(bands.map(([top, bottom]) => this.readBand(regionPpm(image, top, bottom), options)));
    return results.flatMap((found, i) => onPage(found, image, pageNumber, 0, bands[i]![0]));
  }

  /**
   * Words of the letter box's region, page-relative. AFIP has the voucher's
   * letter printed in a box at the top centre with its code below ("Cód. 01");
   * tesseract's page layout often drops the lone large letter as a picture
   * and the tiny code with it. Read as one block of text they come out. Only
   * asked for when the page read gave neither (about 0.2 s).
   */
  async readLetterBox(image: Pixels, pageNumber: number, options: OcrOptions = {}): Promise<Word[]> {
    const left = Math.round(image.width * 0.3);
    const found = await this.readBand(regionPpm(image, 0, Math.round(image.height * 0.15), left, Math.round(image.width * 0.7)), options, PSM.SINGLE_BLOCK);
    return onPage(found, image, pageNumber, left, 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.worker?.terminate().catch(() => undefined)));
  }
}

type BandWord = { text: string; x0: number; y0: number; x1: number; y1: number; conf: number };

/** Words read from a region whose top-left corner is at (`left`, `top`) of `image`, as page-relative words. */
function onPage(found: BandWord[], image: Pixels, pageNumber: number, left: number, top: number): Word[] {
  return found.map((w) => ({
    text: w.text,
    page: pageNumber,
    x0: (w.x0 + left) / image.width,
    x1: (w.x1 + left) / image.width,
    y0: (w.y0 + top) / image.height,
    y1: (w.y1 + top) / image.height,
    conf: w.conf,
  }));
}

/** Lines of text about this tall (in pixels) read as well as taller ones, and faster. */
const TARGET_LINE_HEIGHT = 34;

/**
 * The factor that brings the page's typical line of text (the median run of
 * rows with ink) to about TARGET_LINE_HEIGHT; never enlarges, never below 0.6.
 */
export function textScale(image: Pixels): number {
  const ink = inkPerRow(image);
  const runs: number[] = [];
  let run = 0;
  for (let y = 0; y < image.height; y++) {
    if (ink[y]! > 0) run++;
    else if (run > 0) {
      if (run >= 8) runs.push(run); // rules and specks are not lines of text
      run = 0;
    }
  }
  if (runs.length < 5) return 1;
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)]!;
  return Math.max(0.6, Math.min(1, TARGET_LINE_HEIGHT / median));
}

/** Dark pixels per row, sampled across (about 600 samples a row are enough to see text). */
function inkPerRow(image: Pixels): Uint32Array {
  const ink = new Uint32Array(image.height);
  const step = Math.max(1, Math.floor(image.width / 600));
  for (let y = 0; y < image.height; y++) {
    let dark = 0;
    const row = y * image.width * 4;
    for (let x = 0; x < image.width; x += step) {
      const k = row + x * 4;
      if (image.data[k]! + image.data[k + 1]! + image.data[k + 2]! < 384) dark++;
    }
    ink[y] = dark;
  }
  return ink;
}

/**
 * Cuts an image into `count` bands holding about the same amount of ink (an
 * invoice's text is mostly at the top: equal heights would leave a worker
 * idle), each cut moved to the nearest blank row so no line of text is split.
 */
export function splitBands(image: Pixels, count: number): [number, number][] {
  if (count <= 1 || image.height < 400) return [[0, image.height]];
  const ink = inkPerRow(image);
  const total = ink.reduce((sum, dark) => sum + dark, 0);
  // Blank gaps (runs of rows without ink): cuts go in the middle of one.
  const gaps: { start: number; length: number }[] = [];
  for (let y = 0; y < image.height; y++) {
    if (ink[y] !== 0) continue;
    const start = y;
    while (y < image.height && ink[y] === 0) y++;
    gaps.push({ start, length: y - start });
  }
  const cuts = [0];
  let seen = 0;
  let next = 1;
  for (let y = 0; y < image.height && next < count; y++) {
    seen += ink[y]!;
    if (seen < (total * next) / count) continue;
    next++;
    // Prefer a wide gap (between sections) near the balanced point over the narrow
    // gaps between table rows: a band that starts mid-table reads worse.
    const scale = image.height * 0.06;
    let best: { start: number; length: number } | null = null;
    let bestScore = 0;
    for (const gap of gaps) {
      const middle = gap.start + gap.length / 2;
      if (middle <= cuts.at(-1)! + 40 || Math.abs(middle - y) > image.height * 0.15) continue;
      const score = gap.length / (1 + Math.abs(middle - y) / scale);
      if (score > bestScore) {
        best = gap;
        bestScore = score;
      }
    }
    if (best) cuts.push(Math.round(best.start + best.length / 2));
  }
  cuts.push(image.height);
  return cuts.slice(0, -1).map((top, i) => [top, cuts[i + 1]!] as [number, number]).filter(([a, b]) => b - a > 20);
}
