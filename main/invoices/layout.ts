/**
 * Rebuilds printed lines from positioned words (a PDF's text runs or OCR
 * words): words whose vertical centres fall within one another's height are
 * one line, read left to right; a gap wider than about two characters starts
 * a new cell, so table columns survive as cells. Pure.
 */
import type { Word } from './words';

export interface Cell {
  text: string;
  x0: number;
  x1: number;
  conf: number;
}

export interface TextLine {
  page: number;
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  cells: Cell[];
  /** Cells joined by two spaces. */
  text: string;
  conf: number;
}

export function buildLines(words: Word[]): TextLine[] {
  const byPage = new Map<number, Word[]>();
  for (const word of words) {
    const list = byPage.get(word.page) ?? [];
    list.push(word);
    byPage.set(word.page, list);
  }
  const lines: TextLine[] = [];
  for (const page of [...byPage.keys()].sort((a, b) => a - b)) {
    const pageWords = byPage.get(page)!.sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
    const groups: Word[][] = [];
    for (const word of pageWords) {
      const centre = (word.y0 + word.y1) / 2;
      const height = word.y1 - word.y0;
      // Match against the last few lines (words of one line arrive close together in y order).
      let target: Word[] | undefined;
      for (let g = groups.length - 1; g >= Math.max(0, groups.length - 3); g--) {
        const group = groups[g]!;
        const gy0 = median(group.map((w) => w.y0));
        const gy1 = median(group.map((w) => w.y1));
        const gCentre = (gy0 + gy1) / 2;
        if (Math.abs(gCentre - centre) <= Math.min(height, gy1 - gy0) * 0.45) {
          target = group;
          break;
        }
      }
      if (target) target.push(word);
      else groups.push([word]);
    }
    for (const group of groups) lines.push(toLine(page, group));
  }
  return lines.sort((a, b) => a.page - b.page || a.y0 - b.y0 || a.x0 - b.x0);
}

function toLine(page: number, words: Word[]): TextLine {
  words.sort((a, b) => a.x0 - b.x0);
  const height = median(words.map((w) => w.y1 - w.y0));
  const charWidth = median(words.map((w) => (w.x1 - w.x0) / Math.max(1, w.text.length)));
  const cells: Cell[] = [];
  for (const word of words) {
    const last = cells.at(-1);
    const gap = last ? word.x0 - last.x1 : Infinity;
    // Two characters of gap (at least about a line height wide) separate cells.
    if (last && gap < Math.max(charWidth * 1.8, height * 0.6) * 1) {
      last.text += gap > charWidth * 0.25 ? ` ${word.text}` : word.text;
      last.x1 = Math.max(last.x1, word.x1);
      last.conf = Math.min(last.conf, word.conf);
    } else {
      cells.push({ text: word.text, x0: word.x0, x1: word.x1, conf: word.conf });
    }
  }
  return {
    page,
    y0: Math.min(...words.map((w) => w.y0)),
    y1: Math.max(...words.map((w) => w.y1)),
    x0: cells[0]!.x0,
    x1: Math.max(...cells.map((c) => c.x1)),
    cells,
    text: cells.map((c) => c.text).join('  '),
    conf: words.reduce((sum, w) => sum + w.conf, 0) / words.length,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
