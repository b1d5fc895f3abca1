// What both simulators (Genviral's and PostEverywhere's) share about the requests they serve: the
// request log the tests read (credentials redacted), and answers that a fault delays or drops.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RecordedRequest } from "./types.js";

/** Never kept in the log as sent. */
const REDACTED_HEADERS = ["authorization", "proxy-authorization", "cookie", "x-api-key"];

/** The request log keeps about the newest this many: a long --sandbox session must not grow without end. */
export const MAX_RECORDED_REQUESTS = 10_000;

function recordHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = REDACTED_HEADERS.includes(name)
      ? "[redacted]"
      : Array.isArray(value)
        ? value.join(", ")
        : value;
  }
  return headers;
}

/** A body as the log shows it: its JSON, else its text; undefined when empty. */
export function bodyForLog(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Appends a request to the log (dropping the oldest thousand at a time once it is full) and returns
 * its record, whose `status` the caller sets once it answers.
 */
export function recordRequest(
  log: RecordedRequest[],
  req: IncomingMessage,
  entry: { method: string; path: string; url: URL; body: unknown; at: number },
): RecordedRequest {
  const record: RecordedRequest = {
    method: entry.method,
    path: entry.path,
    query: Object.fromEntries(entry.url.searchParams),
    headers: recordHeaders(req),
    body: entry.body,
    status: 0,
    at: entry.at,
  };
  if (log.length >= MAX_RECORDED_REQUESTS + 1_000) log.splice(0, 1_000);
  log.push(record);
  return record;
}

/** Answers a fault holds back: each runs after its delay, or the socket is destroyed instead. */
export class DelayedAnswers {
  readonly #timers = new Set<NodeJS.Timeout>();

  /** Runs `finish` after `delayMs`, or destroys the socket instead when the fault drops the connection. */
  deliver(res: ServerResponse, delayMs: number, dropConnection: boolean, finish: () => void): void {
    const act = (): void => {
      if (dropConnection) res.socket?.destroy();
      else finish();
    };
    if (delayMs <= 0) {
      act();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      act();
    }, delayMs);
    this.#timers.add(timer);
  }

  /** Forgets every answer still held back (on close). */
  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
