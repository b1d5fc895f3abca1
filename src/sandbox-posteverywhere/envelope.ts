/** PostEverywhere's envelope `{ data, error, meta }` and the error its handlers throw. */
import { randomUUID } from "node:crypto";
import { FaultQueue } from "../sandbox/faults.js";
import type { Fault } from "../sandbox/types.js";

export class PeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const meta = () => ({ request_id: randomUUID().slice(0, 8), timestamp: new Date().toISOString() });

export const peSuccess = (data: unknown) => ({ data, error: null, meta: meta() });
export const peFailure = (code: string, message: string) => ({
  data: null,
  error: { message, code },
  meta: meta(),
});

const DEFAULTS: Record<number, [string, string]> = {
  400: ["bad_request", "Bad request."],
  401: ["invalid_api_key", "Invalid API key. Check that the key is correct and has not been deleted."],
  403: ["forbidden", "Forbidden."],
  404: ["not_found", "Not found."],
  422: ["validation_error", "Validation failed."],
  429: ["rate_limited", "Rate limit exceeded. Try again in 30 seconds."],
};

export function defaultPeError(status: number): [string, string] {
  return (
    DEFAULTS[status] ??
    (status >= 500
      ? ["internal_error", "Internal server error."]
      : ["bad_request", `Request failed (${status}).`])
  );
}

/** The shared fault queue, with PostEverywhere's envelope as the default body of a fault. */
export class PeFaultQueue extends FaultQueue {
  override add(fault: Fault): void {
    if (fault.body !== undefined || fault.passThrough || fault.hang || typeof fault.status !== "number") {
      super.add(fault);
      return;
    }
    const [code, message] = defaultPeError(fault.status);
    const body = fault.status < 400 ? peSuccess({}) : peFailure(fault.errorCode ?? code, message);
    super.add({ ...fault, body });
  }
}
