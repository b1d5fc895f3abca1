// The built server over HTTP with the SDK's own clients: Streamable HTTP (stateful and stateless) and
// legacy SSE list accounts and schedule a post; concurrent clients get their own answers; sessions end
// on DELETE; SIGTERM lets a call in flight finish.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_ACCOUNT_IDS, SEED_POST_IDS } from "../../src/sandbox/index.js";
import {
  connectClient,
  type HttpClient,
  type HttpServerProcess,
  initializeBody,
  MCP_POST_HEADERS,
  rawRequest,
  startHttpServer,
} from "../support/http.js";
import { startRecordingApi } from "../support/http-api.js";
import { minutesFromNow } from "../support/sandbox.js";

function postArgs(caption: string, externalId?: string): Record<string, unknown> {
  return {
    caption,
    media: { type: "video", url: "https://cdn.example.com/h.mp4" },
    accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }],
    scheduled_at: minutesFromNow(45),
    ...(externalId ? { external_id: externalId } : {}),
  };
}

async function listAndSchedule(client: HttpClient, label: string): Promise<void> {
  const listed = await client.call("list_accounts");
  expect(listed.isError, label).toBeFalsy();
  const accounts = (listed.structuredContent as { accounts: Array<{ id: string }> }).accounts;
  expect(accounts.map((a) => a.id)).toContain(SEED_ACCOUNT_IDS.tiktokByo);

  const created = await client.call("schedule_post", postArgs(`Over ${label}`, `http-${label}`));
  expect(created.isError, label).toBeFalsy();
  expect(created.structuredContent).toMatchObject({ status: "scheduled", external_id: `http-${label}` });
}

describe("stateful (default)", () => {
  let server: HttpServerProcess;
  beforeAll(async () => {
    server = await startHttpServer({ args: ["--sandbox"] });
  });
  afterAll(() => server?.stop());

  it("serves the SDK's Streamable HTTP client: list accounts, schedule a post", async () => {
    const client = await connectClient(server.url);
    try {
      await listAndSchedule(client, "streamable");
    } finally {
      await client.close();
    }
  });

  it("serves the SDK's legacy SSE client: list accounts, schedule a post", async () => {
    const client = await connectClient(server.url, { kind: "sse" });
    try {
      await listAndSchedule(client, "sse");
    } finally {
      await client.close();
    }
  });

  it("gives two concurrent clients each their own answers", async () => {
    const [a, b] = await Promise.all([
      connectClient(server.url, { name: "client-a" }),
      connectClient(server.url, { kind: "sse", name: "client-b" }),
    ]);
    try {
      const postIds = Object.values(SEED_POST_IDS);
      const calls = postIds.flatMap((postId, i) => [
        a.call("get_post", { post_id: postId }).then((r) => ({ who: "a", asked: postId, r })),
        b.call("get_post", { post_id: postIds[(i + 1) % postIds.length] as string }).then((r) => ({
          who: "b",
          asked: postIds[(i + 1) % postIds.length],
          r,
        })),
        a
          .call("schedule_post", postArgs("from a", `conc-a-${i}`))
          .then((r) => ({ who: "a", asked: `conc-a-${i}`, r })),
        b
          .call("schedule_post", postArgs("from b", `conc-b-${i}`))
          .then((r) => ({ who: "b", asked: `conc-b-${i}`, r })),
      ]);
      const results = await Promise.all(calls);
      for (const { who, asked, r } of results) {
        expect(r.isError, `${who} ${asked}`).toBeFalsy();
        const content = r.structuredContent as { id: string; external_id?: string };
        if (asked?.startsWith("conc-")) expect(content.external_id).toBe(asked);
        else expect(content.id).toBe(asked);
      }
      expect(a.client.getServerVersion()?.name).toBe("genviral-mcp");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("ends a session on DELETE; the id is then unknown", async () => {
    const init = await rawRequest({ port: server.port, headers: MCP_POST_HEADERS, body: initializeBody() });
    const id = init.headers["mcp-session-id"] as string;
    expect(id).toBeTruthy();
    const headers = { ...MCP_POST_HEADERS, "Mcp-Session-Id": id, "Mcp-Protocol-Version": "2025-06-18" };
    const ping = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "ping" });
    expect((await rawRequest({ port: server.port, headers, body: ping })).status).toBe(200);
    expect((await rawRequest({ port: server.port, method: "DELETE", headers })).status).toBe(200);
    expect((await rawRequest({ port: server.port, headers, body: ping })).status).toBe(404);
  });
});

describe("stateless (--stateless)", () => {
  let server: HttpServerProcess;
  beforeAll(async () => {
    server = await startHttpServer({ args: ["--sandbox", "--stateless"] });
  });
  afterAll(() => server?.stop());

  it("serves the SDK's Streamable HTTP client without sessions", async () => {
    const client = await connectClient(server.url);
    try {
      await listAndSchedule(client, "stateless");
    } finally {
      await client.close();
    }
    const init = await rawRequest({ port: server.port, headers: MCP_POST_HEADERS, body: initializeBody() });
    expect(init.status).toBe(200);
    expect(init.headers["mcp-session-id"]).toBeUndefined();
    // Any request stands alone: no initialize needed on this "replica".
    const list = await rawRequest({
      port: server.port,
      headers: MCP_POST_HEADERS,
      body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/list" }),
    });
    expect(list.status).toBe(200);
    expect(list.body).toMatch(/"list_accounts"/);
    const stream = await rawRequest({
      port: server.port,
      method: "GET",
      headers: { Accept: "text/event-stream" },
    });
    expect(stream.status).toBe(405);
  });
});

describe("shutdown", () => {
  it("on SIGTERM stops accepting, finishes the call in flight, and exits 0", async () => {
    const api = await startRecordingApi("gva_live_drain.key-for-the-shutdown-test");
    const server = await startHttpServer({ env: { GENVIRAL_API_KEY: api.key, GENVIRAL_API_URL: api.url } });
    try {
      const client = await connectClient(server.url);
      api.delayMs = 800; // the API answers slowly: the call is in flight when the signal comes
      const call = client.call("list_accounts");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sent = Date.now();
      server.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(rawRequest({ port: server.port, method: "GET", path: "/healthz" })).rejects.toThrow(
        /ECONNREFUSED/,
      );
      const result = await Promise.race([
        call,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("the call in flight did not finish within 5 s")), 5_000),
        ),
      ]);
      expect(result.isError).toBeFalsy();
      expect((result.structuredContent as { accounts: unknown[] }).accounts.length).toBeGreaterThan(0);
      const exit = await server.exited;
      expect(exit.code).toBe(0);
      expect(Date.now() - sent).toBeLessThan(4_000);
      await client.close().catch(() => {});
    } finally {
      await server.stop();
      await api.close();
    }
  });
});
