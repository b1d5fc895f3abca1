import { describe, expect, it } from "vitest";
import { captionLimitFor, measure, pinterestDescription } from "../../src/preflight/check-caption.js";
import { urlExtension } from "../../src/preflight/check-media.js";
import { isTiktokPostUrl } from "../../src/preflight/check-platform-objects.js";
import { checkScheduledAt } from "../../src/preflight/check-schedule.js";
import { preflightCreate } from "../../src/preflight/preflight.js";
import type { Account } from "../../src/schemas/api-data.js";
import { createPostBody } from "../../src/schemas/post-input.js";

const account = (platform: string, type = "byo", capabilities?: Record<string, unknown>): Account => ({
  id: "a",
  platform,
  type,
  status: "active",
  ...(capabilities ? { capabilities } : {}),
});

describe("urlExtension", () => {
  it.each([
    ["https://cdn.example.com/a/b/clip.MP4", "mp4"],
    ["https://cdn.example.com/clip.mov?sig=a.b.c#t=1", "mov"],
    ["https://cdn.example.com/img/123", undefined],
    ["https://cdn.example.com/", undefined],
    ["https://cdn.example.com", undefined],
    ["https://cdn.example.com/dir.v2/file", undefined],
    ["https://cdn.example.com/.env", undefined],
    ["https://drive.google.com/file/d/abc/view?usp=sharing", undefined],
  ])("%s → %s", (url, ext) => {
    expect(urlExtension(url)).toBe(ext);
  });
});

describe("captionLimitFor", () => {
  it("follows the table, the media kind and capabilities", () => {
    expect(captionLimitFor(account("tiktok", "hosted"), "video")).toEqual({ limit: 500, unit: "characters" });
    expect(captionLimitFor(account("tiktok"), "video").limit).toBe(2200);
    expect(captionLimitFor(account("tiktok"), "slideshow").limit).toBe(4000);
    expect(captionLimitFor(account("youtube"), "video")).toEqual({ limit: 5000, unit: "bytes" });
    expect(captionLimitFor(account("instagram", "byo", { caption_limit: 1000 }), "video").limit).toBe(1000);
  });

  it("measures UTF-16 units, or UTF-8 bytes", () => {
    expect(measure("😀", "characters")).toBe(2);
    expect(measure("é", "bytes")).toBe(2);
    expect(pinterestDescription("hi", ["a b", "c"]).length).toBe("hi".length + "a b".length + "c".length);
  });
});

describe("isTiktokPostUrl", () => {
  it.each([
    ["https://www.tiktok.com/@genviral/video/1234567890", true],
    ["https://m.tiktok.com/v/1234567890.html", true],
    ["https://vm.tiktok.com/ZMabc123/", true],
    ["https://www.tiktok.com/@genviral", false],
    ["https://tiktok.com.evil.example/@a/video/1", false],
    ["https://soundcloud.com/a/b", false],
  ])("%s → %s", (url, ok) => {
    expect(isTiktokPostUrl(url)).toBe(ok);
  });
});

describe("checkScheduledAt", () => {
  const now = Date.parse("2026-06-01T12:00:00Z");
  it.each([
    ["2026-06-01T12:00:30Z", []],
    ["2026-06-01T11:59:30Z", []],
    ["2026-06-01T12:02:00Z", []],
    ["2026-06-01T12:01:59Z", ["scheduled_at_too_soon"]],
    ["2026-06-01T11:59:29Z", ["scheduled_at_past"]],
    ["2026-06-01T14:00:00+02:00", []],
  ])("%s → %j", (at, codes) => {
    expect(checkScheduledAt(at, now).map((v) => v.code)).toEqual(codes);
  });
});

describe("accounts from GET /accounts", () => {
  it("accepts capabilities: null", async () => {
    const { accountsData } = await import("../../src/schemas/api-data.js");
    const parsed = accountsData.safeParse({
      accounts: [{ id: "a", platform: "tiktok", type: "byo", status: "active", capabilities: null }],
    });
    expect(parsed.success).toBe(true);
  });
});

describe("media formats by URL", () => {
  const tiktok: Account = { id: "t1", platform: "tiktok", type: "byo", status: "active" };
  const formatCodes = (media: Record<string, unknown>) =>
    preflightCreate(
      createPostBody.parse({ caption: "c", media, accounts: [{ id: "t1" }] }),
      [tiktok],
      Date.now(),
    ).violations.filter((v) => v.code === "image_format" || v.code === "video_format");

  it.each([
    "https://cdn.example.com/a.jpg",
    "https://cdn.example.com/a.JPG",
    "https://cdn.example.com/a.jpeg?w=1080",
    "https://cdn.example.com/a.png#frame",
    "https://cdn.example.com/a.PnG?x=.gif",
    "https://cdn.example.com/img/123",
  ])("slideshow image %s passes", (url) => {
    expect(formatCodes({ type: "slideshow", urls: [url] })).toEqual([]);
  });

  it.each([
    ["https://cdn.example.com/a.gif", "GIF"],
    ["https://cdn.example.com/a.jpg.webp", "WEBP"],
    ["https://cdn.example.com/a.GIF?v=a.jpg", "GIF"],
    ["https://cdn.example.com/a.mp4#x.png", "MP4"],
  ])("slideshow image %s is refused as %s", (url, actual) => {
    expect(formatCodes({ type: "slideshow", urls: [url] })).toMatchObject([
      { code: "image_format", field: "media.urls[0]", actual },
    ]);
  });

  it.each([
    ["https://cdn.example.com/v.MOV?sig=1", undefined],
    ["https://cdn.example.com/v.m4v", undefined],
    ["https://cdn.example.com/v.mkv", "MKV"],
  ])("video %s → %s", (url, actual) => {
    const found = formatCodes({ type: "video", url });
    if (actual === undefined) expect(found).toEqual([]);
    else expect(found).toMatchObject([{ code: "video_format", field: "media.url", actual }]);
  });
});
