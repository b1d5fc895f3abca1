// The node:http Streamable HTTP transport when a request's response never comes because the
// client cancelled it. The SDK's Protocol sends no response for a cancelled request (MCP cancellation:
// "the receiver SHOULD NOT send a response"), so the POST that carried it must be ended by the transport.
import { createServer as createHttpServer, type Server as HttpServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { readJsonBody, refuseBody } from "../../src/transports/http-io.js";
import { NodeStreamableTransport } from "../../src/transports/http-mcp-transport.js";

function mcpServer(): Server {
  const server = new Server({ name: "t", version: "0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [{ name: "wait", inputSchema: { type: "object" as const } }],
  }));
  // Waits until cancelled (or 5 s), like a tool waiting on a slow API.
  server.setRequestHandler(CallToolRequestSchema, async (_req, extra) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      extra.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { content: [{ type: "text", text: "waited" }] };
  });
  return server;
}

let http: HttpServer | undefined;
let transport: NodeStreamableTransport | undefined;
afterEach(async () => {
  await transport?.close();
  http?.closeAllConnections();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  http = undefined;
  transport = undefined;
});

async function serveStateful(keepAliveMs?: number): Promise<number> {
  const server = mcpServer();
  transport = new NodeStreamableTransport({ sessionIdGenerator: () => "session-1", keepAliveMs });
  await server.connect(transport);
  const t = transport;
  http = createHttpServer(async (req, res) => {
    let body: unknown;
    if (req.method === "POST") {
      const read = await readJsonBody(req);
      if (!read.ok) return refuseBody(req, res, read);
      body = read.value;
    }
    await t.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => http?.listen(0, "127.0.0.1", resolve));
  return (http.address() as AddressInfo).port;
}

function post(
  port: number,
  body: unknown,
  headers: Record<string, string> = {},
): { done: Promise<{ status: number; body: string }>; chunks: string[] } {
  const chunks: string[] = [];
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/mcp",
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json, text/event-stream",
          ...headers,
        },
      },
      (res) => {
        res.setEncoding("utf8");
        res.on("data", (c: string) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: chunks.join("") }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
  return { done, chunks };
}

const within = <T>(p: Promise<T>, ms: number): Promise<T | "still open"> =>
  Promise.race([p, new Promise<"still open">((r) => setTimeout(() => r("still open"), ms))]);

const session = { "mcp-session-id": "session-1", "mcp-protocol-version": "2025-06-18" };

describe("a cancelled request's POST", () => {
  it("ends once the client has cancelled the request it carried", async () => {
    const port = await serveStateful(50);
    await post(port, {
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
    }).done;
    await post(port, { jsonrpc: "2.0", method: "notifications/initialized" }, session).done;

    const call = post(
      port,
      { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "wait", arguments: {} } },
      session,
    );
    await new Promise((r) => setTimeout(r, 30));
    const cancel = await post(
      port,
      { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 7, reason: "user" } },
      session,
    ).done;
    expect(cancel.status).toBe(202);

    // The handler is aborted and no response is ever sent: the POST must still end (it used to stay
    // open for good, kept alive by ": keepalive" comments every keepAliveMs).
    const outcome = await within(call.done, 3_000);
    expect(outcome, `chunks so far: ${JSON.stringify(call.chunks.slice(0, 3))}…`).not.toBe("still open");
  });

  it("does not leave the SDK client's connection open after callTool is aborted", async () => {
    const port = await serveStateful(50);
    const client = new Client({ name: "sdk", version: "0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
    const before = await new Promise<number>((r) => http?.getConnections((_e, n) => r(n)));

    for (let i = 0; i < 3; i++) {
      const controller = new AbortController();
      const pending = client.callTool({ name: "wait", arguments: {} }, undefined, {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort("user"), 30);
      await expect(pending).rejects.toThrow();
    }
    await new Promise((r) => setTimeout(r, 300));
    const after = await new Promise<number>((r) => http?.getConnections((_e, n) => r(n)));
    await client.close();
    // It used to leave one more open connection per cancelled call, each fed keep-alives.
    expect(after - before).toBeLessThan(3);
  });
});
