// stdio: what hosts launch. stdout carries JSON-RPC only; everything else goes to stderr.
import { format } from "node:util";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "../log.js";
import type { Redactor } from "../redact.js";
import { FastStart, type StartupAnswers } from "./fast-start.js";
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from "./json-rpc-lines.js";

/** Hosts wait on us to exit; whatever is still in flight, the process is gone after this. */
const EXIT_DEADLINE_MS = 1_000;
/** After stdin closes, calls already under way get this long to answer (e.g. `echo … | genviral-mcp`). */
const DRAIN_MS = 750;

type RequestId = string | number;

/**
 * Newline-delimited JSON-RPC over a pair of streams. Unlike the SDK's StdioServerTransport, a line it
 * cannot use is answered with a JSON-RPC error instead of being dropped, and no line length closes it.
 */
export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  #closed = false;
  readonly #splitter: LineSplitter;
  /** Requests received and not yet answered. */
  readonly #pending = new Set<RequestId>();
  #onIdle: (() => void) | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
    maxLineBytes = DEFAULT_MAX_LINE_BYTES,
    /** Applied to every line written: nothing reaches stdout unredacted, and nothing is serialized twice. */
    private readonly redact: Redactor = (text) => text,
  ) {
    this.#splitter = new LineSplitter(maxLineBytes, (outcome) => {
      try {
        if (outcome.kind === "message") {
          const { message } = outcome;
          if ("method" in message && "id" in message) this.#pending.add(message.id);
          // A cancelled request is never answered.
          if ("method" in message && message.method === "notifications/cancelled") {
            this.#settle(message.params?.requestId as RequestId | undefined);
          }
          this.onmessage?.(message);
        } else if (outcome.kind === "reply") void this.send(outcome.reply);
      } catch (error) {
        // A bug in what the server runs synchronously must not stop the reading of later lines.
        this.#report(error);
      }
    });
  }

  #report(error: unknown): void {
    this.onerror?.(error instanceof Error ? error : new Error(String(error)));
  }

  readonly #onData = (chunk: Buffer | string): void => {
    this.#splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  };

  readonly #onError = (error: Error): void => this.onerror?.(error);

  async start(): Promise<void> {
    this.input.on("data", this.#onData);
    this.input.on("error", this.#onError);
  }

  #settle(id: RequestId | undefined): void {
    if (id === undefined || !this.#pending.delete(id)) return;
    if (this.#pending.size === 0) this.#onIdle?.();
  }

  /**
   * Answers every request still under way with an error, then sends nothing more: a host that stops
   * writing may still be reading, and must not wait for an answer that will never come.
   */
  async answerPending(message: string): Promise<void> {
    const ids = [...this.#pending];
    for (const id of ids) {
      await this.send({ jsonrpc: "2.0", id, error: { code: -32603, message } } as JSONRPCMessage);
    }
    this.#closed = true;
  }

  /** Resolves once every request received so far has been answered. */
  idle(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#onIdle = resolve;
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (!("method" in message) && "id" in message) this.#settle(message.id);
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      // Resolves on drain, or when the host has gone away: never leaves the sender waiting.
      const done = () => {
        this.output.off("drain", done);
        this.output.off("close", done);
        this.output.off("error", done);
        resolve();
      };
      try {
        if (this.output.write(`${this.redact(JSON.stringify(message))}\n`)) return resolve();
      } catch (error) {
        this.#report(error);
        return resolve();
      }
      this.output.once("drain", done);
      this.output.once("close", done);
      this.output.once("error", done);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.input.off("data", this.#onData);
    this.input.off("error", this.#onError);
    this.onclose?.();
  }
}

/** Anything a dependency prints with console.log would corrupt the JSON-RPC stream: send it to the log. */
function keepConsoleOffStdout(logger: Logger): void {
  const toLog = (...args: unknown[]) => logger.info(format(...args));
  console.log = toLog;
  console.info = toLog;
  console.debug = (...args: unknown[]) => logger.debug(format(...args));
}

export interface LoadedServer {
  server: Server;
  /** Releases the backend (e.g. stops the sandbox). */
  close: () => Promise<void>;
}

export interface StdioOptions {
  logger: Logger;
  /** Redacts every line written to stdout (the server's own results need not be redacted again). */
  redact: Redactor;
  /** Loads the SDK, the tools and the backend; called once. */
  load: () => Promise<LoadedServer>;
  /** Built-in answers to initialize and tools/list; without them the server loads before reading. */
  startup: StartupAnswers | undefined;
}

export async function serveStdio({ logger, redact, load, startup }: StdioOptions): Promise<void> {
  keepConsoleOffStdout(logger);
  const transport = new LineTransport(process.stdin, process.stdout, DEFAULT_MAX_LINE_BYTES, redact);
  let loaded: LoadedServer | undefined;
  const loadOnce = async (): Promise<LoadedServer> => {
    loaded ??= await load();
    loaded.server.onerror = (error) => logger.debug(`protocol: ${error.message}`);
    return loaded;
  };
  let closing = false;
  const shutdown = (why: string, drain = false): void => {
    if (closing) return;
    closing = true;
    logger.debug(`shutting down: ${why}`);
    setTimeout(() => process.exit(0), EXIT_DEADLINE_MS).unref();
    const drained = drain
      ? Promise.race([transport.idle(), new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())])
      : Promise.resolve();
    // Closing the server aborts every in-flight tool call, and with it its upstream request.
    void drained
      .then(() =>
        transport.answerPending(
          "genviral-mcp is shutting down (its input closed) before this call finished; its outcome is unknown. If it was a write, check with list_posts or get_post before repeating it (schedule_post with the same external_id is always safe to repeat).",
        ),
      )
      .then(() => Promise.allSettled([loaded?.server.close(), loaded?.close()]))
      .then(() => process.exit(0));
  };
  // The host is done sending; answers still under way may be read, so they get a moment.
  process.stdin.on("end", () => shutdown("stdin closed", true));
  process.stdin.on("close", () => shutdown("stdin closed", true));
  // The host stopped reading (EPIPE): nobody is left to answer.
  process.stdout.on("error", (error) => shutdown(`stdout failed: ${error.message}`));
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.on(signal, () => shutdown(signal));
  }
  if (!startup) {
    const { server } = await loadOnce();
    await server.connect(transport);
    return;
  }
  new FastStart(
    transport,
    startup,
    async () => {
      const { server } = await loadOnce();
      return (handedOver) => server.connect(handedOver);
    },
    (error) =>
      logger.error(
        `could not load the server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
  );
  await transport.start();
}
