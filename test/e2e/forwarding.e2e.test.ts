// Pointed at another server by GENVIRAL_API_URL, the built server forwards the caller's fields
// unchanged and sends the key only in the Authorization header. The "API" here is a bare recording
// HTTP server on 127.0.0.1 that answers with the documented envelopes.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type SpawnedServer, spawnServer } from "../support/mcp.js";

const KEY = "gva_live_fw4rd.very-secret-partner-key";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const seen: Seen[] = [];
let api: Server;
let server: SpawnedServer;

const TIKTOK = "3e30c8d1-0bc0-42d8-9a1a-bb63fe6c3c16";
const YOUTUBE = "9a7e2c41-5b3d-4f8e-a1c6-2d4b8e0f7a31";
const ACCOUNTS = [
  {
    id: TIKTOK,
    platform: "tiktok",
    type: "byo",
    username: "studio",
    display_name: "Studio",
    status: "active",
  },
  { id: YOUTUBE, platform: "youtube", type: "byo", username: "tv", display_name: "TV", status: "active" },
];

function dataFor(method: string, path: string): unknown {
  if (path.endsWith("/accounts")) return { accounts: ACCOUNTS };
  if (method === "GET" && path.endsWith("/posts")) return { summary: { total: 0, by_status: {} }, posts: [] };
  if (path.endsWith("/posts/delete")) return { deletedIds: [], blockedStatuses: [], skipped: [] };
  if (path.endsWith("/posts/retry")) return { retried: 0, ids: [], failed: [] };
  if (method === "GET") {
    return {
      id: "p-123",
      status: "scheduled",
      caption: "Old",
      media: { type: "video", url: "https://cdn.example.com/old.mp4" },
      accounts: { total: 1, states: [{ account_id: YOUTUBE, status: "scheduled" }] },
    };
  }
  return { id: "p1", status: "scheduled", scheduled_at: "2030-01-01T00:00:00Z" };
}

beforeAll(async () => {
  api = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const path = new URL(req.url ?? "/", "http://x").pathname;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, code: 200, message: "ok", data: dataFor(req.method ?? "", path) }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  const { port } = api.address() as AddressInfo;
  server = await spawnServer({
    env: { GENVIRAL_API_KEY: KEY, GENVIRAL_API_URL: `http://127.0.0.1:${port}/custom/base/v1` },
  });
});
afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => api?.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

function onlyInAuthorization(request: Seen): void {
  expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== "authorization") expect(String(value)).not.toContain(KEY);
  }
  expect(request.url).not.toContain(KEY);
  expect(request.body).not.toContain(KEY);
}

const writes = () => seen.filter((s) => s.method !== "GET");

it.each([
  {
    caption: "Every field, as given",
    media: { type: "video", url: "https://cdn.example.com/v.mp4", duration_sec: 42 },
    accounts: [{ id: TIKTOK }],
    scheduled_at: "2030-01-01T00:00:00+02:00",
    external_id: "fw-1",
    music_url: "https://www.tiktok.com/@genviral/video/1234567890",
    tiktok: { privacy_level: "SELF_ONLY", post_mode: "DIRECT_POST", disable_duet: true, future_flag: "kept" },
  },
  {
    caption: "Weekly recap",
    media: { type: "video", url: "https://cdn.example.com/recap.mp4", duration_sec: 42 },
    accounts: [{ id: YOUTUBE }],
    external_id: "fw-2",
    settings: { youtube: { title: "T", type: "public" } },
  },
])("schedule_post sends the body of POST /posts field for field ($external_id)", async (args) => {
  const result = await server.call("schedule_post", args);
  expect(result.isError).toBeFalsy();
  expect(writes()).toHaveLength(1);
  const [request] = writes() as [Seen];
  expect(request.method).toBe("POST");
  expect(request.url).toBe("/custom/base/v1/posts");
  expect(request.headers["content-type"]).toMatch(/application\/json/);
  expect(JSON.parse(request.body)).toEqual(args);
  onlyInAuthorization(request);
});

it("update_post sends post_id in the path and the rest as the PATCH body, nulls included", async () => {
  const patch = { caption: "New", music_url: null, scheduled_at: null, pinterest: null };
  const result = await server.call("update_post", { post_id: "p-123", ...patch });
  expect(result.isError).toBeFalsy();
  // Pre-flight reads the stored post (and the accounts) first; the write is the PATCH.
  expect(seen[0]?.url).toBe("/custom/base/v1/posts/p-123");
  const [request] = writes() as [Seen];
  expect(request.method).toBe("PATCH");
  expect(request.url).toBe("/custom/base/v1/posts/p-123");
  expect(JSON.parse(request.body)).toEqual(patch);
  onlyInAuthorization(request);
});

it("list_posts sends the query of GET /posts", async () => {
  await server.call("list_posts", {
    status: "failed",
    limit: 7,
    since: "2026-01-01T00:00:00Z",
    until: "2026-02-01T00:00:00Z",
  });
  const [request] = seen as [Seen];
  const url = new URL(request.url, "http://x");
  expect(url.pathname).toBe("/custom/base/v1/posts");
  expect(Object.fromEntries(url.searchParams)).toEqual({
    status: "failed",
    limit: "7",
    since: "2026-01-01T00:00:00Z",
    until: "2026-02-01T00:00:00Z",
  });
  onlyInAuthorization(request);
});

it("every other tool reaches its endpoint with the key only in Authorization", async () => {
  await server.call("list_accounts");
  await server.call("get_post", { post_id: "p-9" });
  await server.call("delete_posts", { postIds: ["a", "b"] });
  await server.call("retry_posts", { post_ids: ["c"], account_ids: ["acc-1"] });
  expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
    "GET /custom/base/v1/accounts",
    "GET /custom/base/v1/posts/p-9",
    "POST /custom/base/v1/posts/delete",
    "POST /custom/base/v1/posts/retry",
  ]);
  expect(JSON.parse(seen[2]?.body ?? "")).toEqual({ postIds: ["a", "b"] });
  expect(JSON.parse(seen[3]?.body ?? "")).toEqual({ post_ids: ["c"], account_ids: ["acc-1"] });
  for (const request of seen) onlyInAuthorization(request);
});
