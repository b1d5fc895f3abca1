// A recording proxy on 127.0.0.1 in front of the API simulator: it keeps every request exactly as the
// server sent it (the simulator's own log hides credentials), and can hold answers back to keep a
// call in flight.
import { createServer, type IncomingMessage, request } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandbox } from "../../src/sandbox/index.js";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface RecordingApi {
  /** API base URL for GENVIRAL_API_URL. */
  url: string;
  key: string;
  seen: SeenRequest[];
  /** Answers are held back this long (0 = none). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startRecordingApi(key: string): Promise<RecordingApi> {
  const sandbox = await startSandbox({ apiKey: key });
  const target = new URL(sandbox.url);
  const api: RecordingApi = {
    url: "",
    key,
    seen: [],
    delayMs: 0,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await sandbox.close();
    },
  };
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      api.seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: body.toString("utf8"),
      });
      const forward = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (c: Buffer) => parts.push(c));
          answer.on("end", () => {
            setTimeout(() => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(parts));
            }, api.delayMs);
          });
        },
      );
      forward.on("error", () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  api.url = `http://127.0.0.1:${port}${target.pathname}`;
  return api;
}
