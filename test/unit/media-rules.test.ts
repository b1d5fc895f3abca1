import { describe, expect, it } from "vitest";
import type { MediaFacts } from "../../src/preflight/media/index.js";
import { MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, mediaFactsViolations } from "../../src/preflight/media/index.js";
import { aspectLabel, shortUrl } from "../../src/preflight/media/media-rules.js";
import { renderViolations } from "../../src/preflight/violation.js";

const url = (name: string) => `https://cdn.example.com/u/42/${name}?sig=abcdef`;
const goodVideo = (over: Partial<MediaFacts> = {}): MediaFacts => ({
  url: url("clip.mp4"),
  reachable: true,
  status: 206,
  sniffedType: "video/mp4",
  sizeBytes: 20_000_000,
  durationSec: 30,
  width: 1080,
  height: 1920,
  ...over,
});
const goodImage = (over: Partial<MediaFacts> = {}): MediaFacts => ({
  url: url("slide.jpg"),
  reachable: true,
  status: 206,
  sniffedType: "image/jpeg",
  sizeBytes: 800_000,
  width: 1080,
  height: 1920,
  ...over,
});
const video = (facts: MediaFacts) => mediaFactsViolations([facts], "video", () => "media.url");
const image = (facts: MediaFacts) => mediaFactsViolations([facts], "image", () => "media.urls[0]");

describe("mediaFactsViolations", () => {
  it("passes good media without a word", () => {
    expect(video(goodVideo())).toEqual({ violations: [], warnings: [] });
    expect(image(goodImage())).toEqual({ violations: [], warnings: [] });
    expect(image(goodImage({ sniffedType: "image/png" }))).toEqual({ violations: [], warnings: [] });
    for (const type of ["video/quicktime", "video/x-m4v", "video/x-msvideo"]) {
      expect(video(goodVideo({ sniffedType: type })).violations).toEqual([]);
    }
  });

  it("refuses unreachable media and says why, with the status", () => {
    const { violations } = video({
      url: url("clip.mp4"),
      reachable: false,
      status: 404,
      error: "answered 404",
    });
    expect(violations).toEqual([
      expect.objectContaining({ code: "media_unreachable", field: "media.url", actual: 404 }),
    ]);
    expect(violations[0]?.message).toBe("cdn.example.com/…/clip.mp4 answered 404");
    expect(violations[0]?.hint).toMatch(/public, direct link/);
  });

  it("refuses a type not allowed for the kind, and only warns on unknown bytes", () => {
    const gif = image(goodImage({ url: url("a.gif"), sniffedType: "image/gif" }));
    expect(gif.violations).toEqual([
      expect.objectContaining({ code: "media_type", limit: "JPG/JPEG/PNG", actual: "image/gif" }),
    ]);
    expect(gif.violations[0]?.message).toContain("is GIF");
    expect(image(goodImage({ sniffedType: "image/webp" })).violations[0]?.code).toBe("media_type");
    const webm = video(goodVideo({ sniffedType: "video/webm" }));
    expect(webm.violations[0]).toMatchObject({
      code: "media_type",
      limit: "MP4/MOV/M4V/AVI",
      actual: "video/webm",
    });
    expect(webm.violations[0]?.hint).toMatch(/MP4/);
    const imageAsVideo = video(goodVideo({ sniffedType: "image/png", durationSec: undefined }));
    expect(imageAsVideo.violations).toHaveLength(1);
    expect(imageAsVideo.violations[0]?.hint).toMatch(/slideshow/);
    expect(imageAsVideo.warnings).toEqual([]); // no duration warning about a file that is not a video
    expect(video(goodVideo({ sniffedType: "text/html" })).violations[0]?.hint).toMatch(/web page/);

    const unknown = image(
      goodImage({ sniffedType: undefined, headerContentType: "application/octet-stream" }),
    );
    expect(unknown.violations).toEqual([]);
    expect(unknown.warnings).toEqual([expect.objectContaining({ code: "media_type_unknown" })]);
    expect(unknown.warnings[0]?.message).toContain("application/octet-stream");
  });

  it("refuses files at or over the size limit, naming bytes and MB", () => {
    expect(video(goodVideo({ sizeBytes: MAX_VIDEO_BYTES - 1 })).violations).toEqual([]);
    const big = video(goodVideo({ sizeBytes: MAX_VIDEO_BYTES }));
    expect(big.violations).toEqual([
      expect.objectContaining({ code: "media_too_large", limit: 104_857_600, actual: 104_857_600 }),
    ]);
    const huge = image(goodImage({ sizeBytes: 6 * 1024 * 1024 }));
    expect(huge.violations[0]).toMatchObject({ code: "media_too_large", limit: MAX_IMAGE_BYTES });
    expect(huge.violations[0]?.message).toContain("is 6 MB");
    expect(huge.violations[0]?.message).toContain("under 5 MB (5242880 bytes)");
    expect(image(goodImage({ sizeBytes: undefined })).warnings[0]?.code).toBe("media_size_unknown");
  });

  it("refuses a stated duration outside 15–60 s and warns when there is none", () => {
    const long = video(goodVideo({ durationSec: 72.5 }));
    expect(long.violations).toEqual([
      expect.objectContaining({ code: "video_duration", limit: "15–60 s", actual: 72.5 }),
    ]);
    expect(long.violations[0]?.hint).toMatch(/Trim/);
    expect(video(goodVideo({ durationSec: 14.99 })).violations[0]?.actual).toBe(14.99);
    expect(video(goodVideo({ durationSec: 15 })).violations).toEqual([]);
    expect(video(goodVideo({ durationSec: 60 })).violations).toEqual([]);
    const unknown = video(goodVideo({ durationSec: undefined, error: "moov box states no duration" }));
    expect(unknown.violations).toEqual([]);
    expect(unknown.warnings).toEqual([expect.objectContaining({ code: "video_duration_unknown" })]);
    expect(unknown.warnings[0]?.message).toContain("moov box states no duration");
  });

  it("warns when the shape is far from 9:16", () => {
    const landscape = video(goodVideo({ width: 1920, height: 1080 }));
    expect(landscape.violations).toEqual([]);
    expect(landscape.warnings).toEqual([
      expect.objectContaining({ code: "aspect_ratio", limit: "9:16", actual: "1920×1080 (16:9)" }),
    ]);
    expect(image(goodImage({ width: 1080, height: 1080 })).warnings[0]?.actual).toBe("1080×1080 (1:1)");
    // 3:5 (0.6) is within 15% of 9:16 (0.5625); 4:5 (0.8) is not.
    expect(image(goodImage({ width: 1080, height: 1800 })).warnings).toEqual([]);
    expect(image(goodImage({ width: 1080, height: 1350 })).warnings[0]?.actual).toBe("1080×1350 (4:5)");
  });

  it("names each URL's own field and reports all problems at once", () => {
    const result = mediaFactsViolations(
      [
        goodImage(),
        goodImage({ url: url("b.gif"), sniffedType: "image/gif" }),
        { url: url("c.jpg"), reachable: false, error: "did not answer within 3 s" },
      ],
      "image",
      (i) => `media.urls[${i}]`,
    );
    expect(result.violations.map((v) => [v.field, v.code])).toEqual([
      ["media.urls[1]", "media_type"],
      ["media.urls[2]", "media_unreachable"],
    ]);
    const text = renderViolations(result.violations);
    expect(text).toContain(
      "media.urls[2] [media_unreachable]: cdn.example.com/…/c.jpg did not answer within 3 s",
    );
  });

  it("shortens URLs and labels ratios", () => {
    expect(shortUrl("https://cdn.example.com/clip.mp4?x=1")).toBe("cdn.example.com/clip.mp4");
    expect(shortUrl("https://cdn.example.com/")).toBe("cdn.example.com");
    expect(shortUrl(`https://cdn.example.com/${"a".repeat(200)}.mp4`).length).toBeLessThanOrEqual(80);
    expect(aspectLabel(1080, 1920)).toBe("9:16");
    expect(aspectLabel(1200, 628)).toBe("1.91:1");
    expect(aspectLabel(500, 1500)).toBe("1:3");
  });
});
