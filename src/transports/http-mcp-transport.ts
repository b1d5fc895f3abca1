// The Streamable HTTP server transport over node:http itself. The SDK's StreamableHTTPServerTransport
// turns every node request into a Web Request and every answer into a Web Response (a ReadableStream,
// a TextEncoder, hono's node adapter) and answers every POST as an SSE stream whose headers go out in
// a write of their own; at load that conversion was a good part of a tool call's time. This one keeps
// the SDK transport's rules (Accept and protocol-version checks, sessions, batches, one standalone GET
// stream per session, 15 s SSE keep-alives) and writes to the ServerResponse directly.
//
// A POST carrying requests is answered with one application/json body (Content-Length, one write)
// when its responses are ready before anything else has to be sent for it; as soon as a notification
// or request related to it must go first (progress, for instance), or it has taken longer than the
// keep-alive interval, the answer becomes an SSE stream instead. The spec lets the server pick either
// per POST, and every client must accept both.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Transport, TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  isInitializeRequest,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type MessageExtraInfo,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "@modelcontextprotocol/sdk/types.js";
import { sendError } from "./http-io.js";

/** The SDK's limit on messages in one JSON-RPC batch. */
export const MAX_BATCH_SIZE = 100;
/** A comment line this often on every open SSE stream, as the SDK's transport sends. */
export const SSE_KEEPALIVE_MS = 15_000;

export interface NodeStreamableOptions {
  /** Stateful: names the session at initialize. Undefined: stateless (one request per transport). */
  sessionIdGenerator?: () => string;
  onsessioninitialized?: (sessionId: string) => void;
  keepAliveMs?: number;
}

const SSE_HEADERS = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

/** One POST's answer: JSON until something forces a stream, then SSE. */
interface PostAnswer {
  res: ServerResponse;
  /** The requests it carries, in order: their responses go back in this order (a cancelled one leaves). */
  ids: RequestId[];
  responses: Map<RequestId, JSONRPCMessage>;
  /** SSE headers sent: every further message is an event. */
  streaming: boolean;
  /** The client went away, or the answer is complete. */
  closed: boolean;
  keepAlive?: NodeJS.Timeout;
}

// Messages this transport sends come from the SDK's Protocol, already well formed: telling a response
// from a request or notification needs no schema parse.
const isResponse = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId } =>
  "id" in m && ("result" in m || "error" in m);
const isRequest = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId; method: string } =>
  "method" in m && "id" in m;
const isInitialize = (m: JSONRPCMessage): boolean =>
  "method" in m && m.method === "initialize" && isInitializeRequest(m);

/** What a request still running when its session closes is answered with. */
const UNFINISHED_MESSAGE =
  "genviral-mcp closed this session (it ended or the server is shutting down) before this call finished; its outcome is unknown. If it was a write, check with list_posts or get_post before repeating it (schedule_post with the same external_id is always safe to repeat).";

const sseEvent = (message: JSONRPCMessage): string => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

export class NodeStreamableTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  sessionId?: string;

  readonly #generateId: (() => string) | undefined;
  readonly #onSessionInitialized: ((id: string) => void) | undefined;
  readonly #keepAliveMs: number;
  #started = false;
  #initialized = false;
  #handled = false;
  #closed = false;
  /** POST answers begun and not yet complete (the client may have left meanwhile). */
  #pending = 0;
  /** Which POST answer each request in flight belongs to. */
  readonly #answers = new Map<RequestId, PostAnswer>();
  /** The session's GET stream, for messages unrelated to any request. */
  #standalone: { res: ServerResponse; keepAlive?: NodeJS.Timeout } | undefined;

  constructor(options: NodeStreamableOptions = {}) {
    this.#generateId = options.sessionIdGenerator;
    this.#onSessionInitialized = options.onsessioninitialized;
    this.#keepAliveMs = options.keepAliveMs ?? SSE_KEEPALIVE_MS;
  }

  /** Every request this transport was given has had its response sent (or there were none). */
  get answered(): boolean {
    return this.#handled && this.#pending === 0;
  }

  async start(): Promise<void> {
    if (this.#started) throw new Error("Transport already started");
    this.#started = true;
  }

  /** Answers one request; `body` is the parsed JSON of a POST (the caller reads and bounds it). */
  async handleRequest(req: IncomingMessage, res: ServerResponse, body?: unknown): Promise<void> {
    if (this.#closed) return this.#refuse(res, 404, "Session not found", -32001);
    if (this.#generateId === undefined && this.#handled) {
      throw new Error(
        "Stateless transport cannot be reused across requests. Create a new transport per request.",
      );
    }
    this.#handled = true;
    switch (req.method) {
      case "POST":
        return this.#post(req, res, body);
      case "GET":
        return this.#get(req, res);
      case "DELETE":
        return this.#delete(req, res);
      default:
        this.onerror?.(new Error("Method not allowed."));
        sendError(res, 405, "Method not allowed.", { Allow: "GET, POST, DELETE" });
    }
  }

  #refuse(res: ServerResponse, status: number, message: string, code = -32000): void {
    this.onerror?.(new Error(message));
    sendError(res, status, message, {}, code);
  }

  /** A refusal when the request does not belong to this session (stateful only), else undefined. */
  #sessionRefused(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.#generateId === undefined) return false;
    if (!this.#initialized) {
      this.#refuse(res, 400, "Bad Request: Server not initialized");
      return true;
    }
    const id = first(req.headers["mcp-session-id"]);
    if (!id) {
      this.#refuse(res, 400, "Bad Request: Mcp-Session-Id header is required");
      return true;
    }
    if (id !== this.sessionId) {
      this.#refuse(res, 404, "Session not found", -32001);
      return true;
    }
    return false;
  }

  #versionRefused(req: IncomingMessage, res: ServerResponse): boolean {
    const version = first(req.headers["mcp-protocol-version"]);
    if (version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return false;
    this.#refuse(
      res,
      400,
      `Bad Request: Unsupported protocol version: ${version} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")})`,
    );
    return true;
  }

  #sessionHeaders(): Record<string, string> {
    return this.sessionId === undefined ? {} : { "mcp-session-id": this.sessionId };
  }

  async #post(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    const accept = req.headers.accept;
    if (!accept?.includes("application/json") || !accept.includes("text/event-stream")) {
      return this.#refuse(
        res,
        406,
        "Not Acceptable: Client must accept both application/json and text/event-stream",
      );
    }
    if (Array.isArray(body) && body.length > MAX_BATCH_SIZE) {
      return this.#refuse(
        res,
        400,
        `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`,
        -32600,
      );
    }
    let messages: JSONRPCMessage[];
    try {
      messages = Array.isArray(body)
        ? body.map((m) => JSONRPCMessageSchema.parse(m))
        : [JSONRPCMessageSchema.parse(body)];
    } catch {
      return this.#refuse(res, 400, "Parse error: Invalid JSON-RPC message", -32700);
    }

    const initializing = messages.some(isInitialize);
    if (initializing) {
      if (this.#initialized && this.sessionId !== undefined) {
        return this.#refuse(res, 400, "Invalid Request: Server already initialized", -32600);
      }
      if (messages.length > 1) {
        return this.#refuse(res, 400, "Invalid Request: Only one initialization request is allowed", -32600);
      }
      this.sessionId = this.#generateId?.();
      this.#initialized = true;
      if (this.sessionId !== undefined) this.#onSessionInitialized?.(this.sessionId);
    } else if (this.#sessionRefused(req, res) || this.#versionRefused(req, res)) {
      return;
    }

    const extra: MessageExtraInfo = { requestInfo: requestInfo(req) };
    const ids: RequestId[] = [];
    for (const m of messages) if (isRequest(m)) ids.push(m.id);
    // An id still awaiting its answer (here or in this POST) would take the other's answer.
    const reused = ids.find((id, i) => this.#answers.has(id) || ids.indexOf(id) !== i);
    if (reused !== undefined) {
      return this.#refuse(
        res,
        400,
        `Invalid Request: request id ${JSON.stringify(reused)} is already in use by a request still in progress`,
        -32600,
      );
    }
    if (ids.length === 0) {
      // Only notifications or responses: accepted, nothing to answer.
      for (const m of messages) this.#deliver(m, extra);
      res.writeHead(202).end();
      return;
    }

    const answer: PostAnswer = { res, ids, responses: new Map(), streaming: false, closed: false };
    this.#pending++;
    for (const id of ids) this.#answers.set(id, answer);
    res.on("close", () => {
      // The client went away (or the answer is done): responses still to come have nowhere to go.
      this.#settle(answer);
    });
    if (this.#keepAliveMs > 0) {
      answer.keepAlive = setInterval(() => {
        if (answer.closed) return;
        this.#stream(answer);
        res.write(": keepalive\n\n");
      }, this.#keepAliveMs);
      answer.keepAlive.unref();
    }
    for (const m of messages) this.#deliver(m, extra);
  }

  /**
   * Hands a message to the protocol. A cancelled request gets no response (the protocol sends none),
   * so its POST must not wait for one: it leaves its answer, which then ends with what it has.
   */
  #deliver(message: JSONRPCMessage, extra: MessageExtraInfo): void {
    this.onmessage?.(message, extra);
    if (!("method" in message) || message.method !== "notifications/cancelled" || "id" in message) return;
    const requestId = (message.params as { requestId?: RequestId } | undefined)?.requestId;
    const answer = requestId === undefined ? undefined : this.#answers.get(requestId);
    if (requestId === undefined || !answer || answer.closed) return;
    this.#answers.delete(requestId);
    answer.ids = answer.ids.filter((id) => id !== requestId);
    if (answer.ids.length > 0) {
      if (answer.ids.every((id) => answer.responses.has(id))) this.#complete(answer);
      return;
    }
    // Nothing left to answer: the POST ends, as an empty stream (a body would need a response).
    this.#pending--;
    this.#settle(answer);
    if (!answer.streaming && !answer.res.headersSent) {
      answer.res.writeHead(200, { ...SSE_HEADERS, ...this.#sessionHeaders() });
    }
    answer.res.end();
  }

  /** Switches an answer to SSE (headers out, responses already held written as events). */
  #stream(answer: PostAnswer): void {
    if (answer.streaming) return;
    answer.streaming = true;
    answer.res.writeHead(200, { ...SSE_HEADERS, ...this.#sessionHeaders() });
    for (const id of answer.ids) {
      const held = answer.responses.get(id);
      if (held) answer.res.write(sseEvent(held));
    }
  }

  /** The answer is over: its requests are forgotten and its timer stopped. */
  #settle(answer: PostAnswer): void {
    if (answer.closed) return;
    answer.closed = true;
    if (answer.keepAlive) clearInterval(answer.keepAlive);
    for (const id of answer.ids) if (this.#answers.get(id) === answer) this.#answers.delete(id);
  }

  #complete(answer: PostAnswer): void {
    const { res } = answer;
    this.#pending--;
    this.#settle(answer);
    if (answer.streaming) {
      res.end();
      return;
    }
    this.#writeJson(answer);
  }

  /** The whole answer as one JSON body: the response, or the batch's responses in request order. */
  #writeJson(answer: PostAnswer): void {
    const responses = answer.ids.map((id) => answer.responses.get(id));
    const text = JSON.stringify(responses.length === 1 ? responses[0] : responses);
    answer.res.writeHead(200, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
      ...this.#sessionHeaders(),
    });
    answer.res.end(text);
  }

  async #get(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.headers.accept?.includes("text/event-stream")) {
      return this.#refuse(res, 406, "Not Acceptable: Client must accept text/event-stream");
    }
    if (this.#sessionRefused(req, res) || this.#versionRefused(req, res)) return;
    if (this.#standalone) {
      return this.#refuse(res, 409, "Conflict: Only one SSE stream is allowed per session");
    }
    const stream: { res: ServerResponse; keepAlive?: NodeJS.Timeout } = { res };
    this.#standalone = stream;
    res.writeHead(200, { ...SSE_HEADERS, ...this.#sessionHeaders() });
    res.flushHeaders();
    if (this.#keepAliveMs > 0) {
      stream.keepAlive = setInterval(() => {
        if (!res.writableEnded) res.write(": keepalive\n\n");
      }, this.#keepAliveMs);
      stream.keepAlive.unref();
    }
    res.on("close", () => {
      if (stream.keepAlive) clearInterval(stream.keepAlive);
      if (this.#standalone === stream) this.#standalone = undefined;
    });
  }

  async #delete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#sessionRefused(req, res) || this.#versionRefused(req, res)) return;
    res.writeHead(200).end();
    await this.close();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const response = isResponse(message);
    const requestId = response ? message.id : options?.relatedRequestId;
    if (requestId === undefined) {
      if (response) {
        throw new Error(
          "Cannot send a response on a standalone SSE stream unless resuming a previous client request",
        );
      }
      // Unrelated to a request: the session's GET stream if one is open, else nowhere (as the SDK).
      const standalone = this.#standalone;
      if (standalone && !standalone.res.writableEnded) standalone.res.write(sseEvent(message));
      return;
    }
    const answer = this.#answers.get(requestId);
    if (!answer || answer.closed) {
      if (!response) return; // the client left; a notification about its request has no reader
      throw new Error(`No connection established for request ID: ${String(requestId)}`);
    }
    if (!response) {
      // Something must reach the client before the response: the answer becomes a stream.
      this.#stream(answer);
      answer.res.write(sseEvent(message));
      return;
    }
    answer.responses.set(requestId, message);
    if (answer.streaming) answer.res.write(sseEvent(message));
    if (answer.ids.every((id) => answer.responses.has(id))) this.#complete(answer);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Answers still open end now. Unlike the SDK's transport (which ends them empty, so a client waits
    // out its own timeout), each request still unanswered gets an error that says what is known.
    for (const answer of new Set(this.#answers.values())) {
      this.#settle(answer);
      const { res } = answer;
      // The client left (its connection is gone): there is nobody to tell.
      if (res.writableEnded || res.destroyed || !res.socket || res.socket.destroyed) continue;
      for (const id of answer.ids) {
        if (answer.responses.has(id)) continue;
        const unfinished = { jsonrpc: "2.0", id, error: { code: -32603, message: UNFINISHED_MESSAGE } };
        answer.responses.set(id, unfinished as JSONRPCMessage);
        if (answer.streaming) answer.res.write(sseEvent(unfinished as JSONRPCMessage));
      }
      this.#pending--;
      if (answer.streaming) answer.res.end();
      else this.#writeJson(answer);
    }
    this.#answers.clear();
    const standalone = this.#standalone;
    this.#standalone = undefined;
    if (standalone) {
      if (standalone.keepAlive) clearInterval(standalone.keepAlive);
      standalone.res.end();
    }
    this.onclose?.();
  }
}

/** What the SDK's transport gives handlers as `extra.requestInfo`; the URL is parsed only if read. */
function requestInfo(req: IncomingMessage): NonNullable<MessageExtraInfo["requestInfo"]> {
  let url: URL | undefined | null = null;
  return {
    headers: req.headers,
    get url(): URL | undefined {
      if (url === null) {
        try {
          url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
        } catch {
          url = undefined;
        }
      }
      return url;
    },
  };
}
