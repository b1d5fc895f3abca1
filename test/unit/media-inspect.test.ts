// Inspects real files over real HTTP (a local server on 127.0.0.1) and judges them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectMedia, type MediaFacts, mediaFactsViolations } from "../../src/preflight/media/index.js";
import { MAX_BYTES_PER_URL } from "../../src/preflight/media/inspect.js";
import {
  aviFile,
  fromBytes,
  gifFile,
  heicFile,
  htmlPage,
  jpegFile,
  mp4File,
  pngFile,
  webmFile,
  webpFile,
} from "../support/media-files.js";
import { type MediaServer, type ServedFile, startMediaServer } from "../support/media-server.js";

const faststart = mp4File({ durationSec: 20, width: 1080, height: 1920, mdatBytes: 300_000 });
const moovAtEnd = mp4File({
  durationSec: 72.5,
  width: 1920,
  height: 1080,
  moovFirst: false,
  mdatBytes: 2 * 1024 * 1024,
  timescale: 90_000,
  mvhdVersion: 1,
  audioFirst: true,
});
// A moov bigger than one probe read: fetched as its own range.
const bigMoovAtEnd = mp4File({
  durationSec: 45.25,
  width: 1080,
  height: 1920,
  moovFirst: false,
  mdatBytes: 1_000_000,
  sampleTableBytes: 300_000,
});
// A moov bigger than the whole per-URL budget: mvhd, at its start, still gives the duration.
const hugeMoov = mp4File({
  durationSec: 30,
  width: 1080,
  height: 1920,
  moovFirst: false,
  mdatBytes: 500_000,
  audioFirst: true,
  sampleTableBytes: 6 * 1024 * 1024,
});

const files: Record<string, ServedFile> = {
  "/clip.mp4": { file: faststart, contentType: "video/mp4" },
  "/tail.mp4": { file: moovAtEnd, contentType: "video/mp4" },
  "/big-moov.mp4": { file: bigMoovAtEnd },
  "/huge-moov.mp4": { file: hugeMoov },
  "/portrait.mov": {
    file: mp4File({ durationSec: 15.5, width: 1920, height: 1080, brand: "qt  ", rotate90: true }),
    contentType: "video/quicktime",
  },
  "/clip.m4v": { file: mp4File({ durationSec: 59.9, width: 720, height: 1280, brand: "M4V " }) },
  "/clip.avi": {
    file: fromBytes(aviFile({ frames: 750, microSecPerFrame: 40_000, width: 720, height: 1280 })),
  },
  "/fragmented.mp4": { file: mp4File({ durationSec: 12, width: 1080, height: 1920, fragmented: true }) },
  "/clip.webm": { file: fromBytes(webmFile()), contentType: "video/webm" },
  "/page.html": { file: fromBytes(htmlPage()), contentType: "text/html" },
  "/slide.png": { file: fromBytes(pngFile(1080, 1920)), contentType: "image/png" },
  "/wide.png": { file: fromBytes(pngFile(1600, 900)), contentType: "image/png" },
  "/heavy.png": { file: fromBytes(pngFile(90, 160, 6 * 1024 * 1024)), contentType: "image/png" },
  "/photo.jpg": { file: fromBytes(jpegFile(1920, 1080, { orientation: 6 })), contentType: "image/jpeg" },
  "/icc.jpg": {
    file: fromBytes(jpegFile(1080, 1350, { appPaddingBytes: 150_000 })),
    contentType: "image/jpeg",
  },
  "/anim.gif": { file: fromBytes(gifFile(1080, 1920)), contentType: "image/gif" },
  "/slide.webp": { file: fromBytes(webpFile()), contentType: "image/webp" },
  "/slide.heic": { file: fromBytes(heicFile()), contentType: "image/heic" },
  "/mislabelled.jpg": { file: fromBytes(pngFile(1080, 1920)), contentType: "image/jpeg" },
  "/empty.jpg": { file: fromBytes(new Uint8Array(0)), contentType: "image/jpeg" },
  "/no-length.mp4": { file: faststart, headWithoutLength: true },
};

let server: MediaServer;
beforeAll(async () => {
  server = await startMediaServer(files);
});
afterAll(async () => {
  await server.close();
});

const one = async (path: string, kind: "video" | "image"): Promise<MediaFacts> => {
  const [facts] = await inspectMedia([server.url(path)], kind);
  if (!facts) throw new Error("no facts");
  return facts;
};
const judge = (facts: MediaFacts, kind: "video" | "image") =>
  mediaFactsViolations([facts], kind, () => (kind === "video" ? "media.url" : "media.urls[0]"));
const requestsFor = async (path: string) => {
  await server.settled();
  return server.requests.filter((r) => r.path === path);
};

describe("inspectMedia: videos", () => {
  it("reads a faststart MP4 from its first bytes: type, size, duration, size on screen", async () => {
    const facts = await one("/clip.mp4", "video");
    expect(facts).toMatchObject({
      reachable: true,
      status: 206,
      headerContentType: "video/mp4",
      sniffedType: "video/mp4",
      sizeBytes: faststart.size,
      width: 1080,
      height: 1920,
    });
    expect(facts.durationSec).toBeCloseTo(20, 2);
    expect(judge(facts, "video")).toEqual({ violations: [], warnings: [] });
    const requests = await requestsFor("/clip.mp4");
    expect(requests.map((r) => `${r.method} ${r.status}`)).toEqual(["HEAD 200", "GET 206"]);
    expect(requests[1]?.bytesSent).toBeLessThanOrEqual(64 * 1024);
  });

  it("finds moov after a 2 MB mdat with a few small reads, never the whole file", async () => {
    const facts = await one("/tail.mp4", "video");
    expect(facts.durationSec).toBeCloseTo(72.5, 2);
    expect(facts).toMatchObject({
      sizeBytes: moovAtEnd.size,
      width: 1920,
      height: 1080,
      sniffedType: "video/mp4",
    });
    const { violations, warnings } = judge(facts, "video");
    expect(violations).toEqual([
      expect.objectContaining({ code: "video_duration", actual: 72.5, limit: "15–60 s" }),
    ]);
    expect(warnings).toEqual([expect.objectContaining({ code: "aspect_ratio", actual: "1920×1080 (16:9)" })]);
    const sent = (await requestsFor("/tail.mp4")).reduce((n, r) => n + r.bytesSent, 0);
    expect(sent).toBeLessThan(200 * 1024);
    expect(sent).toBeLessThan(moovAtEnd.size / 10);
  });

  it("fetches a moov larger than one probe as its own range", async () => {
    const facts = await one("/big-moov.mp4", "video");
    expect(facts.durationSec).toBeCloseTo(45.25, 2);
    expect(facts).toMatchObject({ width: 1080, height: 1920 });
    const gets = (await requestsFor("/big-moov.mp4")).filter((r) => r.method === "GET");
    expect(gets.length).toBe(3); // first bytes, the box after mdat, the moov range
    expect(gets.reduce((n, r) => n + r.bytesSent, 0)).toBeLessThan(bigMoovAtEnd.size / 2);
  });

  it("caps what it reads of a moov larger than the budget, still reading the boxes at its start", async () => {
    const facts = await one("/huge-moov.mp4", "video");
    // mvhd and the video track header lie before the 6 MB of sample tables, which are never all read.
    expect(facts.durationSec).toBeCloseTo(30, 2);
    expect(facts).toMatchObject({ width: 1080, height: 1920 });
    const sent = (await requestsFor("/huge-moov.mp4")).reduce((n, r) => n + r.bytesSent, 0);
    expect(sent).toBeLessThanOrEqual(MAX_BYTES_PER_URL + 64 * 1024);
    expect(sent).toBeGreaterThan(MAX_BYTES_PER_URL / 2);
  });

  it("tells MOV, M4V, AVI and fragmented MP4 apart and reads each", async () => {
    const [mov, m4v, avi, fragmented] = await inspectMedia(
      ["/portrait.mov", "/clip.m4v", "/clip.avi", "/fragmented.mp4"].map((p) => server.url(p)),
      "video",
    );
    expect(mov).toMatchObject({ sniffedType: "video/quicktime", width: 1080, height: 1920 });
    expect(mov?.durationSec).toBeCloseTo(15.5, 2);
    expect(m4v).toMatchObject({ sniffedType: "video/x-m4v", width: 720, height: 1280 });
    expect(m4v?.durationSec).toBeCloseTo(59.9, 2);
    expect(avi).toMatchObject({ sniffedType: "video/x-msvideo", width: 720, height: 1280 });
    expect(avi?.durationSec).toBeCloseTo(30, 2);
    expect(fragmented?.durationSec).toBeCloseTo(12, 2);
    const judged = mediaFactsViolations(
      [mov, m4v, avi, fragmented] as MediaFacts[],
      "video",
      (i) => `v[${i}]`,
    );
    expect(judged.violations.map((v) => [v.field, v.code])).toEqual([["v[3]", "video_duration"]]);
    expect(judged.warnings).toEqual([]);
  });

  it("refuses a WEBM video and a web page given as a video", async () => {
    const facts = await inspectMedia([server.url("/clip.webm"), server.url("/page.html")], "video");
    expect(facts.map((f) => f.sniffedType)).toEqual(["video/webm", "text/html"]);
    const { violations } = mediaFactsViolations(facts, "video", (i) => `v[${i}]`);
    expect(violations.map((v) => [v.code, v.actual])).toEqual([
      ["media_type", "video/webm"],
      ["media_type", "text/html"],
    ]);
  });

  it("takes the size from Content-Range when HEAD states none", async () => {
    const facts = await one("/no-length.mp4", "video");
    expect(facts.sizeBytes).toBe(faststart.size);
  });
});

describe("inspectMedia: slideshow images", () => {
  it("reads PNG and JPEG sizes, turning a JPEG by its EXIF orientation", async () => {
    const [png, wide, photo] = await inspectMedia(
      ["/slide.png", "/wide.png", "/photo.jpg"].map((p) => server.url(p)),
      "image",
    );
    expect(png).toMatchObject({ sniffedType: "image/png", width: 1080, height: 1920 });
    expect(wide).toMatchObject({ width: 1600, height: 900 });
    expect(photo).toMatchObject({ sniffedType: "image/jpeg", width: 1080, height: 1920 });
    const { violations, warnings } = mediaFactsViolations(
      [png, wide, photo] as MediaFacts[],
      "image",
      (i) => `media.urls[${i}]`,
    );
    expect(violations).toEqual([]);
    expect(warnings.map((w) => [w.field, w.code, w.actual])).toEqual([
      ["media.urls[1]", "aspect_ratio", "1600×900 (16:9)"],
    ]);
  });

  it("reads on past big EXIF/ICC segments to the JPEG frame header", async () => {
    const facts = await one("/icc.jpg", "image");
    expect(facts).toMatchObject({ width: 1080, height: 1350 });
    const gets = (await requestsFor("/icc.jpg")).filter((r) => r.method === "GET");
    expect(gets.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses an image over 5 MB, GIF, WEBP and HEIC slides, and an empty file", async () => {
    const paths = ["/heavy.png", "/anim.gif", "/slide.webp", "/slide.heic", "/empty.jpg"];
    const facts = await inspectMedia(
      paths.map((p) => server.url(p)),
      "image",
    );
    expect(facts[0]?.sizeBytes).toBeGreaterThan(6 * 1024 * 1024);
    const { violations } = mediaFactsViolations(facts, "image", (i) => paths[i] as string);
    expect(violations.map((v) => [v.field, v.code, v.actual])).toEqual([
      ["/heavy.png", "media_too_large", facts[0]?.sizeBytes],
      ["/anim.gif", "media_type", "image/gif"],
      ["/slide.webp", "media_type", "image/webp"],
      ["/slide.heic", "media_type", "image/heic"],
      ["/empty.jpg", "media_empty", 0],
    ]);
    const heavy = (await requestsFor("/heavy.png")).reduce((n, r) => n + r.bytesSent, 0);
    expect(heavy).toBeLessThanOrEqual(64 * 1024);
  });

  it("trusts the bytes over the Content-Type header, and refuses a video given as a slide", async () => {
    const [mislabelled, video] = await inspectMedia(
      [server.url("/mislabelled.jpg"), server.url("/clip.mp4")],
      "image",
    );
    expect(mislabelled).toMatchObject({ headerContentType: "image/jpeg", sniffedType: "image/png" });
    const { violations } = mediaFactsViolations(
      [mislabelled, video] as MediaFacts[],
      "image",
      (i) => `u[${i}]`,
    );
    expect(violations).toEqual([
      expect.objectContaining({ field: "u[1]", code: "media_type", actual: "video/mp4" }),
    ]);
    expect(violations[0]?.hint).toMatch(/post it as media.type "video"/);
  });
});
