// Tool calls per second over HTTP at 1, 10 and 50 concurrent clients (the SDK's own client, each
// calling in a loop): the built server (list_accounts against --sandbox, stateless and stateful)
// beside the SDK's own stateless example server (its express app, McpServer, one trivial tool),
// measured in the same run. Every server is a child process on 127.0.0.1.
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
const CONCURRENCY = [1, 10, 50];
const ROUNDS = 3;
const ROUND_MS = 1_000;

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
  child: ChildProcess;
  url: string;
}

function startChild(name: string, tool: string, args: string[]): Promise<Target> {
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "ignore", "pipe"],
    env: { PATH: process.env.PATH ?? "" },
  });
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${stderr}`)), 15_000);
    child.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
      const match = /listening on (http:\/\/\S+?\/mcp)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({ name, tool, child, url: match[1] as string });
      }
    });
    child.once("exit", () => reject(new Error(`${name} exited:\n${stderr}`)));
  });
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: "bench", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

/** Calls per second, one figure per round, each worker calling in a loop for ROUND_MS. */
async function callsPerSecond(workers: Array<() => Promise<void>>): Promise<number[]> {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let calls = 0;
    const start = performance.now();
    const end = start + ROUND_MS;
    await Promise.all(
      workers.map(async (work) => {
        while (performance.now() < end) {
          await work();
          calls++;
        }
      }),
    );
    rounds.push(calls / ((performance.now() - start) / 1000));
  }
  return rounds;
}

/** Calls per second, one figure per round, with `n` clients each calling in a loop. */
async function measure(target: Target, n: number): Promise<number[]> {
  const clients = await Promise.all(Array.from({ length: n }, () => connect(target.url)));
  const call = async (client: Client): Promise<void> => {
    const result = await client.callTool({ name: target.tool, arguments: {} });
    if (result.isError) throw new Error(`${target.name}: ${JSON.stringify(result.content)}`);
  };
  await Promise.all(clients.map(call)); // warm up
  const rounds = await callsPerSecond(clients.map((client) => () => call(client)));
  await Promise.all(clients.map((c) => c.close()));
  return rounds;
}

/**
 * The same calls from a bare keep-alive HTTP client (one JSON-RPC POST per call, the body read whole):
 * the SDK's client does real work per call too (zod, SSE parsing), and at 50 clients on 2 cores it,
 * not the server, sets the pace above. Stateless targets only: every POST stands alone.
 */
async function measureRaw(target: Target, n: number): Promise<number[]> {
  const { Agent, request } = await import("node:http");
  const agent = new Agent({ keepAlive: true, maxSockets: n });
  const url = new URL(target.url);
  const body = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: target.tool, arguments: {} },
  });
  const headers = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2025-06-18",
    "content-length": Buffer.byteLength(body),
  };
  const call = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers },
        (res) => {
          let data = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            data += chunk;
          });
          res.on("end", () =>
            res.statusCode === 200 && data.includes('"result"') && !data.includes('"isError":true')
              ? resolve()
              : reject(new Error(`${target.name}: ${res.statusCode} ${data.slice(0, 200)}`)),
          );
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  for (let i = 0; i < 50; i++) await call(); // warm up
  const rounds = await callsPerSecond(Array.from({ length: n }, () => call));
  agent.destroy();
  return rounds;
}

/** Each concurrency level: every target's figures, the first (the SDK example) as the baseline. */
async function report(targets: Target[], measureOne: (target: Target, n: number) => Promise<number[]>) {
  for (const n of CONCURRENCY) {
    const figures: number[][] = [];
    for (const target of targets) figures.push(await measureOne(target, n));
    const baseline = median(figures[0] as number[]);
    console.log(`\n${n} concurrent client${n === 1 ? "" : "s"}:`);
    targets.forEach((target, i) => {
      const values = figures[i] as number[];
      console.log(
        `  ${target.name.padEnd(52)} ${summary(values, 0)}${i === 0 ? "" : `  ${ratio(median(values), baseline)} of the SDK example`}`,
      );
    });
  }
}

export async function run(): Promise<void> {
  const targets = await Promise.all([
    startChild("SDK stateless example (trivial tool)", "echo", [HERE, "--serve-sdk-example"]),
    startChild("genviral-mcp --stateless (list_accounts → sandbox)", "list_accounts", [
      ENTRY,
      "--transport",
      "http",
      "--port",
      "0",
      "--sandbox",
      "--stateless",
      "--log-level",
      "info",
    ]),
    startChild("genviral-mcp stateful (list_accounts → sandbox)", "list_accounts", [
      ENTRY,
      "--transport",
      "http",
      "--port",
      "0",
      "--sandbox",
      "--log-level",
      "info",
    ]),
  ]);
  try {
    console.log(`tool calls per second over Streamable HTTP, median of ${ROUNDS} × ${ROUND_MS} ms rounds`);
    await report(targets, measure);
    const stateless = targets.slice(0, 2);
    console.log(`\nthe same from a bare keep-alive HTTP client (no SDK client cost), stateless servers:`);
    await report(stateless, measureRaw);
  } finally {
    for (const target of targets) target.child.kill("SIGTERM");
  }
}

if (process.argv[1] === HERE && process.argv[2] === "--serve-sdk-example") await serveSdkExample();
