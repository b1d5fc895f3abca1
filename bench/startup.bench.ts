// Cold start and cost per call, each beside a baseline measured in the same run:
// - cold start (spawn → initialize → tools/list answered) of the built server, vs a bare `node -e 0`
//   and a minimal server on the same SDK bundled here the same way (esbuild, compile cache);
// - time added per call over a direct HTTP request to the same simulator, for list_posts and for
//   schedule_post (pre-flight included);
// - peak RSS of the server after 300 calls;
// - tools/list size in tokens (o200k_base).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { encode } from "gpt-tokenizer/encoding/o200k_base";

const { median, ratio, summary } = (await import(
  new URL("./stats.ts", import.meta.url).href
)) as typeof import("./stats.js");

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = join(ROOT, "dist/index.js");
const RUNS = 7;
const KEY = "gva_bench_key.0123456789";

const INIT = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "0" } },
});
const INITIALIZED = JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" });
const LIST = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" });

/** A line-based JSON-RPC client over a spawned process: the same for every server measured. */
function startProcess(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "ignore"],
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  const waiting = new Map<number, (line: Record<string, unknown>) => void>();
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const message = JSON.parse(line) as { id?: number };
      if (typeof message.id === "number") waiting.get(message.id)?.(message);
    }
  });
  const answer = (id: number) =>
    new Promise<Record<string, unknown>>((resolve) => {
      waiting.set(id, resolve);
    });
  return { child, answer, send: (text: string) => child.stdin.write(`${text}\n`) };
}

async function coldStart(args: string[], env: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const p = startProcess(args, env);
  const listed = p.answer(2);
  p.send(INIT);
  await p.answer(1);
  p.send(INITIALIZED);
  p.send(LIST);
  await listed;
  const ms = performance.now() - started;
  p.child.kill();
  return ms;
}

function nodeNothing(): number {
  const started = performance.now();
  spawnSync(process.execPath, ["-e", "0"]);
  return performance.now() - started;
}

/** The baseline server: the SDK's low-level Server with one tool, over stdio, bundled like ours. */
async function buildMinimalServer(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "genviral-bench-min-"));
  writeFileSync(
    join(dir, "server.mjs"),
    `import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
const server = new Server({ name: "minimal", version: "0.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [{ name: "echo", inputSchema: { type: "object" } }] }));
server.setRequestHandler(CallToolRequestSchema, () => ({ content: [{ type: "text", text: "echo" }] }));
await server.connect(new StdioServerTransport());
`,
  );
  writeFileSync(
    join(dir, "entry.mjs"),
    `import module from "node:module";\nmodule.enableCompileCache?.();\nawait import("./server.mjs");\n`,
  );
  await build({
    entryPoints: { index: join(dir, "entry.mjs") },
    outdir: join(dir, "out"),
    nodePaths: [join(ROOT, "node_modules")],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    minify: true,
    logLevel: "error",
    banner: { js: 'import{createRequire as __c}from"node:module";const require=__c(import.meta.url);' },
  });
  return join(dir, "out/index.js");
}

async function measureColdStarts(minimal: string): Promise<void> {
  // One warm-up each fills the compile cache, as a host's first launch of the day would.
  await coldStart([ENTRY]);
  await coldStart([minimal]);
  nodeNothing();
  const ours: number[] = [];
  const oursSandbox: number[] = [];
  const sdk: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await coldStart([ENTRY], { GENVIRAL_API_KEY: KEY }));
    oursSandbox.push(await coldStart([ENTRY, "--sandbox"]));
    sdk.push(await coldStart([minimal]));
    bare.push(nodeNothing());
  }
  console.log(`cold start, spawn → tools/list answered, ms (median of ${RUNS}, min–max):`);
  console.log(`  genviral-mcp:             ${summary(ours, 1)}  target ≤ 90`);
  console.log(`  genviral-mcp --sandbox:   ${summary(oursSandbox, 1)}`);
  console.log(`  minimal SDK server:       ${summary(sdk, 1)}  → ours ${ratio(median(ours), median(sdk))}`);
  console.log(`  node -e 0:                ${summary(bare, 1)}  → ours ${ratio(median(ours), median(bare))}`);
}

/** The simulator in its own process, as the API would be: the server and the direct client reach it
 *  the same way, over loopback. */
async function startSimulatorProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(ROOT, "dist/sandbox/cli.js"), "--api-key", KEY], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve(line.trim());
    });
    child.once("exit", () => reject(new Error("simulator exited")));
  });
  return { url, stop: () => child.kill() };
}

/**
 * Per-call time: the tool over stdio vs the same request sent straight to the simulator, alternated
 * call by call so both see the same machine. "Added" is their difference: what genviral-mcp costs
 * (stdio and JSON-RPC, validation, pre-flight, the client, the result), beside a ping's round trip,
 * the floor of any call over stdio.
 */
async function measurePerCall(): Promise<void> {
  const { SEED_ACCOUNT_IDS } = await import("../dist/sandbox/index.js");
  const api = await startSimulatorProcess();
  const p = startProcess([ENTRY], { GENVIRAL_API_KEY: KEY, GENVIRAL_API_URL: api.url });
  p.send(INIT);
  await p.answer(1);
  p.send(INITIALIZED);
  let id = 10;
  const rpc = async (method: string, params: Record<string, unknown>) => {
    const my = ++id;
    const answered = p.answer(my);
    p.send(JSON.stringify({ jsonrpc: "2.0", id: my, method, params }));
    const reply = (await answered) as { result?: { isError?: boolean }; error?: unknown };
    if (reply.error || reply.result?.isError)
      throw new Error(`${method} failed: ${JSON.stringify(reply).slice(0, 300)}`);
  };
  const call = (name: string, args: Record<string, unknown>) => rpc("tools/call", { name, arguments: args });
  const direct = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${KEY}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await response.json();
  };
  let n = 0;
  const post = () => ({
    caption: "Benchmark post with a caption of ordinary length #launch",
    media: { type: "video", url: "https://cdn.example.com/bench.mp4", duration_sec: 30 },
    accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }, { id: SEED_ACCOUNT_IDS.instagramByo }],
    scheduled_at: new Date(Date.now() + 3_600_000).toISOString(),
    external_id: `bench-${++n}`,
  });
  const timed = async (work: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  /** CPU ms the server process has used so far (utime + stime from /proc; 10 ms ticks). */
  const serverCpuMs = () => {
    const fields = readFileSync(`/proc/${p.child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  };
  /** Mean ms per call of `a` and `b`, alternated `count` times. */
  const pair = async (a: () => Promise<unknown>, b: () => Promise<unknown>, count: number) => {
    let ta = 0;
    let tb = 0;
    for (let i = 0; i < count; i++) {
      ta += await timed(a);
      tb += await timed(b);
    }
    return [ta / count, tb / count] as const;
  };
  // Warm both paths (JIT, the accounts cache, keep-alive sockets).
  await pair(
    () => call("list_posts", { limit: 20 }),
    () => direct("GET", "/posts?limit=20"),
    50,
  );
  await pair(
    () => call("schedule_post", post()),
    () => direct("POST", "/posts", post()),
    50,
  );
  const rounds = 11;
  const perRound = 50;
  const series = {
    listTool: [] as number[],
    listDirect: [] as number[],
    shortListTool: [] as number[],
    shortListDirect: [] as number[],
    createTool: [] as number[],
    createDirect: [] as number[],
    ping: [] as number[],
  };
  for (let r = 0; r < rounds; r++) {
    const [lt, ld] = await pair(
      () => call("list_posts", { limit: 20 }),
      () => direct("GET", "/posts?limit=20"),
      perRound,
    );
    // The same call with a short page: how much of the added time is the 20 posts' weight.
    const [st, sd] = await pair(
      () => call("list_posts", { limit: 5 }),
      () => direct("GET", "/posts?limit=5"),
      perRound,
    );
    const [ct, cd] = await pair(
      () => call("schedule_post", post()),
      () => direct("POST", "/posts", post()),
      perRound,
    );
    const [pg] = await pair(
      () => rpc("ping", {}),
      async () => {},
      perRound,
    );
    series.listTool.push(lt);
    series.listDirect.push(ld);
    series.shortListTool.push(st);
    series.shortListDirect.push(sd);
    series.createTool.push(ct);
    series.createDirect.push(cd);
    series.ping.push(pg);
  }
  const added = (tool: number[], base: number[]) => tool.map((t, i) => t - (base[i] as number));
  console.log(`\ntime per call, ms (median of ${rounds} rounds × ${perRound} alternated calls, min–max):`);
  console.log(`  list_posts via MCP:       ${summary(series.listTool, 3)}  (20 posts, ~15 KB)`);
  console.log(
    `  GET /posts direct:        ${summary(series.listDirect, 3)}  → added ${summary(added(series.listTool, series.listDirect), 3)}  target ≤ 0.3`,
  );
  console.log(`  list_posts, 5 posts:      ${summary(series.shortListTool, 3)}`);
  console.log(
    `  GET /posts?limit=5:       ${summary(series.shortListDirect, 3)}  → added ${summary(added(series.shortListTool, series.shortListDirect), 3)}`,
  );
  console.log(`  schedule_post via MCP:    ${summary(series.createTool, 3)}`);
  console.log(
    `  POST /posts direct:       ${summary(series.createDirect, 3)}  → added ${summary(added(series.createTool, series.createDirect), 3)}  target ≤ 0.5`,
  );
  console.log(`  ping over stdio (floor):  ${summary(series.ping, 3)}`);
  // The server's own CPU per call, over a long run of one tool (the clock ticks every 10 ms).
  const cpuPerCall = async (work: () => Promise<unknown>, count = 600) => {
    const start = serverCpuMs();
    for (let i = 0; i < count; i++) await work();
    return (serverCpuMs() - start) / count;
  };
  const listCpu = await cpuPerCall(() => call("list_posts", { limit: 20 }));
  const createCpu = await cpuPerCall(() => call("schedule_post", post()));
  // Beside it, what the direct request costs its client (this process, fetch): the same kind of work.
  const clientCpu = async (work: () => Promise<unknown>, count = 600) => {
    const start = process.cpuUsage();
    for (let i = 0; i < count; i++) await work();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / count;
  };
  const listDirectCpu = await clientCpu(() => direct("GET", "/posts?limit=20"));
  const createDirectCpu = await clientCpu(() => direct("POST", "/posts", post()));
  console.log(
    "\nCPU per call, ms (600 calls each; the server's from /proc, the direct client's from process.cpuUsage):",
  );
  console.log(
    `  genviral-mcp server, list_posts:    ${listCpu.toFixed(3)}  (its own request to the simulator included)  vs the direct GET's client ${listDirectCpu.toFixed(3)}`,
  );
  console.log(
    `  genviral-mcp server, schedule_post: ${createCpu.toFixed(3)}  (pre-flight included)  vs the direct POST's client ${createDirectCpu.toFixed(3)}`,
  );
  p.child.kill();
  api.stop();
}

function peakRss(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** Peak RSS of a fresh process after 300 tool calls: ours (list_posts against the simulator, with the
 *  accounts cache, validation and redaction on the way) beside the minimal SDK server (a trivial tool). */
async function measureMemory(minimal: string): Promise<void> {
  const { startSandbox } = await import("../dist/sandbox/index.js");
  const api = await startSandbox({ apiKey: KEY });
  const session = async (args: string[], env: Record<string, string>, tool: string) => {
    const p = startProcess(args, env);
    p.send(INIT);
    await p.answer(1);
    p.send(INITIALIZED);
    const afterInit = peakRss(p.child.pid);
    for (let id = 10; id < 310; id++) {
      const answered = p.answer(id);
      p.send(
        JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: tool, arguments: {} } }),
      );
      await answered;
    }
    const peak = peakRss(p.child.pid);
    p.child.kill();
    return { afterInit, peak };
  };
  const ours = await session([ENTRY], { GENVIRAL_API_KEY: KEY, GENVIRAL_API_URL: api.url }, "list_posts");
  const sdk = await session([minimal], {}, "echo");
  await api.close();
  console.log("\npeak RSS after 300 tool calls, MiB (fresh process each):");
  console.log(
    `  genviral-mcp (list_posts):   ${ours.peak.toFixed(1)} (${ours.afterInit.toFixed(1)} after initialize)  target ≤ 70`,
  );
  console.log(
    `  minimal SDK server (echo):   ${sdk.peak.toFixed(1)} (${sdk.afterInit.toFixed(1)} after initialize)  → ours ${ratio(ours.peak, sdk.peak)}`,
  );
}

async function measureToolsList(): Promise<void> {
  const p = startProcess([ENTRY]);
  const listed = p.answer(2);
  p.send(INIT);
  await p.answer(1);
  p.send(INITIALIZED);
  p.send(LIST);
  const reply = (await listed) as { result: unknown };
  p.child.kill();
  const tokens = encode(JSON.stringify(reply.result)).length;
  console.log(`\ntools/list: ${tokens} tokens (o200k_base)  target ≤ 2500; peers: ~7,900 and ~23,600`);
}

export async function run(): Promise<void> {
  const minimal = await buildMinimalServer();
  await measureColdStarts(minimal);
  await measurePerCall();
  await measureMemory(minimal);
  await measureToolsList();
}
