// upload_media over the HTTP transport: a remote caller must never make the server read its own disk
// or fetch from its own network.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectClient, type HttpClient, type HttpServerProcess, startHttpServer } from "../support/http.js";
import { textOf } from "../support/mcp.js";
import { fromBytes, pngFile } from "../support/media-files.js";
import { type MediaServer, startMediaServer } from "../support/media-server.js";

let dir: string;
let server: HttpServerProcess;
let client: HttpClient;
let media: MediaServer;
let sandboxOrigin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "genviral-upload-http-"));
  media = await startMediaServer({ "/slide.png": { file: fromBytes(pngFile(64, 64)) } });
  server = await startHttpServer({ args: ["--sandbox"] });
  client = await connectClient(server.url);
  // The in-process simulator logs its address; its control endpoint shows what reached the API.
  const match = /simulated Genviral API at (http:\/\/[^/\s]+)/.exec(server.stderr());
  sandboxOrigin = match?.[1] as string;
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await media?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function apiRequests(): Promise<Array<{ method: string; path: string }>> {
  return (await fetch(`${sandboxOrigin}/__sandbox/requests`)).json() as Promise<
    Array<{ method: string; path: string }>
  >;
}

it("refuses a local path without looking at it: an existing file and a missing one get the same answer", async () => {
  const existing = join(dir, "slide.png");
  writeFileSync(existing, pngFile(64, 64));
  const present = await client.call("upload_media", { path: existing });
  const missing = await client.call("upload_media", { path: join(dir, "missing.png") });
  expect(present.isError).toBe(true);
  expect(present.structuredContent).toMatchObject({
    violations: [expect.objectContaining({ code: "local_path_remote", field: "path" })],
  });
  expect(textOf(present)).toMatch(/stdio.*url/is);
  // Nothing about the file (exists, size, type) leaks: both refusals are identical.
  expect(missing.structuredContent).toEqual(present.structuredContent);
  expect(sandboxOrigin).toBeTruthy();
  expect((await apiRequests()).filter((r) => r.path === "/files")).toHaveLength(0);
});

it("refuses a URL on this machine's own network (loopback) without fetching it", async () => {
  const result = await client.call("upload_media", { url: media.url("/slide.png") });
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toMatchObject({
    violations: [expect.objectContaining({ code: "media_url_private", field: "url" })],
  });
  expect(media.requests).toHaveLength(0);
  expect((await apiRequests()).filter((r) => r.path === "/files")).toHaveLength(0);
});

it("refuses a name that resolves to loopback, checked at connection time", async () => {
  const result = await client.call("upload_media", {
    url: `http://localhost:${new URL(media.origin).port}/slide.png`,
  });
  expect(result.structuredContent).toMatchObject({
    violations: [expect.objectContaining({ code: "media_url_private" })],
  });
  expect(media.requests).toHaveLength(0);
});
