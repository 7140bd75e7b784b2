// Runs worker.ts from source (tests, tsx scripts): registers tsx in this thread first.
// The built app runs the bundled forensic-worker instead (see thread.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
