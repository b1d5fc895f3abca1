// The client's fetch over node:http keeps the global fetch's contract where ky relies on it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createNodeFetch } from "../../src/providers/node-fetch.js";

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/drop") return req.socket.destroy();
    if (req.url === "/hang") return;
    if (req.url === "/empty") return res.writeHead(204).end();
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      res.writeHead(201, { "content-type": "application/json", "x-echo": req.headers.authorization ?? "" });
      res.end(JSON.stringify({ method: req.method, body, type: req.headers["content-type"] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const nodeFetch = createNodeFetch();

it("sends method, headers and body, and answers a Response", async () => {
  const response = await nodeFetch(
    new Request(`${base}/echo`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: JSON.stringify({ a: 1 }),
    }),
  );
  expect(response.status).toBe(201);
  expect(response.headers.get("x-echo")).toBe("Bearer k");
  expect(await response.json()).toEqual({ method: "POST", body: '{"a":1}', type: "application/json" });
});

it("answers a bodiless status without a body", async () => {
  const response = await nodeFetch(`${base}/empty`);
  expect(response.status).toBe(204);
  expect(await response.text()).toBe("");
});

it("a dropped connection is the TypeError ky treats as a network error", async () => {
  await expect(nodeFetch(`${base}/drop`)).rejects.toMatchObject({
    name: "TypeError",
    message: "fetch failed",
  });
  await expect(nodeFetch("http://127.0.0.1:1/")).rejects.toMatchObject({
    name: "TypeError",
    message: "fetch failed",
  });
});

it("honours the request's signal", async () => {
  const controller = new AbortController();
  const pending = nodeFetch(new Request(`${base}/hang`, { signal: controller.signal }));
  setTimeout(() => controller.abort(new Error("stop")), 20);
  await expect(pending).rejects.toThrow("stop");
});
