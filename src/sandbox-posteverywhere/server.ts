/**
 * A simulation of PostEverywhere's API v1 over real HTTP on 127.0.0.1, for `--sandbox --provider
 * posteverywhere` and the tests: its envelope and codes, auth, per-key rate limits with X-RateLimit-*
 * headers and 429 + Retry-After, post status rules, a request log, and the Genviral simulator's fault
 * injection and /__sandbox control endpoints (imported from src/sandbox, not copied).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CONTROL_PREFIX, handleControl } from "../sandbox/control.js";
import { readBody, send, sendJson } from "../sandbox/http-io.js";
import { bodyForLog, DelayedAnswers, recordRequest } from "../sandbox/request-log.js";
import type { Fault, RecordedRequest } from "../sandbox/types.js";
import { PeApiError, PeFaultQueue, peFailure, peSuccess } from "./envelope.js";
import { DOCUMENTED_LIMITS, RateLimiter, type RateLimits } from "./rate-limit.js";
import { matchPeRoute } from "./routes.js";
import { PeStore } from "./store.js";

export const PE_BASE_PATH = "/api/v1";
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;
const BODY_METHODS = ["POST", "PATCH", "PUT", "DELETE"];

export interface PeSandboxOptions {
  /** Only `Bearer <apiKey>` is accepted; any non-empty bearer when unset. */
  apiKey?: string;
  port?: number;
  now?: () => number;
  /** Overrides of the documented per-key limits (tests lower them to reach a 429 quickly). */
  rateLimits?: Partial<RateLimits>;
}

export interface PeSandboxHandle {
  url: string;
  origin: string;
  requests: RecordedRequest[];
  writes(): RecordedRequest[];
  addFault(fault: Fault): void;
  /** Seed state, empty log, no faults, fresh rate-limit windows. */
  reset(): void;
  close(): Promise<void>;
}

function bearer(header: string | undefined, apiKey: string | undefined): string {
  const token = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "")?.[1]?.trim();
  if (!token) throw new PeApiError(401, "unauthorized", "Missing API key. Send Authorization: Bearer <key>.");
  if (apiKey !== undefined && token !== apiKey)
    throw new PeApiError(
      401,
      "invalid_api_key",
      "Invalid API key. Check that the key is correct and has not been deleted.",
    );
  return token;
}

export async function startPeSandbox(options: PeSandboxOptions = {}): Promise<PeSandboxHandle> {
  const now = options.now ?? Date.now;
  const store = new PeStore(now);
  const faults = new PeFaultQueue(PE_BASE_PATH);
  const limiter = new RateLimiter({ ...DOCUMENTED_LIMITS, ...options.rateLimits }, now);
  const requests: RecordedRequest[] = [];
  const delayed = new DelayedAnswers();
  const reset = () => {
    store.reset();
    faults.clear();
    limiter.reset();
    requests.length = 0;
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = (req.method ?? "GET").toUpperCase();
    const { raw, tooLarge } = await readBody(req, BODY_LIMIT_BYTES);
    const underBase = url.pathname.startsWith(`${PE_BASE_PATH}/`);
    const path = underBase ? url.pathname.slice(PE_BASE_PATH.length) : url.pathname;
    const record = recordRequest(requests, req, {
      method,
      path,
      url,
      body: tooLarge ? undefined : bodyForLog(raw),
      at: now(),
    });
    const fault = faults.take(method, path);
    if (fault?.kind === "respond") {
      return delayed.deliver(res, fault.delayMs, fault.dropConnection, () => {
        record.status = fault.status;
        send(res, fault.status, fault.body, fault.headers);
      });
    }
    if (fault?.kind === "hang") return;

    let status: number;
    let payload: unknown;
    let headers: Record<string, string> = {};
    try {
      if (tooLarge) throw new PeApiError(413, "bad_request", "Request body exceeds 5 MB.");
      const match = underBase ? matchPeRoute(path) : undefined;
      if (!match) throw new PeApiError(404, "not_found", `No API route at ${url.pathname}.`);
      const handler = match.methods[method];
      if (!handler)
        throw new PeApiError(405, "bad_request", `Use ${Object.keys(match.methods).join(", ")}.`, {
          allow: Object.keys(match.methods).join(", "),
        });
      const key = bearer(req.headers.authorization, options.apiKey);
      headers = limiter.take(key, method === "POST" && path === "/posts");
      let body: unknown;
      if (BODY_METHODS.includes(method) && raw.trim() !== "") {
        body = bodyForLog(raw);
        if (typeof body === "string")
          throw new PeApiError(400, "bad_request", "The request body is not valid JSON.");
      }
      const result = handler({ store, now, params: match.params, query: url.searchParams, body });
      status = result.status;
      payload = peSuccess(result.data);
    } catch (error) {
      const e =
        error instanceof PeApiError
          ? error
          : new PeApiError(
              500,
              "internal_error",
              `Internal error: ${error instanceof Error ? error.message : String(error)}`,
            );
      status = e.status;
      payload = peFailure(e.code, e.message);
      headers = { ...headers, ...e.headers };
    }
    record.status = status;
    if (fault?.kind === "passThrough")
      return delayed.deliver(res, fault.delayMs, fault.dropConnection, () =>
        sendJson(res, status, payload, headers),
      );
    sendJson(res, status, payload, headers);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    const control = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
    const work = control
      ? handleControl(req, res, url.pathname, { requests, faults, reset })
      : handleApi(req, res, url);
    work.catch((error: unknown) =>
      sendJson(res, 500, peFailure("internal_error", error instanceof Error ? error.message : String(error))),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}${PE_BASE_PATH}`,
    origin,
    requests,
    writes: () => requests.filter((r) => BODY_METHODS.includes(r.method)),
    addFault: (fault) => faults.add(fault),
    reset,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        delayed.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
