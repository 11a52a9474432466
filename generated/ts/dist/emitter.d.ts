// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: ed1f6a5ca61f1bb1b741917d81588a18605ca3021b09b4e8b1e3b22dc609a301  generator: codegen 1.0.0
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
