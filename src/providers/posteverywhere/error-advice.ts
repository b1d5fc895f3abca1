// Every error code PostEverywhere documents (api-summary.md "Error codes seen"; seed-create-post.txt
// examples), as a sentence an agent can act on. The one place its failures become text.

interface Advice {
  what: string;
  next: string;
}

const KEY_ADVICE =
  "Check POSTEVERYWHERE_API_KEY: it must be an API key from PostEverywhere's developer settings (pe_live_…), not deleted, set in the MCP server's environment. To try without a key, start the server with --sandbox --provider posteverywhere.";

export const PE_ADVICE_BY_CODE: Record<string, Advice> = {
  validation_error: {
    what: "PostEverywhere refused the request's content",
    next: "Fix what its message names and call again; validate_post checks the documented rules first.",
  },
  bad_request: {
    what: "PostEverywhere could not accept the request (for example a post that is no longer scheduled or draft)",
    next: "Check the post's status with get_post, change what its message names, and call again.",
  },
  invalid_api_key: { what: "PostEverywhere does not recognise the API key", next: KEY_ADVICE },
  unauthorized: { what: "the request was not authorised", next: KEY_ADVICE },
  forbidden: {
    what: "the API key may not do this (plan or permission)",
    next: "Check the key's permissions and the plan in PostEverywhere; nothing was changed.",
  },
  not_found: {
    what: "PostEverywhere has no such post or account for this key",
    next: "Use an id from list_posts or list_accounts.",
  },
  rate_limited: {
    what: "PostEverywhere's rate limit was reached (60 requests a minute per key, 20 creates a minute)",
    next: "Wait for the time it names, then call again; nothing was changed by this request.",
  },
  internal_error: {
    what: "PostEverywhere failed while handling the request",
    next: "Try again in a minute.",
  },
};

const ADVICE_BY_STATUS: Record<number, Advice> = {
  400: PE_ADVICE_BY_CODE.bad_request as Advice,
  401: PE_ADVICE_BY_CODE.invalid_api_key as Advice,
  403: PE_ADVICE_BY_CODE.forbidden as Advice,
  404: PE_ADVICE_BY_CODE.not_found as Advice,
  409: {
    what: "the request conflicts with the post's current state",
    next: "Check it with get_post and call again.",
  },
  413: { what: "the request body is too large", next: "Send fewer or shorter fields." },
  422: PE_ADVICE_BY_CODE.validation_error as Advice,
  429: PE_ADVICE_BY_CODE.rate_limited as Advice,
};

export interface PeFailure {
  status: number;
  errorCode: string | undefined;
  apiMessage: string | undefined;
  retryAfterSeconds: number | undefined;
}

/** "PostEverywhere API 401 invalid_api_key: <what> (<its message>). <next>" */
export function describePeFailure(f: PeFailure): string {
  const advice =
    (f.errorCode ? PE_ADVICE_BY_CODE[f.errorCode] : undefined) ??
    ADVICE_BY_STATUS[f.status] ??
    (f.status >= 500
      ? (PE_ADVICE_BY_CODE.internal_error as Advice)
      : {
          what: "PostEverywhere refused the request",
          next: "Read its message, fix the call, and try again.",
        });
  const said = f.apiMessage ? ` (it said: "${f.apiMessage.slice(0, 300)}")` : "";
  const wait = f.retryAfterSeconds !== undefined ? ` Retry after ${f.retryAfterSeconds} s.` : "";
  return `PostEverywhere API ${f.status}${f.errorCode ? ` ${f.errorCode}` : ""}: ${advice.what}${said}. ${advice.next}${wait}`;
}
