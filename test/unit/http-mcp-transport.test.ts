// The node:http Streamable HTTP transport against real parts: a node:http server on 127.0.0.1, the
// SDK's own Server behind it and the SDK's own client (or raw requests) in front. A plain answer is
// one application/json body; an answer that must carry a notification first, or takes longer than the
// keep-alive interval, becomes an SSE stream; the SDK transport's refusals and session rules hold.
import { createServer as createHttpServer, type Server as HttpServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { readJsonBody, refuseBody } from "../../src/transports/http-io.js";
import { NodeStreamableTransport } from "../../src/transports/http-mcp-transport.js";

const TOOLS = [
  { name: "plain", inputSchema: { type: "object" as const } },
  { name: "progress", inputSchema: { type: "object" as const } },
  { name: "slow", inputSchema: { type: "object" as const } },
  { name: "wait", inputSchema: { type: "object" as const } },
];

function mcpServer(): Server {
  const server = new Server({ name: "t", version: "0" }, { capabilities: { tools: {}, logging: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const name = req.params.name;
    if (name === "progress") {
      const token = req.params._meta?.progressToken;
      if (token !== undefined) {
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken: token, progress: 1, total: 2 },
        });
      }
    }
    if (name === "slow") await new Promise((resolve) => setTimeout(resolve, 120));
    // Waits until cancelled (or 5 s), like a tool waiting on a slow API.
    if (name === "wait") {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        extra.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return { content: [{ type: "text", text: `done ${name}` }] };
  });
  return server;
}

interface Served {
  url: string;
  port: number;
  /** The single session's server (stateful mode). */
  session?: { server: Server; transport: NodeStreamableTransport };
}

let http: HttpServer | undefined;
afterEach(async () => {
  http?.closeAllConnections();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  http = undefined;
});

/** Stateless: a fresh Server and transport per request. Stateful: one session for the whole test. */
async function serve(mode: "stateless" | "stateful", keepAliveMs?: number): Promise<Served> {
  const served: Partial<Served> = {};
  if (mode === "stateful") {
    const server = mcpServer();
    const transport = new NodeStreamableTransport({ sessionIdGenerator: () => "session-1", keepAliveMs });
    await server.connect(transport);
    served.session = { server, transport };
  }
  http = createHttpServer(async (req, res) => {
    let body: unknown;
    if (req.method === "POST") {
      const read = await readJsonBody(req);
      if (!read.ok) return refuseBody(req, res, read);
      body = read.value;
    }
    if (served.session) return served.session.transport.handleRequest(req, res, body);
    const server = mcpServer();
    const transport = new NodeStreamableTransport({ keepAliveMs });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => http?.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return { ...served, url: `http://127.0.0.1:${port}/mcp`, port };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  port: number,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; until?: RegExp },
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const text = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/mcp",
        method: options.method ?? "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json, text/event-stream",
          ...options.headers,
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
          // A stream that stays open (GET): stop once what the test waits for has come.
          if (options.until?.test(body)) {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
            req.destroy();
          }
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

const call = (id: number, name: string, meta?: Record<string, unknown>) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, arguments: {}, ...(meta ? { _meta: meta } : {}) },
});

const initialize = {
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

describe("answers", () => {
  it("answers a plain call with one application/json body of the declared length", async () => {
    const { port } = await serve("stateless");
    const res = await raw(port, { body: call(1, "plain") });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.body));
    expect(JSON.parse(res.body)).toMatchObject({
      jsonrpc: "2.0",
      id: 1,
      result: { content: [{ text: "done plain" }] },
    });
  });

  it("answers a batch with the responses in the order of the requests", async () => {
    const { port } = await serve("stateless");
    const res = await raw(port, { body: [call(7, "slow"), call(8, "plain")] });
    expect(res.headers["content-type"]).toBe("application/json");
    const answers = JSON.parse(res.body) as Array<{ id: number }>;
    expect(answers.map((a) => a.id)).toEqual([7, 8]);
  });

  it("streams an answer when a notification must go first, and the SDK client gets both", async () => {
    const { url, port } = await serve("stateless");
    const res = await raw(port, { body: call(2, "progress", { progressToken: "p" }) });
    expect(res.headers["content-type"]).toBe("text/event-stream");
    const events = res.body.split("\n\n").filter((e) => e.startsWith("event: message"));
    expect(events).toHaveLength(2);
    expect(events[0]).toContain('"notifications/progress"');
    expect(events[1]).toContain('"id":2');

    const client = new Client({ name: "sdk", version: "0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const seen: number[] = [];
    const result = await client.callTool({ name: "progress", arguments: {} }, undefined, {
      onprogress: (p) => seen.push(p.progress),
    });
    expect(seen).toEqual([1]);
    expect(result.content).toEqual([{ type: "text", text: "done progress" }]);
    await client.close();
  });

  it("turns a call slower than the keep-alive interval into a stream with keep-alive comments", async () => {
    const { port } = await serve("stateless", 40);
    const res = await raw(port, { body: call(3, "slow") });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/event-stream");
    expect(res.body).toMatch(/^: keepalive\n\n/);
    expect(res.body).toContain('"done slow"');
  });

  it("accepts notifications alone with 202 and no body", async () => {
    const { port } = await serve("stateless");
    const res = await raw(port, { body: { jsonrpc: "2.0", method: "notifications/initialized" } });
    expect(res.status).toBe(202);
    expect(res.body).toBe("");
  });
});

describe("refusals, as the SDK's transport makes them", () => {
  it("needs both JSON and SSE in Accept, a supported protocol version, a valid message, a bounded batch", async () => {
    const { port } = await serve("stateless");
    const accept = await raw(port, { headers: { Accept: "application/json" }, body: call(1, "plain") });
    expect(accept.status).toBe(406);
    const version = await raw(port, {
      headers: { "Mcp-Protocol-Version": "1999-01-01" },
      body: call(1, "plain"),
    });
    expect(version.status).toBe(400);
    expect(version.body).toMatch(/Unsupported protocol version/);
    const invalid = await raw(port, { body: { jsonrpc: "1.0", nonsense: true } });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.code).toBe(-32700);
    const batch = await raw(port, { body: Array.from({ length: 101 }, (_, i) => call(i, "plain")) });
    expect(batch.status).toBe(400);
    expect(JSON.parse(batch.body).error.code).toBe(-32600);
  });
});

describe("sessions", () => {
  it("names the session at initialize and checks it on every later request", async () => {
    const { port } = await serve("stateful");
    const before = await raw(port, { body: call(1, "plain") });
    expect(before.status).toBe(400);
    const init = await raw(port, { body: initialize });
    expect(init.status).toBe(200);
    expect(init.headers["mcp-session-id"]).toBe("session-1");
    expect(init.headers["content-type"]).toBe("application/json");
    const again = await raw(port, { body: initialize, headers: { "Mcp-Session-Id": "session-1" } });
    expect(again.status).toBe(400);
    expect((await raw(port, { body: call(1, "plain") })).status).toBe(400);
    expect((await raw(port, { body: call(1, "plain"), headers: { "Mcp-Session-Id": "other" } })).status).toBe(
      404,
    );
    const ok = await raw(port, { body: call(1, "plain"), headers: { "Mcp-Session-Id": "session-1" } });
    expect(ok.status).toBe(200);
    expect(ok.headers["mcp-session-id"]).toBe("session-1");
  });

  it("keeps one GET stream per session, delivers unrelated messages on it, and ends on DELETE", async () => {
    const { port, session } = await serve("stateful");
    await raw(port, { body: initialize });
    const headers = { "Mcp-Session-Id": "session-1", Accept: "text/event-stream" };
    const stream = raw(port, { method: "GET", headers, until: /notifications\/message/ });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await raw(port, { method: "GET", headers });
    expect(second.status).toBe(409);
    await session?.server.sendLoggingMessage({ level: "warning", data: "to the GET stream" });
    const opened = await stream;
    expect(opened.status).toBe(200);
    expect(opened.headers["content-type"]).toBe("text/event-stream");
    expect(opened.body).toContain("to the GET stream");

    const closed = new Promise<void>((resolve) => {
      if (session) session.transport.onclose = () => resolve();
    });
    const del = await raw(port, { method: "DELETE", headers: { "Mcp-Session-Id": "session-1" } });
    expect(del.status).toBe(200);
    await closed;
    const after = await raw(port, { body: call(1, "plain"), headers: { "Mcp-Session-Id": "session-1" } });
    expect(after.status).toBe(404);
  });

  it("answers a call still running when its session ends with an error saying its outcome is unknown", async () => {
    const { port } = await serve("stateful");
    await raw(port, { body: initialize });
    const headers = { "Mcp-Session-Id": "session-1" };
    const running = raw(port, { body: call(4, "slow"), headers });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The same id again while the first is still running would take its answer: refused.
    const reused = await raw(port, { body: call(4, "plain"), headers });
    expect(reused.status).toBe(400);
    expect(reused.body).toContain("already in use");
    const del = await raw(port, { method: "DELETE", headers });
    expect(del.status).toBe(200);
    const answer = await running;
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(answer.body)).toMatchObject({
      jsonrpc: "2.0",
      id: 4,
      error: { code: -32603, message: expect.stringMatching(/outcome is unknown/) },
    });
  });

  it("serves the SDK's client through a whole session", async () => {
    const { url } = await serve("stateful");
    const client = new Client({ name: "sdk", version: "0" });
    const transport = new StreamableHTTPClientTransport(new URL(url));
    await client.connect(transport);
    expect(transport.sessionId).toBe("session-1");
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    const result = await client.callTool({ name: "plain", arguments: {} });
    expect(result.content).toEqual([{ type: "text", text: "done plain" }]);
    await transport.terminateSession();
    await client.close();
  });
});

// The SDK's Protocol sends no response for a cancelled request (MCP cancellation: "the receiver SHOULD
// NOT send a response"), so the POST that carried it must be ended by the transport. It used to stay
// open for good, fed ": keepalive" comments.
describe("a cancelled request's POST", () => {
  const within = <T>(p: Promise<T>, ms: number): Promise<T | "still open"> =>
    Promise.race([p, new Promise<"still open">((r) => setTimeout(() => r("still open"), ms))]);

  it("ends once the client has cancelled the request it carried", async () => {
    const { port } = await serve("stateful", 50);
    await raw(port, { body: initialize });
    const headers = { "Mcp-Session-Id": "session-1" };
    const running = raw(port, { body: call(7, "wait"), headers });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const cancel = await raw(port, {
      body: { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 7, reason: "user" } },
      headers,
    });
    expect(cancel.status).toBe(202);
    expect(await within(running, 3_000)).not.toBe("still open");
  });

  it("does not leave the SDK client's connection open after callTool is aborted", async () => {
    const { url } = await serve("stateful", 50);
    const client = new Client({ name: "sdk", version: "0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const connections = () => new Promise<number>((r) => http?.getConnections((_e, n) => r(n)));
    const before = await connections();
    for (let i = 0; i < 3; i++) {
      const controller = new AbortController();
      const pending = client.callTool({ name: "wait", arguments: {} }, undefined, {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort("user"), 30);
      await expect(pending).rejects.toThrow();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await connections();
    await client.close();
    expect(after - before).toBeLessThan(3);
  });
});
