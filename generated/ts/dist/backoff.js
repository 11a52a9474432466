// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: df11268580976166d114a7beb397b1ce15607efc1e25fc4ce64f9d5848572836  generator: codegen 1.0.0
/**
 * Full-jitter exponential backoff: attempt n waits a random time in [0, min(max, min * 2^n)).
 * Jitter spreads the reconnects of many clients after a server restart; the cap bounds the wait.
 */
export function backoffDelay(attempt, minDelay, maxDelay, random = Math.random) {
    const ceiling = Math.min(maxDelay, minDelay * 2 ** attempt);
    return Math.floor(random() * ceiling);
}
