import PDFDocument from 'pdfkit';
import type { FileOutput, PurchaseOrder, Settings } from '../../contract';
import { formatCuit, formatDay, formatMoney, IVA_CONDITION_LABEL } from '../../locale';

const STATUS: Record<PurchaseOrder['status'], string> = {
  borrador: 'BORRADOR',
  enviada: 'Enviado',
  parcial: 'Recibido en parte',
  recibida: 'Recibido',
  anulada: 'ANULADO',
};

function qty(thousandths: number, unit: string): string {
  const whole = Math.floor(thousandths / 1000);
  const frac = String(thousandths % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${whole}${frac ? `,${frac}` : ''} ${unit}`;
}

function date(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('es-AR', { timeZone: tz, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
}

/** The store as a supplier reads it on a document: address, CUIT, IVA condition, IIBB, start of activities. */
export function storeIdentityLines(settings: Settings): string[] {
  const joined = (...parts: (string | null)[]) => parts.filter((s): s is string => !!s).join(' · ');
  return [
    settings.storeAddress,
    joined(settings.storeCuit ? `CUIT ${formatCuit(settings.storeCuit)}` : 'CUIT sin cargar', settings.ivaCondition ? IVA_CONDITION_LABEL[settings.ivaCondition] : null),
    joined(settings.iibb ? `IIBB ${settings.iibb}` : null, settings.activityStart ? `Inicio de actividades ${formatDay(settings.activityStart)}` : null),
  ].filter((s): s is string => !!s);
}

/**
 * The purchase order as an A4 PDF for the supplier: the store's identity, the
 * supplier, one row per product by the supplier's own code and its EAN, and the
 * total without IVA. Readable printed in black and white. It goes outside the
 * store, so it carries no audit hash (internal reports do).
 */
export function purchaseOrderPdf(order: PurchaseOrder, settings: Settings, now: Date): Promise<FileOutput> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `Pedido de compra ${order.number}`, Author: settings.storeName, Producer: 'Góndola' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () =>
      resolve({ fileName: `pedido-${String(order.number).padStart(6, '0')}.pdf`, mimeType: 'application/pdf', base64: Buffer.concat(chunks).toString('base64') }),
    );
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;

    doc.font('Helvetica-Bold').fontSize(16).text(settings.storeName, left, 48);
    doc.font('Helvetica').fontSize(9).fillColor('#444');
    for (const line of storeIdentityLines(settings)) doc.text(line, left, doc.y, { width: width * 0.55 });
    const headerBottom = doc.y;
    doc.font('Helvetica-Bold').fontSize(14).fillColor('#000').text(`Pedido de compra N° ${String(order.number).padStart(6, '0')}`, left, 48, { width, align: 'right' });
    doc.font('Helvetica').fontSize(9).text(`${STATUS[order.status]} · ${date(order.sentAt ?? order.createdAt, settings.timeZone)}`, { width, align: 'right' });
    doc.y = Math.max(doc.y, headerBottom);
    doc.moveDown(1.5);
    const boxTop = doc.y;
    doc.rect(left, boxTop, width, 42).stroke('#888');
    doc.fontSize(8).fillColor('#444').text('PROVEEDOR', left + 8, boxTop + 6);
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(order.supplierName, left + 8, boxTop + 16);
    doc.font('Helvetica').fontSize(9).text(`CUIT ${formatCuit(order.supplierCuit)}`, left + 8, boxTop + 29);
    doc.y = boxTop + 54;

    const cols = [
      { title: 'Cód. prov.', w: 62, align: 'left' as const },
      { title: 'EAN', w: 80, align: 'left' as const },
      { title: 'Producto', w: width - 62 - 80 - 56 - 72 - 80, align: 'left' as const },
      { title: 'Cantidad', w: 56, align: 'right' as const },
      { title: 'Costo unit.', w: 72, align: 'right' as const },
      { title: 'Subtotal', w: 80, align: 'right' as const },
    ];
    const row = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - 90) doc.addPage();
      const y = doc.y;
      let x = left;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i]!.w - 6 }));
      cells.forEach((c, i) => {
        doc.text(c, x + 3, y + 3, { width: cols[i]!.w - 6, align: cols[i]!.align });
        x += cols[i]!.w;
      });
      doc.y = y + Math.max(...heights) + 6;
      doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).stroke('#bbb');
    };
    row(cols.map((c) => c.title), true);
    for (const l of order.lines) {
      row([l.supplierCode ?? '—', l.barcode ?? '—', l.name, qty(l.qty, l.unit), formatMoney(l.unitCost), formatMoney(Math.round((l.qty * l.unitCost) / 1000))]);
    }
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(11).text(`Total sin IVA: ${formatMoney(order.total)}`, left, doc.y, { width, align: 'right' });
    if (order.note) {
      doc.moveDown(1);
      doc.font('Helvetica').fontSize(9).text(`Nota: ${order.note}`, left, doc.y, { width });
    }
    doc.font('Helvetica').fontSize(7).fillColor('#666').text(`${settings.storeName} · generado por Góndola el ${date(now.toISOString(), settings.timeZone)}`, left, doc.page.height - 60, { width, align: 'center' });
    doc.end();
  });
}

/** The order's lines as CSV for the supplier's system (comma-separated, decimal point). */
export function purchaseOrderCsv(order: PurchaseOrder): FileOutput {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['order,supplier_cuit,supplier_code,sku,barcode,name,qty,unit_cost'];
  for (const l of order.lines) {
    lines.push(
      [String(order.number), order.supplierCuit, l.supplierCode ?? '', l.sku, l.barcode ?? '', l.name, String(l.qty / 1000), (l.unitCost / 100).toFixed(2)]
        .map(cell)
        .join(','),
    );
  }
  return { fileName: `pedido-${String(order.number).padStart(6, '0')}.csv`, mimeType: 'text/csv', base64: Buffer.from(`${lines.join('\n')}\n`, 'utf8').toString('base64') };
}
