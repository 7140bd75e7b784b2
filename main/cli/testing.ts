import { join } from 'node:path';
import { repoRoot } from '../testing';
import { runCli } from './run';

/** Runs one `gondola` command in-process on a data folder, collecting what it prints (for CLI tests). */
export async function runGondola(dir: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    [...argv, '--data-dir', dir],
    { out: (l) => out.push(l), err: (l) => err.push(l), untilStopped: async () => undefined, env: {}, readSecret: async () => '' },
    { staticDir: join(repoRoot, 'dist', 'renderer'), resourcesDir: repoRoot },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
