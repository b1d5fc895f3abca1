// Newline-delimited JSON-RPC, read defensively. The SDK's own stdio reader drops a line it cannot parse
// without a word (the host then waits forever for that id) and closes the connection on one line over
// 10 MB. Here every line gets an outcome: a message for the server, or an error reply naming the problem.
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** Enough for the largest legitimate call (a 63,206-character caption, 35 URLs, 10 accounts) many times over. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Of a line too long to keep, this much of each end is kept to find the request's id. */
const KEPT_END_BYTES = 4096;

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const INVALID_PARAMS = -32602;

export type LineOutcome =
  | { kind: "skip" }
  | { kind: "message"; message: JSONRPCMessage }
  /** An error response for the host; `id` only when one could be read (MCP allows it to be absent). */
  | { kind: "reply"; reply: JSONRPCMessage };

type RequestId = string | number;

function errorReply(id: RequestId | undefined, code: number, message: string): LineOutcome {
  const reply = { jsonrpc: "2.0" as const, ...(id === undefined ? {} : { id }), error: { code, message } };
  return { kind: "reply", reply: reply as JSONRPCMessage };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function validId(value: unknown): value is RequestId {
  return typeof value === "string" || (typeof value === "number" && Number.isSafeInteger(value));
}

const REQUEST_KEYS = new Set(["jsonrpc", "id", "method", "params"]);
const NOTIFICATION_KEYS = new Set(["jsonrpc", "method", "params"]);
const RESULT_KEYS = new Set(["jsonrpc", "id", "result"]);
const ERROR_KEYS = new Set(["jsonrpc", "id", "error"]);

const onlyKeys = (value: Record<string, unknown>, allowed: Set<string>) =>
  Object.keys(value).every((key) => allowed.has(key));

/**
 * A JSON-RPC 2.0 request, notification, result or error, checked by hand with the rules of the SDK's
 * JSONRPCMessageSchema (strict objects, params and result objects): the line reader must not load zod
 * and the SDK's schemas at start-up, which would cost more than the rest of a cold start.
 */
export function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  if (!isRecord(value) || value.jsonrpc !== "2.0") return false;
  if ("params" in value && value.params !== undefined && !isRecord(value.params)) return false;
  if (typeof value.method === "string") {
    return "id" in value
      ? validId(value.id) && onlyKeys(value, REQUEST_KEYS)
      : onlyKeys(value, NOTIFICATION_KEYS);
  }
  if ("result" in value) return validId(value.id) && isRecord(value.result) && onlyKeys(value, RESULT_KEYS);
  if ("error" in value) {
    const error = value.error;
    return (
      (!("id" in value) || value.id === undefined || validId(value.id)) &&
      isRecord(error) &&
      Number.isInteger(error.code) &&
      typeof error.message === "string" &&
      onlyKeys(value, ERROR_KEYS)
    );
  }
  return false;
}

/** Why a parsed value is not a JSON-RPC message, in words. */
function invalidReason(value: unknown): string {
  if (Array.isArray(value)) return "batches (JSON arrays) are not supported; send one message per line";
  if (!isRecord(value)) return "expected a JSON object";
  if (value.jsonrpc !== "2.0") return 'jsonrpc must be "2.0"';
  if ("id" in value && !validId(value.id)) return "id must be a string or an integer";
  if ("method" in value && typeof value.method !== "string") return "method must be a string";
  if ("params" in value && !isRecord(value.params)) return "params, when present, must be an object";
  return "not a JSON-RPC 2.0 request, notification or response";
}

/**
 * Where a "__proto__" key sits in a parsed value, if anywhere. JSON.parse keeps it as a plain key, but
 * the first object spread or zod record that copies it turns it into the copy's prototype: the key
 * vanishes and its fields show through as inherited ones. No MCP message needs one, so it is refused.
 * Iterative, so deep nesting cannot overflow the stack.
 */
export function protoKeyPath(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, ""]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, path] = item;
    if (typeof current !== "object" || current === null) continue;
    if (Array.isArray(current)) {
      current.forEach((child, index) => {
        stack.push([child, `${path}[${index}]`]);
      });
      continue;
    }
    for (const key of Object.keys(current)) {
      const child = `${path}${path ? "." : ""}${key}`;
      if (key === "__proto__") return child;
      stack.push([(current as Record<string, unknown>)[key], child]);
    }
  }
  return undefined;
}

/** One complete line → what to do with it. */
export function classifyLine(line: string): LineOutcome {
  if (line.trim() === "") return { kind: "skip" };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    // V8's message quotes the input; only the position is kept, so nothing the host sent is echoed.
    const at = /at position \d+/.exec(error instanceof Error ? error.message : "")?.[0];
    return errorReply(
      undefined,
      PARSE_ERROR,
      `Parse error: the line is not valid JSON${at ? ` (${at})` : ""}.`,
    );
  }
  if (isJsonRpcMessage(value)) {
    const proto = protoKeyPath(value);
    if (proto === undefined) return { kind: "message", message: value };
    const id = "id" in value && "method" in value ? value.id : undefined;
    // A notification gets no answer, as any notification.
    if (id === undefined) return { kind: "skip" };
    return errorReply(
      id,
      INVALID_PARAMS,
      `Invalid params: the key "__proto__" is not accepted (at ${proto}). Remove it and send the request again.`,
    );
  }
  // Answer with the id only when the line was meant as a request: an id on anything else (a stray
  // response) could be mistaken by the host for the answer to one of its own requests.
  const id = isRecord(value) && "method" in value && validId(value.id) ? value.id : undefined;
  return errorReply(id, INVALID_REQUEST, `Invalid Request: ${invalidReason(value)}.`);
}

const ID_AT_END = /"id"\s*:\s*(-?\d{1,15}|"(?:[^"\\]|\\.){0,256}")\s*}\s*$/;
const ID_AT_START =
  /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?\d{1,15}|"(?:[^"\\]|\\.){0,256}")\s*,/;

/** The reply to a line over the limit; its id is looked for where clients put it (first or last key). */
export function oversizedLine(head: string, tail: string, bytes: number, limit: number): LineOutcome {
  const raw = ID_AT_END.exec(tail)?.[1] ?? ID_AT_START.exec(head)?.[1];
  let id: RequestId | undefined;
  try {
    const value: unknown = raw === undefined ? undefined : JSON.parse(raw);
    if (validId(value)) id = value;
  } catch {
    id = undefined;
  }
  return errorReply(
    id,
    INVALID_REQUEST,
    `Request too large: ${bytes} bytes on one line, over the ${limit}-byte limit. Send less (fewer media URLs, accounts or post ids, a shorter caption).`,
  );
}

/**
 * Splits a byte stream into lines. Chunks are collected, not concatenated on every read, so a long line
 * costs linear time; a line over `maxLineBytes` is discarded as it arrives, keeping only its two ends.
 */
export class LineSplitter {
  #chunks: Buffer[] = [];
  #size = 0;
  #oversized: { head: Buffer; tail: Buffer } | undefined;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (outcome: LineOutcome) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) {
        this.#keep(chunk.subarray(start));
        return;
      }
      this.#keep(chunk.subarray(start, newline));
      this.#finishLine();
      start = newline + 1;
    }
  }

  #keep(part: Buffer): void {
    if (part.length === 0) return;
    this.#size += part.length;
    if (this.#oversized) {
      this.#oversized.tail = Buffer.concat([this.#oversized.tail, part]).subarray(-KEPT_END_BYTES);
      return;
    }
    this.#chunks.push(part);
    if (this.#size > this.maxLineBytes) {
      const all = Buffer.concat(this.#chunks);
      this.#oversized = { head: all.subarray(0, KEPT_END_BYTES), tail: all.subarray(-KEPT_END_BYTES) };
      this.#chunks = [];
    }
  }

  #finishLine(): void {
    const size = this.#size;
    const oversized = this.#oversized;
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#size = 0;
    this.#oversized = undefined;
    if (oversized) {
      const tail = oversized.tail.toString("utf8").replace(/\r$/, "");
      this.onLine(oversizedLine(oversized.head.toString("utf8"), tail, size, this.maxLineBytes));
      return;
    }
    const line = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString("utf8");
    this.onLine(classifyLine(line.endsWith("\r") ? line.slice(0, -1) : line));
  }
}
