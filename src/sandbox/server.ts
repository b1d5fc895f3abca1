/** A simulation of the Genviral Partner API over real HTTP, for tests and offline demos. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkAuth } from "./auth.js";
import { CONTROL_PREFIX, handleControl } from "./control.js";
import { ApiError, failure, success } from "./envelope.js";
import { type FaultAction, FaultQueue } from "./faults.js";
import { readBody, send, sendJson } from "./http-io.js";
import { bodyForLog, DelayedAnswers, recordRequest } from "./request-log.js";
import { matchRoute } from "./router.js";
import { SandboxStore } from "./store.js";
import type { Fault, RecordedRequest, SandboxHandle, SandboxOptions } from "./types.js";
import { CDN_PREFIX, SandboxUploads, UPLOAD_PREFIX } from "./uploads.js";

export const API_BASE_PATH = "/api/partner/v1";
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;
const BODY_METHODS = ["POST", "PATCH", "PUT", "DELETE"];

interface Outcome {
  status: number;
  payload: unknown;
  headers?: Record<string, string>;
}

function parseJsonBody(raw: string): unknown {
  try {
    if (raw.trim() === "") throw new Error("empty");
    return JSON.parse(raw);
  } catch {
    throw new ApiError(400, "invalid_json", "Request body is not valid JSON");
  }
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? "127.0.0.1";
  const now = options.now ?? Date.now;
  const store = new SandboxStore(options.stateFile);
  const faults = new FaultQueue(API_BASE_PATH);
  const requests: RecordedRequest[] = [];
  const delayed = new DelayedAnswers();
  const uploads = new SandboxUploads(now);

  const reset = () => {
    store.reset();
    faults.clear();
    requests.length = 0;
    uploads.clear();
  };

  // Routing runs before auth, as with file-based routing: unknown paths are 404 and wrong methods 405
  // whatever the credentials.
  function dispatch(method: string, path: string, url: URL, req: IncomingMessage, raw: string): Outcome {
    const match = matchRoute(path);
    if (!match) throw new ApiError(404, "not_found", `No API route at ${url.pathname}`);
    const handler = match.methods[method];
    if (!handler) {
      const allow = Object.keys(match.methods).join(", ");
      throw new ApiError(405, "method_not_allowed", `Method ${method} not allowed; use ${allow}`, { allow });
    }
    checkAuth(req.headers.authorization, options.apiKey);
    const body = BODY_METHODS.includes(method) ? parseJsonBody(raw) : undefined;
    const result = handler({ store, uploads, now, params: match.params, query: url.searchParams, body });
    return { status: result.status, payload: success(result.status, result.message, result.data) };
  }

  function sendFault(res: ServerResponse, record: RecordedRequest, fault: FaultAction & { kind: "respond" }) {
    delayed.deliver(res, fault.delayMs, fault.dropConnection, () => {
      record.status = fault.status;
      send(res, fault.status, fault.body, fault.headers);
    });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = (req.method ?? "GET").toUpperCase();
    const { raw, tooLarge } = await readBody(req, BODY_LIMIT_BYTES);
    const underBase = url.pathname === API_BASE_PATH || url.pathname.startsWith(`${API_BASE_PATH}/`);
    const path = underBase ? url.pathname.slice(API_BASE_PATH.length) || "/" : url.pathname;
    const record = recordRequest(requests, req, {
      method,
      path,
      url,
      body: tooLarge ? undefined : bodyForLog(raw),
      at: now(),
    });

    const fault = faults.take(method, path);
    if (fault?.kind === "respond") return sendFault(res, record, fault);
    // The socket stays open, unanswered, until the client gives up or close() destroys it.
    if (fault?.kind === "hang") return;

    let outcome: Outcome;
    try {
      if (tooLarge) throw new ApiError(413, "payload_too_large", "Request body exceeds the 5 MB limit");
      if (!underBase) throw new ApiError(404, "not_found", `No API route at ${url.pathname}`);
      outcome = dispatch(method, path, url, req, raw);
    } catch (error) {
      if (error instanceof ApiError) {
        outcome = {
          status: error.status,
          payload: failure(error.status, error.errorCode, error.message),
          headers: error.headers,
        };
      } else {
        const message = error instanceof Error ? error.message : String(error);
        outcome = {
          status: 500,
          payload: failure(500, "internal_error", `Internal sandbox error: ${message}`),
        };
      }
    }
    record.status = outcome.status;
    const { status, payload, headers } = outcome;
    if (fault?.kind === "passThrough") {
      // The API has acted; only its answer is late or lost.
      return delayed.deliver(res, fault.delayMs, fault.dropConnection, () =>
        sendJson(res, status, payload, headers),
      );
    }
    sendJson(res, status, payload, headers);
  }

  /** The storage side of uploads: streamed, so it runs before (and instead of) the API's body reading. */
  async function handleStorage(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = (req.method ?? "GET").toUpperCase();
    const record = recordRequest(requests, req, {
      method,
      path: url.pathname,
      url,
      body: undefined,
      at: now(),
    });
    const fault = faults.take(method, url.pathname);
    if (fault?.kind === "respond") {
      req.resume();
      return sendFault(res, record, fault);
    }
    if (fault?.kind === "hang") return;
    record.status = url.pathname.startsWith(UPLOAD_PREFIX)
      ? await uploads.receive(req, res, url)
      : uploads.serve(req, res, url);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    if (url.pathname.startsWith(UPLOAD_PREFIX) || url.pathname.startsWith(CDN_PREFIX)) {
      handleStorage(req, res, url).catch(() => res.destroy());
      return;
    }
    const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
    const work = isControl
      ? handleControl(req, res, url.pathname, { requests, faults, reset })
      : handleApi(req, res, url);
    work.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, failure(500, "internal_error", `Internal sandbox error: ${message}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${hostForUrl(host)}:${port}`;
  uploads.origin = origin;
  let closing: Promise<void> | undefined;

  return {
    url: `${origin}${API_BASE_PATH}`,
    origin,
    port,
    requests,
    writes: () => requests.filter((r) => BODY_METHODS.includes(r.method)),
    uploads: () => uploads.list(),
    addFault: (fault: Fault) => faults.add(fault),
    reset,
    close: () => {
      // Idempotent: a second close() gets the first one's promise instead of ERR_SERVER_NOT_RUNNING.
      closing ??= new Promise<void>((resolve, reject) => {
        delayed.clear();
        server.close((error) => {
          uploads.close();
          return error ? reject(error) : resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
