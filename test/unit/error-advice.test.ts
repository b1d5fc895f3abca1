import { describe, expect, it } from "vitest";
import { adviceFor, describeApiFailure } from "../../src/providers/genviral/error-advice.js";

const facts = (status: number, errorCode?: string, apiMessage?: string) => ({
  status,
  errorCode,
  apiMessage,
  retryAfterSeconds: undefined,
  writeMayHaveHappened: false,
});

// Every failure the docs list, with words the agent needs to see to act on it.
const DOCUMENTED: Array<[number, string | undefined, RegExp]> = [
  [400, "invalid_json", /could not parse the request body as JSON/],
  [422, "invalid_payload", /refused the request's shape.*Fix the field/],
  [400, "unknown_accounts", /outside this API key's scope.*list_accounts/],
  [400, "validation_failed", /refused the post's content/],
  [400, "missing_accounts", /no usable account.*list_accounts/],
  [400, "invalid_music_url", /TikTok post URL/],
  [400, "media_unreachable", /could not fetch the media/],
  [400, "invalid_since", /`since` is not an ISO 8601/],
  [400, "invalid_until", /`until` is not an ISO 8601/],
  [400, "too_many_post_ids", /batches of at most 50/],
  [401, "invalid_token", /GENVIRAL_API_KEY.*--sandbox/],
  [401, undefined, /GENVIRAL_API_KEY/],
  [402, "subscription_required", /plan lacks Partner API access/],
  [403, "tier_not_allowed", /Scheduler tier cannot use the Partner API/],
  [403, "subscription_required", /TikTok virtual subscription/],
  [404, "not_found", /no post with that id.*list_posts/],
  [409, "create_failed", /external_id.*different payload.*new external_id/],
  [409, "external_id_immutable", /external_id cannot change.*Leave external_id out/],
  [429, "rate_limited", /too many requests.*Wait/],
  [500, "create_failed", /scheduler failed.*same external_id/],
  [500, "update_failed", /failed on its side.*Try again/],
  [500, "list_failed", /failed on its side/],
  [500, "bulk_delete_failed", /failed on its side/],
  [500, "retry_failed", /failed on its side/],
  [500, "accounts_failed", /failed on its side/],
  [500, "get_failed", /failed on its side/],
];

describe("describeApiFailure", () => {
  it.each(DOCUMENTED)("%i %s → actionable text", (status, code, expected) => {
    const text = describeApiFailure(facts(status, code, "server words"));
    expect(text).toMatch(expected);
    expect(text).toContain(`Genviral API ${code ? `${status} ${code}` : status}`);
    expect(text).toContain('API said: "server words"');
  });

  it("says when to come back on 429 with Retry-After", () => {
    const text = describeApiFailure({ ...facts(429, "rate_limited"), retryAfterSeconds: 30 });
    expect(text).toContain("Try again in 30 s");
  });

  it("warns that a 5xx write may have happened", () => {
    const text = describeApiFailure({ ...facts(502), writeMayHaveHappened: true });
    expect(text).toContain("may or may not have happened");
    expect(describeApiFailure(facts(502))).not.toContain("may or may not have happened");
  });

  it("does not borrow 402 words for the 403 meaning of subscription_required", () => {
    expect(adviceFor(403, "subscription_required").what).toContain("TikTok virtual subscription");
    expect(adviceFor(402, "subscription_required").what).toContain("plan lacks Partner API access");
  });
});
