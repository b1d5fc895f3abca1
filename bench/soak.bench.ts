// Soak: thousands of tool calls through the BUILT server over stdio against the simulator, with ~5 % of
// them meeting an injected fault (500/502/503, 429 with Retry-After 0 or 1, dropped connections, answers
// that arrive after the attempt timeout or never, with the write done). Reports throughput, errors by
// kind, server memory at start and end, and duplicates — posts made twice for one call — which must be 0.
// Bounded: 3,000 calls or 60 s, whichever comes first.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type * as Sandbox from "../src/sandbox/index.js";

const MAX_CALLS = 3_000;
const MAX_MS = 60_000;
const CONCURRENCY = 4;
const FAULT_RATE = 0.05;
/** Short, so lost answers and retries resolve quickly. */
const ATTEMPT_TIMEOUT_MS = 300;
const KEY = "gva_soak_k3y.soak-secret-never-shown-0123456789";

const dist = new URL("../dist/", import.meta.url);
const { startSandbox, SEED_ACCOUNT_IDS, SEED_POST_IDS } = (await import(
  new URL("sandbox/index.js", dist).href
)) as typeof Sandbox;

type Endpoint = { method: string; path: string };
type FaultKind = Sandbox.Fault & { label: string };

/** The faults a call may meet, in equal measure. */
const FAULTS: ((e: Endpoint) => FaultKind)[] = [
  (e) => ({ ...e, label: "500", status: 500 }),
  (e) => ({ ...e, label: "502", status: 502 }),
  (e) => ({ ...e, label: "503", status: 503 }),
  (e) => ({ ...e, label: "429 Retry-After 0", status: 429, headers: { "Retry-After": "0" } }),
  (e) => ({ ...e, label: "429 Retry-After 1", status: 429, headers: { "Retry-After": "1" } }),
  (e) => ({ ...e, label: "dropped connection", status: 200, dropConnection: true }),
  (e) => ({ ...e, label: "late answer, write done", passThrough: true, delayMs: ATTEMPT_TIMEOUT_MS * 2 }),
  (e) => ({ ...e, label: "lost answer, write done", passThrough: true, dropConnection: true }),
];

interface Planned {
  tool: string;
  args: Record<string, unknown>;
  endpoint: Endpoint;
}

function plan(n: number): Planned {
  const roll = n % 20;
  if (roll < 10) {
    // Half the calls create: each with its own caption, so a second post for one call is visible.
    const args: Record<string, unknown> = {
      caption: `Soak post #${n}`,
      media: { type: "video", url: `https://cdn.example.com/soak/${n}.mp4`, duration_sec: 30 },
      accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }],
      scheduled_at: new Date(Date.now() + 3_600_000).toISOString(),
    };
    if (n % 3 === 0) args.external_id = `soak-${n}`;
    return { tool: "schedule_post", args, endpoint: { method: "POST", path: "/posts" } };
  }
  if (roll < 14) return { tool: "list_accounts", args: {}, endpoint: { method: "GET", path: "/accounts" } };
  if (roll < 17)
    return { tool: "list_posts", args: { limit: 5 }, endpoint: { method: "GET", path: "/posts" } };
  if (roll < 19) {
    return {
      tool: "get_post",
      args: { post_id: SEED_POST_IDS.draft },
      endpoint: { method: "GET", path: "/posts/*" },
    };
  }
  return {
    tool: "update_post",
    args: { post_id: SEED_POST_IDS.draft, caption: `Soak edit #${n}` },
    endpoint: { method: "PATCH", path: "/posts/*" },
  };
}

/** mulberry32: the same fault sequence on every run (the order calls meet them varies with concurrency). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

const tally = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const show = (map: Map<string, number>) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "none";

export async function run(): Promise<void> {
  const api = await startSandbox({ apiKey: KEY });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [fileURLToPath(new URL("index.js", dist)), "--log-level", "warn"],
    env: {
      PATH: process.env.PATH ?? "",
      GENVIRAL_API_KEY: KEY,
      GENVIRAL_API_URL: api.url,
      GENVIRAL_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
    },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "genviral-mcp-soak", version: "0.0.0" });
  await client.connect(transport);
  const pid = transport.pid as number;
  // Warm up (module loading, first connections) before the starting figure.
  for (let i = 0; i < 20; i++) await client.callTool({ name: "list_accounts", arguments: {} });
  const rssStart = rssMb(pid);

  const random = seeded(20_260_101);
  const faults = new Map<string, number>();
  const outcomes = new Map<string, number>();
  const latencies: number[] = [];
  const leaks: string[] = [];
  let next = 0;
  let done = 0;
  const started = performance.now();

  async function worker(): Promise<void> {
    while (next < MAX_CALLS && performance.now() - started < MAX_MS) {
      const n = next++;
      const call = plan(n);
      if (random() < FAULT_RATE) {
        const fault = (FAULTS[Math.floor(random() * FAULTS.length)] as (e: Endpoint) => FaultKind)(
          call.endpoint,
        );
        const { label, ...spec } = fault;
        api.addFault(spec);
        tally(faults, label);
      }
      const t0 = performance.now();
      let result: CallToolResult;
      try {
        result = (await client.callTool({ name: call.tool, arguments: call.args })) as CallToolResult;
      } catch (error) {
        tally(outcomes, `protocol error (${error instanceof Error ? error.message.slice(0, 40) : "?"})`);
        continue;
      }
      latencies.push(performance.now() - t0);
      done += 1;
      const text = JSON.stringify(result);
      if (text.includes(KEY)) leaks.push(call.tool);
      if (!result.isError) tally(outcomes, "ok");
      else {
        const structured = result.structuredContent as
          | { error?: { kind?: string; status?: number } }
          | undefined;
        const kind = structured?.error?.kind ?? "refused";
        tally(outcomes, `${kind}${structured?.error?.status ? ` ${structured.error.status}` : ""}`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const rssEnd = rssMb(pid);

  // Posts made per tool call: a caption is unique to a call, so two 201s for one caption are a duplicate.
  const madeByCaption = new Map<string, number>();
  const madeByExternalId = new Map<string, number>();
  for (const r of api.requests) {
    if (r.method !== "POST" || r.path !== "/posts" || r.status !== 201) continue;
    const body = r.body as { caption: string; external_id: string };
    tally(madeByCaption, body.caption);
    tally(madeByExternalId, body.external_id);
  }
  const duplicates =
    [...madeByCaption.values()].filter((v) => v > 1).length +
    [...madeByExternalId.values()].filter((v) => v > 1).length;
  const attempts = api.requests.length;

  await client.close();
  await api.close();

  const injected = [...faults.values()].reduce((a, b) => a + b, 0);
  console.log(
    `calls: ${done} in ${elapsed.toFixed(1)} s → ${(done / elapsed).toFixed(1)} calls/s (concurrency ${CONCURRENCY}, attempt timeout ${ATTEMPT_TIMEOUT_MS} ms)`,
  );
  console.log(
    `latency per call: median ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
  );
  console.log(
    `faults injected: ${injected} (${((injected / Math.max(1, done)) * 100).toFixed(1)} % of calls): ${show(faults)}`,
  );
  console.log(
    `HTTP requests the API saw: ${attempts} (${(attempts / Math.max(1, done)).toFixed(2)} per call)`,
  );
  console.log(`outcomes: ${show(outcomes)}`);
  console.log(
    `posts created: ${madeByCaption.size}; duplicates (a second post for one call or external_id): ${duplicates}`,
  );
  console.log(`server RSS: ${rssStart.toFixed(1)} MB after warm-up → ${rssEnd.toFixed(1)} MB at the end`);
  console.log(`key in a result: ${leaks.length}; key in stderr: ${stderr.includes(KEY) ? "yes" : "no"}`);
  if (duplicates > 0 || leaks.length > 0 || stderr.includes(KEY)) {
    throw new Error("soak failed: duplicates or a leaked key (see above)");
  }
}
