/** Printable documents (PDF) and per-document exports. The front door of reports/. */
export { purchaseOrderCsv, purchaseOrderPdf } from './purchase-order';
export { auditStamp } from './audit-stamp';
export { forensicReport, forensicPdf, forensicHtml } from './forensic';
