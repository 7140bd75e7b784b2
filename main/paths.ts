import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Must match package.json productName: Electron names the userData folder after it. */
export const PRODUCT_NAME = 'Góndola';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')`
 * gives for this product, so the desktop app, `gondola serve` and the CLI share
 * one store. GONDOLA_DATA_DIR overrides it (support, tests, a second store).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.GONDOLA_DATA_DIR) return env.GONDOLA_DATA_DIR;
  const home = env.HOME || env.USERPROFILE || homedir();
  switch (platform) {
    case 'win32':
      return join(env.APPDATA || join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
  }
}

/** The folder holding Góndola's package.json, found by walking up from `startDir`. */
export function packageRoot(startDir: string): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'gondola') return dir;
      } catch {
        // Not ours or unreadable: keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package root not found above ${startDir}`);
    dir = parent;
  }
}
