// The HTTP layer's behaviour at the edges of a call's budget and around cancellation, against a
// real node:http server on 127.0.0.1.
import { getEventListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GenviralClient } from "../../src/providers/genviral/client.js";
import { ApiHttp } from "../../src/providers/http/api-http.js";
import { HttpStatusError } from "../../src/providers/http/http-status-error.js";
import { PostEverywhereClient } from "../../src/providers/posteverywhere/client.js";
import type { ProviderError } from "../../src/providers/provider-error.js";

let server: Server;
let base: string;
let seen: Array<{ url: string; body: string; headers: IncomingMessage["headers"] }> = [];
let answer: (res: ServerResponse, req: IncomingMessage) => void = (res) => res.writeHead(200).end("{}");

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => {
      seen.push({ url: req.url ?? "", body, headers: req.headers });
      answer(res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen = [];
  answer = (res) => res.writeHead(200).end("{}");
});

const http = () =>
  new ApiHttp({
    baseUrl: base,
    headers: { authorization: "Bearer k" },
    timeoutMs: 2_000,
    maxRetryAfterMs: 1_000,
  });

describe("ApiHttp near the end of a call's budget", () => {
  // When the backoff does not fit in what is left of the budget, the failure the API gave stands at
  // once (not a timeout after sleeping out the budget, which would hide the 429/503).
  it("a 429 whose backoff does not fit the budget is reported as the 429, at once", async () => {
    answer = (res) => res.writeHead(429, { "content-type": "application/json" }).end('{"ok":false}');
    const started = performance.now();
    const error = await http()
      .request({ method: "POST", path: "posts/delete", json: {}, budgetMs: 100, retry: "not-processed" })
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(429);
    expect(elapsed).toBeLessThan(2_000); // liveness only: what matters is which error came back
  });

  it("so a delete refused with 429 is not reported as 'may or may not have happened'", async () => {
    answer = (res) =>
      res
        .writeHead(429, { "content-type": "application/json" })
        .end('{"ok":false,"code":429,"message":"slow down","error_code":"rate_limited"}');
    const client = new GenviralClient({ apiUrl: base, apiKey: "k", timeoutMs: 2_000, totalBudgetMs: 100 });
    const error = (await client.deletePosts(["p1"]).catch((e: unknown) => e)) as ProviderError;
    expect(seen).toHaveLength(1);
    // A 429 proves the API did not act.
    expect(error.writeMayHaveHappened).toBe(false);
    expect(error.message).not.toMatch(/did not answer/);
  });
});

describe("ApiHttp cancellation and listeners", () => {
  it("a cancel during the retry wait ends the call at once with the signal's reason", async () => {
    answer = (res) => res.writeHead(503).end();
    const controller = new AbortController();
    const started = performance.now();
    const pending = http().request({
      method: "GET",
      path: "r",
      budgetMs: 10_000,
      retry: "any",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("stop")), 60);
    await expect(pending).rejects.toThrow("stop");
    expect(performance.now() - started).toBeLessThan(2_000); // liveness only
    expect(seen).toHaveLength(1);
  });

  it("leaves no abort listener behind on a call's signal", async () => {
    const controller = new AbortController();
    const api = http();
    for (let i = 0; i < 5; i++) {
      await api.request({
        method: "GET",
        path: "x",
        budgetMs: 5_000,
        retry: "any",
        signal: controller.signal,
      });
    }
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("sends a non-ASCII JSON body with its byte length", async () => {
    answer = (res, req) => res.writeHead(200).end(req.headers["content-length"]);
    const got = await http().request({
      method: "POST",
      path: "p",
      json: { caption: "héllo 🌍" },
      budgetMs: 5_000,
      retry: "any",
    });
    expect(seen[0]?.body).toBe(JSON.stringify({ caption: "héllo 🌍" }));
    expect(got.text).toBe(String(Buffer.byteLength(JSON.stringify({ caption: "héllo 🌍" }))));
  });
});

describe("PostEverywhere with the call's budget used up", () => {
  // No attempt starts with less than MIN_ATTEMPT_MS (50 ms) of the budget left: a PostEverywhere create
  // (not idempotent, never sent twice) would otherwise go out with a few ms to answer and end "unknown".
  it("does not send the create when the uploads left almost none of the budget", async () => {
    answer = (res, req) => {
      const reply = () =>
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            data: req.url?.includes("media")
              ? { id: "m1" }
              : { post_id: "p1", status: "scheduled", scheduled_for: null },
            error: null,
          }),
        );
      if (req.url?.includes("media")) setTimeout(reply, 285);
      else setTimeout(reply, 20);
    };
    const client = new PostEverywhereClient({
      apiUrl: base,
      apiKey: "k",
      timeoutMs: 2_000,
      totalBudgetMs: 300,
    });
    const controller = new AbortController();
    const error = (await client
      .createPost(
        {
          caption: "hello",
          accounts: [{ id: "1" }],
          media: { type: "video", url: "https://example.com/v.mp4" },
          external_id: "e1",
        } as never,
        { signal: controller.signal },
      )
      .catch((e: unknown) => e)) as ProviderError;
    // (On a very slow machine the upload itself may time out first: then too nothing was created.)
    const creates = seen.filter((s) => s.url.endsWith("/posts"));
    expect(creates).toHaveLength(0);
    expect(error.kind).toBe("timeout");
  });
});
