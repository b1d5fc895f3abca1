// Each fault the simulator can inject → the outcome the agent sees, through the built server over stdio.
// Creates must never make a second post; failures must say what happened and what to do; the key must
// never show; the server must stay alive and correct throughout.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Fault, SandboxHandle } from "../../src/sandbox/index.js";
import { startSandbox } from "../../src/sandbox/index.js";
import { type SpawnedServer, spawnServer, textOf } from "../support/mcp.js";
import { minutesFromNow, SEED_ACCOUNT_IDS, SEED_POST_IDS, TEST_KEY } from "../support/sandbox.js";

/** Short, so timeouts and hangs resolve quickly; the simulator answers in milliseconds. */
const ATTEMPT_TIMEOUT_MS = 700;
/** The secret half of the key must not show either. */
const KEY_SECRET = TEST_KEY.slice(TEST_KEY.lastIndexOf(".") + 1);

let api: SandboxHandle;
let server: SpawnedServer;
/** Every result of every call, checked for the key at the end. */
const results: CallToolResult[] = [];

async function start(): Promise<SpawnedServer> {
  return spawnServer({
    args: ["--log-level", "debug"],
    env: {
      GENVIRAL_API_KEY: TEST_KEY,
      GENVIRAL_API_URL: api.url,
      GENVIRAL_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
    },
  });
}

beforeAll(async () => {
  api = await startSandbox({ apiKey: TEST_KEY });
  server = await start();
});
afterAll(async () => {
  await server?.close();
  await api?.close();
});
beforeEach(() => api.reset());

async function call(name: string, args: Record<string, unknown> = {}, on = server) {
  const result = await on.call(name, args);
  results.push(result);
  return result;
}

let serial = 0;
function newPost(): Record<string, unknown> {
  serial += 1;
  return {
    caption: `Fault drill ${serial}`,
    media: { type: "video", url: "https://cdn.example.com/drill.mp4" },
    accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }],
    scheduled_at: minutesFromNow(90),
  };
}

/** Posts the simulator holds with this external_id, read back over its HTTP API. */
async function postsWithExternalId(externalId: string): Promise<number> {
  const response = await fetch(`${api.url}/posts?limit=100`, {
    headers: { authorization: `Bearer ${TEST_KEY}` },
  });
  const body = (await response.json()) as { data: { posts: { external_id: string | null }[] } };
  return body.data.posts.filter((p) => p.external_id === externalId).length;
}

const creates = () => api.requests.filter((r) => r.method === "POST" && r.path === "/posts");

describe("a create survives transient faults and makes exactly one post", () => {
  const CASES: { name: string; faults: Fault[]; attempts: number }[] = [
    { name: "503 once", faults: [{ method: "POST", path: "/posts", status: 503 }], attempts: 2 },
    { name: "502 twice", faults: [{ method: "POST", path: "/posts", status: 502, times: 2 }], attempts: 3 },
    {
      name: "429 with Retry-After: 1",
      faults: [
        {
          method: "POST",
          path: "/posts",
          status: 429,
          errorCode: "rate_limited",
          headers: { "Retry-After": "1" },
        },
      ],
      attempts: 2,
    },
    {
      name: "a dropped connection",
      faults: [{ method: "POST", path: "/posts", status: 200, dropConnection: true }],
      attempts: 2,
    },
    {
      name: "an answer lost after the post was made (slower than the attempt timeout)",
      faults: [{ method: "POST", path: "/posts", passThrough: true, delayMs: ATTEMPT_TIMEOUT_MS * 3 }],
      attempts: 2,
    },
    {
      name: "an answer lost after the post was made (connection dropped)",
      faults: [{ method: "POST", path: "/posts", passThrough: true, dropConnection: true }],
      attempts: 2,
    },
    {
      name: "an HTML 502 page from a proxy",
      faults: [{ method: "POST", path: "/posts", status: 502, body: "<html>Bad gateway</html>" }],
      attempts: 2,
    },
    { name: "408 once", faults: [{ method: "POST", path: "/posts", status: 408 }], attempts: 2 },
  ];

  it.each(CASES)("$name", async ({ faults, attempts, name }) => {
    for (const fault of faults) api.addFault(fault);
    const started = performance.now();
    const result = await call("schedule_post", newPost());
    const elapsed = performance.now() - started;
    expect(result.isError, textOf(result)).toBeFalsy();
    const { external_id, id } = result.structuredContent as { external_id: string; id: string };
    expect(external_id).toMatch(/^genviral-mcp-/);

    // Every attempt carried the same external_id, and exactly one of them made a post.
    const sent = creates();
    expect(sent).toHaveLength(attempts);
    expect(new Set(sent.map((r) => (r.body as { external_id: string }).external_id))).toEqual(
      new Set([external_id]),
    );
    expect(sent.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await postsWithExternalId(external_id)).toBe(1);
    expect(id).toBeTruthy();
    if (name.includes("Retry-After: 1")) expect(elapsed).toBeGreaterThanOrEqual(900);
  });

  it("reports the original post when the first answer was lost, with the caller's external_id", async () => {
    api.addFault({ method: "POST", path: "/posts", passThrough: true, delayMs: ATTEMPT_TIMEOUT_MS * 3 });
    const result = await call("schedule_post", { ...newPost(), external_id: "caller-chosen-1" });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ external_id: "caller-chosen-1", duplicate: true });
    expect(await postsWithExternalId("caller-chosen-1")).toBe(1);
  });
});

describe("outcomes an agent can act on", () => {
  it("the API hangs on a create → isError within the budget, saying so and how to repeat safely", async () => {
    api.addFault({ method: "POST", path: "/posts", hang: true, times: 10 });
    const started = performance.now();
    const result = await call("schedule_post", newPost());
    const elapsed = performance.now() - started;
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/did not answer within [\d.]+ s \(3 attempts/);
    expect(text).toMatch(/may or may not have happened/);
    const error = (result.structuredContent as { error: Record<string, unknown> }).error;
    expect(error).toMatchObject({ kind: "timeout", write_may_have_happened: true, attempts: 3 });
    expect(text).toContain(`external_id "${error.external_id}"`);
    // Three attempts and two backoffs, far inside the 45 s budget hosts allow for.
    expect(elapsed).toBeLessThan(15_000);
    expect(creates()).toHaveLength(3);
  });

  it("the API hangs on a read → isError saying nothing changed", async () => {
    api.addFault({ method: "GET", path: "/posts/*", hang: true, times: 10 });
    const result = await call("get_post", { post_id: SEED_POST_IDS.draft });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/did not answer within .*Nothing was changed/s);
  });

  it("HTML instead of JSON → isError naming the problem", async () => {
    api.addFault({ method: "GET", path: "/posts", status: 200, body: "<!doctype html><h1>Sign in</h1>" });
    const result = await call("list_posts");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/answered 200 with an HTML page instead of JSON/);
  });

  it.each([
    { status: 401, code: "invalid_token", text: /GENVIRAL_API_KEY/ },
    { status: 402, code: "subscription_required", text: /upgrade the plan/ },
    { status: 403, code: "tier_not_allowed", text: /Creator, Professional or Business plan/ },
    { status: 422, code: "invalid_payload", text: /Fix the field the API names/ },
    { status: 500, code: "list_failed", text: /Try again in a minute.*tried 3 times/s },
  ])("$status $code on list_posts → text an agent can act on", async ({ status, code, text }) => {
    api.addFault({ method: "GET", path: "/posts", status, errorCode: code, times: 3 });
    const result = await call("list_posts");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(text);
    // 4xx is final: one attempt; 5xx is retried.
    expect(api.requests.filter((r) => r.path === "/posts")).toHaveLength(status >= 500 ? 3 : 1);
  });

  it("a 500 on a create says the write may have happened and that repeating with the external_id is safe", async () => {
    api.addFault({ method: "POST", path: "/posts", status: 500, errorCode: "create_failed", times: 3 });
    const result = await call("schedule_post", { ...newPost(), external_id: "drill-500" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/may or may not have happened.*external_id "drill-500" is safe/s);
    expect(result.structuredContent).toMatchObject({
      error: { external_id: "drill-500", write_may_have_happened: true },
    });
  });

  it("a Retry-After beyond what we wait out is reported, not slept through", async () => {
    api.addFault({
      method: "GET",
      path: "/posts",
      status: 429,
      errorCode: "rate_limited",
      headers: { "Retry-After": "120" },
    });
    const started = performance.now();
    const result = await call("list_posts");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Try again in 120 s/);
    expect(result.structuredContent).toMatchObject({ error: { retry_after_seconds: 120, attempts: 1 } });
  });

  it("GET /accounts failing once does not fail list_accounts", async () => {
    api.addFault({ method: "GET", path: "/accounts", status: 500, errorCode: "accounts_failed" });
    const result = await call("list_accounts");
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(api.requests.filter((r) => r.path === "/accounts")).toHaveLength(2);
  });

  it("GET /accounts failing once does not fail schedule_post (fresh server, nothing cached)", async () => {
    const fresh = await start();
    try {
      api.addFault({ method: "GET", path: "/accounts", status: 503 });
      const result = await call("schedule_post", newPost(), fresh);
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(api.requests.filter((r) => r.path === "/accounts").length).toBeGreaterThanOrEqual(2);
      expect(creates()).toHaveLength(1);
      expect(fresh.stderr()).not.toContain(TEST_KEY);
    } finally {
      await fresh.close();
    }
  });

  it("an update survives a dropped connection (a repeated PATCH is harmless)", async () => {
    api.addFault({ method: "PATCH", path: "/posts/*", status: 200, dropConnection: true });
    const result = await call("update_post", {
      post_id: SEED_POST_IDS.draft,
      caption: "Edited after a blip",
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(api.requests.filter((r) => r.method === "PATCH")).toHaveLength(2);
  });

  it("a delete is not repeated after an ambiguous failure, and says to check first", async () => {
    api.addFault({ method: "POST", path: "/posts/delete", status: 502, times: 3 });
    const result = await call("delete_posts", { postIds: [SEED_POST_IDS.draft] });
    expect(result.isError).toBe(true);
    expect(api.requests.filter((r) => r.path === "/posts/delete")).toHaveLength(1);
    expect(textOf(result)).toMatch(/delete may or may not have happened: check with get_post/);
  });

  it("a delete is repeated after a 429, which says it was not processed", async () => {
    api.addFault({ method: "POST", path: "/posts/delete", status: 429, headers: { "Retry-After": "0" } });
    const result = await call("delete_posts", { postIds: [SEED_POST_IDS.draft] });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(api.requests.filter((r) => r.path === "/posts/delete")).toHaveLength(2);
  });

  it("a retry_posts dropped mid-request is not repeated", async () => {
    api.addFault({ method: "POST", path: "/posts/retry", status: 200, dropConnection: true });
    const result = await call("retry_posts", { post_ids: [SEED_POST_IDS.failed] });
    expect(result.isError).toBe(true);
    expect(api.requests.filter((r) => r.path === "/posts/retry")).toHaveLength(1);
    expect(result.structuredContent).toMatchObject({
      error: { kind: "network", write_may_have_happened: true },
    });
  });
});

describe("cancellation", () => {
  it("notifications/cancelled aborts the upstream request: no retry follows", async () => {
    api.addFault({ method: "GET", path: "/posts", hang: true, times: 10 });
    const controller = new AbortController();
    const pending = server.client.callTool({ name: "list_posts", arguments: {} }, undefined, {
      signal: controller.signal,
    });
    pending.catch(() => {});
    const deadline = Date.now() + 5_000;
    while (api.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(api.requests).toHaveLength(1);
    controller.abort("the user changed their mind");
    await expect(pending).rejects.toThrow();
    // Without the abort, the attempt would time out and be retried well within this wait.
    await new Promise((r) => setTimeout(r, ATTEMPT_TIMEOUT_MS * 3));
    expect(api.requests).toHaveLength(1);
  });
});

describe("after all of it", () => {
  it("the server is alive and correct, and the key appears in no result or log line", async () => {
    const result = await call("list_accounts");
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { accounts: unknown[] }).accounts.length).toBeGreaterThan(0);
    expect(results.length).toBeGreaterThan(20);
    for (const r of results) {
      const all = JSON.stringify(r);
      expect(all).not.toContain(TEST_KEY);
      expect(all).not.toContain(KEY_SECRET);
    }
    const stderr = server.stderr();
    expect(stderr).toMatch(/\] (debug|info):/); // logging was on, so there was something to leak into
    expect(stderr).not.toContain(TEST_KEY);
    expect(stderr).not.toContain(KEY_SECRET);
  });
});
