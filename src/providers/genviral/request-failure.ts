// A failed request to the Genviral API → a ProviderError whose message tells the agent what happened
// (no answer, a refusal, a broken answer), whether a write may have happened, and what to do next.
import { type AttemptLog, mayHaveActed } from "../http/attempt-log.js";
import type { HttpAnswer } from "../http/http-answer.js";
import { HttpStatusError } from "../http/http-status-error.js";
import { NetworkError } from "../http/network-error.js";
import { RequestTimeoutError } from "../http/request-timeout-error.js";
import { connectionRefused, RETRY_STATUSES, retryAfterSeconds } from "../http/retry-policy.js";
import { ProviderError } from "../provider-error.js";
import { describeBody, parseEnvelope } from "./envelope.js";
import { describeApiFailure } from "./error-advice.js";

/** For a write: what may have happened when no clear answer came back, and what the agent should do. */
export interface WriteRisk {
  /** "create", "update", … as in "The update may or may not have happened". */
  action: string;
  next: string;
  externalId?: string;
}

/** What happened across the attempts of one request. */
export interface Progress extends AttemptLog {
  /** performance.now() when the request started. */
  startedAt: number;
  budgetMs: number;
}

export interface FailureFacts {
  /** Set for writes. */
  write: WriteRisk | undefined;
  progress: Progress;
  timeoutMs: number;
  totalBudgetMs: number;
  apiOrigin: string;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10}`;

function writeRisk(write: WriteRisk): string {
  return `The ${write.action} may or may not have happened: ${write.next}`;
}

function common(facts: FailureFacts) {
  return { attempts: facts.progress.attempts, externalId: facts.write?.externalId };
}

export function cancelledError(facts: FailureFacts): ProviderError {
  const { write, progress } = facts;
  const sent = write !== undefined && progress.attempts > 0;
  return new ProviderError({
    kind: "cancelled",
    message: `The call was cancelled before the Genviral API answered.${sent ? ` ${writeRisk(write)}` : ""}`,
    retryable: true,
    writeMayHaveHappened: sent,
    ...common(facts),
  });
}

export function timeoutError(facts: FailureFacts, now = performance.now()): ProviderError {
  const { write, progress } = facts;
  const { attempts } = progress;
  const head =
    attempts === 0
      ? `This call used up its ${seconds(facts.totalBudgetMs)} s time budget before the Genviral API could be asked.`
      : `The Genviral API did not answer within ${seconds(now - progress.startedAt)} s (${attempts} attempt${attempts === 1 ? "" : "s"}, each given at most ${seconds(facts.timeoutMs)} s).`;
  const tail =
    write && attempts > 0
      ? writeRisk(write)
      : write
        ? "Nothing was sent, so nothing changed; try again."
        : "Nothing was changed; try again in a minute, and if it keeps timing out check GENVIRAL_API_URL and the API's status.";
  return new ProviderError({
    kind: "timeout",
    message: `${head} ${tail}`,
    retryable: true,
    writeMayHaveHappened: write !== undefined && attempts > 0,
    ...common(facts),
  });
}

/** A 2xx whose body is not the documented envelope (e.g. a proxy's HTML login page). */
export function invalidBody(
  response: HttpAnswer,
  text: string | undefined,
  facts: FailureFacts,
): ProviderError {
  const { write } = facts;
  const body = describeBody(text, response.header("content-type"));
  return new ProviderError({
    kind: "invalid_response",
    status: response.status,
    message: `Genviral API answered ${response.status} with ${body}, so the result is unknown.${write ? ` ${writeRisk(write)}` : " Try again; if it persists, check GENVIRAL_API_URL."}`,
    retryable: !write,
    writeMayHaveHappened: write !== undefined,
    ...common(facts),
  });
}

/** A 2xx envelope whose `data` does not have the documented shape. */
export function invalidData(status: number, where: string, facts: FailureFacts): ProviderError {
  const { write } = facts;
  return new ProviderError({
    kind: "invalid_response",
    status,
    message: `Genviral API answered ${status} but its data does not have the documented shape (at "${where}"). ${write ? `The ${write.action} probably happened: ${write.next}` : "Try again; if it persists, check GENVIRAL_API_URL."}`,
    retryable: !write,
    writeMayHaveHappened: write !== undefined,
    ...common(facts),
  });
}

/** What the HTTP layer threw, after its retries, as a ProviderError. */
export function toProviderError(error: unknown, facts: FailureFacts, cancelled: boolean): ProviderError {
  const { write, progress } = facts;
  const tried = progress.attempts > 1 ? ` (genviral-mcp tried ${progress.attempts} times.)` : "";
  if (error instanceof HttpStatusError) {
    const { status } = error;
    const env = parseEnvelope(error.data);
    const errorCode = env && !env.ok ? env.error_code : undefined;
    const apiMessage = env && !env.ok ? env.message : undefined;
    const after = retryAfterSeconds(error.header("retry-after"));
    // 5xx (or 408) on a write: the API may have acted before failing; 4xx: it refused before acting,
    // but an earlier attempt of the same request may still have acted.
    const writeMayHaveHappened = write !== undefined && (mayHaveActed(error) || progress.ambiguous);
    const advice = describeApiFailure({
      status,
      errorCode,
      apiMessage,
      retryAfterSeconds: after,
      // Said below, in this write's own words.
      writeMayHaveHappened: false,
    });
    const odd =
      !env && typeof error.data === "string" && error.data !== ""
        ? ` (The answer was ${describeBody(error.data, error.header("content-type"))}.)`
        : "";
    return new ProviderError({
      kind: "http",
      status,
      errorCode,
      apiMessage,
      message: `${advice}${odd}${writeMayHaveHappened && write ? ` ${writeRisk(write)}` : ""}${tried}`,
      retryable: RETRY_STATUSES.includes(status),
      writeMayHaveHappened,
      retryAfterSeconds: after,
      ...common(facts),
    });
  }
  if (cancelled) return cancelledError(facts);
  if (error instanceof RequestTimeoutError) return timeoutError(facts);
  if (error instanceof NetworkError || error instanceof TypeError) {
    const refused = connectionRefused(error);
    const writeMayHaveHappened = write !== undefined && (!refused || progress.ambiguous);
    const outcome =
      writeMayHaveHappened && write
        ? ` ${writeRisk(write)}`
        : write
          ? " Nothing reached the API, so nothing changed."
          : "";
    return new ProviderError({
      kind: "network",
      message: `Could not reach the Genviral API at ${facts.apiOrigin} (${refused ? "connection refused" : "the connection failed or dropped"}).${outcome} Check the connection and GENVIRAL_API_URL, then try again.${tried}`,
      retryable: true,
      writeMayHaveHappened,
      ...common(facts),
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    kind: "network",
    message: `The request to the Genviral API failed: ${reason}.${write ? ` ${writeRisk(write)}` : ""}`,
    retryable: false,
    writeMayHaveHappened: write !== undefined && progress.attempts > 0,
    ...common(facts),
  });
}
