import type { EventName, EventPayload } from '../contract';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

/**
 * The core's event bus. Services queue events inside a write and they are emitted
 * only after the transaction commits, so no client refreshes to see a rolled-back change.
 */
export class EventBus {
  private readonly listeners = new Set<AnyEventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch {
        // One broken subscriber (a closed SSE stream) must not stop the others.
      }
    }
  }

  /** Every event; returns the unsubscribe function. */
  onAny(listener: AnyEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.onAny((n, p) => {
      if (n === name) listener(p as EventPayload<E>);
    });
  }
}
