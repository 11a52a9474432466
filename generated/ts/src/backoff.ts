// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 4cdd50558a7af1a29b618aa83cbda2a222bd10a5a9c77948193e6f99f8b5d810  generator: codegen 1.0.0
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
