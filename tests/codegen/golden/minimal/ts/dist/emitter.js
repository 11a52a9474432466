// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: ca2677e5eb814c56e0d23bc4eae15ea078c8eeb7caaf07c8e22d8a95e8e4dd9e  generator: codegen 1.0.0
/** A tiny typed event emitter that works the same in browsers and Node. */
export class Emitter {
    listeners = new Map();
    /** Call `listener` on every `event`; returns a function that stops it. */
    on(event, listener) {
        const set = this.listeners.get(event) ?? new Set();
        set.add(listener);
        this.listeners.set(event, set);
        return () => this.off(event, listener);
    }
    off(event, listener) {
        this.listeners.get(event)?.delete(listener);
    }
    emit(event, value) {
        for (const listener of [...(this.listeners.get(event) ?? [])]) {
            callSafely(listener, value);
        }
    }
}
/**
 * Run user code without letting it break the client: a throw is reported the way a browser
 * reports a throwing event listener (uncaught, after the current task), not swallowed.
 */
export function callSafely(listener, value) {
    try {
        listener(value);
    }
    catch (error) {
        queueMicrotask(() => {
            throw error;
        });
    }
}
