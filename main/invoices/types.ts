/**
 * What reading a supplier invoice yields. Money in centavos, quantities in
 * thousandths, IVA rates in percent (21, 10.5, 27, 5, 2.5, 0). Positions of
 * fields are page-relative boxes (0..1 of the page's width and height) so the
 * review screen can highlight them on any rendering of the page.
 */
export type InvoiceLetter = 'A' | 'B' | 'C' | 'M' | 'E' | 'T';

export interface Box {
  page: number; // 1-based
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface InvoiceHeader {
  cuit: string | null;
  letter: InvoiceLetter | null;
  typeCode: number | null;
  pos: number | null;
  number: number | null;
  date: string | null; // YYYY-MM-DD
  /** Net taxed amount by IVA rate ("21" → centavos). */
  net: Record<string, number>;
  /** IVA amount by rate. */
  iva: Record<string, number>;
  perceptions: number | null;
  internalTaxes: number | null;
  total: number | null;
  cae: string | null;
  /** Supplier's name as printed, when found. */
  supplierName: string | null;
}

export type HeaderField = 'cuit' | 'letter' | 'typeCode' | 'pos' | 'number' | 'date' | 'net' | 'iva' | 'perceptions' | 'internalTaxes' | 'total' | 'cae' | 'supplierName';

export interface InvoiceLine {
  code: string | null;
  description: string;
  qty: number; // thousandths
  unitPrice: number | null; // centavos (IVA included on Factura B/C)
  discount: number | null; // percent
  amount: number | null; // centavos
  ivaRate: number | null;
  confidence: number; // 0..1
  box: Box | null;
}

export interface Check {
  id: string;
  ok: boolean;
  /** Spanish, for the person reviewing. */
  message: string;
  expected?: number;
  found?: number;
  line?: number;
}

export interface AfipQr {
  ver: number | null;
  date: string | null;
  cuit: string | null;
  pos: number | null;
  typeCode: number | null;
  number: number | null;
  total: number | null; // centavos
  currency: string | null;
  rate: number | null;
  receiverDocType: number | null;
  receiverDoc: string | null;
  authType: string | null;
  cae: string | null;
  /** What was wrong but recovered, in Spanish. */
  repairs: string[];
  /** Fields that failed validation (left null above). */
  invalid: string[];
}

export interface Extraction {
  header: InvoiceHeader;
  lines: InvoiceLine[];
  sources: { qr: boolean; itf: boolean; textLayer: boolean; ocr: boolean };
  checks: Check[];
  /** 0..1 overall; per field in fieldConfidence. */
  confidence: number;
  fieldConfidence: Partial<Record<HeaderField, number>>;
  fieldBoxes: Partial<Record<HeaderField, Box>>;
  pages: number;
  /** Page sizes in points (PDF) or pixels (images), for the boxes. */
  pageSizes: { width: number; height: number }[];
  qr: AfipQr | null;
  timingsMs: Record<string, number>;
  warnings: string[];
}

/** An image's RGBA pixels, as the barcode reader, the OCR and the image helpers pass them. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}
