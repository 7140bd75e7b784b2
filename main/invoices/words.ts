/** A run of text on a page with its box, page-relative (0..1, top-left origin). */
export interface Word {
  text: string;
  page: number; // 1-based
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** 0..1; 1 for a PDF's text layer. */
  conf: number;
}
