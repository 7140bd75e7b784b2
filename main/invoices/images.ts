/**
 * Photos and scans (PNG, JPEG, WebP…): decoded and scaled with @napi-rs/canvas.
 * OCR wants text about 20–40 px tall: an A4 page around 2,000–2,600 px wide.
 */
import { createCanvas, ImageData, loadImage, type Canvas } from '@napi-rs/canvas';
import { AppError } from '../domain/errors';
import type { Pixels } from './barcodes';

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

/** A downscaled PNG of a page for the review screen. */
export async function previewPng(source: Pixels, maxWidth = 1100): Promise<{ png: Buffer; width: number; height: number }> {
  const scale = Math.min(1, maxWidth / source.width);
  const full = createCanvas(source.width, source.height);
  full.getContext('2d').putImageData(new ImageData(source.data, source.width, source.height), 0, 0);
  const out = createCanvas(Math.round(source.width * scale), Math.round(source.height * scale));
  out.getContext('2d').drawImage(full, 0, 0, out.width, out.height);
  return { png: await out.encode('png'), width: out.width, height: out.height };
}

/** A horizontal band of an image as PNG (OCR splits a page between workers). */
export async function bandPng(source: Pixels, top: number, bottom: number): Promise<Buffer> {
  const height = bottom - top;
  const canvas = createCanvas(source.width, height);
  const slice = source.data.subarray(top * source.width * 4, bottom * source.width * 4);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(slice), source.width, height), 0, 0);
  return canvas.encode('png');
}
