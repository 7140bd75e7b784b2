import type { Result } from '../../contract';

/** Messages from the Electron main process to the core utility process. */
export type CoreRequest =
  | { type: 'call'; id: number; method: string; input: unknown; sessionId: string }
  | { type: 'endSession'; sessionId: string }
  | { type: 'shutdown' };

/** Messages from the core back to the main process. */
export type CoreMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown };
