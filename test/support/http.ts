// Spawns the BUILT server in HTTP mode on a free port, and talks to it: raw node:http requests (so
// Host and Origin can be set freely) and the SDK's own Streamable HTTP and SSE clients.
// Imports only packages and node builtins, so plain `node` (test/conformance/run.ts) can load it too.
import { type ChildProcess, spawn } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

const ENTRY = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface HttpServerProcess {
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  child: ChildProcess;
  stderr(): string;
  exited: Promise<Exit>;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** A clean environment plus `env`: a developer's own GENVIRAL_* settings never leak into a test. */
function cleanEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ...env };
}

export async function startHttpServer(
  options: { args?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpServerProcess> {
  const args = [ENTRY, "--transport", "http", "--port", "0", ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    env: cleanEnv(options.env ?? {}),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start within ${options.timeoutMs ?? 10_000} ms:\n${stderr}`));
    }, options.timeoutMs ?? 10_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /listening on (http:\/\/\S+?)\/mcp/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before listening:\n${stderr}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    stderr: () => stderr,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the built CLI to its exit (for start-up refusals). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<Exit & { stderr: string }> {
  const child = spawn(process.execPath, [ENTRY, ...args], {
    env: cleanEnv(env),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  return new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    }),
  );
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with exactly these headers (Host included); reads the whole answer. */
export function rawRequest(options: {
  port: number;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: options.port,
        method: options.method ?? "POST",
        path: options.path ?? "/mcp",
        headers: options.headers,
        agent: false,
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString("utf8");
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export const MCP_POST_HEADERS = {
  "Content-Type": "application/json",
  Accept: "application/json, text/event-stream",
} as const;

export function initializeBody(id = 1): string {
  return JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "initialize",
    params: {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "genviral-mcp-http-tests", version: "0.0.0" },
    },
  });
}

export interface HttpClient {
  client: Client;
  call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
  close: () => Promise<void>;
}

/** The SDK's own client over Streamable HTTP (`kind: "streamable"`) or legacy SSE (`kind: "sse"`). */
export async function connectClient(
  baseUrl: string,
  options: { kind?: "streamable" | "sse"; token?: string; name?: string } = {},
): Promise<HttpClient> {
  const headers: Record<string, string> = options.token ? { Authorization: `Bearer ${options.token}` } : {};
  const transport =
    options.kind === "sse"
      ? new SSEClientTransport(new URL(`${baseUrl}/sse`), { requestInit: { headers } }) // GET and POSTs
      : new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers } });
  const client = new Client({ name: options.name ?? "genviral-mcp-http-tests", version: "0.0.0" });
  await client.connect(transport);
  await client.listTools(); // caches output schemas, so callTool validates structuredContent
  return {
    client,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}
