import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { OcrPool, splitBands } from './ocr';

function textImage(lines: string[]) {
  const canvas = createCanvas(1400, 120 + lines.length * 70);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  context.font = '44px DejaVu Sans, sans-serif';
  lines.forEach((line, i) => context.fillText(line, 60, 100 + i * 70));
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  return { data: image.data, width: canvas.width, height: canvas.height };
}

describe('OCR pool (real tesseract.js, Spanish)', () => {
  it('reads words with their places on the page', async () => {
    const pool = new OcrPool(2);
    try {
      const words = await pool.readPage(textImage(['FACTURA A  Nº 0003-00012345', 'Fecha de Emisión: 05/03/2026', 'Importe Total: $ 1.234,56', 'Azúcar Ledesma x 1 kg']), 1);
      const text = words.map((w) => w.text).join(' ');
      expect(text).toContain('0003-00012345');
      expect(text).toContain('05/03/2026');
      expect(text).toContain('1.234,56');
      expect(text).toMatch(/Emisión/);
      const total = words.find((w) => w.text === '1.234,56')!;
      expect(total.page).toBe(1);
      expect(total.x0).toBeGreaterThan(0.3);
      expect(total.y0).toBeGreaterThan(0.4);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('says which language file is missing instead of hanging or downloading it', async () => {
    const pool = new OcrPool(1, { spa: '/no/existe/spa.traineddata.gz' });
    await expect(pool.readPage(textImage(['hola']), 1)).rejects.toMatchObject({ code: 'UNREADABLE_DOCUMENT', details: { reason: 'ocr-data-missing' } });
    await pool.close();
  });

  it('cuts a page into bands at blank rows, never through a line of text', () => {
    const image = textImage(Array.from({ length: 12 }, (_, i) => `Renglón número ${i + 1} de la factura`));
    const bands = splitBands(image, 2);
    expect(bands).toHaveLength(2);
    const [, cut] = bands[0]!;
    const row = image.data.subarray(cut * image.width * 4, (cut + 1) * image.width * 4);
    expect([...row].every((v) => v > 200)).toBe(true);
  });
});
