/** Queued fault injection: the first queued fault matching a request answers it instead of the API. */
import { defaultError, failure } from "./envelope.js";
import type { Fault } from "./types.js";

/** What the server does with a request a fault matched. */
export type FaultAction =
  | {
      kind: "respond";
      status: number;
      headers: Record<string, string>;
      /** Serialized body. */
      body: string;
      delayMs: number;
      dropConnection: boolean;
    }
  /** Handle the request for real, then delay or drop the real answer. */
  | { kind: "passThrough"; delayMs: number; dropConnection: boolean }
  /** Never answer. */
  | { kind: "hang" };

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** Throws on a fault that could never be answered sensibly, so control-endpoint callers get a clear 400. */
export function checkFault(value: unknown): Fault {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("fault must be a JSON object");
  }
  const fault = value as Fault;
  if (fault.passThrough !== undefined && typeof fault.passThrough !== "boolean") {
    throw new Error("fault.passThrough must be a boolean");
  }
  if (fault.hang !== undefined && typeof fault.hang !== "boolean")
    throw new Error("fault.hang must be a boolean");
  if (fault.passThrough && fault.hang) throw new Error("fault.passThrough and fault.hang exclude each other");
  const statusNeeded = !fault.passThrough && !fault.hang;
  if (
    (statusNeeded || fault.status !== undefined) &&
    (!Number.isInteger(fault.status) || (fault.status as number) < 100 || (fault.status as number) > 599)
  ) {
    throw new Error("fault.status must be an integer HTTP status (100-599)");
  }
  if (fault.method !== undefined && typeof fault.method !== "string")
    throw new Error("fault.method must be a string");
  if (fault.path !== undefined && typeof fault.path !== "string")
    throw new Error("fault.path must be a string");
  if (fault.errorCode !== undefined && typeof fault.errorCode !== "string") {
    throw new Error("fault.errorCode must be a string");
  }
  if (fault.times !== undefined && !(typeof fault.times === "number" && fault.times >= 1)) {
    throw new Error("fault.times must be a number >= 1");
  }
  if (fault.delayMs !== undefined && !(typeof fault.delayMs === "number" && fault.delayMs >= 0)) {
    throw new Error("fault.delayMs must be a number >= 0");
  }
  if (fault.headers !== undefined) {
    const headers = fault.headers as unknown;
    if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
      throw new Error("fault.headers must be an object of strings");
    }
    if (!Object.values(headers).every((v) => typeof v === "string")) {
      throw new Error("fault.headers must be an object of strings");
    }
  }
  return fault;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  constructor(private readonly basePath: string) {}

  add(fault: Fault): void {
    const checked = checkFault(fault);
    this.queue.push({ fault: { ...checked }, remaining: checked.times ?? 1 });
  }

  clear(): void {
    this.queue = [];
  }

  list(): Array<Fault & { remaining: number }> {
    return this.queue.map((q) => ({ ...q.fault, remaining: q.remaining }));
  }

  /** Finds the first matching fault, consumes one of its `times`, and builds its response. */
  take(method: string, path: string): FaultAction | undefined {
    const index = this.queue.findIndex((q) => this.matches(q.fault, method, path));
    const queued = this.queue[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.queue.splice(index, 1);
    return render(queued.fault);
  }

  private matches(fault: Fault, method: string, path: string): boolean {
    if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
    if (fault.path === undefined || fault.path === "*") return true;
    // Accept fault paths written with or without the API base, e.g. "/api/partner/v1/posts".
    let pattern = fault.path;
    if (pattern.startsWith(this.basePath)) pattern = pattern.slice(this.basePath.length) || "/";
    // "/posts/*" matches "/posts/<anything>" but not "/posts" itself.
    if (pattern.endsWith("/*")) return path.startsWith(pattern.slice(0, -1));
    return trimSlash(pattern) === trimSlash(path);
  }
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function render(fault: Fault): FaultAction {
  if (fault.hang) return { kind: "hang" };
  if (fault.passThrough) {
    return {
      kind: "passThrough",
      delayMs: fault.delayMs ?? 0,
      dropConnection: fault.dropConnection === true,
    };
  }
  const status = fault.status as number; // checkFault: required when neither passThrough nor hang
  const headers: Record<string, string> = {};
  let body: string;
  if (typeof fault.body === "string") {
    headers["content-type"] = "text/html; charset=utf-8";
    body = fault.body;
  } else {
    headers["content-type"] = "application/json; charset=utf-8";
    body = JSON.stringify(fault.body !== undefined ? fault.body : defaultEnvelope({ ...fault, status }));
  }
  for (const [name, value] of Object.entries(fault.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    kind: "respond",
    status,
    headers,
    body,
    delayMs: fault.delayMs ?? 0,
    dropConnection: fault.dropConnection === true,
  };
}

function defaultEnvelope(fault: Fault & { status: number }): unknown {
  if (fault.status < 400) return { ok: true, code: fault.status, message: "OK", data: {} };
  const [code, message] = defaultError(fault.status);
  return failure(fault.status, fault.errorCode ?? code, message);
}
