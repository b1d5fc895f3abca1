// One HTTP exchange over node:http(s) keep-alive: the request out, the whole answer in, whatever its
// status. No retries and no status judgement here (api-http.ts does both).
//
// Why not fetch (and ky on top of it): in Node the Fetch API's Request/Response/Headers load undici,
// measured at +17 MiB of RSS on first use, and ky builds several of those objects per request; this
// path measured ~235 µs of CPU per request against ~440 µs through ky + Request/Response (README,
// "Performance"). The server makes one request per tool call.
import type { Agent as HttpAgent, OutgoingHttpHeaders } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { HttpAnswer } from "./http-answer.js";
import { NetworkError } from "./network-error.js";
import { nodeHttp, nodeHttps } from "./node-http.js";
import { RequestTimeoutError } from "./request-timeout-error.js";

/** Where requests go: parsed once, not per request. */
export interface Origin {
  secure: boolean;
  hostname: string;
  port: number | undefined;
  /** The base path, without a trailing slash ("" or "/api/partner/v1"). */
  basePath: string;
}

export function originOf(baseUrl: string): Origin {
  const url = new URL(baseUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TypeError(`only http and https API URLs are supported, not ${url.protocol}`);
  return {
    secure: url.protocol === "https:",
    // node:http wants an IPv6 literal without its brackets.
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? undefined : Number(url.port),
    basePath: url.pathname.replace(/\/+$/, ""),
  };
}

export interface Exchange {
  method: string;
  /** Path and query, from the origin's base path on ("/posts?limit=20"). */
  path: string;
  headers: OutgoingHttpHeaders;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Keep-alive connections, one pool per client. */
export interface Pools {
  http: HttpAgent;
  https: HttpsAgent;
}

/**
 * An idle pooled connection is closed after this long: below the 5 s many servers (Node's own among
 * them) keep one open, so a request is not sent on a connection the server is closing.
 */
const IDLE_SOCKET_MS = 4_000;
/** An answer larger than this is not an API answer (a misconfigured URL, a proxy): stop reading. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export function createPools(): Pools {
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS };
  return { http: new nodeHttp.Agent(options), https: new nodeHttps.Agent(options) };
}

/** Why a call was cancelled, always as an Error. */
export const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new Error("aborted");

/** Statuses whose answer has no body. */
const NO_BODY = new Set([204, 205, 304]);

export function send(origin: Origin, pools: Pools, exchange: Exchange): Promise<HttpAnswer> {
  const { signal } = exchange;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const body = exchange.body === undefined ? undefined : Buffer.from(exchange.body, "utf8");
  const headers = body ? { ...exchange.headers, "content-length": body.length } : exchange.headers;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const fail = (error: Error) => {
      finish(() => reject(error));
      outgoing.destroy();
    };
    const outgoing = (origin.secure ? nodeHttps.request : nodeHttp.request)(
      {
        hostname: origin.hostname,
        port: origin.port,
        path: `${origin.basePath}${exchange.path}`,
        method: exchange.method,
        headers,
        agent: origin.secure ? pools.https : pools.http,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        incoming.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_ANSWER_BYTES) {
            fail(
              new NetworkError(
                `the answer exceeded ${MAX_ANSWER_BYTES / 1024 / 1024} MiB; it is not an API answer`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        incoming.on("end", () => {
          const status = incoming.statusCode ?? 0;
          const text =
            NO_BODY.has(status) || exchange.method === "HEAD" ? "" : Buffer.concat(chunks).toString("utf8");
          finish(() => resolve(new HttpAnswer(status, incoming.headers, text)));
        });
        // The connection closed before the whole answer came.
        incoming.on("aborted", () => fail(new NetworkError("the connection closed before the answer ended")));
        incoming.on("error", (error) =>
          fail(new NetworkError("the connection failed while the answer was read", { cause: error })),
        );
      },
    );
    const timer = setTimeout(
      () => fail(new RequestTimeoutError(`no answer within ${exchange.timeoutMs} ms`)),
      exchange.timeoutMs,
    );
    const onAbort = () => fail(signal ? abortReason(signal) : new Error("aborted"));
    signal?.addEventListener("abort", onAbort, { once: true });
    outgoing.on("error", (error) =>
      finish(() => reject(new NetworkError(`the request failed: ${error.message}`, { cause: error }))),
    );
    outgoing.end(body);
  });
}
