// The process as a host sees it: it leaves promptly when the host lets go (stdin closed, SIGTERM,
// SIGINT, stdout gone), even with a request stuck on a hanging API or a Retry-After wait pending, and
// stdout never carries anything but JSON-RPC.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SandboxHandle } from "../../src/sandbox/index.js";
import { startSandbox } from "../../src/sandbox/index.js";
import { nonJsonRpcLines, type RawServer, spawnRaw } from "../support/raw-stdio.js";
import { TEST_KEY } from "../support/sandbox.js";

// The promises are 1 s (stdin) and 2 s (signals); the bounds leave room for a loaded 2-core machine.
const STDIN_BOUND_MS = 2_500;
const SIGNAL_BOUND_MS = 3_500;

let api: SandboxHandle;
const spawned: RawServer[] = [];

beforeAll(async () => {
  api = await startSandbox({ apiKey: TEST_KEY });
});
afterEach(() => {
  for (const s of spawned.splice(0)) if (s.child.exitCode === null) s.child.kill("SIGKILL");
  api.reset();
});
afterAll(async () => {
  await api?.close();
});

async function serverWithStuckCall(fault: "hang" | "retry-after"): Promise<RawServer> {
  // Per-attempt timeout far beyond the test, so only the shutdown can end the stuck call.
  const server = spawnRaw({
    args: ["--log-level", "debug"],
    env: { GENVIRAL_API_KEY: TEST_KEY, GENVIRAL_API_URL: api.url, GENVIRAL_TIMEOUT_MS: "30000" },
  });
  spawned.push(server);
  await server.initialize();
  if (fault === "hang") api.addFault({ method: "GET", path: "/posts", hang: true, times: 10 });
  // 8 s is inside what the client waits out, so it sleeps on a timer.
  else
    api.addFault({ method: "GET", path: "/posts", status: 429, headers: { "Retry-After": "8" }, times: 10 });
  void server.request("tools/call", { name: "list_posts", arguments: {} }, 60_000).catch(() => {});
  const deadline = Date.now() + 10_000;
  while (api.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(api.requests).toHaveLength(1);
  return server;
}

describe("shutdown", () => {
  it("exits within 1 s of stdin closing, with a call stuck on a hanging API", async () => {
    const server = await serverWithStuckCall("hang");
    const started = performance.now();
    server.child.stdin.end();
    const exit = await server.exited;
    expect(exit.at - started).toBeLessThan(STDIN_BOUND_MS);
    expect(exit.code).toBe(0);
    expect(nonJsonRpcLines(server.lines)).toEqual([]);
  });

  it("answers the stuck call before exiting when stdin closes, saying its outcome is unknown", async () => {
    const server = await serverWithStuckCall("hang");
    server.child.stdin.end();
    await server.exited;
    const answers = server.lines.map((l) => JSON.parse(l) as { id?: unknown; error?: { message: string } });
    const stuck = answers.filter((a) => a.error?.message.includes("shutting down"));
    expect(stuck).toHaveLength(1);
    expect(stuck[0]?.error?.message).toMatch(/outcome is unknown.*external_id/);
  });

  it("exits within 1 s of stdin closing, with a Retry-After wait pending", async () => {
    const server = await serverWithStuckCall("retry-after");
    const started = performance.now();
    server.child.stdin.end();
    const exit = await server.exited;
    expect(exit.at - started).toBeLessThan(STDIN_BOUND_MS);
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "exits within 2 s of %s, with a call stuck on a hanging API",
    async (signal) => {
      const server = await serverWithStuckCall("hang");
      const started = performance.now();
      server.child.kill(signal);
      const exit = await server.exited;
      expect(exit.at - started).toBeLessThan(SIGNAL_BOUND_MS);
      // It handled the signal itself (a clean exit), rather than being killed by it.
      expect(exit.signal).toBeNull();
      expect(nonJsonRpcLines(server.lines)).toEqual([]);
    },
  );

  it("exits when the host stops reading its stdout", async () => {
    const server = await serverWithStuckCall("hang");
    server.child.stdout.destroy();
    const started = performance.now();
    // The answer to this has nowhere to go: the write fails with EPIPE.
    await server.sendLine(JSON.stringify({ jsonrpc: "2.0", id: 99, method: "ping" }));
    const exit = await server.exited;
    expect(exit.at - started).toBeLessThan(SIGNAL_BOUND_MS);
  });
});

describe("stdout discipline", () => {
  it("carries only JSON-RPC, with debug logging on and failures in flight; logs go to stderr", async () => {
    const server = spawnRaw({
      args: ["--log-level", "debug"],
      env: { GENVIRAL_API_KEY: TEST_KEY, GENVIRAL_API_URL: api.url, GENVIRAL_TIMEOUT_MS: "500" },
    });
    spawned.push(server);
    await server.initialize();
    await server.request("logging/setLevel", { level: "debug" });
    api.addFault({ method: "GET", path: "/accounts", status: 500, times: 3 });
    api.addFault({ method: "GET", path: "/posts", status: 200, body: "<html>oops</html>" });
    const failed = await server.request("tools/call", { name: "list_accounts", arguments: {} });
    expect(failed.result?.isError).toBe(true);
    await server.request("tools/call", { name: "list_posts", arguments: {} });
    await server.request("tools/call", { name: "get_post", arguments: { post_id: "nope" } });
    await server.request("tools/call", { name: "no_such_tool", arguments: {} });
    await server.sendLine("this is not JSON");
    await server.request("ping", {});
    const exit = await server.close();
    expect(exit.code).toBe(0);
    expect(server.lines.length).toBeGreaterThan(5);
    expect(nonJsonRpcLines(server.lines)).toEqual([]);
    expect(server.stderr()).toMatch(/\[genviral-mcp\] (debug|info|warn|error):/);
    expect(server.stderr()).not.toContain(TEST_KEY);
    expect(server.lines.join("\n")).not.toContain(TEST_KEY);
  });
});
