// Small HTTP helpers: JSON answers in the JSON-RPC error shape the SDK uses, and a bounded body reader.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body accepted (4 MiB, the SDK's own default): one JSON-RPC message, not uploads. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** An HTTP-level failure in the shape the SDK's transports answer with. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code = -32000,
): void {
  sendJson(res, status, { jsonrpc: "2.0", error: { code, message }, id: null }, headers);
}

/** "tools/call list_accounts", "initialize", … for debug logs: what a POST carried, never its arguments. */
export function describeMessages(body: unknown): string {
  const one = (m: unknown): string => {
    if (!m || typeof m !== "object") return "?";
    const { method, params } = m as { method?: unknown; params?: { name?: unknown } };
    if (typeof method !== "string") return "response";
    return method === "tools/call" && typeof params?.name === "string" ? `${method} ${params.name}` : method;
  };
  return (Array.isArray(body) ? body : [body]).map(one).join(", ").slice(0, 200);
}

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; message: string; code: number };

const tooLarge = (): BodyResult => ({
  ok: false,
  status: 413,
  code: -32000,
  message: `Payload Too Large: a request body may be at most ${MAX_BODY_BYTES} bytes (4 MiB).`,
});

/**
 * Reads and parses a JSON body of at most `limit` bytes. The size is checked first, whatever the
 * content type: a declared Content-Length over the limit is refused before reading, otherwise reading
 * stops as soon as the limit is passed.
 */
export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  if (Number(req.headers["content-length"]) > limit) return Promise.resolve(tooLarge());
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      req.off("data", onData);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish(tooLarge());
      else chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("error", () =>
      finish({ ok: false, status: 400, code: -32000, message: "Bad Request: the request body broke off" }),
    );
    req.on("end", () => {
      const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") {
        finish({
          ok: false,
          status: 415,
          code: -32000,
          message: "Unsupported Media Type: Content-Type must be application/json",
        });
        return;
      }
      try {
        finish({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      } catch {
        finish({ ok: false, status: 400, code: -32700, message: "Parse error: Invalid JSON" });
      }
    });
  });
}

/** Past this much of an oversized upload, or this long, the connection is cut instead of drained. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
const DRAIN_LIMIT_MS = 10_000;

/**
 * Answers a refused body. Node closes a connection whose request is still arriving when the answer
 * goes out, and a client still writing then sees a reset instead of the 413; so the rest of an
 * oversized upload is read and thrown away first (within bounds), then the 413 is sent.
 */
export function refuseBody(
  req: IncomingMessage,
  res: ServerResponse,
  result: BodyResult & { ok: false },
): void {
  const answer = (): void => sendError(res, result.status, result.message, {}, result.code);
  if (result.status !== 413 || req.complete) {
    answer();
    return;
  }
  let discarded = 0;
  let answered = false;
  const cut = (): void => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    res.once("finish", () => req.socket.destroy());
    sendError(res, result.status, result.message, { Connection: "close" }, result.code);
  };
  const timer = setTimeout(cut, DRAIN_LIMIT_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DRAIN_LIMIT_BYTES) cut();
  });
  req.once("end", () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    answer();
  });
  req.once("error", cut);
  req.resume();
}
