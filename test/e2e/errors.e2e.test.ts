// Every documented failure of the API reaches the agent as a sentence it can act on. The simulator
// is told to answer with each status and error_code; the built server turns it into text.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { textOf } from "../support/mcp.js";
import {
  minutesFromNow,
  type Rig,
  SEED_ACCOUNT_IDS,
  SEED_POST_IDS,
  startRig,
  TEST_KEY,
} from "../support/sandbox.js";

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});
beforeEach(() => rig.api.reset());

const createArgs = () => ({
  caption: "hello",
  media: { type: "video", url: "https://cdn.example.com/v.mp4" },
  accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }],
  scheduled_at: minutesFromNow(30),
  external_id: `err-${Math.random()}`,
});

type Case = {
  status: number;
  code?: string;
  tool: string;
  method: string;
  path: string;
  args: () => Record<string, unknown>;
  expected: RegExp;
};

const CASES: Case[] = [
  {
    status: 400,
    code: "invalid_json",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /could not parse the request body as JSON/,
  },
  {
    status: 422,
    code: "invalid_payload",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /refused the request's shape/,
  },
  {
    status: 400,
    code: "unknown_accounts",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /list_accounts/,
  },
  {
    status: 400,
    code: "validation_failed",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /refused the post's content/,
  },
  {
    status: 400,
    code: "missing_accounts",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /no usable account/,
  },
  {
    status: 400,
    code: "invalid_music_url",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /TikTok post URL/,
  },
  {
    status: 400,
    code: "media_unreachable",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /could not fetch the media/,
  },
  {
    status: 400,
    code: "invalid_since",
    tool: "list_posts",
    method: "GET",
    path: "/posts",
    args: () => ({}),
    expected: /`since` is not an ISO 8601/,
  },
  {
    status: 400,
    code: "invalid_until",
    tool: "list_posts",
    method: "GET",
    path: "/posts",
    args: () => ({}),
    expected: /`until` is not an ISO 8601/,
  },
  {
    status: 400,
    code: "too_many_post_ids",
    tool: "delete_posts",
    method: "POST",
    path: "/posts/delete",
    args: () => ({ postIds: [SEED_POST_IDS.draft] }),
    expected: /batches of at most 50/,
  },
  {
    status: 401,
    code: "invalid_token",
    tool: "list_accounts",
    method: "GET",
    path: "/accounts",
    args: () => ({}),
    expected: /GENVIRAL_API_KEY/,
  },
  {
    status: 402,
    code: "subscription_required",
    tool: "list_accounts",
    method: "GET",
    path: "/accounts",
    args: () => ({}),
    expected: /plan lacks Partner API access/,
  },
  {
    status: 403,
    code: "tier_not_allowed",
    tool: "list_posts",
    method: "GET",
    path: "/posts",
    args: () => ({}),
    expected: /Scheduler tier/,
  },
  {
    status: 404,
    code: "not_found",
    tool: "get_post",
    method: "GET",
    path: "/posts/*",
    args: () => ({ post_id: SEED_POST_IDS.draft }),
    expected: /no post with that id/,
  },
  {
    status: 409,
    code: "create_failed",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /new external_id/,
  },
  {
    status: 409,
    code: "external_id_immutable",
    tool: "update_post",
    method: "PATCH",
    path: "/posts/*",
    args: () => ({ post_id: SEED_POST_IDS.draft, caption: "x" }),
    expected: /Leave external_id out/,
  },
  {
    status: 429,
    code: "rate_limited",
    tool: "list_posts",
    method: "GET",
    path: "/posts",
    args: () => ({}),
    expected: /too many requests/,
  },
  {
    status: 500,
    code: "create_failed",
    tool: "schedule_post",
    method: "POST",
    path: "/posts",
    args: createArgs,
    expected: /same external_id/,
  },
  {
    status: 500,
    code: "update_failed",
    tool: "update_post",
    method: "PATCH",
    path: "/posts/*",
    args: () => ({ post_id: SEED_POST_IDS.draft, caption: "x" }),
    expected: /failed on its side.*may or may not have happened/,
  },
  {
    status: 500,
    code: "list_failed",
    tool: "list_posts",
    method: "GET",
    path: "/posts",
    args: () => ({}),
    expected: /failed on its side/,
  },
  {
    status: 500,
    code: "get_failed",
    tool: "get_post",
    method: "GET",
    path: "/posts/*",
    args: () => ({ post_id: SEED_POST_IDS.draft }),
    expected: /failed on its side/,
  },
  {
    status: 500,
    code: "accounts_failed",
    tool: "list_accounts",
    method: "GET",
    path: "/accounts",
    args: () => ({}),
    expected: /failed on its side/,
  },
  {
    status: 500,
    code: "bulk_delete_failed",
    tool: "delete_posts",
    method: "POST",
    path: "/posts/delete",
    args: () => ({ postIds: [SEED_POST_IDS.draft] }),
    expected: /failed on its side/,
  },
  {
    status: 500,
    code: "retry_failed",
    tool: "retry_posts",
    method: "POST",
    path: "/posts/retry",
    args: () => ({ post_ids: [SEED_POST_IDS.failed] }),
    expected: /failed on its side/,
  },
];

describe("documented error codes", () => {
  it.each(CASES)("$status $code via $tool", async ({ status, code, tool, method, path, args, expected }) => {
    // Enough answers to outlast the client's retries of retryable statuses.
    rig.api.addFault({ method, path, status, errorCode: code, times: 5 });
    const result = await rig.server.call(tool, args());
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain(`Genviral API ${status}${code ? ` ${code}` : ""}`);
    expect(text).toMatch(expected);
    expect(text).not.toContain(TEST_KEY);
    expect(result.structuredContent).toMatchObject({
      ok: false,
      error: { status, error_code: code ?? null },
    });
  });
});

describe("natural failures from the simulator", () => {
  it("a wrong key → 401 with what to do", async () => {
    const other = await startRig({ key: "gva_live_wrong.key-value-123" });
    try {
      const result = await other.server.call("list_accounts");
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/401.*GENVIRAL_API_KEY/s);
      expect(textOf(result)).not.toContain("gva_live_wrong.key-value-123");
      expect(other.server.stderr()).not.toContain("gva_live_wrong.key-value-123");
    } finally {
      await other.close();
    }
  });

  it("the API's own refusal still reaches the agent when pre-flight lets a post through", async () => {
    // A media host that does not resolve: only the API can find that out (seed convention: *.invalid).
    const result = await rig.server.call("schedule_post", {
      ...createArgs(),
      media: { type: "video", url: "https://cdn.example.invalid/v.mp4" },
    });
    expect(textOf(result)).toMatch(/400 media_unreachable/);
  });

  it("an HTML page instead of JSON is named as such", async () => {
    rig.api.addFault({
      method: "GET",
      path: "/accounts",
      status: 200,
      body: "<html><body>Login</body></html>",
      times: 3,
    });
    const result = await rig.server.call("list_accounts");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTML page instead of JSON/);
  });
});
