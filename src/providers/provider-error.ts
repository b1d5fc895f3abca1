// One error type for every way a backend call can fail. `message` is already written for an agent:
// what happened and what to do next. It never contains the key or request headers.

export type ProviderErrorKind =
  | "http" // the API answered with an error status
  | "network" // no answer: connection refused, reset or dropped
  | "timeout" // no answer in time
  | "invalid_response" // an answer that is not the documented envelope (e.g. an HTML page)
  | "not_configured" // no API key
  | "cancelled" // the host cancelled the call
  | "refused"; // refused by genviral-mcp itself, nothing sent: the backend has no counterpart, or a local guard

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  errorCode?: string;
  apiMessage?: string;
  retryable: boolean;
  /** True when the request may have reached the API and changed something before the failure. */
  writeMayHaveHappened: boolean;
  retryAfterSeconds?: number;
  /** How many HTTP attempts were made before giving up (retries included). */
  attempts?: number;
  /** For a create: the external_id it carried, so the agent can repeat it safely. */
  externalId?: string;
}

export class ProviderError extends Error {
  override name = "ProviderError";
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  readonly errorCode: string | undefined;
  readonly apiMessage: string | undefined;
  readonly retryable: boolean;
  readonly writeMayHaveHappened: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly attempts: number | undefined;
  readonly externalId: string | undefined;

  constructor(init: ProviderErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.apiMessage = init.apiMessage;
    this.retryable = init.retryable;
    this.writeMayHaveHappened = init.writeMayHaveHappened;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.attempts = init.attempts;
    this.externalId = init.externalId;
  }

  /** The same facts as plain data, with the API's own names where it has them. */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      status: this.status ?? null,
      error_code: this.errorCode ?? null,
      message: this.message,
      retryable: this.retryable,
      write_may_have_happened: this.writeMayHaveHappened,
      ...(this.retryAfterSeconds === undefined ? {} : { retry_after_seconds: this.retryAfterSeconds }),
      ...(this.attempts === undefined ? {} : { attempts: this.attempts }),
      ...(this.externalId === undefined ? {} : { external_id: this.externalId }),
    };
  }
}
