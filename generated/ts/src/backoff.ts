// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: fef3a75ca3e08b5577e36072f03a9b208c16d34ad737b22fa49e6622a88dbe62  generator: codegen 1.0.0
/**
 * Full-jitter exponential backoff: attempt n waits a random time in [0, min(max, min * 2^n)).
 * Jitter spreads the reconnects of many clients after a server restart; the cap bounds the wait.
 */
export function backoffDelay(
  attempt: number,
  minDelay: number,
  maxDelay: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelay, minDelay * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
