// The API clients' HTTP layer against a real HTTP server on 127.0.0.1: what it sends, how it reads
// answers, and when it sends a request again.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiHttp } from "../../src/providers/http/api-http.js";
import { HttpStatusError } from "../../src/providers/http/http-status-error.js";
import { NetworkError } from "../../src/providers/http/network-error.js";
import { RequestTimeoutError } from "../../src/providers/http/request-timeout-error.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[] = [];
/** Per path: how to answer the n-th request (the last one repeats). */
let plans: Record<
  string,
  Array<(res: import("node:http").ServerResponse, req: IncomingMessage) => void>
> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const path = (req.url ?? "").split("?")[0] ?? "";
      const plan = plans[path] ?? [];
      const count = seen.filter((s) => s.url.split("?")[0] === path).length;
      const answer = plan[Math.min(count, plan.length) - 1];
      if (answer) return answer(res, req);
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen = [];
  plans = {};
});

const http = (timeoutMs = 2_000) =>
  new ApiHttp({ baseUrl: base, headers: { authorization: "Bearer k" }, timeoutMs, maxRetryAfterMs: 1_000 });
const status =
  (code: number, headers: Record<string, string> = {}, body = "") =>
  (res: import("node:http").ServerResponse) =>
    res.writeHead(code, headers).end(body);

describe("ApiHttp", () => {
  it("sends method, base path, query, headers and a JSON body, and reads the whole answer", async () => {
    plans["/api/v1/posts"] = [status(201, { "content-type": "application/json", "x-a": "1" }, '{"ok":true}')];
    const answer = await http().request({
      method: "POST",
      path: "posts",
      query: { limit: 20, status: "a b" },
      json: { caption: "é" },
      budgetMs: 5_000,
      retry: "any",
    });
    expect(answer.status).toBe(201);
    expect(answer.text).toBe('{"ok":true}');
    expect(answer.header("X-A")).toBe("1");
    expect(answer.header("missing")).toBeNull();
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/api/v1/posts?limit=20&status=a+b",
      body: '{"caption":"é"}',
    });
    expect(seen[0]?.headers).toMatchObject({
      authorization: "Bearer k",
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength('{"caption":"é"}')),
    });
  });

  it("throws HttpStatusError with the answer's data for a status outside 2xx", async () => {
    plans["/api/v1/x"] = [status(404, { "content-type": "application/json" }, '{"ok":false,"code":404}')];
    const error = await http()
      .request({ method: "GET", path: "x", budgetMs: 5_000, retry: "any" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(404);
    expect((error as HttpStatusError).data).toEqual({ ok: false, code: 404 });
    expect(seen).toHaveLength(1); // 404 is not retried
  });

  it("retries a 503 for policy 'any' and counts every attempt", async () => {
    plans["/api/v1/r"] = [status(503), status(503), status(200, {}, "fine")];
    const failures: unknown[] = [];
    const answer = await http().request({
      method: "GET",
      path: "r",
      budgetMs: 10_000,
      retry: "any",
      onAttempt: (failed) => failures.push(failed),
    });
    expect(answer.text).toBe("fine");
    expect(seen).toHaveLength(3);
    expect(failures[0]).toBeUndefined();
    expect(failures[1]).toBeInstanceOf(HttpStatusError);
  });

  it("does not repeat a 500 for policy 'not-processed', but does a 429 with Retry-After", async () => {
    plans["/api/v1/d"] = [status(500)];
    await expect(
      http().request({ method: "POST", path: "d", json: {}, budgetMs: 5_000, retry: "not-processed" }),
    ).rejects.toBeInstanceOf(HttpStatusError);
    expect(seen).toHaveLength(1);
    seen = [];
    plans["/api/v1/l"] = [status(429, { "retry-after": "0" }), status(200)];
    await http().request({ method: "POST", path: "l", json: {}, budgetMs: 5_000, retry: "not-processed" });
    expect(seen).toHaveLength(2);
  });

  it("gives up at once on a Retry-After longer than it waits", async () => {
    plans["/api/v1/slow"] = [status(429, { "retry-after": "60" })];
    const error = await http()
      .request({ method: "GET", path: "slow", budgetMs: 5_000, retry: "any" })
      .catch((e: unknown) => e);
    expect((error as HttpStatusError).status).toBe(429);
    expect(seen).toHaveLength(1);
  });

  it("times an attempt out, and never runs past the call's budget", async () => {
    plans["/api/v1/hang"] = [() => {}];
    const started = performance.now();
    const error = await http(100)
      .request({ method: "GET", path: "hang", budgetMs: 250, retry: "any" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it("a refused connection is a NetworkError whose cause says ECONNREFUSED", async () => {
    const closed = new ApiHttp({
      baseUrl: "http://127.0.0.1:1/",
      headers: {},
      timeoutMs: 1_000,
      maxRetryAfterMs: 0,
    });
    const error = await closed
      .request({ method: "POST", path: "x", json: {}, budgetMs: 5_000, retry: "not-processed" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toMatchObject({ code: "ECONNREFUSED" });
  });

  it("a connection dropped mid-answer is a NetworkError", async () => {
    plans["/api/v1/drop"] = [(res) => res.socket?.destroy()];
    await expect(
      http().request({ method: "POST", path: "drop", json: {}, budgetMs: 5_000, retry: "not-processed" }),
    ).rejects.toBeInstanceOf(NetworkError);
  });

  it("stops at once, with the signal's reason, when the call is cancelled", async () => {
    plans["/api/v1/hang"] = [() => {}];
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 30);
    await expect(
      http().request({
        method: "GET",
        path: "hang",
        budgetMs: 5_000,
        retry: "any",
        signal: controller.signal,
      }),
    ).rejects.toThrow("stop");
    expect(seen).toHaveLength(1);
  });

  it("sends nothing and counts no attempt for a call already cancelled", async () => {
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    const attempts: unknown[] = [];
    await expect(
      http().request({
        method: "POST",
        path: "x",
        json: {},
        budgetMs: 5_000,
        retry: "any",
        signal: controller.signal,
        onAttempt: (failed) => attempts.push(failed),
      }),
    ).rejects.toThrow("gone");
    expect(attempts).toHaveLength(0);
    expect(seen).toHaveLength(0);
  });

  it("reads a bodiless status as an empty text", async () => {
    plans["/api/v1/empty"] = [status(204)];
    const answer = await http().request({ method: "GET", path: "empty", budgetMs: 5_000, retry: "any" });
    expect(answer).toMatchObject({ status: 204, text: "" });
  });
});
