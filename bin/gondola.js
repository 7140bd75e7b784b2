#!/usr/bin/env node
// The `gondola` command. The CLI is TypeScript bundled into dist/cli.js by
// `npm run build` (which `npm install` runs through the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Góndola no está compilada: corré "npm run build" en la carpeta del proyecto.\n');
  process.exit(1);
}
await import(entry.href);
