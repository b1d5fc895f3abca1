// How the built server answers a POST on /mcp: a call's response is one application/json body (one
// write, Content-Length) in both modes, the session id beside it when stateful; a client that leaves
// mid-call leaves nothing broken behind.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type HttpServerProcess,
  initializeBody,
  MCP_POST_HEADERS,
  rawRequest,
  startHttpServer,
} from "../support/http.js";
import { type RecordingApi, startRecordingApi } from "../support/http-api.js";

const listAccounts = (id: number) =>
  JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "tools/call",
    params: { name: "list_accounts", arguments: {} },
  });

const CALL_HEADERS = { ...MCP_POST_HEADERS, "Mcp-Protocol-Version": "2025-06-18" };

function expectJsonAnswer(
  res: { status: number; headers: Record<string, unknown>; body: string },
  id: number,
) {
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toBe("application/json");
  expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.body));
  const answer = JSON.parse(res.body) as {
    id: number;
    result: { structuredContent: { accounts: unknown[] } };
  };
  expect(answer.id).toBe(id);
  expect(answer.result.structuredContent.accounts.length).toBeGreaterThan(0);
}

describe("stateless", () => {
  let api: RecordingApi;
  let server: HttpServerProcess;
  beforeAll(async () => {
    api = await startRecordingApi("gva_live_answers.key-for-the-answers-test");
    server = await startHttpServer({
      args: ["--stateless"],
      env: { GENVIRAL_API_KEY: api.key, GENVIRAL_API_URL: api.url },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("answers a tool call with one JSON body", async () => {
    const res = await rawRequest({ port: server.port, headers: CALL_HEADERS, body: listAccounts(4) });
    expectJsonAnswer(res, 4);
  });

  it("keeps serving after a client leaves mid-call", async () => {
    api.delayMs = 400;
    await new Promise<void>((resolve) => {
      const req = request({
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        path: "/mcp",
        headers: CALL_HEADERS,
      });
      req.on("error", () => resolve());
      req.end(listAccounts(5));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the API answers the abandoned call
    api.delayMs = 0;
    expectJsonAnswer(
      await rawRequest({ port: server.port, headers: CALL_HEADERS, body: listAccounts(6) }),
      6,
    );
    expect(server.stderr()).not.toMatch(/uncaught|unhandled|HTTP POST/i);
  });
});

describe("stateful", () => {
  let server: HttpServerProcess;
  beforeAll(async () => {
    server = await startHttpServer({ args: ["--sandbox"] });
  });
  afterAll(() => server?.stop());

  it("answers initialize and a tool call with JSON bodies carrying the session id", async () => {
    const init = await rawRequest({ port: server.port, headers: MCP_POST_HEADERS, body: initializeBody() });
    expect(init.status).toBe(200);
    expect(init.headers["content-type"]).toBe("application/json");
    const id = init.headers["mcp-session-id"] as string;
    expect(id).toBeTruthy();
    const headers = { ...CALL_HEADERS, "Mcp-Session-Id": id };
    const res = await rawRequest({ port: server.port, headers, body: listAccounts(9) });
    expectJsonAnswer(res, 9);
    expect(res.headers["mcp-session-id"]).toBe(id);
  });
});
