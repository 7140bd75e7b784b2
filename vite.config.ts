import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds renderer/ into dist/renderer. Relative base so the same files load from
 * Electron's app:// protocol and from the HTTP bridge. No inline scripts (the CSP
 * forbids them), so the modulepreload polyfill is off.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    target: 'chrome120',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
