/**
 * Supplier invoices with known content, for tests and `npm run bench:ocr`:
 * born-digital PDFs in three layouts (fonts, column orders, number styles, with
 * or without the AFIP QR) made with pdfkit, and photos/scans of them (noise,
 * blur, rotation, phone perspective, low resolution, JPEG) rendered with
 * pdf.js and @napi-rs/canvas. The truth is returned beside each document.
 */
import { createCanvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { demoCatalog } from '../demo/catalog';
import { withCuitCheckDigit } from '../domain/cuit';
import { withCheckDigit } from '../domain/barcode';
import { mulberry32 } from '../domain/random';
import { afipQrText, itfCheckDigit } from '../invoices/afip-qr';
import { FACTURA_CODE } from '../invoices/afip-codes';
import { canvasOf } from '../invoices/images';
import { openPdf, renderPage } from '../invoices/pdf';

export interface SyntheticTruth {
  header: { cuit: string; letter: 'A' | 'B'; typeCode: number; pos: number; number: number; date: string; net: Record<string, number>; iva: Record<string, number>; perceptions: number; total: number; cae: string; supplierName: string };
  lines: { productIndex: number; code: string; description: string; qty: number; unitPrice: number; discount: number; amount: number; ivaRate: number }[];
  hasQr: boolean;
  layout: number;
}

export interface SyntheticInvoiceOptions {
  seed: number;
  layout?: 0 | 1 | 2;
  letter?: 'A' | 'B';
  qr?: boolean;
  lines?: number;
  /** Fix the supplier (the same supplier across invoices, for catalog matching). */
  supplier?: { cuit: string; name: string; codePrefix: string };
  /** Print the ITF barcode of pre-QR invoices instead of a QR. */
  itf?: boolean;
  /** Pick the lines' products among these demo-catalog indexes (default: the first 120). */
  products?: number[];
  /** The store's CUIT, printed as the customer's. */
  customerCuit?: string;
}

const require = createRequire(import.meta.url);
let writerReady = false;

async function barcodePng(text: string, format: 'QRCode' | 'ITF'): Promise<Buffer> {
  if (!writerReady) {
    const wasm = readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
    writerReady = true;
  }
  const result = await writeBarcode(text, format === 'QRCode' ? { format, scale: 4, ecLevel: 'M' } : { format, scale: 2, addQuietZones: true });
  if (!result.image) throw new Error(`QR writer: ${result.error}`);
  return Buffer.from(await result.image.arrayBuffer());
}

const SUPPLIER_NAMES = ['DISTRIBUIDORA EL SOL S.R.L.', 'MAYORISTA LOS ANDES S.A.', 'LACTEOS DEL OESTE S.A.', 'BEBIDAS RIVADAVIA S.R.L.', 'ALMACEN MAYORISTA NORTE', 'LIMPIEZA TOTAL S.A.'];

export function syntheticSupplier(seed: number): { cuit: string; name: string; codePrefix: string } {
  const random = mulberry32(seed * 7919 + 13);
  let cuit: string | null = null;
  while (!cuit) cuit = withCuitCheckDigit(`30${String(Math.floor(random() * 1e8)).padStart(8, '0')}`);
  return { cuit, name: SUPPLIER_NAMES[seed % SUPPLIER_NAMES.length]!, codePrefix: ['AR', 'DS', 'MX', 'LC'][seed % 4]! };
}

/**
 * How a supplier writes a product on its invoices: each has its habits
 * (capitals, abbreviations, the size first or with an "X"), never quite the
 * store's own name for it.
 */
export function supplierWording(name: string, prefix: string): string {
  const upper = name.toUpperCase().replace(/[ÁÉÍÓÚ]/g, (c) => 'AEIOU'['ÁÉÍÓÚ'.indexOf(c)]!);
  const size = /\s(\d+(?:[.,]\d+)?\s?(?:G|KG|ML|L|CC|U|UN|M))$/.exec(upper);
  const body = size ? upper.slice(0, size.index) : upper;
  const words = body.split(' ');
  switch (prefix) {
    case 'AR': // abbreviates long words
      return `${words.map((w) => (w.length > 6 ? `${w.slice(0, 4)}.` : w)).join(' ')}${size ? ` X ${size[1]!.replace(' ', '')}` : ''}`;
    case 'DS': // brand and size glued, drops "DE"
      return `${words.filter((w) => w !== 'DE' && w !== 'EN').join(' ')}${size ? ` ${size[1]!.replace(' ', '')}` : ''}`;
    case 'MX': // size first
      return `${size ? `${size[1]!.replace(' ', '')} ` : ''}${words.join(' ')}`;
    default: // title case, "x" before the size
      return `${words.map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(' ')}${size ? ` x ${size[1]!.toLowerCase()}` : ''}`;
  }
}

/** The code a synthetic supplier uses for a catalog product (stable across invoices). */
export function supplierCode(prefix: string, productIndex: number): string {
  return `${prefix}-${String(1000 + productIndex * 7)}`;
}

export async function syntheticInvoice(options: SyntheticInvoiceOptions): Promise<{ pdf: Buffer; truth: SyntheticTruth }> {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const layout = options.layout ?? ((options.seed % 3) as 0 | 1 | 2);
  const letter = options.letter ?? (random() < 0.8 ? 'A' : 'B');
  const supplier = options.supplier ?? syntheticSupplier(options.seed);
  const catalog = demoCatalog();
  const count = Math.min(options.lines ?? 3 + Math.floor(random() * 10), options.products?.length ?? Infinity);
  const used = new Set<number>();
  const lines: SyntheticTruth['lines'] = [];
  while (lines.length < count) {
    const index = options.products ? options.products[Math.floor(random() * options.products.length)]! : Math.floor(random() * Math.min(catalog.length, 120));
    if (used.has(index)) continue;
    used.add(index);
    const product = catalog[index]!;
    const ivaRate = /verdul|carnic|fiambr/i.test(product.category) ? 10.5 : 21;
    const net = Math.round((product.price * 0.7) / (1 + ivaRate / 100));
    const unitPrice = letter === 'B' ? Math.round(net * (1 + ivaRate / 100)) : net;
    const qty = (1 + Math.floor(random() * 24)) * 1000;
    const discount = random() < 0.2 ? pick([5, 10]) : 0;
    const amount = Math.round(((qty / 1000) * unitPrice * (100 - discount)) / 100);
    const code = layout === 2 && index % 2 === 0 ? withCheckDigit(`779${String(100000000 + index * 37).slice(0, 9)}`) : supplierCode(supplier.codePrefix, index);
    lines.push({ productIndex: index, code, description: supplierWording(product.name, supplier.codePrefix), qty, unitPrice, discount, amount, ivaRate });
  }
  const net: Record<string, number> = {};
  const iva: Record<string, number> = {};
  let total = 0;
  for (const line of lines) {
    if (letter === 'A') {
      net[String(line.ivaRate)] = (net[String(line.ivaRate)] ?? 0) + line.amount;
    }
    total += line.amount;
  }
  if (letter === 'A') {
    for (const [rate, amount] of Object.entries(net)) iva[rate] = Math.round((amount * Number(rate)) / 100);
    total = Object.values(net).reduce((a, b) => a + b, 0) + Object.values(iva).reduce((a, b) => a + b, 0);
  }
  const perceptions = letter === 'A' && random() < 0.3 ? Math.round(total * 0.03) : 0;
  total += perceptions;
  const pos = 1 + Math.floor(random() * 20);
  const number = 1 + Math.floor(random() * 99999);
  const day = new Date(Date.UTC(2026, Math.floor(random() * 10), 1 + Math.floor(random() * 28)));
  const date = day.toISOString().slice(0, 10);
  const cae = String(70000000000000 + Math.floor(random() * 9999999999999));
  const hasQr = !options.itf && (options.qr ?? random() < 0.75);
  const typeCode = FACTURA_CODE[letter]!;
  const truth: SyntheticTruth = {
    header: { cuit: supplier.cuit, letter, typeCode, pos, number, date, net, iva, perceptions, total, cae, supplierName: supplier.name },
    lines,
    hasQr,
    layout,
  };

  const style = layout === 2 ? 'dot' : 'comma';
  const money = (centavos: number, dollar = layout !== 0) => {
    const [int, dec] = (centavos / 100).toFixed(2).split('.') as [string, string];
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, style === 'dot' ? ',' : '.');
    return `${dollar ? '$ ' : ''}${grouped}${style === 'dot' ? '.' : ','}${dec}`;
  };
  const qtyText = (qty: number) => (style === 'dot' ? (qty / 1000).toFixed(2) : (qty / 1000).toFixed(2).replace('.', ','));
  const rateText = (rate: number) => (style === 'dot' ? `${rate}%` : `${String(rate).replace('.', ',')}%`);
  const dmy = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  const cuitDashed = `${supplier.cuit.slice(0, 2)}-${supplier.cuit.slice(2, 10)}-${supplier.cuit.slice(10)}`;
  const font = ['Helvetica', 'Times-Roman', 'Courier'][layout]!;
  const bold = ['Helvetica-Bold', 'Times-Bold', 'Courier-Bold'][layout]!;

  const doc = new PDFDocument({ size: 'A4', margin: 36, info: { Producer: 'Góndola synthetic invoice' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  // Header: supplier on the left, the letter box in the middle, the voucher on the right.
  doc.font(bold).fontSize(14).text(supplier.name, 40, 50, { width: 230 });
  doc.font(font).fontSize(9).text('Av. Siempreviva 742 - CABA', 40, 90).text('IVA Responsable Inscripto', 40, 102);
  doc.rect(283, 40, 30, 30).stroke();
  doc.font(bold).fontSize(20).text(letter, 291, 45);
  doc.font(font).fontSize(7).text(`Cód. ${String(typeCode).padStart(2, '0')}`, 281, 74);
  doc.font(bold).fontSize(13).text('FACTURA', 340, 45);
  doc.font(font).fontSize(9);
  if (layout === 0) doc.text(`Punto de Venta: ${String(pos).padStart(5, '0')}   Comp. Nro: ${String(number).padStart(8, '0')}`, 340, 65);
  else doc.text(`Nº ${String(pos).padStart(layout === 1 ? 4 : 5, '0')}-${String(number).padStart(8, '0')}`, 340, 65);
  doc.text(`Fecha de Emisión: ${dmy}`, 340, 79).text(`CUIT: ${layout === 1 ? cuitDashed : supplier.cuit}`, 340, 93).text('Ingresos Brutos: 901-123456-7', 340, 107).text('Inicio de Actividades: 01/03/2010', 340, 121);
  doc.moveTo(36, 140).lineTo(559, 140).stroke();
  doc.text(`Cliente: MINIMERCADO GONDOLA   CUIT: ${options.customerCuit ?? '20279994443'}`, 40, 150).text('Condición frente al IVA: Responsable Inscripto   Condición de venta: Cuenta corriente', 40, 164);

  // Item table.
  type Col = { label: string; x: number; w: number; align: 'left' | 'right'; value: (l: SyntheticTruth['lines'][number]) => string };
  const columns: Col[][] = [
    [
      { label: 'Código', x: 40, w: 60, align: 'left', value: (l) => l.code },
      { label: 'Producto / Servicio', x: 104, w: 190, align: 'left', value: (l) => l.description },
      { label: 'Cantidad', x: 296, w: 44, align: 'right', value: (l) => qtyText(l.qty) },
      { label: 'Precio Unit.', x: 344, w: 64, align: 'right', value: (l) => money(l.unitPrice) },
      { label: '% Bonif', x: 410, w: 36, align: 'right', value: (l) => (style === 'dot' ? l.discount.toFixed(2) : l.discount.toFixed(2).replace('.', ',')) },
      { label: 'Subtotal', x: 450, w: 60, align: 'right', value: (l) => money(l.amount) },
      { label: 'Alíc. IVA', x: 514, w: 40, align: 'right', value: (l) => rateText(l.ivaRate) },
    ],
    [
      { label: 'Cant.', x: 40, w: 36, align: 'right', value: (l) => qtyText(l.qty) },
      { label: 'Código', x: 84, w: 60, align: 'left', value: (l) => l.code },
      { label: 'Descripción', x: 150, w: 200, align: 'left', value: (l) => l.description },
      { label: 'P. Unitario', x: 352, w: 70, align: 'right', value: (l) => money(l.unitPrice) },
      { label: 'Dto.', x: 426, w: 36, align: 'right', value: (l) => `${l.discount}%` },
      { label: 'IVA', x: 466, w: 30, align: 'right', value: (l) => rateText(l.ivaRate) },
      { label: 'Importe', x: 498, w: 60, align: 'right', value: (l) => money(l.amount) },
    ],
    [
      { label: 'Cantidad', x: 40, w: 44, align: 'right', value: (l) => qtyText(l.qty) },
      { label: 'Codigo', x: 92, w: 76, align: 'left', value: (l) => l.code },
      { label: 'Detalle', x: 172, w: 180, align: 'left', value: (l) => l.description },
      { label: 'Precio', x: 356, w: 70, align: 'right', value: (l) => money(l.unitPrice) },
      { label: 'Bonif.', x: 430, w: 40, align: 'right', value: (l) => `${l.discount}%` },
      { label: 'Total', x: 478, w: 76, align: 'right', value: (l) => money(l.amount) },
    ],
  ];
  const table = columns[layout]!;
  let y = 196;
  doc.font(bold).fontSize(8);
  for (const col of table) doc.text(col.label, col.x, y, { width: col.w, align: col.align });
  y += 14;
  doc.moveTo(36, y - 3).lineTo(559, y - 3).stroke();
  doc.font(font).fontSize(8);
  for (const line of lines) {
    for (const col of table) doc.text(col.value(line), col.x, y, { width: col.w, align: col.align, lineBreak: false, ellipsis: false });
    y += 14;
  }
  doc.moveTo(36, y + 4).lineTo(559, y + 4).stroke();

  // Totals.
  y = Math.max(y + 20, 560);
  doc.fontSize(9);
  const totalsRow = (label: string, value: string) => {
    doc.font(font).text(label, 330, y, { width: 140, align: 'right' });
    doc.text(value, 474, y, { width: 80, align: 'right' });
    y += 15;
  };
  if (letter === 'A') {
    for (const [rate, amount] of Object.entries(net)) totalsRow(`Importe Neto Gravado ${rateText(Number(rate))}:`, money(amount, true));
    for (const [rate, amount] of Object.entries(iva)) totalsRow(`IVA ${rateText(Number(rate))}:`, money(amount, true));
    if (perceptions) totalsRow('Percepción IIBB:', money(perceptions, true));
  } else {
    totalsRow('Subtotal:', money(total, true));
  }
  doc.font(bold);
  totalsRow('Importe Total:', money(total, true));
  doc.font(font).fontSize(8).text(`CAE N°: ${cae}`, 330, y + 20).text(`Fecha de Vto. de CAE: ${dmy}`, 330, y + 32);
  if (options.itf) {
    const body = `${supplier.cuit}${String(typeCode).padStart(2, '0')}${String(pos).padStart(4, '0')}${cae}${date.replace(/-/g, '')}`;
    const png = await barcodePng(`${body}${itfCheckDigit(body)}`, 'ITF');
    doc.image(png, 40, y + 20, { width: 260, height: 40 });
  } else if (hasQr) {
    const png = await barcodePng(afipQrText({ fecha: date, cuit: Number(supplier.cuit), ptoVta: pos, tipoCmp: typeCode, nroCmp: number, importe: total / 100, codAut: Number(cae) }), 'QRCode');
    doc.image(png, 40, y + 10, { width: 90 });
    doc.text('Comprobante Autorizado', 140, y + 40);
  }
  doc.end();
  return { pdf: await done, truth };
}

export type Degradation = 'scan' | 'noise' | 'blur' | 'rotation' | 'perspective' | 'low-res' | 'jpeg';
export const DEGRADATIONS: Degradation[] = ['scan', 'noise', 'blur', 'rotation', 'perspective', 'low-res', 'jpeg'];

/** The resolution each degradation is rendered at: a flatbed scan at 300 dpi, a phone at about 200, a poor fax at 110. */
export function degradationDpi(degradation: Degradation): number {
  return degradation === 'low-res' ? 110 : degradation === 'scan' || degradation === 'jpeg' ? 300 : 200;
}

/** A picture of the invoice's first page as a scanner or a phone would take it (PNG or JPEG bytes). */
export async function degradedImage(pdf: Uint8Array, degradation: Degradation, seed: number): Promise<Buffer> {
  const random = mulberry32(seed);
  const doc = await openPdf(pdf);
  const dpi = degradationDpi(degradation);
  const page = await renderPage(await doc.getPage(1), dpi);
  await doc.destroy();
  const source = canvasOf(page);
  const out = createCanvas(page.width, page.height);
  const context = out.getContext('2d');
  context.fillStyle = degradation === 'perspective' ? '#8a8a80' : '#ffffff';
  context.fillRect(0, 0, out.width, out.height);
  if (degradation === 'rotation') {
    const angle = ((random() < 0.5 ? -1 : 1) * (1 + random() * 1.5) * Math.PI) / 180;
    context.translate(out.width / 2, out.height / 2);
    context.rotate(angle);
    context.drawImage(source, -out.width / 2, -out.height / 2);
    context.setTransform(1, 0, 0, 1, 0, 0);
  } else if (degradation === 'perspective') {
    // A phone held a little tilted: the top of the page farther away (narrower) than the bottom.
    // Warped on the raw pixels (a drawImage per row copies the whole source each time).
    const inset = 0.04 + random() * 0.04;
    const target = context.getImageData(0, 0, out.width, out.height);
    const { width, height } = out;
    for (let y = 0; y < height; y++) {
      const t = y / height;
      const sourceY = Math.min(height - 1, Math.floor((t - 0.03) / 0.94 * height));
      if (sourceY < 0) continue;
      const shrink = inset * (1 - t);
      const left = width * shrink;
      const rowWidth = width * (1 - 2 * shrink);
      for (let x = Math.ceil(left); x < left + rowWidth; x++) {
        const sourceX = Math.min(width - 1, Math.floor(((x - left) / rowWidth) * width));
        const from = (sourceY * width + sourceX) * 4;
        const to = (y * width + x) * 4;
        target.data[to] = page.data[from]!;
        target.data[to + 1] = page.data[from + 1]!;
        target.data[to + 2] = page.data[from + 2]!;
        target.data[to + 3] = 255;
      }
    }
    context.putImageData(target, 0, 0);
  } else {
    if (degradation === 'blur') context.filter = 'blur(1.2px)';
    context.drawImage(source, 0, 0);
    context.filter = 'none';
  }
  if (degradation === 'noise' || degradation === 'scan' || degradation === 'perspective' || degradation === 'jpeg') {
    const image = context.getImageData(0, 0, out.width, out.height);
    const amount = degradation === 'noise' ? 60 : 25;
    for (let i = 0; i < image.data.length; i += 4) {
      const n = (random() - 0.5) * amount;
      image.data[i] = image.data[i]! + n;
      image.data[i + 1] = image.data[i + 1]! + n;
      image.data[i + 2] = image.data[i + 2]! + n;
    }
    context.putImageData(image, 0, 0);
  }
  return degradation === 'jpeg' || degradation === 'perspective' ? out.encode('jpeg', 60) : out.encode('png');
}
