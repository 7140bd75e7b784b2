/**
 * A template per file of the interchange format: its header (the format's own
 * column names) and a row as the format wants it, for a person filling a
 * spreadsheet by hand. Importing every template together into an empty store
 * works (interchange/templates.int.test.ts). Pure.
 */
const TEMPLATES: Record<string, string[]> = {
  'suppliers.csv': ['cuit,name,lead_time_days,order_weekdays,min_order', '30-71234567-1,Distribuidora Norte SA,2,"lun,jue",50000'],
  'products.csv': [
    'sku,barcode,name,category,brand,unit,iva_rate,cost,price,min_stock,supplier_cuit,pack_size,shelf_life_days,active',
    'YER-1,7790387000139,Yerba mate Playadito 1 kg,Almacén,Playadito,un,21,4000,7000,6,30-71234567-1,10,,1',
    'QUE-1,,Queso cremoso por kilo,Fiambres,,kg,21,6500,12000,2,30-71234567-1,1,30,1',
  ],
  'prices.csv': ['supplier_cuit,date,sku,supplier_code,cost', '30-71234567-1,2026-12-01,YER-1,,4200'],
  'cpi.csv': ['month,index', '2026-10,9876.5'],
  'receipts.csv': [
    'supplier_cuit,invoice_type,pos,number,date,sku,qty,unit_cost,iva_rate,lot,expiry',
    '30-71234567-1,A,2,1234,2026-11-20,YER-1,12,4000,21,,',
    '30-71234567-1,A,2,1234,2026-11-20,QUE-1,4.5,6500,21,L77,2026-12-20',
  ],
  'sales.csv': ['ticket,line,datetime,sku,qty,unit_price,discount,cashier,payment,voided', '00000001,1,2026-11-22 10:15,YER-1,2,7000,0,ana,efectivo,0', '00000001,2,2026-11-22 10:15,QUE-1,0.350,12000,0,ana,efectivo,0'],
  'adjustments.csv': ['datetime,sku,qty,reason,user,note', '2026-11-22 19:30,YER-1,-1,rotura,ana,Se cayó de la góndola'],
  'counts.csv': ['datetime,sku,counted,user', '2026-11-22 20:00,YER-1,9,ana'],
};

export const TEMPLATE_FILES = Object.keys(TEMPLATES);

/** The template of one file, as CSV text (UTF-8, CRLF, as spreadsheets write it). */
export function templateCsv(file: string): string {
  const lines = TEMPLATES[file];
  if (!lines) throw new Error(`no template for ${file}`);
  return `${lines.join('\r\n')}\r\n`;
}
