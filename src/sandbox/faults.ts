/** Queued fault injection: the first queued fault matching a request answers it instead of the API. */
import { defaultError, failure } from "./envelope.js";
import type { Fault } from "./types.js";

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  /** Serialized body. */
  body: string;
  delayMs: number;
  dropConnection: boolean;
}

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
  if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
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
  take(method: string, path: string): FaultResponse | undefined {
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

function render(fault: Fault): FaultResponse {
  const headers: Record<string, string> = {};
  let body: string;
  if (typeof fault.body === "string") {
    headers["content-type"] = "text/html; charset=utf-8";
    body = fault.body;
  } else {
    headers["content-type"] = "application/json; charset=utf-8";
    body = JSON.stringify(fault.body !== undefined ? fault.body : defaultEnvelope(fault));
  }
  for (const [name, value] of Object.entries(fault.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    status: fault.status,
    headers,
    body,
    delayMs: fault.delayMs ?? 0,
    dropConnection: fault.dropConnection === true,
  };
}

function defaultEnvelope(fault: Fault): unknown {
  if (fault.status < 400) return { ok: true, code: fault.status, message: "OK", data: {} };
  const [code, message] = defaultError(fault.status);
  return failure(fault.status, fault.errorCode ?? code, message);
}
