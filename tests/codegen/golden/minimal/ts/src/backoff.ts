// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 6ffcd11235360c384a82fc79621137ba06363b9a3a98d4ec110930a95ec13a2b  generator: codegen 1.0.0
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
