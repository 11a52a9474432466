// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// spec-sha256: 0c1c548a23076530bcd315eb0881788136cf34c88bd8c94cbcf0c7cabf603226  generator: codegen 1.0.0
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
