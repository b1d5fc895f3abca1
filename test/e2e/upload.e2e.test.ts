// upload_media through the built server over stdio: real files on disk (made here), uploaded to the
// simulator's POST /files + presigned PUT, then used in real posts.
import { createHash } from "node:crypto";
import {
  closeSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { type CallToolResult, CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SandboxHandle, startSandbox } from "../../src/sandbox/index.js";
import { textOf } from "../support/mcp.js";
import {
  aviFile,
  fromBytes,
  gifFile,
  htmlPage,
  mp4File,
  pngFile,
  VirtualFile,
} from "../support/media-files.js";
import { type MediaServer, startMediaServer } from "../support/media-server.js";
import { BUILT_ENTRY } from "../support/paths.js";
import { SEED_ACCOUNT_IDS as A, TEST_KEY } from "../support/sandbox.js";

const MB = 1024 * 1024;

let dir: string;
let api: SandboxHandle;
let client: Client;
let pid: number;
let media: MediaServer;

/** Writes the file's bytes; its runs of zeros become holes (a sparse file), so 120 MB costs no disk. */
function writeVirtual(name: string, file: VirtualFile): string {
  const path = join(dir, name);
  const fd = openSync(path, "w");
  let offset = 0;
  for (const segment of file.segments) {
    if (segment instanceof Uint8Array) {
      writeSync(fd, segment, 0, segment.byteLength, offset);
      offset += segment.byteLength;
    } else offset += segment.zeros;
  }
  ftruncateSync(fd, file.size);
  closeSync(fd);
  return path;
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const call = async (args: Record<string, unknown>) =>
  (await client.callTool({ name: "upload_media", arguments: args })) as CallToolResult;

interface Uploaded {
  url: string;
  contentType: string;
  size: number;
  filename?: string;
}

const filesRequests = () => api.requests.filter((r) => r.method === "POST" && r.path === "/files");
const putRequests = () => api.requests.filter((r) => r.method === "PUT");

function rssKb(): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
}
function peakRssKb(): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "genviral-upload-test-"));
  api = await startSandbox({ apiKey: TEST_KEY });
  media = await startMediaServer({
    "/remote/clip.mp4": { file: mp4File({ durationSec: 20, width: 1080, height: 1920, mdatBytes: 300_000 }) },
    "/remote/slide.png": { file: fromBytes(pngFile(1080, 1920)) },
    "/remote/share-page": { file: fromBytes(htmlPage()), contentType: "text/html" },
  });
  // Our own spawn (not spawnServer) for the child's pid: the memory test reads its RSS.
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BUILT_ENTRY],
    env: { PATH: process.env.PATH ?? "", GENVIRAL_API_KEY: TEST_KEY, GENVIRAL_API_URL: api.url },
    stderr: "pipe",
  });
  client = new Client({ name: "genviral-mcp-upload-tests", version: "0.0.0" });
  await client.connect(transport);
  await client.listTools(); // caches output schemas: callTool validates structuredContent
  pid = transport.pid as number;
});

afterAll(async () => {
  await client?.close();
  await api?.close();
  await media?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  api.requests.length = 0;
});

describe("upload_media from a local file", () => {
  it("uploads a real PNG and MP4, and posts that use the returned URLs exist", async () => {
    const pngBytes = pngFile(1080, 1920);
    const png = write("slide.png", pngBytes);
    const video = mp4File({ durationSec: 30, width: 1080, height: 1920, mdatBytes: 500_000 });
    const mp4 = writeVirtual("clip.mp4", video);

    const image = await call({ path: png });
    expect(image.isError, textOf(image)).toBeFalsy();
    const imageOut = image.structuredContent as unknown as Uploaded;
    expect(imageOut).toMatchObject({
      contentType: "image/png",
      size: pngBytes.byteLength,
      filename: "slide.png",
    });
    expect(textOf(image)).toContain(imageOut.url);

    const clip = await call({ path: mp4 });
    expect(clip.isError, textOf(clip)).toBeFalsy();
    const clipOut = clip.structuredContent as unknown as Uploaded;
    expect(clipOut).toMatchObject({ contentType: "video/mp4", size: video.size, duration_sec: 30 });

    // The simulator received exactly the files' bytes, and serves them at the returned URLs.
    const stored = api.uploads();
    expect(stored.map((u) => u.uploaded?.sha256)).toEqual([sha256(pngBytes), sha256(readFileSync(mp4))]);
    const served = new Uint8Array(await (await fetch(clipOut.url)).arrayBuffer());
    expect(sha256(served)).toBe(sha256(readFileSync(mp4)));

    // POST /files was asked for the sniffed type, with name, size and the video's length read from
    // its own bytes; the PUT carried no credentials.
    expect(filesRequests().map((r) => r.body)).toEqual([
      { contentType: "image/png", filename: "slide.png", size: pngBytes.byteLength },
      { contentType: "video/mp4", filename: "clip.mp4", size: video.size, duration: 30 },
    ]);
    const puts = putRequests();
    expect(puts).toHaveLength(2);
    for (const put of puts) {
      expect(put.status).toBe(200);
      expect(put.headers.authorization).toBeUndefined();
      expect(put.headers["x-api-key"]).toBeUndefined();
      expect(JSON.stringify(put)).not.toContain(TEST_KEY);
      expect(JSON.stringify(put)).not.toContain(TEST_KEY.split(".")[1]);
    }
    expect(puts.map((p) => p.headers["content-type"])).toEqual(["image/png", "video/mp4"]);

    const videoPost = await client.callTool({
      name: "schedule_post",
      arguments: {
        caption: "Uploaded clip",
        media: { type: "video", url: clipOut.url },
        accounts: [{ id: A.tiktokByo }],
      },
    });
    expect(videoPost.isError, textOf(videoPost as CallToolResult)).toBeFalsy();
    const slidePost = await client.callTool({
      name: "schedule_post",
      arguments: {
        caption: "Uploaded slide",
        media: { type: "slideshow", urls: [imageOut.url] },
        accounts: [{ id: A.instagramByo }],
      },
    });
    expect(slidePost.isError, textOf(slidePost as CallToolResult)).toBeFalsy();

    for (const [post, expected] of [
      [videoPost, { type: "video", url: clipOut.url }],
      [slidePost, { type: "slideshow", urls: [imageOut.url] }],
    ] as const) {
      const id = (post.structuredContent as { id: string }).id;
      const got = await client.callTool({ name: "get_post", arguments: { post_id: id } });
      expect((got.structuredContent as { media: unknown }).media).toMatchObject(expected);
    }
  });

  it.each([
    [
      "an MP4 whose moov comes after its media",
      () => mp4File({ durationSec: 12.5, width: 720, height: 1280, moovFirst: false, mdatBytes: 200_000 }),
      "video/mp4",
      12.5,
    ],
    [
      "a fragmented MP4 (length in mvex/mehd)",
      () => mp4File({ durationSec: 8, width: 720, height: 1280, fragmented: true }),
      "video/mp4",
      8,
    ],
    [
      "an AVI (length from avih)",
      () => fromBytes(aviFile({ frames: 250, microSecPerFrame: 40_000, width: 640, height: 360 })),
      "video/x-msvideo",
      10,
    ],
  ])("tells POST /files the length of %s", async (_label, make, contentType, seconds) => {
    const path = writeVirtual(`length-${seconds}.${contentType === "video/mp4" ? "mp4" : "avi"}`, make());
    const result = await call({ path });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ contentType, duration_sec: seconds });
    expect(filesRequests().at(-1)?.body).toMatchObject({ contentType, duration: seconds });
  });

  it("leaves the length out when the video does not state one", async () => {
    const path = writeVirtual("no-length.mp4", mp4File({ durationSec: 0, width: 720, height: 1280 }));
    const result = await call({ path });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).not.toHaveProperty("duration_sec");
    expect(filesRequests().at(-1)?.body).not.toHaveProperty("duration");
  });

  it("takes the type from the bytes: a PNG named .mp4 uploads as image/png", async () => {
    const path = write("not-really.mp4", pngFile(64, 64));
    const result = await call({ path });
    expect(result.structuredContent).toMatchObject({ contentType: "image/png", filename: "not-really.mp4" });
    expect(filesRequests()[0]?.body).toMatchObject({ contentType: "image/png" });
    expect(putRequests()[0]?.headers["content-type"]).toBe("image/png");
  });

  it("refuses a GIF named .jpg, naming what it found, before asking for an upload URL", async () => {
    const path = write("photo.jpg", gifFile(10, 10));
    const result = await call({ path });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ code: "media_type", field: "path", actual: "image/gif" })],
    });
    expect(textOf(result)).toMatch(/GIF.*JPG or PNG/s);
    expect(api.requests).toHaveLength(0);
  });

  it("refuses an image of 5 MB and a video of 100 MB before any POST /files", async () => {
    // A PNG signature, then zeros to just past 5 MB.
    const image = writeVirtual("big.png", new VirtualFile([pngFile(8, 8), { zeros: 5 * MB }]));
    const video = writeVirtual(
      "big.mp4",
      mp4File({ durationSec: 30, width: 1080, height: 1920, mdatBytes: 100 * MB }),
    );
    for (const [path, limit] of [
      [image, 5 * MB],
      [video, 100 * MB],
    ] as const) {
      const result = await call({ path });
      expect(result.isError, path).toBe(true);
      const { violations } = result.structuredContent as { violations: Array<Record<string, unknown>> };
      expect(violations).toEqual([
        expect.objectContaining({ code: "media_too_large", field: "path", limit }),
      ]);
      expect(violations[0]?.actual).toBeGreaterThanOrEqual(limit);
    }
    expect(api.requests).toHaveLength(0);
  });

  it("names a missing file by its resolved path", async () => {
    const result = await call({ path: join(dir, "nope.png") });
    expect(result.structuredContent).toMatchObject({
      violations: [expect.objectContaining({ code: "file_not_found", field: "path" })],
    });
    expect(textOf(result)).toContain(join(dir, "nope.png"));
    const relative = await call({ path: "no-such-dir/nope.png" });
    expect(textOf(relative)).toMatch(/relative path, resolved against the server's working directory/);
  });

  it("wants exactly one of path and url", async () => {
    const result = await call({});
    expect(result.structuredContent).toMatchObject({
      violations: [expect.objectContaining({ code: "one_source" })],
    });
  });

  it("reports a refused PUT as a failed upload whose URL must not be used", async () => {
    api.addFault({ method: "PUT", path: "/__uploads/*", status: 403 });
    const result = await call({ path: write("again.png", pngFile(32, 32)) });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/storage host answered 403.*must not be used.*upload_media again/s);
    expect(JSON.stringify(result)).not.toContain(TEST_KEY);
  });

  it("streams a big video (memory stays flat) and reports progress up to the total", async () => {
    const size = 90 * MB;
    const path = writeVirtual(
      "long.mp4",
      mp4File({ durationSec: 30, width: 1080, height: 1920, mdatBytes: size - 2048 }),
    );
    const rssBefore = rssKb();
    const updates: Array<{ progress: number; total?: number }> = [];
    const started = performance.now();
    const result = await client.callTool(
      { name: "upload_media", arguments: { path } },
      CallToolResultSchema,
      {
        onprogress: (p) => updates.push(p),
        timeout: 30_000,
      },
    );
    expect(result.isError, textOf(result as CallToolResult)).toBeFalsy();
    expect(performance.now() - started).toBeLessThan(30_000);
    const total = (result.structuredContent as unknown as Uploaded).size;
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.at(-1)).toMatchObject({ progress: total, total });
    // Monotonic, as MCP requires.
    for (let i = 1; i < updates.length; i++)
      expect(updates[i]?.progress).toBeGreaterThan(updates[i - 1]?.progress as number);
    // Peak RSS of the server grew by far less than the file: it was never held in memory. (Observed:
    // a few MB; holding the file would add at least its 90 MB.)
    const grownMb = (peakRssKb() - rssBefore) / 1024;
    expect(grownMb).toBeLessThan(size / MB / 2);
    expect(api.uploads().at(-1)?.uploaded?.size).toBe(total);
  });

  it("sends no progress when the host did not ask for it", async () => {
    const updates: unknown[] = [];
    client.setNotificationHandler(
      (await import("@modelcontextprotocol/sdk/types.js")).ProgressNotificationSchema,
      (n) => {
        updates.push(n);
      },
    );
    const result = await call({ path: write("quiet.png", pngFile(64, 64)) });
    expect(result.isError).toBeFalsy();
    expect(updates).toHaveLength(0);
  });
});

describe("upload_media from a URL", () => {
  it("re-hosts a remote MP4 and PNG byte for byte, type from the bytes", async () => {
    for (const [path, type] of [
      ["/remote/clip.mp4", "video/mp4"],
      ["/remote/slide.png", "image/png"],
    ] as const) {
      const source = new Uint8Array(await (await fetch(media.url(path))).arrayBuffer());
      const result = await call({ url: media.url(path) });
      expect(result.isError, textOf(result)).toBeFalsy();
      const out = result.structuredContent as unknown as Uploaded;
      expect(out).toMatchObject({ contentType: type, size: source.byteLength });
      const hosted = new Uint8Array(await (await fetch(out.url)).arrayBuffer());
      expect(sha256(hosted)).toBe(sha256(source));
    }
  });

  it("refuses a share page that is HTML, before asking for an upload URL", async () => {
    const result = await call({ url: media.url("/remote/share-page") });
    expect(result.structuredContent).toMatchObject({
      violations: [expect.objectContaining({ code: "media_type", field: "url", actual: "text/html" })],
    });
    expect(filesRequests()).toHaveLength(0);
  });

  describe("without Content-Length", () => {
    let chunked: Server;
    let origin: string;
    beforeAll(async () => {
      // Sends its files chunked, as dynamic hosts do: the size is learnt only by counting.
      chunked = createServer((req, res) => {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        if (req.url === "/big.png") {
          res.write(pngFile(8, 8));
          const zeros = Buffer.alloc(MB);
          let left = 6;
          const next = () => {
            if (left-- === 0 || res.destroyed) return res.end();
            if (res.write(zeros)) setImmediate(next);
            else res.once("drain", next);
          };
          next();
        } else res.end(pngFile(100, 100));
      });
      await new Promise<void>((resolve) => chunked.listen(0, "127.0.0.1", resolve));
      origin = `http://127.0.0.1:${(chunked.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => chunked.close(() => resolve())));

    it("counts while downloading and uploads the exact bytes", async () => {
      const result = await call({ url: `${origin}/small.png` });
      expect(result.structuredContent).toMatchObject({
        contentType: "image/png",
        size: pngFile(100, 100).byteLength,
      });
      expect(putRequests()[0]?.headers["content-length"]).toBe(String(pngFile(100, 100).byteLength));
    });

    it("stops past the limit and sends nothing to the API", async () => {
      const result = await call({ url: `${origin}/big.png` });
      expect(result.structuredContent).toMatchObject({
        violations: [expect.objectContaining({ code: "media_too_large", field: "url", limit: 5 * MB })],
      });
      expect(filesRequests()).toHaveLength(0);
    });
  });
});
