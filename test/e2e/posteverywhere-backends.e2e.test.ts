// The same scenarios, through the built server over stdio, on both backends: Genviral's simulator
// and PostEverywhere's. What differs by design (create retries, duplicate detection) is asserted
// per backend; everything else must read the same to the agent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { textOf } from "../support/mcp.js";
import { BACKENDS, type BackendUnderTest } from "../support/posteverywhere.js";
import { minutesFromNow } from "../support/sandbox.js";

type Started = Awaited<ReturnType<BackendUnderTest["start"]>>;

describe.each(BACKENDS)("$name backend", (backend) => {
  let rig: Started;
  beforeAll(async () => {
    rig = await backend.start();
  });
  afterAll(async () => {
    await rig?.close();
  });
  beforeEach(() => rig.reset());

  const call = (name: string, args?: Record<string, unknown>) => rig.server.call(name, args);
  const creates = () => rig.requests.filter((r) => r.method === "POST" && r.path === backend.createPath);
  // A fresh external_id per post: PostEverywhere's process remembers each one for its lifetime.
  let serial = 0;
  const videoPost = (overrides: Record<string, unknown> = {}) => ({
    caption: "Holiday drops start Monday!",
    media: { type: "video", url: "https://cdn.example.com/holidays.mp4", duration_sec: 30 },
    accounts: [{ id: backend.accounts.video }],
    scheduled_at: minutesFromNow(60),
    external_id: `campaign-${backend.name}-${++serial}`,
    ...overrides,
  });

  it("list_accounts: string ids with platform, type and status", async () => {
    const result = await call("list_accounts");
    expect(result.isError).toBeFalsy();
    const { accounts } = result.structuredContent as { accounts: Array<Record<string, unknown>> };
    const video = accounts.find((a) => a.id === backend.accounts.video);
    expect(video).toMatchObject({ platform: "tiktok", type: "byo", status: "active" });
    for (const a of accounts) expect(typeof a.id).toBe("string");
    expect(textOf(result)).toContain(backend.accounts.video);
  });

  it("schedule → list → get → update → delete", async () => {
    const args = videoPost();
    const created = await call("schedule_post", args);
    expect(created.isError, textOf(created)).toBeFalsy();
    const post = created.structuredContent as { id: string; status: string; scheduled_at: string };
    expect(post.status).toBe("scheduled");
    expect(Date.parse(post.scheduled_at)).toBe(Date.parse(args.scheduled_at));

    const listed = await call("list_posts", { status: "scheduled" });
    const ids = (listed.structuredContent as { posts: Array<{ id: string }> }).posts.map((p) => p.id);
    expect(ids).toContain(post.id);

    const got = await call("get_post", { post_id: post.id });
    expect(got.structuredContent).toMatchObject({ id: post.id, caption: args.caption, status: "scheduled" });
    const states = (got.structuredContent as { accounts: { states: Array<{ account_id: string }> } }).accounts
      .states;
    expect(states.map((s) => s.account_id)).toEqual([backend.accounts.video]);

    const later = minutesFromNow(120);
    const updated = await call("update_post", {
      post_id: post.id,
      caption: "New words",
      scheduled_at: later,
    });
    expect(updated.isError, textOf(updated)).toBeFalsy();
    const again = await call("get_post", { post_id: post.id });
    expect(again.structuredContent).toMatchObject({ caption: "New words" });
    expect(Date.parse((again.structuredContent as { scheduled_at: string }).scheduled_at)).toBe(
      Date.parse(later),
    );

    const deleted = await call("delete_posts", { postIds: [post.id, backend.posts.published] });
    expect(deleted.structuredContent).toMatchObject({
      deletedIds: [post.id],
      blockedStatuses: [{ id: backend.posts.published, status: "posted" }],
    });
    const gone = await call("get_post", { post_id: post.id });
    expect(gone.isError).toBe(true);
    expect(textOf(gone)).toMatch(/404 not_found/);
  });

  it("a repeat with the same external_id returns the original post, posted once", async () => {
    const args = videoPost();
    const first = await call("schedule_post", args);
    const second = await call("schedule_post", args);
    expect(second.structuredContent).toMatchObject({
      id: (first.structuredContent as { id: string }).id,
      duplicate: true,
    });
    const madeOnServer = rig.requests.filter(
      (r) => r.method === "POST" && r.path === "/posts" && r.status === 201,
    );
    expect(madeOnServer.length).toBeLessThanOrEqual(backend.name === "genviral" ? 2 : 1);
    const listed = await call("list_posts", { limit: 100 });
    const ids = (listed.structuredContent as { posts: Array<{ id: string }> }).posts.map((p) => p.id);
    expect(ids.filter((id) => id === (first.structuredContent as { id: string }).id)).toHaveLength(1);
  });

  it("retry_posts re-queues a failed post and says why another was not", async () => {
    const result = await call("retry_posts", { post_ids: [backend.posts.failed, backend.posts.draft] });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      retried: 1,
      ids: [backend.posts.failed],
      failed: [backend.posts.draft],
    });
  });

  it("pre-flight refuses a caption too long for the target, sending nothing", async () => {
    rig.requests.length = 0;
    const result = await call("schedule_post", videoPost({ caption: "x".repeat(2201) }));
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({
      ok: false,
      violations: [{ code: "caption_too_long", limit: 2200 }],
    });
    expect(creates()).toHaveLength(0);
  });

  describe("API failures become actionable messages", () => {
    it("404 on an unknown post", async () => {
      const result = await call("get_post", { post_id: "00000000-0000-4000-8000-000000000000" });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/404 not_found/);
      expect(textOf(result)).toMatch(/list_posts/);
    });

    it("422 from the API on a create passes its message through, nothing retried", async () => {
      rig.addFault({
        method: "POST",
        path: "/posts",
        status: 422,
        errorCode: backend.name === "genviral" ? "invalid_payload" : "validation_error",
      });
      const result = await call("schedule_post", videoPost());
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toMatchObject({
        ok: false,
        error: { status: 422, write_may_have_happened: false },
      });
      expect(creates()).toHaveLength(1);
    });

    it("429 with a long Retry-After is reported with the wait, not slept through", async () => {
      rig.addFault({
        method: "GET",
        path: "/posts",
        status: 429,
        errorCode: "rate_limited",
        headers: { "retry-after": "30" },
      });
      const result = await call("list_posts", {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/429 rate_limited/);
      expect(result.structuredContent).toMatchObject({ error: { status: 429, retry_after_seconds: 30 } });
    });

    it("500 on a create: retried where safe (Genviral), reported as unknown outcome where not", async () => {
      rig.addFault({ method: "POST", path: "/posts", status: 500, times: 1 });
      const result = await call("schedule_post", videoPost());
      if (backend.name === "genviral") {
        expect(result.isError, textOf(result)).toBeFalsy();
        expect(creates()).toHaveLength(2);
      } else {
        expect(result.isError).toBe(true);
        expect(result.structuredContent).toMatchObject({
          error: { status: 500, write_may_have_happened: true },
        });
        expect(textOf(result)).toMatch(/outcome is unknown/);
        expect(textOf(result)).toMatch(/list_posts/);
        expect(creates()).toHaveLength(1);
      }
    });
  });

  it("401 for a wrong key names the variable to fix", async () => {
    const wrong = await backend.start({ key: "wrong-key-value" });
    try {
      const result = await wrong.server.call("list_accounts");
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/401/);
      expect(textOf(result)).toContain(backend.keyVar);
      expect(textOf(result)).not.toContain("wrong-key-value");
    } finally {
      await wrong.close();
    }
  });
});
