// When a failed request to the API may be sent again (both backends). Pure: no I/O, so it is unit-testable.
//
// "any": reads, and writes whose repeat is harmless — a create carries the same external_id on every
// attempt (the API returns the original post instead of making a second), and the same PATCH applied
// twice leaves the post as once. "not-processed": writes whose repeat is not harmless (delete reports
// already-deleted ids as skipped, retry could queue a post twice), sent again only when the failure
// proves the API did not act: 429, or a connection that was refused before anything was sent.

export type RetryPolicy = "any" | "not-processed";

/** Statuses worth another attempt (413 is not: the same body is too large again). */
export const RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** Attempts after the first. With the per-attempt timeout this bounds a call's worst case. */
export const RETRY_LIMIT = 2;

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(raw: string | null, now = Date.now()): number | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  // An HTTP date has a day or month name; "-5" or "1e3" would otherwise parse as years.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** True when the error chain says the connection was refused: nothing reached the API. */
export function connectionRefused(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ((current as { code?: unknown }).code === "ECONNREFUSED") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export interface FailureFacts {
  /** HTTP status when the API answered; undefined for network errors and timeouts. */
  status?: number;
  retryAfterSeconds?: number;
  timedOut: boolean;
  refused: boolean;
}

export interface RetryLimits {
  /** The longest Retry-After we wait out; longer ones are reported to the agent instead. */
  maxRetryAfterMs: number;
  /** What is left of the call's budget. */
  remainingMs: number;
}

/**
 * Whether to send the request again after this failure. Attempt counting is the HTTP layer's;
 * this only says whether the failure allows another attempt at all.
 */
export function mayRetry(policy: RetryPolicy, failure: FailureFacts, limits: RetryLimits): boolean {
  const { status, retryAfterSeconds: after } = failure;
  // A wait we will not sleep through (over the cap, or past the call's budget) is told to the agent.
  if (after !== undefined && after * 1000 > Math.min(limits.maxRetryAfterMs, limits.remainingMs))
    return false;
  if (status !== undefined) return policy === "any" ? RETRY_STATUSES.includes(status) : status === 429;
  if (failure.timedOut) return policy === "any";
  return policy === "any" || failure.refused;
}

/** Backoff with "equal jitter": half fixed, half random, so parallel callers spread out. */
export function jitter(delayMs: number, random = Math.random): number {
  return delayMs * (0.5 + random() * 0.5);
}
