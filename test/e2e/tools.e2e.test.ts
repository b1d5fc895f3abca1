// Every tool, through the built server over stdio, against the simulator over HTTP.
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
beforeEach(() => {
  rig.api.reset();
});

const call = (name: string, args?: Record<string, unknown>) => rig.server.call(name, args);

function videoPost(overrides: Record<string, unknown> = {}) {
  return {
    caption: "Holiday drops start Monday!",
    media: { type: "video", url: "https://cdn.example.com/holidays.mp4", duration_sec: 30 },
    accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }, { id: SEED_ACCOUNT_IDS.youtubeByo }],
    scheduled_at: minutesFromNow(60),
    external_id: "campaign-884",
    ...overrides,
  };
}

describe("tools/list", () => {
  it("lists every tool with explicit annotations and an output schema", async () => {
    const { tools } = await rig.server.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "list_accounts",
      "schedule_post",
      "validate_post",
      "update_post",
      "list_posts",
      "get_post",
      "delete_posts",
      "retry_posts",
      "upload_media",
    ]);
    for (const tool of tools) {
      expect(tool.outputSchema?.type).toBe("object");
      expect(tool.inputSchema.type).toBe("object");
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        expect(typeof tool.annotations?.[hint], `${tool.name}.${hint}`).toBe("boolean");
      }
    }
  });
});

describe("list_accounts", () => {
  it("returns the accounts of the key's scope with capabilities when present", async () => {
    const result = await call("list_accounts");
    expect(result.isError).toBeFalsy();
    const { accounts } = result.structuredContent as { accounts: Array<Record<string, unknown>> };
    expect(new Set(accounts.map((a) => a.platform))).toEqual(
      new Set(["tiktok", "instagram", "youtube", "pinterest", "linkedin", "facebook"]),
    );
    const paused = accounts.find((a) => a.id === SEED_ACCOUNT_IDS.instagramPaused);
    expect(paused?.status).toBe("paused");
    expect(accounts.some((a) => a.capabilities !== undefined)).toBe(true);
    expect(textOf(result)).toContain(SEED_ACCOUNT_IDS.tiktokByo);
    expect(rig.api.requests.at(-1)?.headers.authorization).toBe("[redacted]");
  });
});

describe("schedule_post", () => {
  it("creates a scheduled post and forwards the caller's fields unchanged", async () => {
    const args = videoPost();
    const result = await call("schedule_post", args);
    expect(result.isError).toBeFalsy();
    const created = result.structuredContent as Record<string, unknown>;
    expect(created).toMatchObject({ status: "scheduled", duplicate: false, external_id: "campaign-884" });
    expect(created.scheduled_at).toBe(args.scheduled_at);
    expect(typeof created.id).toBe("string");
    const writes = rig.api.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.body).toEqual(args);
    expect(textOf(result)).toContain(String(created.id));
  });

  it("returns the original post for a replay with the same external_id", async () => {
    // The same arguments twice (two videoPost() calls a second apart would differ in scheduled_at).
    const replayed = videoPost();
    const first = await call("schedule_post", replayed);
    const second = await call("schedule_post", replayed);
    expect(second.isError).toBeFalsy();
    expect(second.structuredContent).toMatchObject({
      id: (first.structuredContent as { id: string }).id,
      duplicate: true,
    });
    expect(textOf(second)).toContain("Nothing was posted twice");
    const listed = await call("list_posts", { status: "scheduled" });
    const ids = (listed.structuredContent as { posts: Array<{ id: string }> }).posts.map((p) => p.id);
    expect(ids.filter((id) => id === (first.structuredContent as { id: string }).id)).toHaveLength(1);
  });

  it("refuses the same external_id with other words, naming the 409 conflict", async () => {
    await call("schedule_post", videoPost());
    const conflict = await call("schedule_post", videoPost({ caption: "Completely different words" }));
    expect(conflict.isError).toBe(true);
    expect(textOf(conflict)).toMatch(/409 create_failed/);
    expect(textOf(conflict)).toMatch(/external_id/);
    expect(conflict.structuredContent).toMatchObject({
      ok: false,
      error: { status: 409, error_code: "create_failed" },
    });
  });

  it("generates an external_id when none is given and reports it", async () => {
    const { external_id: _omit, ...args } = videoPost();
    const result = await call("schedule_post", args);
    const { external_id } = result.structuredContent as { external_id: string };
    expect(external_id).toMatch(/^genviral-mcp-[0-9a-f-]{36}$/);
    expect(rig.api.writes()[0]?.body).toEqual({ ...args, external_id });
  });

  it("publishes now when scheduled_at is omitted", async () => {
    const { scheduled_at: _omit, ...args } = videoPost({ external_id: "now-1" });
    const result = await call("schedule_post", args);
    expect(result.structuredContent).toMatchObject({ status: "pending" });
  });

  it("accepts objects and arrays sent as JSON strings", async () => {
    const args = videoPost({ external_id: "stringly-1" });
    const result = await call("schedule_post", {
      ...args,
      media: JSON.stringify(args.media),
      accounts: JSON.stringify(args.accounts),
    });
    expect(result.isError).toBeFalsy();
    expect(rig.api.writes()[0]?.body).toEqual(args);
  });

  it("refuses malformed arguments with every problem listed and sends nothing", async () => {
    const result = await call("schedule_post", {
      caption: "",
      media: { type: "slideshow", urls: [] },
      accounts: [],
      scheduled_at: "next tuesday",
      colour: "red",
    });
    expect(result.isError).toBe(true);
    const { violations } = result.structuredContent as { violations: Array<{ field: string }> };
    expect(violations.map((v) => v.field).sort()).toEqual([
      "accounts",
      "caption",
      "colour",
      "media.urls",
      "scheduled_at",
    ]);
    expect(
      textOf(result)
        .split("\n")
        .filter((l) => l.startsWith("- ")),
    ).toHaveLength(5);
    expect(rig.api.requests).toHaveLength(0);
  });
});

describe("update_post", () => {
  it("edits a scheduled post", async () => {
    const created = await call("schedule_post", videoPost());
    const id = (created.structuredContent as { id: string }).id;
    const newTime = minutesFromNow(120);
    const result = await call("update_post", {
      post_id: id,
      caption: "Updated caption",
      scheduled_at: newTime,
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id, status: "scheduled", scheduled_at: newTime });
    const patch = rig.api.writes().at(-1);
    expect(patch?.method).toBe("PATCH");
    expect(patch?.path).toBe(`/posts/${id}`);
    expect(patch?.body).toEqual({ caption: "Updated caption", scheduled_at: newTime });
    const fetched = await call("get_post", { post_id: id });
    expect(fetched.structuredContent).toMatchObject({ caption: "Updated caption" });
  });

  it("refuses an update with nothing to change, without a request", async () => {
    const result = await call("update_post", { post_id: SEED_POST_IDS.draft });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/at least one of caption/);
    expect(rig.api.requests).toHaveLength(0);
  });

  it("refuses a post id that could escape the path", async () => {
    const result = await call("get_post", { post_id: "../accounts" });
    expect(result.isError).toBe(true);
    expect(rig.api.requests).toHaveLength(0);
  });
});

describe("list_posts and get_post", () => {
  it("lists posts with the summary and filters by status", async () => {
    const created = await call("schedule_post", videoPost());
    const id = (created.structuredContent as { id: string }).id;
    const all = await call("list_posts");
    const page = all.structuredContent as {
      summary: { total: number; by_status: Record<string, number> };
      posts: Array<{ id: string; status: string }>;
    };
    expect(page.posts.map((p) => p.id)).toContain(id);
    expect(page.summary.total).toBe(page.posts.length);
    expect(page.summary.by_status.scheduled).toBe(1);
    expect(textOf(all)).toContain(id);

    const failed = await call("list_posts", { status: "failed", limit: 5 });
    const failedPosts = (failed.structuredContent as { posts: Array<{ status: string }> }).posts;
    expect(failedPosts.length).toBeGreaterThan(0);
    expect(failedPosts.every((p) => p.status === "failed")).toBe(true);
    expect(rig.api.requests.at(-1)?.query).toEqual({ status: "failed", limit: "5" });
  });

  it("gets a post with its per-account states", async () => {
    const result = await call("get_post", { post_id: SEED_POST_IDS.failed });
    const post = result.structuredContent as {
      id: string;
      accounts: { states: Array<{ status: string; error_message: string | null }> };
    };
    expect(post.id).toBe(SEED_POST_IDS.failed);
    expect(post.accounts.states.some((s) => s.status === "failed" && s.error_message)).toBe(true);
    expect(textOf(result)).toContain("failed");
  });

  it("explains an unknown post id", async () => {
    const result = await call("get_post", { post_id: "00000000-0000-4000-8000-000000000000" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/404 not_found.*list_posts/);
  });
});

describe("delete_posts", () => {
  it("deletes what may be deleted and reports blocked and skipped ids", async () => {
    const created = await call("schedule_post", videoPost());
    const id = (created.structuredContent as { id: string }).id;
    const unknown = "00000000-0000-4000-8000-000000000001";
    const result = await call("delete_posts", { postIds: [id, SEED_POST_IDS.posted, unknown] });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      deletedIds: [id],
      blockedStatuses: [{ id: SEED_POST_IDS.posted, status: "posted" }],
      skipped: [unknown],
    });
    expect(textOf(result)).toMatch(/immutable/);
  });

  it("accepts the post_ids alias and refuses more than 50 ids locally", async () => {
    const alias = await call("delete_posts", { post_ids: [SEED_POST_IDS.draft] });
    expect(alias.structuredContent).toMatchObject({ deletedIds: [SEED_POST_IDS.draft] });
    rig.api.requests.length = 0;
    const tooMany = await call("delete_posts", { postIds: Array.from({ length: 51 }, (_, i) => `p${i}`) });
    expect(tooMany.isError).toBe(true);
    expect(tooMany.structuredContent).toMatchObject({
      violations: [{ field: "postIds", limit: 50, actual: 51 }],
    });
    expect(rig.api.requests).toHaveLength(0);
  });
});

describe("retry_posts", () => {
  it("re-queues failed posts and says why others were not", async () => {
    const result = await call("retry_posts", { post_ids: [SEED_POST_IDS.failed, SEED_POST_IDS.draft] });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      retried: 1,
      ids: [SEED_POST_IDS.failed],
      failed: [SEED_POST_IDS.draft],
    });
    expect(textOf(result)).toMatch(/Only failed or partial posts can be retried/);
    const after = await call("get_post", { post_id: SEED_POST_IDS.failed });
    expect(after.structuredContent).toMatchObject({ status: "retry" });
  });

  it("passes account_ids through", async () => {
    await call("retry_posts", {
      post_ids: [SEED_POST_IDS.partial],
      account_ids: [SEED_ACCOUNT_IDS.instagramByo],
    });
    expect(rig.api.writes().at(-1)?.body).toEqual({
      post_ids: [SEED_POST_IDS.partial],
      account_ids: [SEED_ACCOUNT_IDS.instagramByo],
    });
  });
});

describe("secrets", () => {
  it("never shows the API key", async () => {
    await call("list_accounts");
    await call("schedule_post", videoPost({ caption: `my key is ${TEST_KEY}` }));
    expect(rig.server.stderr()).not.toContain(TEST_KEY);
  });

  it("redacts the key where the API hands it back, in text and structuredContent", async () => {
    // The simulator stores the caption as sent, so list_posts returns the key inside a result.
    await call("schedule_post", videoPost({ caption: `echo ${TEST_KEY} echo` }));
    const result = await call("list_posts", { limit: 5 });
    const all = JSON.stringify(result);
    expect(all).not.toContain(TEST_KEY);
    expect(all).not.toContain(TEST_KEY.slice(TEST_KEY.lastIndexOf(".") + 1));
    expect(all).toContain("echo [redacted] echo");
  });
});
