// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 9c75b8cc39aed8f8e420c80c8f992917e6cc57ac1411f22fe69cac2282bbca5e  generator: codegen 1.0.0
/** A tiny typed event emitter that works the same in browsers and Node. */
type Listener<T> = (event: T) => void;
export declare class Emitter<Events extends object> {
    private readonly listeners;
    /** Call `listener` on every `event`; returns a function that stops it. */
    on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
    off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void;
    emit<K extends keyof Events>(event: K, value: Events[K]): void;
}
/**
 * Run user code without letting it break the client: a throw is reported the way a browser
 * reports a throwing event listener (uncaught, after the current task), not swallowed.
 */
export declare function callSafely<T>(listener: Listener<T>, value: T): void;
export {};
