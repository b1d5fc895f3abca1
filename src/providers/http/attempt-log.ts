// What the attempts of one request leave behind for its error message: how many were sent, and
// whether an earlier one failed in a way that leaves open whether the API acted on it.
import { HttpStatusError } from "./http-status-error.js";
import { connectionRefused } from "./retry-policy.js";

export interface AttemptLog {
  attempts: number;
  /** An earlier attempt failed in a way that does not rule out that the API acted on it. */
  ambiguous: boolean;
}

/** True when a failed attempt leaves open whether the API acted on it. */
export function mayHaveActed(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.status >= 500 || error.status === 408;
  return !connectionRefused(error);
}

/** ApiHttp's onAttempt, keeping `log` up to date. */
export const countAttempts =
  (log: AttemptLog) =>
  (failed?: unknown): void => {
    if (failed !== undefined && mayHaveActed(failed)) log.ambiguous = true;
    log.attempts += 1;
  };
