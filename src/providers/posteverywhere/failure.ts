// A failed request to PostEverywhere → a ProviderError that says what happened, whether a write may
// have happened, and what to do next. The Genviral client's request-failure.ts words its messages for
// Genviral (and its creates are safe to repeat); these are PostEverywhere's.
import { type AttemptLog, mayHaveActed } from "../http/attempt-log.js";
import { HttpStatusError } from "../http/http-status-error.js";
import { NetworkError } from "../http/network-error.js";
import { RequestTimeoutError } from "../http/request-timeout-error.js";
import { connectionRefused, RETRY_STATUSES, retryAfterSeconds } from "../http/retry-policy.js";
import { ProviderError } from "../provider-error.js";
import { parsePeEnvelope } from "./envelope.js";
import { describePeFailure } from "./error-advice.js";

/** For a write: what to do when no clear answer came back. */
export interface PeWrite {
  action: string;
  next: string;
}

const unknownOutcome = (write: PeWrite) => `The ${write.action}'s outcome is unknown: ${write.next}`;

export function refused(message: string, errorCode: string): ProviderError {
  return new ProviderError({
    kind: "refused",
    errorCode,
    message,
    retryable: false,
    writeMayHaveHappened: false,
  });
}

export function toPeError(
  error: unknown,
  write: PeWrite | undefined,
  tries: AttemptLog,
  apiOrigin: string,
  cancelled: boolean,
): ProviderError {
  const common = { attempts: tries.attempts };
  const tried = tries.attempts > 1 ? ` (genviral-mcp tried ${tries.attempts} times.)` : "";
  if (error instanceof HttpStatusError) {
    const { status } = error;
    const env = parsePeEnvelope(error.data);
    const errorCode = env && !env.ok ? env.code : undefined;
    const apiMessage = env && !env.ok ? env.message : undefined;
    const after = retryAfterSeconds(error.header("retry-after"));
    const mayHave = write !== undefined && (mayHaveActed(error) || tries.ambiguous);
    return new ProviderError({
      kind: "http",
      status,
      errorCode,
      apiMessage,
      message: `${describePeFailure({ status, errorCode, apiMessage, retryAfterSeconds: after })}${mayHave && write ? ` ${unknownOutcome(write)}` : ""}${tried}`,
      retryable: RETRY_STATUSES.includes(status),
      writeMayHaveHappened: mayHave,
      retryAfterSeconds: after,
      ...common,
    });
  }
  const sent = tries.attempts > 0;
  if (cancelled) {
    return new ProviderError({
      kind: "cancelled",
      message: `The call was cancelled before PostEverywhere answered.${write && sent ? ` ${unknownOutcome(write)}` : ""}`,
      retryable: true,
      writeMayHaveHappened: write !== undefined && sent,
      ...common,
    });
  }
  if (error instanceof RequestTimeoutError) {
    return new ProviderError({
      kind: "timeout",
      message: `PostEverywhere did not answer in time.${write && sent ? ` ${unknownOutcome(write)}` : " Nothing was changed; try again in a minute."}${tried}`,
      retryable: true,
      writeMayHaveHappened: write !== undefined && sent,
      ...common,
    });
  }
  const refusedConnection = connectionRefused(error);
  const mayHave = write !== undefined && (!refusedConnection || tries.ambiguous);
  const reason =
    error instanceof NetworkError || error instanceof TypeError
      ? refusedConnection
        ? "connection refused"
        : "the connection failed or dropped"
      : error instanceof Error
        ? error.message
        : String(error);
  return new ProviderError({
    kind: "network",
    message: `Could not reach PostEverywhere at ${apiOrigin} (${reason}).${mayHave && write ? ` ${unknownOutcome(write)}` : write ? " Nothing reached it, so nothing changed." : ""} Check the connection and POSTEVERYWHERE_API_URL, then try again.${tried}`,
    retryable: true,
    writeMayHaveHappened: mayHave,
    ...common,
  });
}

export function invalidAnswer(status: number, where: string, write: PeWrite | undefined): ProviderError {
  return new ProviderError({
    kind: "invalid_response",
    status,
    message: `PostEverywhere answered ${status} with ${where}, so the result is unknown.${write ? ` ${unknownOutcome(write)}` : " Try again; if it persists, check POSTEVERYWHERE_API_URL."}`,
    retryable: !write,
    writeMayHaveHappened: write !== undefined,
  });
}
