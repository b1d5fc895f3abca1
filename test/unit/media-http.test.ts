// How inspection copes with hosts that misbehave: missing files, silence, HEAD refused, Range
// ignored (with a 120 MB body it must not download), redirects, cancellation.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectMedia, mediaFactsViolations } from "../../src/preflight/media/index.js";
import { fromBytes, jpegFile, mp4File } from "../support/media-files.js";
import { type MediaServer, type ServedFile, startMediaServer } from "../support/media-server.js";

const clip = mp4File({ durationSec: 25, width: 1080, height: 1920, mdatBytes: 200_000 });
// 120 MB, moov at the very end: its bytes are made as they are sent, never held in memory.
const huge = mp4File({
  durationSec: 30,
  width: 1080,
  height: 1920,
  moovFirst: false,
  mdatBytes: 120 * 1024 * 1024,
});
const files: Record<string, ServedFile> = {
  "/clip.mp4": { file: clip, contentType: "video/mp4" },
  "/huge.mp4": { file: huge, contentType: "video/mp4" },
  "/slide.jpg": { file: fromBytes(jpegFile(1080, 1920)), contentType: "image/jpeg" },
};

let plain: MediaServer;
let noHead: MediaServer;
let noRange: MediaServer;
beforeAll(async () => {
  [plain, noHead, noRange] = await Promise.all([
    startMediaServer(files),
    startMediaServer(files, { refuseHead: true }),
    startMediaServer(files, { ignoreRange: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain.close(), noHead.close(), noRange.close()]);
});

const judgeVideo = (facts: Parameters<typeof mediaFactsViolations>[0]) =>
  mediaFactsViolations(facts, "video", () => "media.url");

describe("inspectMedia over misbehaving HTTP", () => {
  it("reports a 404 as unreachable, with the status", async () => {
    const [facts] = await inspectMedia([plain.url("/gone.mp4")], "video");
    expect(facts).toMatchObject({ reachable: false, status: 404, error: "answered 404" });
    const { violations, warnings } = judgeVideo(facts ? [facts] : []);
    expect(violations).toEqual([
      expect.objectContaining({
        code: "media_unreachable",
        message: `127.0.0.1:${new URL(plain.origin).port}/gone.mp4 answered 404`,
      }),
    ]);
    expect(warnings).toEqual([]);
  });

  it("gives up on a host that never answers after the timeout", async () => {
    const started = performance.now();
    const [facts] = await inspectMedia([plain.url("/hang")], "video", { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(facts).toMatchObject({ reachable: false, error: "did not answer within 0.3 s" });
    expect(judgeVideo(facts ? [facts] : []).violations[0]?.message).toMatch(/did not answer within 0\.3 s$/);
  });

  it("tells a stalled body from silence", async () => {
    const [facts] = await inspectMedia([plain.url("/stall")], "video", { timeoutMs: 300 });
    expect(facts).toMatchObject({
      reachable: false,
      error: "answered, but did not send its first bytes within 0.3 s",
    });
  });

  it("says so when nothing listens on the port", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const [facts] = await inspectMedia([`http://127.0.0.1:${port}/clip.mp4`], "video");
    expect(facts).toMatchObject({ reachable: false, error: "could not be reached (connection refused)" });
  });

  it("refuses non-http(s) and malformed URLs without any request", async () => {
    const facts = await inspectMedia(["file:///etc/passwd", "ftp://example.com/a.mp4", "not a url"], "video");
    expect(facts.map((f) => [f.reachable, f.error])).toEqual([
      [false, "uses file: only http(s) URLs can be fetched"],
      [false, "uses ftp: only http(s) URLs can be fetched"],
      [false, "is not a valid URL"],
    ]);
  });

  it("falls back to GET when HEAD is refused (405)", async () => {
    const [facts] = await inspectMedia([noHead.url("/clip.mp4")], "video");
    expect(facts).toMatchObject({
      reachable: true,
      status: 206,
      sizeBytes: clip.size,
      sniffedType: "video/mp4",
    });
    expect(facts?.headerContentType).toBe("video/mp4");
    expect(facts?.durationSec).toBeCloseTo(25, 2);
    await noHead.settled();
    expect(noHead.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["HEAD 405", "GET 206"]);
  });

  it("follows redirects", async () => {
    const [facts] = await inspectMedia([plain.url("/redirect/clip.mp4")], "video");
    expect(facts).toMatchObject({ reachable: true, sizeBytes: clip.size, width: 1080, height: 1920 });
  });

  it("stops reading when the server ignores Range, even with a 120 MB body", async () => {
    const started = performance.now();
    const [big, small, slide] = await inspectMedia(
      [noRange.url("/huge.mp4"), noRange.url("/clip.mp4"), noRange.url("/slide.jpg")],
      "video",
    );
    expect(performance.now() - started).toBeLessThan(2000);
    // The size comes from Content-Length; the moov at the end is out of reach.
    expect(big).toMatchObject({
      reachable: true,
      status: 200,
      sizeBytes: huge.size,
      sniffedType: "video/mp4",
    });
    expect(big?.durationSec).toBeUndefined();
    expect(big?.error).toMatch(/ignores Range/);
    const { violations, warnings } = judgeVideo(big ? [big] : []);
    expect(violations).toEqual([expect.objectContaining({ code: "media_too_large", actual: huge.size })]);
    expect(warnings).toEqual([expect.objectContaining({ code: "video_duration_unknown" })]);
    // A faststart file still reads fine from the start of the body.
    expect(small?.durationSec).toBeCloseTo(25, 2);
    expect(slide).toMatchObject({ sniffedType: "image/jpeg", width: 1080, height: 1920 });

    await noRange.settled();
    const gets = noRange.requests.filter((r) => r.path === "/huge.mp4" && r.method === "GET");
    expect(gets).toHaveLength(1);
    expect(gets[0]?.cancelled).toBe(true);
    // What the server managed to push into socket buffers before the cancel, far from 120 MB.
    expect(gets[0]?.bytesSent).toBeLessThan(16 * 1024 * 1024);
  });

  it("inspects at most `concurrency` URLs at once", async () => {
    const before = plain.requests.length;
    const urls = Array.from({ length: 7 }, () => plain.url("/hang"));
    const started = performance.now();
    const facts = await inspectMedia(urls, "video", { timeoutMs: 400, concurrency: 3 });
    expect(facts.every((f) => f.error === "did not answer within 0.4 s")).toBe(true);
    const arrivals = plain.requests.slice(before).map((r) => r.receivedAt - started);
    expect(arrivals).toHaveLength(7);
    // No fourth request can leave before one of the first three has timed out (400 ms), so the
    // requests come in waves of three.
    expect(arrivals.filter((t) => t < 400)).toHaveLength(3);
    expect(arrivals.filter((t) => t >= 400 && t < 800)).toHaveLength(3);
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = inspectMedia([plain.url("/hang"), plain.url("/hang")], "video", {
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("request cancelled")), 100);
    await expect(pending).rejects.toThrow("request cancelled");
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(
      inspectMedia([plain.url("/clip.mp4")], "video", { signal: controller.signal }),
    ).rejects.toThrow("request cancelled");
  });
});
