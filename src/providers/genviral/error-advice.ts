// Every documented failure of the Partner API, as a sentence an agent can act on. The codes and
// statuses come from the "Error Responses" sections of seed-create-post.txt, seed-update-post.txt,
// seed-list-posts.txt, delete-posts.txt, retry-posts.txt, get-post.txt, get-accounts.txt and
// response-pattern.txt (429 rate_limited). This is the one place API failures become text.

interface Advice {
  /** What happened, in words. */
  what: string;
  /** What the agent should do next. */
  next: string;
}

const KEY_ADVICE =
  "Check GENVIRAL_API_KEY: it must be a Partner API key (<public_id>.<secret>) from the API Keys page at www.genviral.io, not revoked, set in the MCP server's environment. To try without a key, start the server with --sandbox.";

/** Keyed by error_code; where a code means different things per status, by "status:code". */
const ADVICE_BY_CODE: Record<string, Advice> = {
  invalid_json: {
    what: "the API could not parse the request body as JSON",
    next: "This points to a bug between genviral-mcp and the API (a proxy rewriting bodies?); report it. Calling again with the same arguments will fail the same way.",
  },
  invalid_payload: {
    what: "the API refused the request's shape",
    next: "Fix the field the API names and call again; the tool's input schema lists the accepted fields.",
  },
  unknown_accounts: {
    what: "at least one account id is outside this API key's scope, or the account is not active",
    next: "Call list_accounts and use only ids it returns with status active.",
  },
  validation_failed: {
    what: "the API refused the post's content or the post cannot change",
    next: "Change what the API's message names (caption length for a target, music_url or tiktok settings with non-TikTok accounts, media rules, or a post that is already posted/partial/canceled) and call again.",
  },
  missing_accounts: {
    what: "no usable account remained after the API checked the targets",
    next: "Call list_accounts, pick active accounts, and call again with their ids.",
  },
  invalid_music_url: {
    what: "music_url is not a usable TikTok post URL",
    next: "Use a TikTok post URL such as https://www.tiktok.com/@creator/video/1234567890, target only TikTok accounts, or leave music_url out.",
  },
  media_unreachable: {
    what: "the API could not fetch the media URL(s)",
    next: "Make each URL public and direct (no login, no expiring link, returns the file itself), or upload the file to a public host, then call again.",
  },
  invalid_since: {
    what: "`since` is not an ISO 8601 date-time",
    next: "Use a value such as 2026-01-31T00:00:00Z.",
  },
  invalid_until: {
    what: "`until` is not an ISO 8601 date-time",
    next: "Use a value such as 2026-01-31T23:59:59Z.",
  },
  too_many_post_ids: {
    what: "more than 50 post ids were sent in one delete",
    next: "Split the ids into batches of at most 50.",
  },
  subscription_required: {
    what: "the Genviral plan lacks Partner API access (an active Creator, Professional or Business subscription is required)",
    next: "Ask the account owner to upgrade the plan at www.genviral.io; calling again will not help until then.",
  },
  "403:subscription_required": {
    what: "posting to hosted TikTok accounts needs an active TikTok virtual subscription",
    next: "Target BYO accounts instead, or ask the account owner to activate the subscription; calling again will not help until then.",
  },
  tier_not_allowed: {
    what: "the Scheduler tier cannot use the Partner API",
    next: "Ask the account owner to move to a Creator, Professional or Business plan; calling again will not help until then.",
  },
  not_found: {
    what: "no post with that id exists in this API key's scope",
    next: "Check the id with list_posts (it may have been deleted).",
  },
  create_failed: {
    what: "the post could not be created; with an external_id this means it was already used for a different payload",
    next: "Replaying the identical payload returns the original post. To make a new post use a new external_id; to change the existing one, use update_post.",
  },
  "500:create_failed": {
    what: "the API's scheduler failed while creating the post",
    next: "Call again with the same external_id: the API then returns the post if it was made, and never makes a second one.",
  },
  external_id_immutable: {
    what: "external_id cannot change after the post was created",
    next: "Leave external_id out of update_post.",
  },
  rate_limited: {
    what: "too many requests in a short window",
    next: "Wait before calling again.",
  },
};

const ADVICE_BY_STATUS: Record<number, Advice> = {
  400: { what: "the API refused the request", next: "Fix what the API's message names and call again." },
  401: { what: "the Genviral API rejected the API key", next: KEY_ADVICE },
  402: ADVICE_BY_CODE.subscription_required as Advice,
  403: {
    what: "this API key may not do this",
    next: "Check the key's scope and the plan at www.genviral.io; calling again will not help.",
  },
  404: ADVICE_BY_CODE.not_found as Advice,
  408: { what: "the API timed out reading the request", next: "Call again." },
  409: ADVICE_BY_CODE.create_failed as Advice,
  413: {
    what: "the request was too large for the API",
    next: "Send less (shorter caption, fewer media URLs).",
  },
  422: ADVICE_BY_CODE.invalid_payload as Advice,
  429: ADVICE_BY_CODE.rate_limited as Advice,
};

const SERVER_SIDE: Advice = {
  what: "the Genviral API failed on its side",
  next: "Try again in a minute; if it keeps failing, check status with list_posts before repeating a write.",
};

export function adviceFor(status: number, errorCode: string | undefined): Advice {
  if (errorCode) {
    const specific = ADVICE_BY_CODE[`${status}:${errorCode}`] ?? ADVICE_BY_CODE[errorCode];
    // A code documented for another status (e.g. 402 subscription_required vs 403) must not
    // borrow a message that misstates the situation: only 5xx falls back to the server message.
    if (specific && !(status >= 500 && !ADVICE_BY_CODE[`${status}:${errorCode}`])) return specific;
  }
  if (status >= 500) return SERVER_SIDE;
  return (
    ADVICE_BY_STATUS[status] ?? {
      what: "the API refused the request",
      next: "Read the API's message and adjust.",
    }
  );
}

export interface ApiFailureFacts {
  status: number;
  errorCode: string | undefined;
  apiMessage: string | undefined;
  retryAfterSeconds: number | undefined;
  writeMayHaveHappened: boolean;
}

/** "Genviral API 409 create_failed: <what>. API said: "…". <next>" */
export function describeApiFailure(facts: ApiFailureFacts): string {
  const { status, errorCode, apiMessage, retryAfterSeconds } = facts;
  const advice = adviceFor(status, errorCode);
  const label = errorCode ? `${status} ${errorCode}` : `${status}`;
  const said = apiMessage ? ` API said: "${apiMessage}".` : "";
  const wait =
    retryAfterSeconds !== undefined && (status === 429 || status === 503)
      ? ` Try again in ${retryAfterSeconds} s.`
      : "";
  const write =
    status >= 500 && facts.writeMayHaveHappened
      ? " The write may or may not have happened: check with list_posts or get_post before repeating it."
      : "";
  return `Genviral API ${label}: ${advice.what}.${said} ${advice.next}${wait}${write}`;
}
