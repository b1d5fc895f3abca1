// PostEverywhere specifics through the built server: the mapping as sent on the wire, pre-flight
// refusals of what it cannot carry, rate limits, creates that are never blindly repeated, --sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { spawnServer, textOf } from "../support/mcp.js";
import {
  PE_SEED_ACCOUNT_IDS as IDS,
  PE_SEED_POST_IDS,
  type PeRig,
  startPeRig,
} from "../support/posteverywhere.js";
import { minutesFromNow } from "../support/sandbox.js";

let rig: PeRig;
beforeAll(async () => {
  rig = await startPeRig({ env: { GENVIRAL_TIMEOUT_MS: "1000" } });
});
afterAll(async () => {
  await rig?.close();
});
beforeEach(() => rig.api.reset());

const call = (name: string, args?: Record<string, unknown>) => rig.server.call(name, args);
const posts = () => rig.api.requests.filter((r) => r.method === "POST" && r.path === "/posts");
let n = 0;
const post = (overrides: Record<string, unknown> = {}) => ({
  caption: "Launch day",
  media: { type: "video", url: "https://cdn.example.com/launch.mp4" },
  accounts: [{ id: String(IDS.tiktok) }],
  scheduled_at: minutesFromNow(60),
  external_id: `pe-e2e-${++n}`,
  ...overrides,
});

describe("mapping on the wire", () => {
  it("uploads media by URL, then sends content, integer account_ids, media_ids, scheduled_for and platform_content", async () => {
    const args = post({
      accounts: [{ id: String(IDS.tiktok) }, { id: String(IDS.instagram) }, { id: String(IDS.youtube) }],
      tiktok: { privacy_level: "SELF_ONLY", disable_comment: true, description: "TikTok words" },
      settings: {
        instagram: { contentType: "Reels", altText: "A launch" },
        youtube: { title: "Launch", privacyStatus: "unlisted" },
      },
    });
    const result = await call("schedule_post", args);
    expect(result.isError, textOf(result)).toBeFalsy();
    const uploads = rig.api.requests.filter((r) => r.path === "/media/upload-from-url");
    expect(uploads.map((r) => r.body)).toEqual([{ url: "https://cdn.example.com/launch.mp4" }]);
    const sent = posts()[0]?.body as Record<string, unknown>;
    expect(sent).toEqual({
      content: "Launch day",
      account_ids: [IDS.tiktok, IDS.instagram, IDS.youtube],
      scheduled_for: new Date(args.scheduled_at as string).toISOString(),
      timezone: "UTC",
      media_ids: [expect.any(String)],
      platform_content: {
        tiktok: { content: "TikTok words", settings: { privacyLevel: "SELF_ONLY", allowComments: false } },
        instagram: { contentType: "Reels", settings: { altText: "A launch" } },
        youtube: { settings: { title: "Launch", privacyStatus: "unlisted" } },
      },
    });
    expect(JSON.stringify(sent)).not.toContain("external_id");
    const id = (result.structuredContent as { id: string }).id;
    const got = await call("get_post", { post_id: id });
    expect(got.structuredContent).toMatchObject({
      media: { type: "video", url: "https://cdn.example.com/launch.mp4" },
      tiktok: { privacy_level: "SELF_ONLY", disable_comment: true, description: "TikTok words" },
    });
  });

  it("lists a paused (disconnected) account with its status, and pre-flight refuses it", async () => {
    const result = await call(
      "schedule_post",
      post({ accounts: [{ id: String(IDS.instagramDisconnected) }] }),
    );
    expect(result.structuredContent).toMatchObject({
      violations: [{ code: "inactive_account", actual: "disconnected" }],
    });
    expect(posts()).toHaveLength(0);
  });
});

describe("pre-flight: what PostEverywhere cannot carry is refused, not dropped", () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ["music_url", { music_url: "https://www.tiktok.com/@a/video/1" }, "no_counterpart", "music_url"],
    [
      "Pinterest tags",
      { accounts: [{ id: String(IDS.pinterest) }], pinterest: { tags: ["a"] } },
      "no_counterpart",
      "pinterest.tags",
    ],
    ["tiktok.title", { tiktok: { title: "T" } }, "no_counterpart", "tiktok.title"],
    [
      "MEDIA_UPLOAD",
      {
        media: { type: "slideshow", urls: ["https://cdn.example.com/1.jpg"] },
        tiktok: { post_mode: "MEDIA_UPLOAD" },
      },
      "no_counterpart",
      "tiktok.post_mode",
    ],
    [
      "an X caption over 280",
      { accounts: [{ id: String(IDS.x) }], caption: "x".repeat(281) },
      "caption_too_long",
      "caption",
    ],
    [
      "a Threads caption over 500",
      { accounts: [{ id: String(IDS.threads) }], caption: "x".repeat(501) },
      "caption_too_long",
      "caption",
    ],
    [
      "a Bluesky caption over 300",
      { accounts: [{ id: String(IDS.bluesky) }], caption: "x".repeat(301) },
      "caption_too_long",
      "caption",
    ],
    [
      "five images on X",
      {
        accounts: [{ id: String(IDS.x) }],
        media: { type: "slideshow", urls: [1, 2, 3, 4, 5].map((i) => `https://cdn.example.com/${i}.jpg`) },
      },
      "slides_count",
      "media.urls",
    ],
    [
      "YouTube without a title",
      { accounts: [{ id: String(IDS.youtube) }] },
      "youtube_title_required",
      "settings.youtube.title",
    ],
    [
      "Instagram Reels with images",
      {
        accounts: [{ id: String(IDS.instagram) }],
        media: { type: "slideshow", urls: ["https://cdn.example.com/1.jpg"] },
        settings: { instagram: { contentType: "Reels" } },
      },
      "instagram_content_type",
      "settings.instagram.contentType",
    ],
    [
      "an unknown settings key",
      { accounts: [{ id: String(IDS.x) }], settings: { x: { poll: true } } },
      "no_counterpart",
      "settings.x.poll",
    ],
    [
      "a bad enum value",
      { accounts: [{ id: String(IDS.linkedin) }], settings: { linkedin: { visibility: "FRIENDS" } } },
      "settings_value",
      "settings.linkedin.visibility",
    ],
  ];
  it.each(cases)("%s", async (_name, overrides, code, field) => {
    const result = await call("schedule_post", post(overrides));
    expect(result.isError).toBe(true);
    const { violations } = result.structuredContent as { violations: Array<{ code: string; field: string }> };
    expect(violations).toContainEqual(expect.objectContaining({ code, field }));
    expect(textOf(result)).toMatch(/Fix:/);
    expect(rig.api.writes()).toHaveLength(0);
  });

  it("a text-only post to X, Threads and Bluesky passes", async () => {
    const result = await call(
      "schedule_post",
      post({
        media: null,
        accounts: [{ id: String(IDS.x) }, { id: String(IDS.threads) }, { id: String(IDS.bluesky) }],
      }),
    );
    expect(result.isError, textOf(result)).toBeFalsy();
  });

  it("update_post refuses what PATCH cannot change and a post that is not scheduled or draft", async () => {
    const created = await call("schedule_post", post());
    const id = (created.structuredContent as { id: string }).id;
    const patch = await call("update_post", { post_id: id, tiktok: { privacy_level: "SELF_ONLY" } });
    expect(patch.structuredContent).toMatchObject({
      violations: [{ code: "update_no_counterpart", field: "tiktok" }],
    });
    const failed = await call("update_post", { post_id: PE_SEED_POST_IDS.failed, caption: "again" });
    expect(failed.structuredContent).toMatchObject({
      violations: [{ code: "post_not_editable", limit: "draft/scheduled" }],
    });
    expect(rig.api.requests.filter((r) => r.method === "PATCH")).toHaveLength(0);
  });
});

describe("creates are never repeated blindly", () => {
  it("an answer lost after the create: unknown outcome, one request, and the same external_id is not sent again", async () => {
    rig.api.addFault({ method: "POST", path: "/posts", passThrough: true, dropConnection: true });
    const args = post();
    const first = await call("schedule_post", args);
    expect(first.isError).toBe(true);
    expect(first.structuredContent).toMatchObject({ error: { write_may_have_happened: true } });
    expect(textOf(first)).toMatch(/list_posts/);
    const again = await call("schedule_post", args);
    expect(again.isError).toBe(true);
    expect(again.structuredContent).toMatchObject({
      error: { kind: "refused", error_code: "outcome_unknown" },
    });
    expect(posts()).toHaveLength(1);
  });

  it("a 429 proves nothing was made: retried when the wait is short", async () => {
    rig.api.addFault({ method: "POST", path: "/posts", status: 429, headers: { "retry-after": "1" } });
    const result = await call("schedule_post", post());
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(posts()).toHaveLength(2);
  });

  it("the same external_id with other content is refused locally", async () => {
    const args = post();
    await call("schedule_post", args);
    const other = await call("schedule_post", { ...args, caption: "Other words" });
    expect(other.structuredContent).toMatchObject({
      error: { kind: "refused", error_code: "external_id_conflict" },
    });
    expect(posts()).toHaveLength(1);
  });
});

describe("the simulator's rate limits", () => {
  it("answers X-RateLimit-* headers, and 429 with Retry-After past the per-minute create limit", async () => {
    const limited = await startPeRig({ rateLimits: { createsPerMinute: 2 } });
    try {
      for (let i = 0; i < 2; i++) {
        const ok = await limited.server.call(
          "schedule_post",
          post({ media: null, accounts: [{ id: String(IDS.x) }] }),
        );
        expect(ok.isError, textOf(ok)).toBeFalsy();
      }
      const third = await limited.server.call(
        "schedule_post",
        post({ media: null, accounts: [{ id: String(IDS.x) }] }),
      );
      expect(third.isError).toBe(true);
      expect(textOf(third)).toMatch(/429 rate_limited/);
      expect(third.structuredContent).toMatchObject({
        error: { status: 429, write_may_have_happened: false },
      });
      const response = await fetch(`${limited.api.url}/accounts`, {
        headers: { authorization: "Bearer pe_live_t3st-k3y-that-must-never-leak" },
      });
      expect(response.headers.get("x-ratelimit-limit")).toBe("60");
      expect(Number(response.headers.get("x-ratelimit-remaining"))).toBeLessThan(60);
      expect(Number(response.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    } finally {
      await limited.close();
    }
  });
});

describe("list_posts", () => {
  it("maps statuses both ways and refuses retry, which has no counterpart", async () => {
    const partial = await call("list_posts", { status: "partial" });
    expect(rig.api.requests.at(-1)?.query.status).toBe("partially_failed");
    expect((partial.structuredContent as { posts: Array<{ id: string; status: string }> }).posts).toEqual([
      expect.objectContaining({ id: PE_SEED_POST_IDS.partial, status: "partial" }),
    ]);
    const retry = await call("list_posts", { status: "retry" });
    expect(retry.isError).toBe(true);
    expect(textOf(retry)).toMatch(/no "retry" status/);
  });
});

it("--sandbox --provider posteverywhere runs every tool without a key", async () => {
  const server = await spawnServer({ args: ["--sandbox", "--provider", "posteverywhere"] });
  try {
    const accounts = await server.call("list_accounts");
    expect(accounts.isError, textOf(accounts)).toBeFalsy();
    expect(textOf(accounts)).toContain(String(IDS.bluesky));
    expect(server.stderr()).toMatch(/simulated PostEverywhere API/);
  } finally {
    await server.close();
  }
});

it("without POSTEVERYWHERE_API_KEY every call says how to set it", async () => {
  const server = await spawnServer({ args: ["--provider", "posteverywhere"] });
  try {
    const result = await server.call("list_posts", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/POSTEVERYWHERE_API_KEY is not set/);
  } finally {
    await server.close();
  }
});
