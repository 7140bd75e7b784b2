/**
 * Runs the real `gondola import` (the built CLI, dist/cli.js: what a store
 * runs, without tsx's compiler in memory) in a process of its own, so the
 * benchmark can report this process's peak memory alone. The CLI prints its
 * JSON summary; this adds one last line with the time and the peak RSS.
 */
const [folder, dataDir] = process.argv.slice(2);
const start = performance.now();
process.on('exit', () => {
  process.stdout.write(`\n${JSON.stringify({ seconds: (performance.now() - start) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
});
process.argv = [process.argv[0], 'gondola', 'import', folder, '--data-dir', dataDir, '--json'];
await import('../dist/cli.js');
