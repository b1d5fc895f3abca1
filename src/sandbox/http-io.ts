/** Reading request bodies under a size cap and writing responses. */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface ReadBody {
  raw: string;
  tooLarge: boolean;
}

/**
 * Reads the whole body. Past `limit` bytes the rest is drained and discarded rather than the socket being cut,
 * so the client reliably receives the 413 instead of a connection reset.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () => resolve({ raw: tooLarge ? "" : Buffer.concat(chunks).toString("utf8"), tooLarge }));
    req.on("error", reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  send(res, status, JSON.stringify(payload), {
    "content-type": "application/json; charset=utf-8",
    ...headers,
  });
}

export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}
