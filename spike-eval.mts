import { readFileSync, readdirSync } from 'node:fs';
import { readInvoice } from './main/invoices/read';
import { OcrPool } from './main/invoices/ocr';
const dir = '../shared/datasets/invoices/ar';
const pool = new OcrPool();
for (const f of readdirSync(dir).filter((f) => f.endsWith('.pdf')).filter(f => !process.argv[2] || f.includes(process.argv[2]))) {
  const gt = JSON.parse(readFileSync(`${dir}/${f.replace('.pdf', '.json')}`, 'utf8'));
  try {
    const { extraction: e } = await readInvoice(new Uint8Array(readFileSync(`${dir}/${f}`)), { ocr: pool });
    const h = e.header;
    const bad = [];
    if (h.cuit !== gt.header.cuit_emisor) bad.push(`cuit ${h.cuit}`);
    if (h.typeCode !== gt.header.tipo_cbte) bad.push(`type ${h.typeCode}`);
    if (h.pos !== gt.header.punto_venta) bad.push(`pos ${h.pos}`);
    if (h.number !== gt.header.numero) bad.push(`nr ${h.number}`);
    if (h.date !== gt.header.fecha) bad.push(`date ${h.date}`);
    if (h.total !== Math.round(gt.header.total * 100)) bad.push(`total ${h.total}`);
    if (h.cae !== gt.header.cae) bad.push(`cae ${h.cae}`);
    console.log(f, e.sources.qr ? 'QR' : '--', bad.join(', ') || 'ok', 'net', JSON.stringify(h.net), 'iva', JSON.stringify(h.iva), 'lines', e.lines.length, gt.detail ? `gt ${gt.detail.items.length}` : '', e.checks.filter(c => !c.ok).map(c => c.message).join(' | '), e.timingsMs.total);
    if (process.argv[3]) console.log(JSON.stringify(e.lines, null, 1), gt.detail?.items);
  } catch (err) { console.log(f, 'ERR', err.message); }
}
await pool.close();
