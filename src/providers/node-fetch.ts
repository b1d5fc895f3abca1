// The `fetch` the API client gives ky: the same contract as the global fetch for what the client
// sends (a Request in, a Response out, TypeError "fetch failed" on a network error, the request's
// signal honoured), over node:http keep-alive. The global fetch (undici) parses HTTP in WebAssembly
// whose memory and per-request objects measured +33 MB of RSS over 300 requests, against +5 MB here,
// and the server makes one request per tool call.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** Statuses whose response has no body (Response refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

function networkError(cause: unknown, message = "fetch failed"): TypeError {
  return new TypeError(message, { cause });
}

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

export function createNodeFetch(): typeof fetch {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:")
      throw networkError(new Error(`unsupported protocol ${url.protocol}`));
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body) headers["content-length"] = String(body.length);
    const { signal } = request;
    if (signal.aborted) throw signal.reason;

    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        outcome();
      };
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        { method: request.method, headers, agent: secure ? https : http },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("end", () => {
            const status = incoming.statusCode ?? 0;
            finish(() =>
              resolve(
                new Response(
                  NO_BODY.has(status) || request.method === "HEAD" ? null : Buffer.concat(chunks),
                  {
                    status,
                    statusText: incoming.statusMessage ?? "",
                    headers: toHeaders(incoming),
                  },
                ),
              ),
            );
          });
          // The connection closed before the whole answer came: undici says "terminated".
          incoming.on("aborted", () =>
            finish(() => reject(networkError(new Error("connection closed"), "terminated"))),
          );
          incoming.on("error", (error) => finish(() => reject(networkError(error, "terminated"))));
        },
      );
      const onAbort = () => {
        outgoing.destroy();
        finish(() => reject(signal.reason));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      outgoing.on("error", (error) => finish(() => reject(networkError(error))));
      outgoing.end(body);
    });
  };
}
