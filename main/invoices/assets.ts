/**
 * Where the reader's local files are: tesseract's language data, pdf.js's
 * standard fonts, zxing's wasm. Everything is read from node_modules (or the
 * packaged app's copy of it); nothing is ever fetched from a CDN.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

export const OCR_LANGUAGES = ['spa', 'eng'] as const;

/** The gzipped LSTM ("best_int") traineddata of a language. */
export function languageFile(lang: (typeof OCR_LANGUAGES)[number]): string {
  return join(packageDir(`@tesseract.js-data/${lang}`), '4.0.0_best_int', `${lang}.traineddata.gz`);
}

export function standardFontsDir(): string {
  return `${join(packageDir('pdfjs-dist'), 'standard_fonts')}/`;
}

export function zxingWasmFile(): string {
  return require.resolve('zxing-wasm/reader/zxing_reader.wasm');
}

export function tesseractCoreDir(): string {
  return packageDir('tesseract.js-core');
}
