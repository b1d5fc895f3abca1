// Tool calls per second over HTTP at 1, 10 and 50 concurrent clients, each calling in a loop: the built
// server (list_accounts, stateless and stateful) beside the SDK's own stateless example server (its
// express app, McpServer, one trivial tool), measured in the same run, from the SDK's own client and
// from a bare keep-alive HTTP client. Every server is a child process on 127.0.0.1; ours calls the
// simulated API in a process of its own (node dist/sandbox/cli.js), as a deployment calls a remote
// API, so the simulator's work (and its ever-growing request log) is not charged to the server.
// Rounds alternate between the servers, so a busy moment on the machine hits them all alike.
import { type ChildProcess, spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

// Plain `node` runs this file: it needs the .ts name, which tsc accepts only in a dynamic import.
const { median, ratio, summary } = (await import(
  new URL("./stats.ts", import.meta.url).href
)) as typeof import("./stats.js");

const HERE = fileURLToPath(import.meta.url);
const ENTRY = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const SANDBOX = fileURLToPath(new URL("../dist/sandbox/cli.js", import.meta.url));
/** The simulator's key; it is a local simulation, so this is no secret. */
const SANDBOX_KEY = "gva_sandbox.local-simulation";
const CONCURRENCY = [1, 10, 50];
const ROUNDS = 5;
const ROUND_MS = 1_000;
const WARMUP_MS = 300;
const PROTOCOL_VERSION = "2025-06-18";

/** The SDK's simpleStatelessStreamableHttp example, cut to one trivial tool (run as a child). */
async function serveSdkExample(): Promise<void> {
  const { McpServer } = await import("@modelcontextprotocol/sdk/server/mcp.js");
  const { StreamableHTTPServerTransport } = await import(
    "@modelcontextprotocol/sdk/server/streamableHttp.js"
  );
  const { createMcpExpressApp } = await import("@modelcontextprotocol/sdk/server/express.js");
  const getServer = () => {
    const server = new McpServer(
      { name: "stateless-example", version: "1.0.0" },
      { capabilities: { logging: {} } },
    );
    server.registerTool("echo", { description: "Echoes a fixed text" }, async () => ({
      content: [{ type: "text", text: "echo" }],
    }));
    return server;
  };
  const app = createMcpExpressApp();
  app.post("/mcp", async (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
    const server = getServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
  });
  app.get("/mcp", (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(405).end();
  });
  const listener = app.listen(0, "127.0.0.1", () => {
    const address = listener.address();
    const port = typeof address === "object" && address ? address.port : 0;
    process.stderr.write(`listening on http://127.0.0.1:${port}/mcp\n`);
  });
}

interface Target {
  name: string;
  tool: string;
  url: string;
  /** Sessions (Mcp-Session-Id) rather than standalone POSTs. */
  stateful: boolean;
  stop(): void;
}

/** A child process, ready once `ready` matches a line of its output (stderr, or stdout for the sandbox). */
function startChild(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  from: "stdout" | "stderr",
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", from === "stdout" ? "pipe" : "ignore", "pipe"],
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start:\n${output}`)), 15_000);
    child[from]?.on("data", (c: Buffer) => {
      output += c.toString("utf8");
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
    child.once("exit", () => reject(new Error(`${args[0]} exited:\n${output}`)));
  });
}

async function startSdkExample(): Promise<Target> {
  const { child, match } = await startChild(
    [HERE, "--serve-sdk-example"],
    {},
    /listening on (http:\/\/\S+?\/mcp)/,
    "stderr",
  );
  return {
    name: "SDK stateless example (trivial tool)",
    tool: "echo",
    url: match[1] as string,
    stateful: false,
    stop: () => child.kill("SIGTERM"),
  };
}

/** genviral-mcp over HTTP, against a simulator of its own in a separate process. */
async function startGenviral(stateless: boolean): Promise<Target> {
  const sandbox = await startChild([SANDBOX, "--api-key", SANDBOX_KEY], {}, /^(http:\/\/\S+)\n/, "stdout");
  const args = [ENTRY, "--transport", "http", "--port", "0", "--log-level", "info"];
  const server = await startChild(
    stateless ? [...args, "--stateless"] : args,
    { GENVIRAL_API_URL: sandbox.match[1] as string, GENVIRAL_API_KEY: SANDBOX_KEY },
    /listening on (http:\/\/\S+?\/mcp)/,
    "stderr",
  ).catch((error: unknown) => {
    sandbox.child.kill("SIGTERM");
    throw error;
  });
  return {
    name: `genviral-mcp ${stateless ? "--stateless" : "stateful"} (list_accounts → simulator)`,
    tool: "list_accounts",
    url: server.match[1] as string,
    stateful: !stateless,
    stop: () => {
      server.child.kill("SIGTERM");
      sandbox.child.kill("SIGTERM");
    },
  };
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: "bench", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

/** n clients calling one target's tool, round after round. */
interface Load {
  /** Calls per second while every client calls in a loop for `ms`. */
  round(ms: number): Promise<number>;
  close(): Promise<void>;
}

function loop(calls: Array<() => Promise<void>>): Load["round"] {
  return async (ms) => {
    let done = 0;
    const start = performance.now();
    const end = start + ms;
    await Promise.all(
      calls.map(async (call) => {
        while (performance.now() < end) {
          await call();
          done++;
        }
      }),
    );
    return done / ((performance.now() - start) / 1000);
  };
}

/** The SDK's own client: n clients, each with its own connection (and session, when stateful). */
async function sdkLoad(target: Target, n: number): Promise<Load> {
  const clients = await Promise.all(Array.from({ length: n }, () => connect(target.url)));
  const call = async (client: Client): Promise<void> => {
    const result = await client.callTool({ name: target.tool, arguments: {} });
    if (result.isError) throw new Error(`${target.name}: ${JSON.stringify(result.content)}`);
  };
  return {
    round: loop(clients.map((client) => () => call(client))),
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}

/**
 * The same calls from a bare keep-alive HTTP client (one JSON-RPC POST per call, the body read whole):
 * the SDK's client does real work per call too (zod, SSE parsing), and at 50 clients on 2 cores it,
 * not the server, sets the pace. Against a stateful server each client first opens its session.
 */
async function rawLoad(target: Target, n: number): Promise<Load> {
  const { Agent, request } = await import("node:http");
  const agent = new Agent({ keepAlive: true, maxSockets: n });
  const url = new URL(target.url);
  const post = (body: string, headers: Record<string, string>) =>
    new Promise<{ status: number; data: string; session?: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            "content-length": Buffer.byteLength(body),
            ...headers,
          },
        },
        (res) => {
          let data = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            data += chunk;
          });
          res.on("end", () => {
            const session = res.headers["mcp-session-id"];
            resolve({
              status: res.statusCode ?? 0,
              data,
              session: typeof session === "string" ? session : undefined,
            });
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  const open = async (): Promise<Record<string, string>> => {
    const headers: Record<string, string> = { "mcp-protocol-version": PROTOCOL_VERSION };
    if (!target.stateful) return headers;
    const init = await post(
      JSON.stringify({
        jsonrpc: "2.0",
        id: 0,
        method: "initialize",
        params: {
          protocolVersion: PROTOCOL_VERSION,
          capabilities: {},
          clientInfo: { name: "bench", version: "0" },
        },
      }),
      {},
    );
    if (init.status !== 200 || !init.session) throw new Error(`${target.name}: initialize → ${init.status}`);
    headers["mcp-session-id"] = init.session;
    await post(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }), headers);
    return headers;
  };
  const body = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: target.tool, arguments: {} },
  });
  const sessions = await Promise.all(Array.from({ length: n }, open));
  const calls = sessions.map((headers) => async () => {
    const { status, data } = await post(body, headers);
    if (status !== 200 || !data.includes('"result"') || data.includes('"isError":true')) {
      throw new Error(`${target.name}: ${status} ${data.slice(0, 200)}`);
    }
  });
  return { round: loop(calls), close: async () => agent.destroy() };
}

/**
 * Each concurrency level: every target's calls per second over ROUNDS rounds, the targets taking
 * turns round by round; the first target (the SDK example) is the baseline.
 */
async function report(targets: Target[], load: (target: Target, n: number) => Promise<Load>) {
  for (const n of CONCURRENCY) {
    const loads: Load[] = [];
    for (const target of targets) loads.push(await load(target, n));
    const figures: number[][] = targets.map(() => []);
    try {
      for (const l of loads) await l.round(WARMUP_MS);
      for (let r = 0; r < ROUNDS; r++) {
        for (const [i, l] of loads.entries()) figures[i]?.push(await l.round(ROUND_MS));
      }
    } finally {
      await Promise.all(loads.map((l) => l.close()));
    }
    const baseline = median(figures[0] as number[]);
    console.log(`\n${n} concurrent client${n === 1 ? "" : "s"}:`);
    targets.forEach((target, i) => {
      const values = figures[i] as number[];
      console.log(
        `  ${target.name.padEnd(58)} ${summary(values, 0)}${i === 0 ? "" : `  ${ratio(median(values), baseline)} of the SDK example`}`,
      );
    });
  }
}

export async function run(): Promise<void> {
  const targets = await Promise.all([startSdkExample(), startGenviral(true), startGenviral(false)]);
  try {
    console.log(
      `tool calls per second over Streamable HTTP, median of ${ROUNDS} × ${ROUND_MS} ms rounds (servers taking turns)`,
    );
    console.log("\nfrom the SDK's client:");
    await report(targets, sdkLoad);
    console.log(`\nfrom a bare keep-alive HTTP client (no SDK client cost):`);
    await report(targets, rawLoad);
  } finally {
    for (const target of targets) target.stop();
  }
}

if (process.argv[1] === HERE && process.argv[2] === "--serve-sdk-example") await serveSdkExample();
