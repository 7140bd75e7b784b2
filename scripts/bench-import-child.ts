/**
 * Runs one import in its own process so the benchmark can report this
 * process's peak memory alone. Prints one JSON line.
 */
import { createApp } from '../main/app';
import { importFolder } from '../main/interchange';
import { memoryLogger } from '../main/logger';
import { repoRoot } from '../main/testing';

const [folder, dataDir] = process.argv.slice(2) as [string, string];
const app = await createApp({ dataDir, resourcesDir: repoRoot, logger: memoryLogger() });
const start = performance.now();
const result = await importFolder(app, folder);
const seconds = (performance.now() - start) / 1000;
app.close();
const sales = result.files.find((f) => f.file === 'sales.csv');
console.log(
  JSON.stringify({
    applied: result.applied,
    errors: result.errorCount,
    saleLines: sales?.rows ?? 0,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
