/**
 * PDF pages through pdf.js in Node: the text layer as words with boxes, the
 * images embedded in a page (where invoice QRs usually are), and a page
 * rendered to pixels (@napi-rs/canvas) for barcodes, OCR and the review screen.
 */
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { AppError } from '../domain/errors';
import { standardFontsDir } from './assets';
import type { Pixels } from './types';
import type { Word } from './words';

export const MAX_PAGES = 20;

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    const task = pdfjs.getDocument({
      // pdf.js wants a plain Uint8Array (not a Buffer) and may take ownership of it: give it a copy.
      data: new Uint8Array(bytes),
      standardFontDataUrl: standardFontsDir(),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
      stopAtErrors: false,
    });
    const doc = await task.promise;
    if (doc.numPages > MAX_PAGES) {
      await doc.destroy();
      throw new AppError('UNREADABLE_DOCUMENT', `El PDF tiene ${doc.numPages} páginas; una factura de proveedor admite hasta ${MAX_PAGES}.`, { reason: 'too-large' });
    }
    return doc;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new AppError('UNREADABLE_DOCUMENT', 'El PDF está protegido con contraseña: pedile al proveedor una copia sin contraseña o imprimila a PDF.', { reason: 'password' });
    }
    throw new AppError('UNREADABLE_DOCUMENT', 'El archivo no se puede leer como PDF: está dañado o incompleto.', { reason: 'corrupt', detail: String((error as Error).message ?? error) });
  }
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** The page's text layer as words (runs split at wide gaps), page-relative. */
export async function pageWords(page: PDFPageProxy, pageNumber: number): Promise<Word[]> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const words: Word[] = [];
  for (const item of content.items as TextItemLike[]) {
    if (typeof item.str !== 'string' || item.str.trim() === '') continue;
    // Map the baseline origin through the viewport (handles rotated pages and crop boxes).
    const [a, b, , , e, f] = item.transform as [number, number, number, number, number, number];
    const fontHeight = Math.hypot(item.transform[2]!, item.transform[3]!) || item.height || 10;
    const [x0, yBase] = viewport.convertToViewportPoint(e, f) as [number, number];
    const scaleX = Math.hypot(a, b) || 1;
    const width = item.width || item.str.length * fontHeight * 0.5;
    const [x1] = viewport.convertToViewportPoint(e + (width * a) / scaleX, f) as [number, number];
    const left = Math.min(x0, x1);
    const right = Math.max(x0, x1);
    // Split runs that hold several columns ("Cant    P. Unit") at runs of spaces.
    const parts = [...item.str.matchAll(/\S+(?: \S+)*/g)];
    const perChar = (right - left) / Math.max(1, item.str.length);
    for (const part of parts) {
      const start = left + part.index * perChar;
      words.push({
        text: part[0],
        page: pageNumber,
        x0: start / viewport.width,
        x1: (start + part[0].length * perChar) / viewport.width,
        y0: (yBase - fontHeight * 0.8) / viewport.height,
        y1: (yBase + fontHeight * 0.2) / viewport.height,
        conf: 1,
      });
    }
  }
  return words;
}

/** Images drawn on the page, as pixels (small ones first: a QR is small). */
export async function pageImages(page: PDFPageProxy, limit = 12): Promise<Pixels[]> {
  const ops = await page.getOperatorList();
  const names = new Set<string>();
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] === pdfjs.OPS.paintImageXObject) names.add(String((ops.argsArray[i] as unknown[])[0]));
  }
  const images: Pixels[] = [];
  for (const name of names) {
    const objs = name.startsWith('g_') ? page.commonObjs : page.objs;
    if (!objs.has(name)) continue;
    const image = objs.get(name) as { width: number; height: number; data?: Uint8Array | Uint8ClampedArray; kind?: number } | null;
    if (!image?.data || image.width < 21 || image.height < 21) continue;
    const rgba = toRgba(image.data, image.width, image.height, image.kind ?? 0);
    if (rgba) images.push({ data: rgba, width: image.width, height: image.height });
  }
  return images.sort((p, q) => p.width * p.height - q.width * q.height).slice(0, limit);
}

/** pdf.js image kinds: 1 = 1 bit grey, 2 = RGB, 3 = RGBA. */
function toRgba(data: Uint8Array | Uint8ClampedArray, width: number, height: number, kind: number): Uint8ClampedArray | null {
  const pixels = width * height;
  if (kind === 3 && data.length >= pixels * 4) return new Uint8ClampedArray(data.buffer, data.byteOffset, pixels * 4);
  const out = new Uint8ClampedArray(pixels * 4);
  if (kind === 2 && data.length >= pixels * 3) {
    for (let i = 0, j = 0; i < pixels; i++, j += 3) {
      out[i * 4] = data[j]!;
      out[i * 4 + 1] = data[j + 1]!;
      out[i * 4 + 2] = data[j + 2]!;
      out[i * 4 + 3] = 255;
    }
    return out;
  }
  if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        const v = bit ? 255 : 0;
        const k = (y * width + x) * 4;
        out[k] = out[k + 1] = out[k + 2] = v;
        out[k + 3] = 255;
      }
    }
    return out;
  }
  return null;
}

/** Renders a page at `dpi` on white. */
export async function renderPage(page: PDFPageProxy, dpi: number): Promise<Pixels & { png: () => Promise<Buffer> }> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  type RenderParameters = Parameters<PDFPageProxy['render']>[0];
  await page.render({ canvas: canvas as unknown as RenderParameters['canvas'], canvasContext: context as unknown as RenderParameters['canvasContext'], viewport }).promise;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  return { data: image.data, width: canvas.width, height: canvas.height, png: () => canvas.encode('png') };
}
