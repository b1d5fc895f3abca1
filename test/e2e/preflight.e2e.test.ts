// A case per documented rule, broken and at its boundary, through the built server's tools against
// the simulator. Broken: refused with the rule's code and limit, and no write reaches the API.
// Boundary: forwarded, and the simulator (which implements the API's rules on its own) accepts it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { textOf } from "../support/mcp.js";
import {
  SEED_ACCOUNT_IDS as A,
  minutesFromNow,
  SEED_POST_IDS as P,
  type Rig,
  startRig,
} from "../support/sandbox.js";

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});
beforeEach(() => rig.api.reset());

const x = (n: number) => "x".repeat(n);
const video = (url = "https://cdn.example.com/clip.mp4", extra: Record<string, unknown> = {}) => ({
  type: "video",
  url,
  duration_sec: 30,
  ...extra,
});
const slides = (n: number, ext = "jpg") => ({
  type: "slideshow",
  urls: Array.from({ length: n }, (_, i) => `https://cdn.example.com/slide-${i}.${ext}`),
});
const to = (...ids: string[]) => ids.map((id) => ({ id }));

/** A valid post for one TikTok BYO account; cases override what they test. */
function post(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caption: "Holiday drops",
    media: video(),
    accounts: to(A.tiktokByo),
    scheduled_at: minutesFromNow(60),
    ...overrides,
  };
}

interface Case {
  name: string;
  args: () => Record<string, unknown>;
  /** A violation code that must be reported, or "ok" for a boundary that must go through. */
  expect: string;
  /** Text the refusal must contain (the rule's limit or name). */
  mentions?: string;
}

const CREATE_CASES: Case[] = [
  // caption
  { name: "empty caption", args: () => post({ caption: "" }), expect: "too_short", mentions: "caption" },
  {
    name: "missing caption",
    args: () => post({ caption: undefined }),
    expect: "required",
    mentions: "caption",
  },
  {
    name: "hosted 501",
    args: () => post({ caption: x(501), accounts: to(A.tiktokHosted) }),
    expect: "caption_too_long",
    mentions: "500",
  },
  { name: "hosted 500", args: () => post({ caption: x(500), accounts: to(A.tiktokHosted) }), expect: "ok" },
  {
    name: "Instagram 2201",
    args: () => post({ caption: x(2201), accounts: to(A.instagramByo) }),
    expect: "caption_too_long",
    mentions: "2200",
  },
  {
    name: "Instagram 2200",
    args: () => post({ caption: x(2200), accounts: to(A.instagramByo) }),
    expect: "ok",
  },
  {
    name: "TikTok video 2201",
    args: () => post({ caption: x(2201) }),
    expect: "caption_too_long",
    mentions: "2200",
  },
  { name: "TikTok video 2200", args: () => post({ caption: x(2200) }), expect: "ok" },
  {
    name: "TikTok photo 4001",
    args: () => post({ caption: x(4001), media: slides(2) }),
    expect: "caption_too_long",
    mentions: "4000",
  },
  { name: "TikTok photo 4000", args: () => post({ caption: x(4000), media: slides(2) }), expect: "ok" },
  {
    name: "TikTok counts UTF-16 units",
    args: () => post({ caption: "😀".repeat(1101) }),
    expect: "caption_too_long",
    mentions: "2200",
  },
  {
    name: "LinkedIn 3001",
    args: () => post({ caption: x(3001), accounts: to(A.linkedinByo) }),
    expect: "caption_too_long",
    mentions: "3000",
  },
  {
    name: "LinkedIn 3000",
    args: () => post({ caption: x(3000), accounts: to(A.linkedinByo) }),
    expect: "ok",
  },
  {
    name: "Pinterest 801",
    args: () => post({ caption: x(801), accounts: to(A.pinterestByo) }),
    expect: "caption_too_long",
    mentions: "800",
  },
  {
    name: "Pinterest 800",
    args: () => post({ caption: x(800), accounts: to(A.pinterestByo) }),
    expect: "ok",
  },
  {
    name: "Pinterest tags count",
    args: () => post({ caption: x(791), accounts: to(A.pinterestByo), pinterest: { tags: ["abcdefghij"] } }),
    expect: "pinterest_description",
    mentions: "800",
  },
  {
    name: "Pinterest tags fit",
    args: () => post({ caption: x(788), accounts: to(A.pinterestByo), pinterest: { tags: ["abcdefghij"] } }),
    expect: "ok",
  },
  {
    name: "YouTube 5001 bytes",
    args: () => post({ caption: "é".repeat(2501), accounts: to(A.youtubeByo) }),
    expect: "caption_too_long",
    mentions: "5000",
  },
  {
    name: "YouTube 5000 bytes",
    args: () => post({ caption: "é".repeat(2500), accounts: to(A.youtubeByo) }),
    expect: "ok",
  },
  {
    name: "Facebook 63207",
    args: () => post({ caption: x(63207), accounts: to(A.facebookByo) }),
    expect: "too_long",
    mentions: "63206",
  },
  {
    name: "Facebook 63206",
    args: () => post({ caption: x(63206), accounts: to(A.facebookByo) }),
    expect: "ok",
  },
  {
    name: "strictest target wins",
    args: () => post({ caption: x(501), accounts: to(A.tiktokHosted, A.facebookByo) }),
    expect: "caption_too_long",
    mentions: "500",
  },
  // accounts
  { name: "no accounts", args: () => post({ accounts: [] }), expect: "too_short", mentions: "accounts" },
  {
    name: "11 accounts",
    args: () => post({ accounts: to(...Array.from({ length: 11 }, (_, i) => `acc-${i}`)) }),
    expect: "too_long",
    mentions: "10",
  },
  {
    name: "unknown account",
    args: () => post({ accounts: to("11111111-2222-4333-8444-555555555555") }),
    expect: "unknown_account",
    mentions: "list_accounts",
  },
  {
    name: "paused account",
    args: () => post({ accounts: to(A.instagramPaused) }),
    expect: "inactive_account",
    mentions: "paused",
  },
  {
    name: "six platforms at once",
    args: () =>
      post({
        caption: x(400),
        media: video(),
        accounts: to(A.tiktokByo, A.instagramByo, A.youtubeByo, A.pinterestByo, A.linkedinByo, A.facebookByo),
      }),
    expect: "ok",
  },
  // media
  { name: "36 slides", args: () => post({ media: slides(36) }), expect: "too_long", mentions: "35" },
  { name: "35 slides", args: () => post({ media: slides(35) }), expect: "ok" },
  { name: "0 slides", args: () => post({ media: slides(0) }), expect: "too_short", mentions: "1" },
  {
    name: "ftp URL",
    args: () => post({ media: video("ftp://cdn.example.com/a.mp4") }),
    expect: "bad_format",
    mentions: "http",
  },
  {
    name: "unknown media type",
    args: () => post({ media: { type: "gif", url: "https://cdn.example.com/a.gif" } }),
    expect: "wrong_shape",
    mentions: "slideshow",
  },
  {
    name: "WEBM video",
    args: () => post({ media: video("https://cdn.example.com/a.webm") }),
    expect: "video_format",
    mentions: "MP4/MOV/M4V/AVI",
  },
  {
    name: "MOV video",
    args: () => post({ media: video("https://cdn.example.com/a.MOV?sig=1") }),
    expect: "ok",
  },
  {
    name: "GIF slide",
    args: () =>
      post({
        media: {
          type: "slideshow",
          urls: ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.gif"],
        },
      }),
    expect: "image_format",
    mentions: "JPG/JPEG/PNG",
  },
  {
    name: "slide without extension",
    args: () => post({ media: { type: "slideshow", urls: ["https://cdn.example.com/img/123"] } }),
    expect: "ok",
  },
  {
    name: "Instagram carousel 11",
    args: () => post({ media: slides(11), accounts: to(A.instagramByo) }),
    expect: "instagram_carousel",
    mentions: "10",
  },
  {
    name: "Instagram carousel 10",
    args: () => post({ media: slides(10), accounts: to(A.instagramByo) }),
    expect: "ok",
  },
  {
    name: "LinkedIn 21 images",
    args: () => post({ media: slides(21), accounts: to(A.linkedinByo) }),
    expect: "slides_count",
    mentions: "20",
  },
  {
    name: "LinkedIn 20 images",
    args: () => post({ media: slides(20), accounts: to(A.linkedinByo) }),
    expect: "ok",
  },
  {
    name: "text-only to TikTok",
    args: () => post({ media: undefined }),
    expect: "text_only",
    mentions: "text",
  },
  {
    name: "text-only (null) to Instagram",
    args: () => post({ media: null, accounts: to(A.instagramByo) }),
    expect: "text_only",
    mentions: "text",
  },
  {
    name: "text-only to LinkedIn + Facebook",
    args: () => post({ media: null, accounts: to(A.linkedinByo, A.facebookByo) }),
    expect: "ok",
  },
  {
    name: "slideshow to YouTube",
    args: () => post({ media: slides(2), accounts: to(A.youtubeByo) }),
    expect: "content_kind",
    mentions: "slideshow",
  },
  {
    name: "video 61 s",
    args: () => post({ media: video(undefined, { duration_sec: 61 }) }),
    expect: "video_duration",
    mentions: "15–60",
  },
  {
    name: "video 14 s",
    args: () => post({ media: video(undefined, { duration_sec: 14 }) }),
    expect: "video_duration",
    mentions: "15–60",
  },
  { name: "video 60 s", args: () => post({ media: video(undefined, { duration_sec: 60 }) }), expect: "ok" },
  { name: "video 15 s", args: () => post({ media: video(undefined, { duration_sec: 15 }) }), expect: "ok" },
  // music
  {
    name: "music not a TikTok post",
    args: () => post({ music_url: "https://soundcloud.com/x/y" }),
    expect: "music_url_format",
    mentions: "TikTok",
  },
  {
    name: "music to Instagram too",
    args: () =>
      post({
        music_url: "https://www.tiktok.com/@genviral/video/1234567890",
        accounts: to(A.tiktokByo, A.instagramByo),
      }),
    expect: "music_tiktok_only",
    mentions: "Instagram",
  },
  {
    name: "music to TikTok only",
    args: () =>
      post({
        music_url: "https://www.tiktok.com/@genviral/video/1234567890",
        accounts: to(A.tiktokByo, A.tiktokHosted),
      }),
    expect: "ok",
  },
  // tiktok
  {
    name: "tiktok settings to Instagram",
    args: () => post({ tiktok: { privacy_level: "SELF_ONLY" }, accounts: to(A.tiktokByo, A.instagramByo) }),
    expect: "tiktok_targets",
    mentions: "BYO",
  },
  {
    name: "tiktok settings to hosted TikTok",
    args: () => post({ tiktok: { privacy_level: "SELF_ONLY" }, accounts: to(A.tiktokHosted) }),
    expect: "tiktok_targets",
    mentions: "BYO",
  },
  {
    name: "tiktok privacy enum",
    args: () => post({ tiktok: { privacy_level: "EVERYONE" } }),
    expect: "not_allowed",
    mentions: "PUBLIC_TO_EVERYONE",
  },
  {
    name: "tiktok post_mode enum",
    args: () => post({ tiktok: { post_mode: "DRAFT" } }),
    expect: "not_allowed",
    mentions: "MEDIA_UPLOAD",
  },
  {
    name: "tiktok title 151",
    args: () => post({ tiktok: { title: x(151) } }),
    expect: "too_long",
    mentions: "150",
  },
  { name: "tiktok title 150", args: () => post({ tiktok: { title: x(150) } }), expect: "ok" },
  {
    name: "tiktok photo title 91",
    args: () => post({ media: slides(2), tiktok: { title: x(91) } }),
    expect: "tiktok_title",
    mentions: "90",
  },
  {
    name: "tiktok video description 2201",
    args: () => post({ tiktok: { description: x(2201) } }),
    expect: "tiktok_description",
    mentions: "2200",
  },
  {
    name: "tiktok video description 2200",
    args: () => post({ tiktok: { description: x(2200) } }),
    expect: "ok",
  },
  {
    name: "tiktok photo description 4001",
    args: () => post({ media: slides(2), tiktok: { description: x(4001) } }),
    expect: "too_long",
    mentions: "4000",
  },
  {
    name: "tiktok photo description 4000",
    args: () => post({ media: slides(2), tiktok: { description: x(4000) } }),
    expect: "ok",
  },
  {
    name: "MEDIA_UPLOAD with a video",
    args: () => post({ tiktok: { post_mode: "MEDIA_UPLOAD" } }),
    expect: "tiktok_media_upload",
    mentions: "slideshow",
  },
  {
    name: "MEDIA_UPLOAD with a slideshow",
    args: () => post({ media: slides(3), tiktok: { post_mode: "MEDIA_UPLOAD", privacy_level: "SELF_ONLY" } }),
    expect: "ok",
  },
  {
    name: "cover timestamp on a slideshow",
    args: () => post({ media: slides(3), tiktok: { video_cover_timestamp_ms: 1000 } }),
    expect: "tiktok_cover",
    mentions: "DIRECT_POST",
  },
  {
    name: "cover timestamp on a video DIRECT_POST",
    args: () => post({ tiktok: { post_mode: "DIRECT_POST", video_cover_timestamp_ms: 1000 } }),
    expect: "ok",
  },
  // pinterest
  {
    name: "pinterest without a Pinterest target",
    args: () => post({ pinterest: { title: "t" } }),
    expect: "pinterest_targets",
    mentions: "Pinterest",
  },
  {
    name: "pinterest board_id 129",
    args: () => post({ accounts: to(A.pinterestByo), pinterest: { board_id: x(129) } }),
    expect: "too_long",
    mentions: "128",
  },
  {
    name: "pinterest board_id 128",
    args: () => post({ accounts: to(A.pinterestByo), pinterest: { board_id: x(128) } }),
    expect: "ok",
  },
  {
    name: "pinterest title 101",
    args: () => post({ accounts: to(A.pinterestByo), pinterest: { title: x(101) } }),
    expect: "too_long",
    mentions: "100",
  },
  {
    name: "pinterest title 100",
    args: () => post({ accounts: to(A.pinterestByo), pinterest: { title: x(100) } }),
    expect: "ok",
  },
  {
    name: "pinterest link not a URL",
    args: () => post({ accounts: to(A.pinterestByo), pinterest: { link: "example.com/recipes" } }),
    expect: "bad_format",
    mentions: "http",
  },
  {
    name: "pinterest link 2049",
    args: () => post({ accounts: to(A.pinterestByo), pinterest: { link: `https://e.com/${x(2035)}` } }),
    expect: "too_long",
    mentions: "2048",
  },
  {
    name: "pinterest 31 tags",
    args: () =>
      post({
        accounts: to(A.pinterestByo),
        pinterest: { tags: Array.from({ length: 31 }, (_, i) => `t${i}`) },
      }),
    expect: "too_long",
    mentions: "30",
  },
  {
    name: "pinterest 30 tags",
    args: () =>
      post({
        accounts: to(A.pinterestByo),
        pinterest: { tags: Array.from({ length: 30 }, (_, i) => `t${i}`) },
      }),
    expect: "ok",
  },
  {
    name: "pinterest empty tag",
    args: () => post({ accounts: to(A.pinterestByo), pinterest: { tags: [""] } }),
    expect: "too_short",
    mentions: "1",
  },
  {
    name: "pinterest tag 101",
    args: () => post({ accounts: to(A.pinterestByo), pinterest: { tags: [x(101)] } }),
    expect: "too_long",
    mentions: "100",
  },
  {
    name: "tiktok and pinterest together",
    args: () => post({ accounts: to(A.tiktokByo, A.pinterestByo), tiktok: {}, pinterest: {} }),
    expect: "platform_objects_exclusive",
    mentions: "pinterest",
  },
  // settings
  {
    name: "settings.tiktok",
    args: () => post({ settings: { tiktok: { privacy_level: "SELF_ONLY" } } }),
    expect: "settings_provider",
    mentions: "top-level",
  },
  {
    name: "settings.threads",
    args: () => post({ settings: { threads: {} } }),
    expect: "unknown_field",
    mentions: "threads",
  },
  {
    name: "settings.youtube without YouTube",
    args: () => post({ settings: { youtube: { title: "T" } } }),
    expect: "settings_untargeted",
    mentions: "YouTube",
  },
  {
    name: "settings.x never targetable",
    args: () => post({ settings: { x: {} } }),
    expect: "settings_untargeted",
    mentions: "x",
  },
  {
    name: "youtube title 101",
    args: () => post({ accounts: to(A.youtubeByo), settings: { youtube: { title: x(101) } } }),
    expect: "too_long",
    mentions: "100",
  },
  {
    name: "youtube title 100",
    args: () =>
      post({ accounts: to(A.youtubeByo), settings: { youtube: { title: x(100), type: "public" } } }),
    expect: "ok",
  },
  // scheduled_at
  {
    name: "scheduled_at without offset",
    args: () => post({ scheduled_at: "2030-01-01T10:00:00" }),
    expect: "bad_format",
    mentions: "ISO 8601",
  },
  {
    name: "scheduled_at in the past",
    args: () => post({ scheduled_at: minutesFromNow(-10) }),
    expect: "scheduled_at_past",
    mentions: "past",
  },
  {
    name: "scheduled_at 60 s ahead",
    args: () => post({ scheduled_at: minutesFromNow(1) }),
    expect: "scheduled_at_too_soon",
    mentions: "2 minutes",
  },
  {
    name: "scheduled_at within 30 s = now",
    args: () => post({ scheduled_at: minutesFromNow(0) }),
    expect: "ok",
  },
  {
    name: "scheduled_at 2.5 min ahead",
    args: () => post({ scheduled_at: minutesFromNow(2.5) }),
    expect: "ok",
  },
  {
    name: "scheduled_at with an offset",
    args: () =>
      post({ scheduled_at: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+00:00") }),
    expect: "ok",
  },
  {
    name: "scheduled_at with a ±hhmm offset and no seconds",
    args: () => post({ scheduled_at: minutesFromNow(90).replace(/:\d{2}Z$/, "+0000") }),
    expect: "ok",
  },
  {
    name: "scheduled_at an impossible date",
    args: () => post({ scheduled_at: "2030-02-30T10:00:00Z" }),
    expect: "bad_format",
    mentions: "ISO 8601",
  },
  // external_id
  { name: "external_id 129", args: () => post({ external_id: x(129) }), expect: "too_long", mentions: "128" },
  { name: "external_id 128", args: () => post({ external_id: x(128) }), expect: "ok" },
  {
    name: "unknown top-level field",
    args: () => post({ facebook: {} }),
    expect: "unknown_field",
    mentions: "facebook",
  },
];

async function expectRefused(
  result: Awaited<ReturnType<Rig["server"]["call"]>>,
  code: string,
  mentions?: string,
) {
  expect(result.isError, textOf(result)).toBe(true);
  const { violations } = result.structuredContent as { violations: Array<{ code: string }> };
  expect(violations.map((v) => v.code)).toContain(code);
  if (mentions) expect(textOf(result)).toContain(mentions);
  expect(rig.api.writes()).toHaveLength(0);
}

describe("schedule_post pre-flight", () => {
  it.each(CREATE_CASES)("$name → $expect", async ({ args, expect: expected, mentions }) => {
    const result = await rig.server.call("schedule_post", args());
    if (expected === "ok") {
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(rig.api.writes()).toHaveLength(1);
    } else {
      await expectRefused(result, expected, mentions);
    }
  });

  it("reports every violation at once, one line each", async () => {
    const result = await rig.server.call(
      "schedule_post",
      post({
        caption: x(2300),
        accounts: to(A.instagramByo),
        media: slides(12, "webp"),
        music_url: "https://www.tiktok.com/@a/video/1",
        scheduled_at: minutesFromNow(-5),
      }),
    );
    const codes = (result.structuredContent as { violations: Array<{ code: string }> }).violations.map(
      (v) => v.code,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        "caption_too_long",
        "image_format",
        "instagram_carousel",
        "music_tiktok_only",
        "scheduled_at_past",
      ]),
    );
    expect(
      textOf(result)
        .split("\n")
        .filter((l) => l.startsWith("- ")).length,
    ).toBe(codes.length);
    expect(rig.api.writes()).toHaveLength(0);
  });
});

describe("update_post pre-flight", () => {
  async function scheduled(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await rig.server.call("schedule_post", post(overrides));
    expect(created.isError, textOf(created)).toBeFalsy();
    rig.api.requests.length = 0;
    return (created.structuredContent as { id: string }).id;
  }

  it("refuses a posted post", async () => {
    await expectRefused(
      await rig.server.call("update_post", { post_id: P.posted, caption: "x" }),
      "post_not_editable",
      "posted",
    );
  });

  it("refuses a changed external_id", async () => {
    const id = await scheduled({ external_id: "keep-me" });
    await expectRefused(
      await rig.server.call("update_post", { post_id: id, external_id: "other" }),
      "external_id_immutable",
      "keep-me",
    );
  });

  it("re-checks everything against new accounts", async () => {
    const id = await scheduled({ tiktok: { privacy_level: "SELF_ONLY" }, caption: x(2100) });
    const result = await rig.server.call("update_post", { post_id: id, accounts: to(A.tiktokHosted) });
    await expectRefused(result, "tiktok_targets");
    expect(
      (result.structuredContent as { violations: Array<{ code: string }> }).violations.map((v) => v.code),
    ).toContain("caption_too_long");
  });

  it("checks a new caption against the stored targets", async () => {
    const id = await scheduled({ accounts: to(A.instagramByo), media: slides(2) });
    await expectRefused(
      await rig.server.call("update_post", { post_id: id, caption: x(2201) }),
      "caption_too_long",
      "2200",
    );
  });

  it("refuses clearing media when a target needs it", async () => {
    const id = await scheduled();
    await expectRefused(await rig.server.call("update_post", { post_id: id, media: null }), "text_only");
  });

  it("refuses a new time less than 2 minutes ahead", async () => {
    const id = await scheduled();
    await expectRefused(
      await rig.server.call("update_post", { post_id: id, scheduled_at: minutesFromNow(1) }),
      "scheduled_at_too_soon",
    );
  });

  it("lets a valid patch through: same external_id, new targets, publish now", async () => {
    const id = await scheduled({ external_id: "same-id" });
    const result = await rig.server.call("update_post", {
      post_id: id,
      external_id: "same-id",
      accounts: to(A.tiktokByo, A.youtubeByo),
      scheduled_at: null,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "pending" });
    expect(rig.api.writes()).toHaveLength(1);
  });
});

describe("validate_post", () => {
  it("answers ok without writing", async () => {
    const result = await rig.server.call("validate_post", post());
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ ok: true, violations: [] });
    expect(rig.api.writes()).toHaveLength(0);
  });

  it("lists violations and warnings without writing", async () => {
    const result = await rig.server.call(
      "validate_post",
      post({ caption: x(2201), media: { type: "video", url: "https://cdn.example.com/a.mp4" } }),
    );
    expect(result.structuredContent).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ code: "caption_too_long", limit: 2200, actual: 2201 })],
      warnings: [expect.objectContaining({ code: "VIDEO_DURATION_MISSING" })],
    });
    expect(textOf(result)).toMatch(/Would be refused/);
    expect(rig.api.writes()).toHaveLength(0);
  });

  it("validates a patch against the stored post", async () => {
    const result = await rig.server.call("validate_post", { post_id: P.posted, caption: "new" });
    expect(result.structuredContent).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ code: "post_not_editable" })],
    });
    expect(rig.api.writes()).toHaveLength(0);
  });

  it("names missing required fields in create mode", async () => {
    const result = await rig.server.call("validate_post", { caption: "hi" });
    expect(result.structuredContent).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ code: "required", field: "accounts" })],
    });
  });
});

describe("list_posts pre-flight", () => {
  it.each([
    [{ since: "yesterday" }, "bad_format", "ISO 8601"],
    [{ until: "2026-13-45" }, "bad_format", "ISO 8601"],
    [{ status: "deleted" }, "not_allowed", "scheduled"],
    [{ limit: 2.5 }, "wrong_type", "limit"],
  ])("%j → %s", async (args, code, mentions) => {
    await expectRefused(await rig.server.call("list_posts", args), code, mentions);
    expect(rig.api.requests).toHaveLength(0);
  });

  it.each([
    [500, 100],
    [0, 1],
  ])("limit %i is clamped to %i and the result says so", async (limit, applied) => {
    const result = await rig.server.call("list_posts", { limit });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { notes: string[] }).notes[0]).toContain(`used ${applied}`);
    expect(textOf(result)).toContain(`used ${applied}`);
  });

  it("accepts plain dates", async () => {
    const result = await rig.server.call("list_posts", { since: "2026-01-01", until: "2030-01-01" });
    expect(result.isError, textOf(result)).toBeFalsy();
  });
});

describe("accounts cache", () => {
  it("reads GET /accounts once for several posts, and refreshes once for an unknown id", async () => {
    await rig.server.call("list_accounts");
    rig.api.requests.length = 0;
    await rig.server.call("schedule_post", post());
    await rig.server.call("schedule_post", post({ caption: "second" }));
    expect(rig.api.requests.filter((r) => r.path === "/accounts")).toHaveLength(0);
    await rig.server.call("schedule_post", post({ accounts: to("99999999-2222-4333-8444-555555555555") }));
    expect(rig.api.requests.filter((r) => r.path === "/accounts")).toHaveLength(1);
  });
});

describe("when GET /accounts cannot be read", () => {
  it("goes on with the rules that need no accounts, says which were not checked, and the API decides", async () => {
    const fresh = await startRig();
    try {
      fresh.api.addFault({ method: "GET", path: "/accounts", status: 503, times: 20 });
      const result = await fresh.server.call("schedule_post", post({ external_id: "no-accounts-1" }));
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({
        warnings: expect.arrayContaining([expect.objectContaining({ code: "accounts_unverified" })]),
      });
      expect(fresh.api.writes()).toHaveLength(1);

      const refused = await fresh.server.call("schedule_post", post({ scheduled_at: minutesFromNow(-10) }));
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain("scheduled_at_past");
      expect(fresh.api.writes()).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it("stops on a refused key: the write would fail the same way", async () => {
    const fresh = await startRig();
    try {
      fresh.api.addFault({
        method: "GET",
        path: "/accounts",
        status: 401,
        errorCode: "invalid_token",
        times: 5,
      });
      const result = await fresh.server.call("schedule_post", post());
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/401.*GENVIRAL_API_KEY/s);
      expect(fresh.api.writes()).toHaveLength(0);
    } finally {
      await fresh.close();
    }
  });
});
