// Legacy SSE (protocol 2024-11-05) for older hosts: GET /sse opens the stream, POST
// /messages?sessionId=… carries the client's messages. The session lives in this process, so behind a
// load balancer SSE needs sticky sessions.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import type { Logger } from "../log.js";
import { describeMessages, readJsonBody, refuseBody, sendError } from "./http-io.js";
import { SessionTable } from "./http-sessions.js";

/** A comment line this often keeps proxies (nginx: 60 s by default) from cutting an idle stream. */
const KEEPALIVE_MS = 15_000;

export interface SseEndpoint {
  open(req: IncomingMessage, res: ServerResponse): Promise<void>;
  post(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void>;
  close(): Promise<void>;
  sessions(): number;
}

export function sseEndpoint(newServer: () => Server, logger: Logger): SseEndpoint {
  const table = new SessionTable<SSEServerTransport>("SSE", logger);
  return {
    async open(req, res) {
      if (req.method !== "GET") {
        sendError(res, 405, "Method Not Allowed: open the SSE stream with GET.", { Allow: "GET" });
        return;
      }
      if (table.full()) {
        sendError(res, 503, "Service Unavailable: too many open sessions; try again later.", {
          "Retry-After": "30",
        });
        return;
      }
      res.setHeader("X-Accel-Buffering", "no"); // nginx: pass events on as they come
      const transport = new SSEServerTransport("/messages", res);
      const server = newServer();
      const session = { id: transport.sessionId, server, transport, open: 0, lastSeen: Date.now() };
      table.add(session);
      const streamEnded = table.begin(session); // the open stream keeps the session alive
      const keepalive = setInterval(() => {
        if (!res.writableEnded) res.write(": keepalive\n\n");
      }, KEEPALIVE_MS);
      keepalive.unref();
      transport.onclose = () => {
        clearInterval(keepalive);
        streamEnded();
        table.forget(session.id);
      };
      transport.onerror = (error) => logger.debug(`SSE: ${error.message}`);
      await server.connect(transport);
    },

    async post(req, res, query) {
      if (req.method !== "POST") {
        sendError(res, 405, "Method Not Allowed: send messages with POST.", { Allow: "POST" });
        return;
      }
      const id = query.get("sessionId");
      const session = id ? table.get(id) : undefined;
      if (!session) {
        sendError(res, 404, "Session not found: open a new stream with GET /sse.", {}, -32001);
        return;
      }
      const body = await readJsonBody(req);
      if (!body.ok) return refuseBody(req, res, body);
      logger.debug(`POST /messages: ${describeMessages(body.value)}`);
      res.on("close", table.begin(session));
      try {
        await session.transport.handlePostMessage(req, res, body.value);
      } catch (error) {
        // The transport has answered already (e.g. the stream is gone); note it and move on.
        logger.debug(`SSE: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) sendError(res, 500, "Internal error handling the message.");
      }
    },

    close: () => table.closeAll(),
    sessions: () => table.size,
  };
}
