/**
 * The interchange CSV format (../shared/formats/README.md): `importFolder` and
 * `exportFolder`. The front door of this module; the rest is its own business.
 */
export { importFolder, type ImportOptions, type ImportSummary, type FileReport } from './import';
export { exportFolder, type ExportSummary } from './export';
export { ImportService } from './upload';
export { readDailySales, SalesFileError, type DailySales } from './daily-sales';
export { templateCsv, TEMPLATE_FILES } from './templates';
