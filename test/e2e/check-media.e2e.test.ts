// Opt-in media inspection through the built server: real small files, made here, served from a
// local HTTP server; validate_post check_media and --check-media on schedule_post.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/mcp.js";
import { fromBytes, gifFile, mp4File, pngFile } from "../support/media-files.js";
import { type MediaServer, startMediaServer } from "../support/media-server.js";
import { SEED_ACCOUNT_IDS as A, type Rig, startRig } from "../support/sandbox.js";

let media: MediaServer;
let rig: Rig;
beforeAll(async () => {
  media = await startMediaServer({
    "/good.mp4": { file: mp4File({ durationSec: 30, width: 1080, height: 1920 }), contentType: "video/mp4" },
    "/long.mp4": { file: mp4File({ durationSec: 75, width: 1080, height: 1920 }), contentType: "video/mp4" },
    "/wide.mp4": { file: mp4File({ durationSec: 20, width: 1920, height: 1080 }), contentType: "video/mp4" },
    "/slide.png": { file: fromBytes(pngFile(1080, 1920)), contentType: "image/png" },
    "/really-a-gif.jpg": { file: fromBytes(gifFile(10, 10)), contentType: "image/jpeg" },
  });
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
  await media?.close();
});

const videoPost = (path: string) => ({
  caption: "Inspect me",
  media: { type: "video", url: media.url(path) },
  accounts: [{ id: A.tiktokByo }],
  check_media: true,
});

describe("validate_post check_media", () => {
  it("passes a real 30 s portrait MP4", async () => {
    const result = await rig.server.call("validate_post", videoPost("/good.mp4"));
    expect(result.structuredContent, textOf(result)).toMatchObject({ ok: true });
  });

  it("refuses a 75 s video with the 15–60 s rule", async () => {
    const result = await rig.server.call("validate_post", videoPost("/long.mp4"));
    expect(result.structuredContent).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ code: "video_duration", field: "media.url" })],
    });
    expect(textOf(result)).toContain("15–60");
  });

  it("warns about a landscape video", async () => {
    const result = await rig.server.call("validate_post", videoPost("/wide.mp4"));
    expect(result.structuredContent).toMatchObject({
      ok: true,
      warnings: expect.arrayContaining([expect.objectContaining({ code: "aspect_ratio" })]),
    });
  });

  it("judges slides by their bytes, not their names, and names an unreachable URL", async () => {
    const result = await rig.server.call("validate_post", {
      caption: "Slides",
      media: {
        type: "slideshow",
        urls: [media.url("/slide.png"), media.url("/really-a-gif.jpg"), media.url("/missing.png")],
      },
      accounts: [{ id: A.tiktokByo }],
      check_media: true,
    });
    const { violations } = result.structuredContent as { violations: Array<{ code: string; field: string }> };
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "media_type", field: "media.urls[1]" }),
        expect.objectContaining({ code: "media_unreachable", field: "media.urls[2]" }),
      ]),
    );
    expect(violations.some((v) => v.field === "media.urls[0]")).toBe(false);
  });

  it("does not fetch media unless asked", async () => {
    const before = media.requests.length;
    const { check_media: _off, ...args } = videoPost("/long.mp4");
    const result = await rig.server.call("validate_post", args);
    expect(result.structuredContent).toMatchObject({ ok: true });
    expect(media.requests.length).toBe(before);
  });
});

describe("--check-media", () => {
  it("refuses schedule_post for a video that is too long, before any write", async () => {
    const strict = await startRig({ args: ["--check-media"] });
    try {
      const { check_media: _flag, ...args } = videoPost("/long.mp4");
      const result = await strict.server.call("schedule_post", args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/video_duration|15–60/);
      expect(strict.api.writes()).toHaveLength(0);
      const ok = await strict.server.call("schedule_post", {
        ...args,
        media: { type: "video", url: media.url("/good.mp4") },
      });
      expect(ok.isError, textOf(ok)).toBeFalsy();
    } finally {
      await strict.close();
    }
  });
});
