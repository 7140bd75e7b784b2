import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths';
import { runCli } from './run';

/**
 * Entry of the `gondola` command (bundled to dist/cli.js; bin/gondola.js loads it).
 * Paths are found from this file so the command works from any working directory.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = packageRoot(here);
const bundledRenderer = join(here, 'renderer');

const code = await runCli(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
    env: process.env,
  },
  {
    staticDir: existsSync(bundledRenderer) ? bundledRenderer : join(root, 'dist', 'renderer'),
    resourcesDir: root,
  },
);
process.exitCode = code;
