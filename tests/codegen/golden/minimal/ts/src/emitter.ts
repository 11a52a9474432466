// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 301935e4706207d721d1da07bcd4dcbbcc600ef4073389c44152fab86f9be08e  generator: codegen 1.0.0
/** A tiny typed event emitter that works the same in browsers and Node. */

type Listener<T> = (event: T) => void;

export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Call `listener` on every `event`; returns a function that stops it. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    this.listeners.get(event)?.delete(listener);
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      callSafely(listener as Listener<Events[K]>, value);
    }
  }
}

/**
 * Run user code without letting it break the client: a throw is reported the way a browser
 * reports a throwing event listener (uncaught, after the current task), not swallowed.
 */
export function callSafely<T>(listener: Listener<T>, value: T): void {
  try {
    listener(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
