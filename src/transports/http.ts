// Remote use over plain node:http: Streamable HTTP at /mcp, legacy SSE at /sse + /messages, and
// /healthz. Every request passes the gate (Host, Origin, bearer token) before it reaches MCP; no Server
// or transport is shared between clients. Loaded only with --transport http.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { Redactor } from "../redact.js";
import { sendError, sendJson } from "./http-io.js";
import { allowedHostnames, bindRefusal, createGate, type Gate } from "./http-security.js";
import { sessionLogger } from "./http-sessions.js";
import { sseEndpoint } from "./http-sse.js";
import { streamableEndpoint } from "./http-streamable.js";

export { bindRefusal } from "./http-security.js";

/** In-flight requests get this long to finish on SIGTERM/SIGINT before the process exits anyway. */
export const DRAIN_MS = 2_000;

export type HttpConfig = Pick<
  Config,
  "host" | "port" | "mcpToken" | "stateless" | "allowedHosts" | "allowedOrigins"
> &
  Partial<Pick<Config, "logLevel">>;

export interface HttpOptions {
  config: HttpConfig;
  logger: Logger;
  redact: Redactor;
  /** A fresh MCP server for one session or one stateless request, logging through `logger`. */
  newServer: (logger: Logger) => Server;
  /** Runs after the last request is done (e.g. stops the sandbox). */
  onShutdown?: () => Promise<void>;
}

export interface HttpHandle {
  /** e.g. "http://127.0.0.1:3333" */
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (at most DRAIN_MS), closes every session. */
  shutdown(reason: string): Promise<void>;
}

/** Read-only by use: nothing below changes a request's URL. */
const MCP_URL = new URL("/mcp", "http://placeholder");

const CORS_ALLOW_HEADERS =
  "Content-Type, Authorization, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, Accept";

function formatUrl(host: string, port: number): string {
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
}

export async function serveHttp(options: HttpOptions): Promise<HttpHandle> {
  const { config, logger, redact } = options;
  const refusal = bindRefusal(config.host, config.mcpToken);
  if (refusal) throw new Error(refusal);
  if (config.mcpToken && config.mcpToken.length < 16) {
    logger.warn("GENVIRAL_MCP_TOKEN is shorter than 16 characters; use a long random secret.");
  }

  const gate: Gate = createGate({
    hosts: allowedHostnames(config.host, config.allowedHosts),
    origins: config.allowedOrigins,
    token: config.mcpToken,
  });
  const newServer = (): Server => options.newServer(sessionLogger(logger, redact));
  // Debug lines are built only when they will be written (the logger redacts every line it is given).
  const debug = config.logLevel === "debug";
  const streamable = streamableEndpoint({ stateless: config.stateless, newServer, logger, debug });
  const sse = sseEndpoint(newServer, logger);

  let draining = false;
  /** Requests whose answer is still coming, long-lived streams (GET) excepted. */
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    switch (url.pathname) {
      case "/mcp":
        return streamable.handle(req, res);
      case "/sse":
        return sse.open(req, res);
      case "/messages":
        return sse.post(req, res, url.searchParams);
      default:
        sendError(res, 404, `Not Found: MCP is served at /mcp (Streamable HTTP) and /sse (legacy SSE).`);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = debug ? Date.now() : 0;
    let url: URL;
    try {
      // The usual target, "/mcp", parses to itself: the same URL, built once.
      url = req.url === "/mcp" ? MCP_URL : new URL(req.url ?? "/", "http://placeholder");
    } catch {
      sendError(res, 400, "Bad Request: unreadable request target.");
      return;
    }
    if (url.pathname === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      // No auth and no Host check: load balancers probe by IP, and the answer reveals nothing.
      sendJson(res, 200, { ok: true });
      return;
    }
    if (draining) {
      sendError(res, 503, "Service Unavailable: the server is shutting down.", { Connection: "close" });
      return;
    }
    const refused = gate.checkHeaders(req.headers);
    if (refused) {
      logger.warn(`refused ${req.method} ${url.pathname}: ${refused.message}`);
      sendError(res, refused.status, refused.message, refused.headers);
      return;
    }
    const origin = gate.allowedOrigin(req.headers);
    if (origin) {
      // Browser clients on an allowed origin may read the answers, session id included.
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Access-Control-Expose-Headers", "Mcp-Session-Id, WWW-Authenticate");
      res.setHeader("Vary", "Origin");
    }
    if (req.method === "OPTIONS") {
      // Preflights carry no credentials, so they are answered before the token check.
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
        "Access-Control-Max-Age": "600",
      });
      res.end();
      return;
    }
    const unauthorized = gate.checkToken(req.headers, url.searchParams);
    if (unauthorized) {
      logger.info(`refused ${req.method} ${url.pathname}: ${unauthorized.message}`);
      sendError(res, unauthorized.status, unauthorized.message, unauthorized.headers);
      return;
    }

    const isStream = req.method === "GET";
    if (!isStream) inFlight++;
    res.on("close", () => {
      if (debug)
        logger.debug(`${req.method} ${url.pathname} → ${res.statusCode} in ${Date.now() - started} ms`);
      if (isStream) return;
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    await route(req, res, url);
  };

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(`HTTP ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendError(res, 500, "Internal error.");
      else res.end();
    });
  });
  // Idle keep-alive connections outlive a proxy's own (nginx upstream: 60 s), so a proxy never sends a
  // request on a connection we are closing (a POST is not retried: the client would see a 502).
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  // Receiving a whole request (not streaming the answer) must not take longer than this.
  http.requestTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const base = formatUrl(config.host, port);
  logger.info(
    `listening on ${base}/mcp (Streamable HTTP${config.stateless ? ", stateless" : ""}) and ${base}/sse (legacy SSE)${config.mcpToken ? "; bearer token required" : ""}`,
  );

  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.info(`shutting down (${reason}): finishing ${inFlight} request(s) in flight`);
      draining = true;
      http.close();
      http.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, DRAIN_MS).unref();
        });
      }
      await Promise.allSettled([streamable.close(), sse.close()]);
      http.closeAllConnections();
      await options.onShutdown?.().catch(() => {});
    })();
    return shuttingDown;
  };

  return { url: base, port, shutdown };
}

/** The CLI's HTTP mode: serve until SIGTERM/SIGINT, then drain and exit. */
export async function runHttp(options: HttpOptions): Promise<void> {
  const handle = await serveHttp(options);
  const stop = (signal: string): void => {
    // Whatever happens while draining, the process is gone shortly after.
    setTimeout(() => process.exit(0), DRAIN_MS + 1_000).unref();
    void handle.shutdown(signal).finally(() => process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
