/**
 * Photos and scans (PNG, JPEG, WebP…): decoded and scaled with @napi-rs/canvas.
 * OCR wants text about 20–40 px tall: an A4 page around 2,000–2,600 px wide.
 */
import { createCanvas, ImageData, loadImage, type Canvas } from '@napi-rs/canvas';
import { AppError } from '../domain/errors';
import type { Pixels } from './types';

export type Raster = Pixels & { canvas: Canvas };

const OCR_MIN_WIDTH = 1700;
const OCR_MAX_SIDE = 3600;
/** Decoded pixels beyond this are refused before allocation (a 60 MP photo is 240 MB of RGBA). */
const MAX_PIXELS = 60_000_000;

export function sniffKind(bytes: Uint8Array): 'pdf' | 'image' | 'unknown' {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x89 && head.startsWith('\x89PNG')) return 'image';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image';
  if (head.startsWith('GIF8') || head.startsWith('BM') || head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'image';
  return 'unknown';
}

export async function decodeImage(bytes: Uint8Array): Promise<Raster> {
  let image;
  try {
    image = await loadImage(Buffer.from(bytes));
  } catch (error) {
    throw new AppError('UNREADABLE_DOCUMENT', 'La imagen está dañada o en un formato que no se puede leer (usá PNG o JPEG).', { reason: 'corrupt', detail: String(error) });
  }
  if (image.width < 50 || image.height < 50) {
    throw new AppError('UNREADABLE_DOCUMENT', `La imagen es demasiado chica (${image.width}×${image.height} píxeles) para leer una factura.`, { reason: 'not-invoice' });
  }
  if (image.width * image.height > MAX_PIXELS) {
    throw new AppError('UNREADABLE_DOCUMENT', `La imagen es demasiado grande (${image.width}×${image.height} píxeles); escaneala a 300 dpi.`, { reason: 'too-large' });
  }
  const scale = ocrScale(image.width, image.height);
  const canvas = createCanvas(Math.round(image.width * scale), Math.round(image.height * scale));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  return { data, width: canvas.width, height: canvas.height, canvas };
}

/** The factor that brings a page image into OCR's comfortable range. */
export function ocrScale(width: number, height: number): number {
  const portraitWidth = Math.min(width, height);
  let scale = portraitWidth < OCR_MIN_WIDTH ? OCR_MIN_WIDTH / portraitWidth : 1;
  if (Math.max(width, height) * scale > OCR_MAX_SIDE) scale = OCR_MAX_SIDE / Math.max(width, height);
  return scale;
}

/** Pixels on a canvas, to draw from. */
export function canvasOf(image: Pixels): Canvas {
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  return canvas;
}

/** A downscaled PNG of a page for the review screen. */
export async function previewPng(source: Pixels, maxWidth = 1100): Promise<{ png: Buffer; width: number; height: number }> {
  const scale = Math.min(1, maxWidth / source.width);
  const out = createCanvas(Math.round(source.width * scale), Math.round(source.height * scale));
  out.getContext('2d').drawImage(canvasOf(source), 0, 0, out.width, out.height);
  return { png: await out.encode('png'), width: out.width, height: out.height };
}

/**
 * A rectangle of an image (by default whole rows) as a binary PPM, the
 * format tesseract reads fastest: the same pixels as a PNG without
 * compressing them here and inflating them again inside the wasm (about half
 * a second per A4 page at 300 dpi on two cores). Alpha is dropped; page
 * images are opaque.
 */
export function regionPpm(source: Pixels, top: number, bottom: number, left = 0, right = source.width): Buffer {
  const width = right - left;
  const height = bottom - top;
  const head = Buffer.from(`P6\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(head.length + width * height * 3);
  head.copy(out, 0);
  const data = source.data;
  let i = head.length;
  for (let y = top; y < bottom; y++) {
    const end = (y * source.width + right) * 4;
    for (let k = (y * source.width + left) * 4; k < end; k += 4, i += 3) {
      out[i] = data[k]!;
      out[i + 1] = data[k + 1]!;
      out[i + 2] = data[k + 2]!;
    }
  }
  return out;
}

/**
 * The page's skew in degrees (−4…4), found by projection profiles: rotated
 * by the right angle, rows of text make the sharpest peaks in the count of
 * dark pixels per row. A few thousand sampled dark pixels are enough.
 */
export function skewAngle(image: Pixels): number {
  const points: [number, number][] = [];
  const step = Math.max(1, Math.floor(Math.sqrt((image.width * image.height) / 400_000)));
  for (let y = 0; y < image.height; y += step) {
    for (let x = 0; x < image.width; x += step) {
      const k = (y * image.width + x) * 4;
      if (image.data[k]! + image.data[k + 1]! + image.data[k + 2]! < 300) points.push([x, y]);
    }
  }
  if (points.length < 200) return 0;
  const sample = points.length > 40_000 ? points.filter((_, i) => i % Math.ceil(points.length / 40_000) === 0) : points;
  const score = (degrees: number) => {
    const radians = (degrees * Math.PI) / 180;
    const sin = Math.sin(radians);
    const cos = Math.cos(radians);
    const bins = new Map<number, number>();
    for (const [x, y] of sample) {
      const row = Math.round((y * cos - x * sin) / step);
      bins.set(row, (bins.get(row) ?? 0) + 1);
    }
    let sum = 0;
    for (const count of bins.values()) sum += count * count;
    return sum;
  };
  let best = 0;
  let bestScore = score(0);
  for (let degrees = -4; degrees <= 4.001; degrees += 0.25) {
    const s = score(degrees);
    if (s > bestScore * 1.0001) {
      best = degrees;
      bestScore = s;
    }
  }
  // Refine around the best quarter degree.
  for (let degrees = best - 0.2; degrees <= best + 0.2001; degrees += 0.05) {
    const s = score(degrees);
    if (s > bestScore) {
      best = degrees;
      bestScore = s;
    }
  }
  return Math.round(best * 100) / 100;
}

/** Rotates a page image so its lines of text are level (on white). */
export function deskew(image: Pixels): { image: Pixels; angle: number } {
  const angle = skewAngle(image);
  if (Math.abs(angle) < 0.3) return { image, angle: 0 };
  const source = canvasOf(image);
  const out = createCanvas(image.width, image.height);
  const context = out.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, out.width, out.height);
  context.translate(out.width / 2, out.height / 2);
  context.rotate((-angle * Math.PI) / 180);
  context.drawImage(source, -out.width / 2, -out.height / 2);
  return { image: { data: context.getImageData(0, 0, out.width, out.height).data, width: out.width, height: out.height }, angle };
}

/**
 * A smaller copy (barcode readers: blurred codes read better small; OCR: text
 * taller than needed), each pixel the average of the area it covers. Done on
 * the typed arrays, one output row at a time, rather than through a canvas:
 * a canvas round trip of a 300 dpi page held ~160 MB of native memory that
 * the garbage collector returned late, which set the reader's peak.
 */
export function resize(image: Pixels, factor: number): Pixels {
  if (factor >= 1) return image;
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const sx = image.width / width;
  const sy = image.height / height;
  const stride = image.width * 4;
  // Per output column: where its first source column starts in a row, and the weights of the
  // source columns it covers, kept in one flat array (from spanStart, spanCount of them).
  const firstColumn = new Int32Array(width);
  const spanStart = new Int32Array(width);
  const spanCount = new Int32Array(width);
  const spanWeights = new Float32Array(width * (Math.ceil(sx) + 1));
  let used = 0;
  for (let x = 0; x < width; x++) {
    const from = x * sx;
    const to = Math.min(image.width, from + sx);
    const first = Math.floor(from);
    const count = Math.ceil(to) - first;
    firstColumn[x] = first * 4;
    spanStart[x] = used;
    spanCount[x] = count;
    for (let i = 0; i < count; i++) spanWeights[used + i] = (Math.min(to, first + i + 1) - Math.max(from, first + i)) / sx;
    used += count;
  }
  const data = new Uint8ClampedArray(width * height * 4);
  const row = new Float32Array(stride);
  const source = image.data;
  for (let y = 0; y < height; y++) {
    // Rows first: the source rows this output row covers, weighted, summed into one row.
    const from = y * sy;
    const to = Math.min(image.height, from + sy);
    const firstRow = Math.floor(from);
    for (let sourceY = firstRow; sourceY < to; sourceY++) {
      const weight = (Math.min(to, sourceY + 1) - Math.max(from, sourceY)) / sy;
      const offset = sourceY * stride;
      if (sourceY === firstRow) for (let k = 0; k < stride; k++) row[k] = source[offset + k]! * weight;
      else for (let k = 0; k < stride; k++) row[k] = row[k]! + source[offset + k]! * weight;
    }
    // Then across.
    let out = y * width * 4;
    for (let x = 0; x < width; x++) {
      const start = spanStart[x]!;
      const end = start + spanCount[x]!;
      let k = firstColumn[x]!;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let i = start; i < end; i++, k += 4) {
        const w = spanWeights[i]!;
        r += row[k]! * w;
        g += row[k + 1]! * w;
        b += row[k + 2]! * w;
        a += row[k + 3]! * w;
      }
      data[out++] = r;
      data[out++] = g;
      data[out++] = b;
      data[out++] = a;
    }
  }
  return { data, width, height };
}
