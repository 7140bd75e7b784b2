/**
 * QR and ITF barcodes on a page image, through zxing-wasm (wasm read from
 * node_modules, never fetched).
 */
import type { Pixels } from './types';
import { readFileSync } from 'node:fs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { zxingWasmFile } from './assets';
import { resize } from './images';

let prepared = false;

function prepare(): void {
  if (prepared) return;
  const wasm = readFileSync(zxingWasmFile());
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  prepared = true;
}

export interface FoundBarcode {
  format: 'QRCode' | 'ITF';
  text: string;
  /** Page-relative box of the code. */
  box: { x: number; y: number; w: number; h: number };
}

/**
 * Barcodes on the image, cheapest look first: half size without trying hard
 * (a printed QR has modules of several pixels at 300 dpi), then full size
 * trying hard, then a third of the size (a blurred photo reads better small).
 */
export type { Pixels };

export async function findBarcodes(image: Pixels): Promise<FoundBarcode[]> {
  if (image.width < 1200) return findAt(image, true);
  const half = await findAt(resize(image, 0.5), false);
  if (half.length > 0) return half;
  const full = await findAt(image, true);
  if (full.length > 0 || image.width < 2000) return full;
  return findAt(resize(image, 0.3), true);
}

async function findAt(image: Pixels, tryHarder: boolean): Promise<FoundBarcode[]> {
  prepare();
  const imageData = { data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' } as unknown as Parameters<typeof readBarcodes>[0];
  const results = await readBarcodes(imageData, { formats: ['QRCode', 'ITF'], tryHarder, tryRotate: tryHarder, maxNumberOfSymbols: 4 });
  return results
    .filter((r) => r.isValid && (r.format === 'QRCode' || r.format === 'ITF'))
    .map((r) => {
      const xs = [r.position.topLeft.x, r.position.topRight.x, r.position.bottomLeft.x, r.position.bottomRight.x];
      const ys = [r.position.topLeft.y, r.position.topRight.y, r.position.bottomLeft.y, r.position.bottomRight.y];
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      return {
        format: r.format as 'QRCode' | 'ITF',
        text: r.text,
        box: { x: x / image.width, y: y / image.height, w: (Math.max(...xs) - x) / image.width, h: (Math.max(...ys) - y) / image.height },
      };
    });
}
