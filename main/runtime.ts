import { v7 as uuidv7 } from 'uuid';

/** The clock is injected so tests and scheduled jobs control "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Id generator, injected for deterministic tests. */
export interface Ids {
  newId(): string;
}

/** UUIDv7: time-ordered, so ids sort by creation and index well; stamped by the injected clock. */
export function uuidV7Ids(clock: Clock): Ids {
  return { newId: () => uuidv7({ msecs: clock.now().getTime() }) };
}
