// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 9c75b8cc39aed8f8e420c80c8f992917e6cc57ac1411f22fe69cac2282bbca5e  generator: codegen 1.0.0
/**
 * Full-jitter exponential backoff: attempt n waits a random time in [0, min(max, min * 2^n)).
 * Jitter spreads the reconnects of many clients after a server restart; the cap bounds the wait.
 */
export declare function backoffDelay(attempt: number, minDelay: number, maxDelay: number, random?: () => number): number;
