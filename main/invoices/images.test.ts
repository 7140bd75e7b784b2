import { describe, expect, it } from 'vitest';
import { resize } from './images';

function gray(width: number, height: number, value: (x: number, y: number) => number) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const k = (y * width + x) * 4;
      data[k] = data[k + 1] = data[k + 2] = value(x, y);
      data[k + 3] = 255;
    }
  }
  return { data, width, height };
}

describe('resize', () => {
  it('averages the area each pixel covers', () => {
    // 2×2 blocks of 0, 100, 200 and 40 become one pixel each.
    const blocks = [0, 100, 200, 40];
    const out = resize(gray(4, 4, (x, y) => blocks[(y >> 1) * 2 + (x >> 1)]!), 0.5);
    expect([out.width, out.height]).toEqual([2, 2]);
    expect([0, 1, 2, 3].map((i) => out.data[i * 4])).toEqual(blocks);
    expect(out.data[3]).toBe(255);
  });

  it('weighs pixels it covers in part, keeping the mean of the image', () => {
    // Three columns 0, 90, 180 into two: each output column takes 1.5 source columns.
    const out = resize(gray(3, 3, (x) => x * 90), 2 / 3);
    expect([out.width, out.height]).toEqual([2, 2]);
    expect([out.data[0], out.data[4]]).toEqual([30, 150]);
  });

  it('never enlarges', () => {
    const image = gray(5, 5, () => 7);
    expect(resize(image, 1.5)).toBe(image);
  });
});
