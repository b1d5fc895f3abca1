// PUT the bytes to the presigned upload URL. This is not an API call: it goes to a storage host, so
// it carries no Authorization header and no key (the URL's own signature is the credential), only
// Content-Type and Content-Length. The body is streamed: memory stays flat whatever the file's size.
import { open } from "node:fs/promises";
import type { ClientRequest, IncomingMessage } from "node:http";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { nodeHttp, nodeHttps } from "../providers/http/node-http.js";
import { ProviderError } from "../providers/provider-error.js";

/** No byte moving (either way) for this long fails the upload; a slow but moving upload may take longer. */
export const PUT_IDLE_TIMEOUT_MS = 30_000;
/** Read size for files; two such buffers are all the memory a file upload takes. */
const FILE_CHUNK_BYTES = 1024 * 1024;
/** Enough of an error answer to quote (S3 sends a short XML document). */
const ERROR_BODY_BYTES = 4096;

export interface PutOptions {
  contentType: string;
  /** Exact byte count of `body`; storage hosts require Content-Length on a presigned PUT. */
  size: number;
  signal: AbortSignal;
  idleTimeoutMs?: number;
  /** Called as bytes are handed to the socket. */
  onBytes?: (sent: number) => void;
}

/**
 * A file on disk is read into two reused buffers, each refilled only once its previous write has
 * reached the socket: memory stays flat. (A stream allocates a buffer per chunk, and that garbage
 * piles up to ~64 MB before V8 collects it.) Other sources come as a stream.
 */
export type UploadBody = { file: string } | { stream: Readable };

export async function putFile(uploadUrl: string, body: UploadBody, options: PutOptions): Promise<void> {
  const url = new URL(uploadUrl);
  const where = url.host;
  const discard = () => ("stream" in body ? body.stream.destroy() : undefined);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    discard();
    throw uploadFailure("invalid_response", `the upload URL is not http(s) (${url.protocol})`, where);
  }
  const request = url.protocol === "https:" ? nodeHttps.request : nodeHttp.request;
  const req = request(url, {
    method: "PUT",
    // Exactly these headers: nothing of the API client (no Authorization) may reach the storage host.
    headers: { "content-type": options.contentType, "content-length": String(options.size) },
    signal: options.signal,
    timeout: options.idleTimeoutMs ?? PUT_IDLE_TIMEOUT_MS,
  });
  req.on("timeout", () => req.destroy(new IdleTimeout()));
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });
  answered.catch(() => {}); // observed below; an early error must not go unhandled meanwhile

  let sent = 0;
  const counted = (n: number) => {
    sent += n;
    options.onBytes?.(sent);
  };
  try {
    // A storage host may answer (403, expired) before the body is done and close: that answer wins.
    const piped =
      "file" in body
        ? writeFile(body.file, options.size, req, counted)
        : writeStream(body.stream, req, counted);
    piped.catch(() => {}); // observed below, or moot once the host has answered with an error
    await Promise.race([piped, answered]);
    const response = await answered;
    const status = response.statusCode ?? 0;
    const text = await readSome(response);
    if (status >= 200 && status <= 299) await piped;
    else {
      throw uploadFailure(
        "http",
        `the storage host answered ${status}${storageCode(text) ? ` ${storageCode(text)}` : ""}`,
        where,
        status,
      );
    }
    if (sent !== options.size) {
      throw uploadFailure("network", `only ${sent} of ${options.size} bytes were sent`, where);
    }
  } catch (error) {
    discard();
    req.destroy();
    if (error instanceof ProviderError) throw error;
    if (options.signal.aborted)
      throw new ProviderError({
        kind: "cancelled",
        message: "The upload was cancelled; the file was not (fully) uploaded and its URL must not be used.",
        retryable: true,
        writeMayHaveHappened: false,
      });
    if (error instanceof IdleTimeout)
      throw uploadFailure(
        "timeout",
        `nothing moved for ${(options.idleTimeoutMs ?? PUT_IDLE_TIMEOUT_MS) / 1000} s`,
        where,
      );
    const code = (error as { code?: unknown }).code;
    throw uploadFailure(
      "network",
      `${typeof code === "string" ? `${code}: ` : ""}${(error as Error).message}`,
      where,
    );
  }
}

class IdleTimeout extends Error {}

function writeStream(stream: Readable, req: ClientRequest, counted: (n: number) => void): Promise<void> {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counted(chunk.length);
      done(null, chunk);
    },
  });
  return pipeline(stream, counter, req);
}

async function writeFile(
  path: string,
  size: number,
  req: ClientRequest,
  counted: (n: number) => void,
): Promise<void> {
  const handle = await open(path, "r");
  try {
    const buffers = [Buffer.allocUnsafe(FILE_CHUNK_BYTES), Buffer.allocUnsafe(FILE_CHUNK_BYTES)];
    let written: Promise<void> = Promise.resolve();
    let offset = 0;
    for (let turn = 0; offset < size; turn++) {
      // This buffer's previous write was awaited last turn, so it is free to refill.
      const buffer = buffers[turn % 2] as Buffer;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(FILE_CHUNK_BYTES, size - offset), offset);
      await written;
      // A file that shrank meanwhile: stop here; the byte count check reports it.
      if (bytesRead === 0) break;
      offset += bytesRead;
      written = writeChunk(req, buffer.subarray(0, bytesRead)).then(() => counted(bytesRead));
    }
    await written;
    await new Promise<void>((resolve) => req.end(resolve));
  } finally {
    await handle.close();
  }
}

function writeChunk(req: ClientRequest, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (req.destroyed) return reject(new Error("the connection closed"));
    req.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function uploadFailure(
  kind: "http" | "network" | "timeout" | "invalid_response",
  what: string,
  where: string,
  status?: number,
): ProviderError {
  const expired = status === 403;
  return new ProviderError({
    kind,
    message: `Uploading the file to ${where} failed: ${what}. The file is not on the CDN, so its URL must not be used in a post. ${expired ? "The presigned upload URL was refused (it may have expired); " : ""}Call upload_media again — it asks for a new upload URL.`,
    ...(status === undefined ? {} : { status }),
    retryable: true,
    writeMayHaveHappened: false,
  });
}

/** The error code of an S3-style XML answer, e.g. "SignatureDoesNotMatch". */
function storageCode(text: string): string | undefined {
  return /<Code>([A-Za-z0-9_.-]{1,64})<\/Code>/.exec(text)?.[1];
}

async function readSome(response: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of response) {
    text += (chunk as Buffer).toString("utf8");
    if (text.length >= ERROR_BODY_BYTES) {
      response.destroy();
      break;
    }
  }
  return text.slice(0, ERROR_BODY_BYTES);
}
