// PostEverywhere: the mapping both ways, its rules through the shared pre-flight, and the config.
import { describe, expect, it } from "vitest";
import { parseCli } from "../../src/config.js";
import { capabilitiesFor, POSTEVERYWHERE_RULES } from "../../src/preflight/posteverywhere/index.js";
import {
  BACKEND_RULES,
  backendRulesOf,
  preflightCreate,
  preflightUpdate,
} from "../../src/preflight/preflight.js";
import {
  accountFromPe,
  createBody,
  MAPPING,
  platformContent,
  postFromPe,
} from "../../src/providers/posteverywhere/mapping.js";
import type { Account } from "../../src/schemas/api-data.js";
import type { CreatePostBody } from "../../src/schemas/post-input.js";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const peAccount = (id: number, platform: string): Account =>
  Object.assign(accountFromPe({ id: String(id), platform, username: platform }, capabilitiesFor(platform)), {
    [BACKEND_RULES]: POSTEVERYWHERE_RULES,
  });
const ACCOUNTS = [
  peAccount(1, "x"),
  peAccount(2, "youtube"),
  peAccount(3, "tiktok"),
  peAccount(4, "instagram"),
];
const body = (extra: Partial<CreatePostBody> = {}): CreatePostBody => ({
  caption: "hello",
  accounts: [{ id: "1" }],
  ...extra,
});

describe("mapping", () => {
  it("every platform_content key the README's table names is one the code writes", () => {
    const content = platformContent(
      {
        privacy_level: "SELF_ONLY",
        disable_comment: true,
        disable_duet: false,
        disable_stitch: true,
        description: "d",
      },
      {
        instagram: { contentType: "Story", altText: "a" },
        x: { content: "short", replySettings: "following" },
      },
    );
    expect(content).toEqual({
      tiktok: {
        content: "d",
        settings: { privacyLevel: "SELF_ONLY", allowComments: false, allowDuet: true, allowStitch: false },
      },
      instagram: { contentType: "Story", settings: { altText: "a" } },
      x: { content: "short", settings: { replySettings: "following" } },
    });
    const named = MAPPING.map((m) => m.posteverywhere).join(" ");
    for (const key of [
      "privacyLevel",
      "allowComments",
      "allowDuet",
      "allowStitch",
      "contentType",
      "platform_content.tiktok.content",
    ])
      expect(named).toContain(key);
  });

  it("create body: content, integer ids, UTC scheduled_for, no external_id", () => {
    const json = createBody(
      {
        ...body({ scheduled_at: "2026-06-01T14:00:00+02:00", accounts: [{ id: "2280" }] }),
        external_id: "e",
      } as CreatePostBody,
      ["m1"],
    );
    expect(json).toEqual({
      content: "hello",
      account_ids: [2280],
      scheduled_for: "2026-06-01T12:00:00.000Z",
      timezone: "UTC",
      media_ids: ["m1"],
    });
  });

  it("a stored post reads back in the tools' shape", () => {
    const post = postFromPe({
      id: "p",
      status: "partially_failed",
      content: "c",
      scheduled_for: null,
      media: [
        { id: "1", url: "https://c/1.jpg", type: "image" },
        { id: "2", url: "https://c/2.jpg", type: "image" },
      ],
      destinations: [{ account_id: "5", status: "published", published_url: "https://x/1" }],
      platform_content: { youtube: { settings: { title: "T" } } },
    });
    expect(post).toMatchObject({
      status: "partial",
      media: { type: "slideshow", urls: ["https://c/1.jpg", "https://c/2.jpg"] },
      settings: { youtube: { title: "T" } },
      accounts: { total: 1, states: [{ account_id: "5", status: "posted", published_url: "https://x/1" }] },
    });
  });
});

describe("pre-flight hook", () => {
  it("Genviral accounts carry no backend rules", () => {
    expect(backendRulesOf([{ id: "a", platform: "tiktok", type: "byo", status: "active" }])).toBeUndefined();
  });

  it("PostEverywhere limits and refusals apply through its accounts", () => {
    const codes = (b: CreatePostBody) => preflightCreate(b, ACCOUNTS, NOW).violations.map((v) => v.code);
    expect(codes(body({ caption: "x".repeat(281) }))).toEqual(["caption_too_long"]);
    expect(codes(body({ caption: "x".repeat(280) }))).toEqual([]);
    expect(
      codes(body({ accounts: [{ id: "2" }], media: { type: "video", url: "https://c/v.mp4" } })),
    ).toEqual(["youtube_title_required"]);
    // Genviral's rule (music only with TikTok) gives way to the plain refusal.
    expect(codes(body({ music_url: "https://www.tiktok.com/@a/video/1" }))).toEqual(["no_counterpart"]);
    // tiktok settings with a TikTok target among others are fine here (platform_content.tiktok).
    expect(
      codes(
        body({
          accounts: [{ id: "1" }, { id: "3" }],
          media: { type: "video", url: "https://c/v.mp4" },
          tiktok: { privacy_level: "SELF_ONLY" },
        }),
      ),
    ).toEqual([]);
  });

  it("update: only scheduled or draft posts, and only fields PATCH takes", () => {
    const stored = {
      id: "p",
      status: "failed",
      caption: "c",
      accounts: { total: 1, states: [{ account_id: "1", status: "failed" }] },
    };
    const result = preflightUpdate(stored, { settings: { x: { replySettings: "everyone" } } }, ACCOUNTS, NOW);
    expect(result.violations.map((v) => v.code)).toEqual(["post_not_editable", "update_no_counterpart"]);
    expect(result.violations[0]?.message).toMatch(/only draft or scheduled posts/);
  });
});

describe("config", () => {
  it("--provider posteverywhere reads POSTEVERYWHERE_* and GENVIRAL_PROVIDER works too", () => {
    const env = {
      POSTEVERYWHERE_API_KEY: "pe_live_k",
      GENVIRAL_API_KEY: "gva_k",
      POSTEVERYWHERE_API_URL: "http://127.0.0.1:9/api/v1/",
    };
    const run = parseCli(["--provider", "posteverywhere"], env);
    expect(run.kind === "run" && run.config).toMatchObject({
      provider: "posteverywhere",
      apiKey: "pe_live_k",
      apiUrl: "http://127.0.0.1:9/api/v1",
    });
    const byEnv = parseCli([], { ...env, GENVIRAL_PROVIDER: "posteverywhere" });
    expect(byEnv.kind === "run" && byEnv.config.provider).toBe("posteverywhere");
    const genviral = parseCli([], env);
    expect(genviral.kind === "run" && genviral.config).toMatchObject({
      provider: "genviral",
      apiKey: "gva_k",
    });
    expect(() => parseCli(["--provider", "buffer"], {})).toThrow(/genviral or posteverywhere/);
  });
});
