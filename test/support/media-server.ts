// A local HTTP server on 127.0.0.1 that serves media files the way CDNs do (HEAD, Range → 206),
// or the ways some hosts misbehave (HEAD refused, Range ignored, never answering). It records every
// request with the bytes it sent, so tests can prove that no file was downloaded whole.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { VirtualFile } from "./media-files.js";

export interface ServedFile {
  file: VirtualFile;
  contentType?: string;
  /** Answer HEAD without Content-Length, as some dynamic hosts do. */
  headWithoutLength?: boolean;
}

export interface MediaServerOptions {
  /** Answer HEAD with 405, as hosts that only allow GET do. */
  refuseHead?: boolean;
  /** Ignore Range and send the whole file with 200. */
  ignoreRange?: boolean;
}

export interface ServedRequest {
  method: string;
  path: string;
  range?: string;
  status: number;
  /** Body bytes handed to the socket. */
  bytesSent: number;
  /** The client went away before the body was complete. */
  cancelled: boolean;
  /** performance.now() when the request arrived. */
  receivedAt: number;
}

export interface MediaServer {
  origin: string;
  url(path: string): string;
  requests: ServedRequest[];
  /** Most requests open at the same moment. */
  maxConcurrent: number;
  /** Resolves once every response has finished or been cut off. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

/**
 * Paths: each key of `files`; `/hang` never answers; `/stall` sends headers, then stalls; `/redirect/<path>` answers 302 to `/<path>`;
 * anything else is 404.
 */
export async function startMediaServer(
  files: Record<string, ServedFile>,
  options: MediaServerOptions = {},
): Promise<MediaServer> {
  const requests: ServedRequest[] = [];
  let open = 0;
  let waiters: Array<() => void> = [];
  const state = { maxConcurrent: 0 };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const record: ServedRequest = {
      method: req.method ?? "GET",
      path,
      status: 0,
      bytesSent: 0,
      cancelled: false,
      receivedAt: performance.now(),
    };
    if (req.headers.range) record.range = req.headers.range;
    requests.push(record);
    open++;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    res.on("close", () => {
      record.cancelled = !res.writableFinished;
      open--;
      if (open === 0) {
        for (const wake of waiters) wake();
        waiters = [];
      }
    });
    if (path === "/hang") return; // never answers: the client gives up, or the server closes
    void answer(req, res, path, record).catch(() => res.destroy());
  });

  async function answer(req: IncomingMessage, res: ServerResponse, path: string, record: ServedRequest) {
    const send = (status: number, headers: Record<string, string | number> = {}, body = "") => {
      record.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    if (path.startsWith("/redirect/")) return send(302, { location: path.slice("/redirect".length) });
    if (path === "/stall") {
      // Headers and a few bytes, then silence.
      record.status = 200;
      res.writeHead(200, { "content-type": "video/mp4", "content-length": 1_000_000 });
      res.flushHeaders();
      res.write(new Uint8Array(16));
      record.bytesSent = 16;
      return;
    }
    const served = files[path];
    if (!served) return send(404, { "content-type": "text/plain" }, "not found");
    if (req.method === "HEAD" && options.refuseHead) return send(405, { allow: "GET" });
    if (req.method !== "HEAD" && req.method !== "GET") return send(405, { allow: "GET, HEAD" });

    const { file } = served;
    const headers: Record<string, string | number> = {
      "accept-ranges": options.ignoreRange ? "none" : "bytes",
    };
    if (served.contentType) headers["content-type"] = served.contentType;
    const range = options.ignoreRange ? undefined : parseRange(req.headers.range, file.size);
    if (range === "unsatisfiable") {
      return send(416, { ...headers, "content-range": `bytes */${file.size}` });
    }
    const [start, end] = range ?? [0, file.size];
    if (req.method === "HEAD") {
      record.status = 200;
      if (!served.headWithoutLength) headers["content-length"] = file.size;
      res.writeHead(200, headers);
      res.end();
      return;
    }
    record.status = range ? 206 : 200;
    headers["content-length"] = end - start;
    if (range) headers["content-range"] = `bytes ${start}-${end - 1}/${file.size}`;
    res.writeHead(record.status, headers);
    // Streamed chunk by chunk with backpressure: a 120 MB file is never held in memory.
    const closed = once(res, "close");
    for (let at = start; at < end && !res.destroyed; at += CHUNK) {
      const chunk = file.slice(at, Math.min(end, at + CHUNK));
      record.bytesSent += chunk.byteLength;
      if (!res.write(chunk)) await Promise.race([once(res, "drain"), closed]);
    }
    if (!res.destroyed) res.end();
  }

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    settled: () => (open === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` → [start, end) clipped to the file; one range only. */
function parseRange(
  header: string | undefined,
  size: number,
): [number, number] | "unsatisfiable" | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, first, last] = match;
  if (!first && !last) return undefined;
  if (!first) return [Math.max(0, size - Number(last)), size];
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last ? Math.min(size, Number(last) + 1) : size;
  return start < end ? [start, end] : "unsatisfiable";
}
