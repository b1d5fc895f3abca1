// The HTTP transport's defences, against the built server: Host and Origin checks (DNS rebinding),
// the body limit, the bearer token, the refusal to listen beyond loopback without one, and the
// token never reaching the Genviral API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_ACCOUNT_IDS } from "../../src/sandbox/index.js";
import {
  connectClient,
  type HttpServerProcess,
  initializeBody,
  MCP_POST_HEADERS,
  rawRequest,
  runCli,
  startHttpServer,
} from "../support/http.js";
import { type RecordingApi, startRecordingApi } from "../support/http-api.js";
import { minutesFromNow } from "../support/sandbox.js";

const TOKEN = "mcp-t0ken-that-must-stay-between-client-and-server";
const MAX_BODY = 4 * 1024 * 1024;

describe("loopback, no token", () => {
  let server: HttpServerProcess;
  let host: string;
  beforeAll(async () => {
    server = await startHttpServer({ args: ["--sandbox"] });
    host = `127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.stop());

  const post = (headers: Record<string, string>, body = initializeBody()) =>
    rawRequest({ port: server.port, headers: { ...MCP_POST_HEADERS, ...headers }, body });

  it("answers /healthz", async () => {
    const res = await rawRequest({ port: server.port, method: "GET", path: "/healthz" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it("refuses a Host it does not serve, with or without a port", async () => {
    for (const bad of [
      `evil.example:${server.port}`,
      "evil.example",
      "localhost.evil.example",
      "127.0.0.1@evil",
    ]) {
      const res = await post({ Host: bad });
      expect(res.status, bad).toBe(403);
      expect(res.body).toMatch(/Host header/);
    }
  });

  it("refuses a foreign Origin even when the Host is good", async () => {
    for (const origin of ["http://evil.example", `http://evil.example:${server.port}`, "null", "file://"]) {
      const res = await post({ Host: host, Origin: origin });
      expect(res.status, origin).toBe(403);
      expect(res.body).toMatch(/Origin/);
    }
  });

  it("accepts a local Origin, and no Origin at all", async () => {
    for (const origin of [`http://localhost:${server.port}`, `http://127.0.0.1:${server.port}`, undefined]) {
      const res = await post({ Host: host, ...(origin ? { Origin: origin } : {}) });
      expect(res.status, String(origin)).toBe(200);
      expect(res.headers["mcp-session-id"]).toBeTruthy();
      expect(res.body).toMatch(/"protocolVersion"/);
    }
    const named = await post({ Host: `localhost:${server.port}` });
    expect(named.status).toBe(200);
  });

  it("refuses a body over 4 MiB with 413, declared or streamed, and keeps serving", async () => {
    const big = Buffer.alloc(MAX_BODY + 1, "a");
    const declared = await post({ Host: host }, big.toString());
    expect(declared.status).toBe(413);
    const chunked = await rawRequest({
      port: server.port,
      headers: { ...MCP_POST_HEADERS, "Transfer-Encoding": "chunked" },
      body: big,
    });
    expect(chunked.status).toBe(413);
    expect(chunked.body).toMatch(/Payload Too Large/);
    // The size is refused whatever the declared type; a small body of the wrong type is a 415.
    expect((await post({ Host: host, "Content-Type": "text/plain" }, big.toString())).status).toBe(413);
    expect((await post({ Host: host, "Content-Type": "text/plain" })).status).toBe(415);
    expect((await post({ Host: host })).status).toBe(200);
  });

  it("answers unknown sessions with 404 and a session-less call with 400", async () => {
    const list = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    expect((await post({ Host: host, "Mcp-Session-Id": "no-such-session" }, list)).status).toBe(404);
    expect((await post({ Host: host }, list)).status).toBe(400);
    expect((await rawRequest({ port: server.port, method: "GET", path: "/nowhere" })).status).toBe(404);
    expect(
      (
        await rawRequest({
          port: server.port,
          path: "/messages?sessionId=nope",
          headers: MCP_POST_HEADERS,
          body: list,
        })
      ).status,
    ).toBe(404);
  });
});

describe("with GENVIRAL_MCP_TOKEN", () => {
  let api: RecordingApi;
  let server: HttpServerProcess;
  beforeAll(async () => {
    api = await startRecordingApi("gva_live_h77p.partner-key-for-the-api-only");
    server = await startHttpServer({
      env: { GENVIRAL_MCP_TOKEN: TOKEN, GENVIRAL_API_KEY: api.key, GENVIRAL_API_URL: api.url },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  const post = (headers: Record<string, string>, path = "/mcp") =>
    rawRequest({
      port: server.port,
      path,
      headers: { ...MCP_POST_HEADERS, ...headers },
      body: initializeBody(),
    });

  it("answers 401 with WWW-Authenticate without a bearer or with a wrong one", async () => {
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toMatch(/^Bearer /);
    for (const wrong of [
      "Bearer wrong",
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const res = await post({ Authorization: wrong });
      expect(res.status, wrong).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer /);
    }
    const sse = await rawRequest({ port: server.port, method: "GET", path: "/sse" });
    expect(sse.status).toBe(401);
  });

  it("answers 200 with the right bearer", async () => {
    const res = await post({ Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers["mcp-session-id"]).toBeTruthy();
  });

  it("refuses a token in the query string, even beside a good header", async () => {
    for (const query of [`token=${TOKEN}`, `access_token=${TOKEN}`, `x=${encodeURIComponent(TOKEN)}`]) {
      const res = await post({ Authorization: `Bearer ${TOKEN}` }, `/mcp?${query}`);
      expect(res.status, query).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/invalid_request/);
    }
  });

  it("keeps /healthz open", async () => {
    expect((await rawRequest({ port: server.port, method: "GET", path: "/healthz" })).status).toBe(200);
  });

  it("serves the SDK clients that present the token, and never forwards it to the Genviral API", async () => {
    await expect(connectClient(server.url)).rejects.toThrow();
    for (const kind of ["streamable", "sse"] as const) {
      const client = await connectClient(server.url, { kind, token: TOKEN });
      try {
        const accounts = await client.call("list_accounts");
        expect(accounts.isError, kind).toBeFalsy();
        const created = await client.call("schedule_post", {
          caption: `Token stays home (${kind})`,
          media: { type: "video", url: "https://cdn.example.com/t.mp4" },
          accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }],
          scheduled_at: minutesFromNow(45),
        });
        expect(created.isError, kind).toBeFalsy();
      } finally {
        await client.close();
      }
    }
    expect(api.seen.some((r) => r.method === "POST" && r.url.endsWith("/posts"))).toBe(true);
    for (const seen of api.seen) {
      expect(seen.headers.authorization).toBe(`Bearer ${api.key}`);
      expect(JSON.stringify(seen)).not.toContain(TOKEN);
    }
    expect(server.stderr()).not.toContain(TOKEN);
  });
});

describe("start-up", () => {
  it("refuses a non-loopback address without a token, with a clear message", async () => {
    for (const host of ["0.0.0.0", "::", "192.0.2.10"]) {
      const result = await runCli(["--transport", "http", "--host", host, "--port", "0", "--sandbox"]);
      expect(result.code, host).not.toBe(0);
      expect(result.code, host).not.toBeNull();
      expect(result.stderr).toMatch(/GENVIRAL_MCP_TOKEN/);
      expect(result.stderr).not.toMatch(/listening on/);
    }
  });

  it("listens on all interfaces when a token is set, and still checks it", async () => {
    const server = await startHttpServer({ args: ["--host", "0.0.0.0"], env: { GENVIRAL_MCP_TOKEN: TOKEN } });
    try {
      const post = (headers: Record<string, string>) =>
        rawRequest({
          port: server.port,
          headers: { ...MCP_POST_HEADERS, ...headers },
          body: initializeBody(),
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      expect((await post({ Authorization: `Bearer ${TOKEN}`, Host: "evil.example" })).status).toBe(403);
    } finally {
      await server.stop();
    }
  });

  it("takes the HTTP-only flags only with --transport http", async () => {
    const result = await runCli(["--stateless"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--stateless needs --transport http/);
  });
});
