// Streamable HTTP at /mcp. Stateful: a session per client (Mcp-Session-Id), each with its own Server
// and transport. Stateless: a fresh Server and transport for every POST, nothing kept between requests,
// so any replica can answer any request.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "../log.js";
import { describeMessages, readJsonBody, refuseBody, sendError } from "./http-io.js";
import { NodeStreamableTransport } from "./http-mcp-transport.js";
import { SessionTable } from "./http-sessions.js";

export interface StreamableOptions {
  stateless: boolean;
  newServer: () => Server;
  logger: Logger;
  /** Build debug lines (the logger is at debug level). */
  debug?: boolean;
}

export interface StreamableEndpoint {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
  sessions(): number;
}

const sessionHeader = (req: IncomingMessage): string | undefined => {
  const value = req.headers["mcp-session-id"];
  return Array.isArray(value) ? value[0] : value;
};

const hasInitialize = (body: unknown): boolean =>
  Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);

export function streamableEndpoint(options: StreamableOptions): StreamableEndpoint {
  return options.stateless ? statelessEndpoint(options) : statefulEndpoint(options);
}

function statelessEndpoint({ newServer, logger, debug }: StreamableOptions): StreamableEndpoint {
  return {
    async handle(req, res) {
      if (req.method !== "POST") {
        // No session to stream to or end: the spec lets a server answer GET and DELETE with 405.
        sendError(res, 405, "Method Not Allowed: this server is stateless; send JSON-RPC with POST.", {
          Allow: "POST",
        });
        return;
      }
      const body = await readJsonBody(req);
      if (!body.ok) return refuseBody(req, res, body);
      if (debug) logger.debug(`POST /mcp: ${describeMessages(body.value)}`);
      const server = newServer();
      const transport = new NodeStreamableTransport();
      res.on("close", () => {
        // Answered in full: no handler runs any more and nothing outside this request holds the
        // server or the transport, so both simply become garbage. Closing them would only build the
        // "connection closed" error the protocol layer hands to requests still waiting (there are none).
        if (transport.answered) return;
        // The client left mid-call: abort the handlers still running.
        void transport.close().catch(() => {});
        void server.close().catch(() => {});
      });
      transport.onerror = (error) => logger.debug(`streamable HTTP: ${error.message}`);
      await server.connect(transport);
      await transport.handleRequest(req, res, body.value);
    },
    close: async () => {},
    sessions: () => 0,
  };
}

function statefulEndpoint({ newServer, logger, debug }: StreamableOptions): StreamableEndpoint {
  const table = new SessionTable<NodeStreamableTransport>("streamable HTTP", logger);

  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    body: unknown,
  ): Promise<void> => {
    const session = table.get(id);
    if (!session) {
      // 404 tells the client to start a new session (spec: session management).
      sendError(res, 404, "Session not found: start a new session with an initialize request.", {}, -32001);
      return;
    }
    const end = table.begin(session);
    res.on("close", end);
    await session.transport.handleRequest(req, res, body);
  };

  const open = async (req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> => {
    if (table.full()) {
      sendError(res, 503, "Service Unavailable: too many open sessions; try again later.", {
        "Retry-After": "30",
      });
      return;
    }
    const server = newServer();
    const transport: NodeStreamableTransport = new NodeStreamableTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        const session = { id, server, transport, open: 0, lastSeen: Date.now() };
        table.add(session);
        res.on("close", table.begin(session));
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) table.forget(transport.sessionId);
    };
    transport.onerror = (error) => logger.debug(`streamable HTTP: ${error.message}`);
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    // An initialize the transport refused never became a session: nothing may linger.
    if (transport.sessionId === undefined) {
      await Promise.allSettled([transport.close(), server.close()]);
    }
  };

  return {
    async handle(req, res) {
      const id = sessionHeader(req);
      if (req.method === "POST") {
        const body = await readJsonBody(req);
        if (!body.ok) return refuseBody(req, res, body);
        if (debug) logger.debug(`POST /mcp: ${describeMessages(body.value)}`);
        if (id !== undefined) return serve(req, res, id, body.value);
        if (hasInitialize(body.value)) return open(req, res, body.value);
        sendError(res, 400, "Bad Request: no Mcp-Session-Id header; start with an initialize request.");
        return;
      }
      if (req.method === "GET" || req.method === "DELETE") {
        if (id === undefined) {
          sendError(res, 400, "Bad Request: Mcp-Session-Id header is required.");
          return;
        }
        return serve(req, res, id, undefined);
      }
      sendError(res, 405, "Method Not Allowed.", { Allow: "GET, POST, DELETE" });
    },
    close: () => table.closeAll(),
    sessions: () => table.size,
  };
}
