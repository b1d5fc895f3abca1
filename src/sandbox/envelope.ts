/** The Partner API response envelope and the error type handlers throw to produce a failure envelope. */

export interface SuccessEnvelope {
  ok: true;
  code: number;
  message: string;
  data: unknown;
}

export interface ErrorEnvelope {
  ok: false;
  code: number;
  message: string;
  error_code: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function success(status: number, message: string, data: unknown): SuccessEnvelope {
  return { ok: true, code: status, message, data };
}

export function failure(status: number, errorCode: string, message: string): ErrorEnvelope {
  return { ok: false, code: status, message, error_code: errorCode };
}

/** 422 invalid_payload; the message always names the offending field. */
export function invalidPayload(message: string): ApiError {
  return new ApiError(422, "invalid_payload", message);
}

/** 400 validation_failed: the payload is well-formed but breaks a posting rule. */
export function validationFailed(message: string): ApiError {
  return new ApiError(400, "validation_failed", message);
}

const DEFAULT_ERRORS: Record<number, [code: string, message: string]> = {
  400: ["bad_request", "Bad request"],
  401: ["invalid_token", "API key not found"],
  402: ["subscription_required", "An active Creator, Professional or Business plan is required"],
  403: ["tier_not_allowed", "The Scheduler tier cannot use the Partner API"],
  404: ["not_found", "Not found"],
  405: ["method_not_allowed", "Method not allowed"],
  408: ["request_timeout", "Request timed out"],
  409: ["conflict", "Conflict"],
  413: ["payload_too_large", "Request body is too large"],
  422: ["invalid_payload", "Invalid payload"],
  429: ["rate_limited", "Too many requests in a short window"],
  500: ["internal_error", "Internal server error"],
  502: ["bad_gateway", "Bad gateway"],
  503: ["service_unavailable", "Service unavailable"],
  504: ["gateway_timeout", "Gateway timeout"],
};

/** A plausible error_code and message for a status, used by faults that do not specify them. */
export function defaultError(status: number): [code: string, message: string] {
  const known = DEFAULT_ERRORS[status];
  if (known) return known;
  return status >= 500
    ? ["internal_error", `Server error (${status})`]
    : ["error", `Request failed (${status})`];
}
