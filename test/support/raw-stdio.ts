// The BUILT server spawned over stdio and spoken to line by line, without the SDK client: so a test can
// send what no well-behaved client would (broken JSON, wrong types, huge lines) and see every byte the
// server writes to stdout.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { BUILT_ENTRY } from "./paths.js";

export type Id = string | number;

export interface RawResponse {
  jsonrpc: "2.0";
  id?: Id;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() when the process exited. */
  at: number;
}

export interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Every line the server wrote to stdout, in order. */
  lines: string[];
  /** Responses that carried no id (answers to lines whose id could not be read). */
  anonymous: RawResponse[];
  stderr(): string;
  /** Writes `text` followed by a newline, waiting for the pipe to drain. */
  sendLine(text: string): Promise<void>;
  /** Resolves with the response to `id` (rejects after `timeoutMs`). */
  response(id: Id, timeoutMs?: number): Promise<RawResponse>;
  /** Sends a request and waits for its response. */
  request(method: string, params?: unknown, timeoutMs?: number): Promise<RawResponse>;
  /** A fresh id no other request of this server used. */
  nextId(): number;
  /** initialize + notifications/initialized, as a host does. */
  initialize(): Promise<void>;
  exited: Promise<Exit>;
  /** Ends stdin, waits for the exit (killing after a while). */
  close(): Promise<Exit>;
}

const keyOf = (id: Id) => `${typeof id}:${String(id)}`;

export function spawnRaw(options: { args?: string[]; env?: Record<string, string> } = {}): RawServer {
  const child = spawn(process.execPath, [BUILT_ENTRY, ...(options.args ?? [])], {
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const anonymous: RawResponse[] = [];
  const responses = new Map<string, RawResponse>();
  const waiters = new Map<string, (r: RawResponse) => void>();
  let stdoutRest = "";
  let stderr = "";
  let lastId = 1_000_000;

  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdoutRest += chunk;
    let newline = stdoutRest.indexOf("\n");
    while (newline !== -1) {
      const line = stdoutRest.slice(0, newline);
      stdoutRest = stdoutRest.slice(newline + 1);
      lines.push(line);
      let message: RawResponse | undefined;
      try {
        message = JSON.parse(line) as RawResponse;
      } catch {
        // Kept in `lines`; the test asserts every line is JSON-RPC.
      }
      if (message && ("result" in message || "error" in message)) {
        if (message.id === undefined || message.id === null) anonymous.push(message);
        else {
          const key = keyOf(message.id);
          responses.set(key, message);
          waiters.get(key)?.(message);
        }
      }
      newline = stdoutRest.indexOf("\n");
    }
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  // Writes after the server exited must not crash the test process.
  child.stdin.on("error", () => {});

  const exited = new Promise<Exit>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal, at: performance.now() }));
  });

  const sendLine = (text: string) =>
    new Promise<void>((resolve) => {
      if (child.stdin.write(`${text}\n`)) resolve();
      else child.stdin.once("drain", resolve);
    });

  const response = (id: Id, timeoutMs = 20_000) =>
    new Promise<RawResponse>((resolve, reject) => {
      const key = keyOf(id);
      const known = responses.get(key);
      if (known) return resolve(known);
      const timer = setTimeout(() => {
        waiters.delete(key);
        reject(new Error(`no response to id ${String(id).slice(0, 80)} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.set(key, (r) => {
        clearTimeout(timer);
        waiters.delete(key);
        resolve(r);
      });
    });

  const nextId = () => ++lastId;

  const request = async (method: string, params?: unknown, timeoutMs?: number) => {
    const id = nextId();
    const waiting = response(id, timeoutMs);
    await sendLine(
      JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }),
    );
    return waiting;
  };

  return {
    child,
    lines,
    anonymous,
    stderr: () => stderr,
    sendLine,
    response,
    request,
    nextId,
    async initialize() {
      const init = await request("initialize", {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "raw-stdio-tests", version: "0.0.0" },
      });
      if (!init.result) throw new Error(`initialize failed: ${JSON.stringify(init.error)}`);
      await sendLine(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
    },
    exited,
    async close() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

/** Lines of stdout that are not a JSON-RPC 2.0 message (should be none). */
export function nonJsonRpcLines(lines: readonly string[]): string[] {
  return lines.filter((line) => {
    try {
      return !JSONRPCMessageSchema.safeParse(JSON.parse(line)).success;
    } catch {
      return true;
    }
  });
}
