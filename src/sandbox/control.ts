/**
 * Unauthenticated control endpoints under /__sandbox, so another process (e.g. an e2e test driving the CLI)
 * can read the request log, queue faults and reset state. Responses are plain JSON, not API envelopes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { failure } from "./envelope.js";
import type { FaultQueue } from "./faults.js";
import { readBody, sendJson } from "./http-io.js";
import type { RecordedRequest } from "./types.js";

export const CONTROL_PREFIX = "/__sandbox";
const CONTROL_BODY_LIMIT = 1024 * 1024;

export interface ControlDeps {
  requests: RecordedRequest[];
  faults: FaultQueue;
  reset(): void;
}

type ControlHandler = (deps: ControlDeps, body: unknown) => [status: number, payload: unknown];

const CONTROL_ROUTES: Record<string, Record<string, ControlHandler>> = {
  "/requests": {
    GET: ({ requests }) => [200, requests],
    DELETE: ({ requests }) => {
      requests.length = 0;
      return [200, { ok: true }];
    },
  },
  "/faults": {
    GET: ({ faults }) => [200, faults.list()],
    POST: ({ faults }, body) => {
      try {
        faults.add(body as never);
      } catch (error) {
        return [400, failure(400, "invalid_fault", (error as Error).message)];
      }
      return [201, { ok: true }];
    },
    DELETE: ({ faults }) => {
      faults.clear();
      return [200, { ok: true }];
    },
  },
  "/reset": {
    POST: (deps) => {
      deps.reset();
      return [200, { ok: true }];
    },
  },
};

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: ControlDeps,
) {
  const method = req.method ?? "GET";
  const { raw, tooLarge } = await readBody(req, CONTROL_BODY_LIMIT);
  const routes = CONTROL_ROUTES[path.slice(CONTROL_PREFIX.length).replace(/\/$/, "")];
  if (!routes) return sendJson(res, 404, failure(404, "not_found", `No sandbox control endpoint at ${path}`));
  const handler = routes[method];
  if (!handler) {
    const allow = Object.keys(routes).join(", ");
    return sendJson(res, 405, failure(405, "method_not_allowed", `Use ${allow}`), { allow });
  }
  if (tooLarge)
    return sendJson(res, 413, failure(413, "payload_too_large", "Control request body is too large"));
  let body: unknown;
  try {
    body = raw.trim() === "" ? undefined : JSON.parse(raw);
  } catch {
    return sendJson(res, 400, failure(400, "invalid_json", "Body is not valid JSON"));
  }
  const [status, payload] = handler(deps, body);
  sendJson(res, status, payload);
}
