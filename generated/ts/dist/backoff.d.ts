// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: d69d99c92770158e2c01aafe568a2eb75219d0ae19114b1221a42317d3eb3738  generator: codegen 1.0.0
/**
 * Full-jitter exponential backoff: attempt n waits a random time in [0, min(max, min * 2^n)).
 * Jitter spreads the reconnects of many clients after a server restart; the cap bounds the wait.
 */
export declare function backoffDelay(attempt: number, minDelay: number, maxDelay: number, random?: () => number): number;
