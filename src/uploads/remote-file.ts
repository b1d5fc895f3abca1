// A file at a URL, re-hosted on the CDN: one streamed GET, never buffered whole. Its type comes from
// the first bytes (peeked, then put back in front of the stream); its size from Content-Length,
// checked before anything is sent to the API. Without Content-Length the bytes are spooled to a
// temp file, counted, and cut off past the limit (a presigned PUT needs the exact length up front).
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { formatMb } from "../preflight/media/media-rules.js";
import type { Violation } from "../preflight/violation.js";
import { nodeHttp, nodeHttps } from "../providers/http/node-http.js";
import { isPrivateAddress, PRIVATE_ADDRESS_CODE, publicOnlyLookup } from "./address-guard.js";
import { extensionFor, judgeSize, judgeType, SNIFF_BYTES } from "./media-type.js";
import { cleanFilename, type Opened, refused, type UploadSource } from "./source.js";

const MAX_REDIRECTS = 5;
/** No byte for this long (headers included) fails the download. */
export const GET_IDLE_TIMEOUT_MS = 30_000;

export interface RemoteOptions {
  signal: AbortSignal;
  /** False for remote callers: loopback, LAN and link-local addresses are refused. */
  allowPrivate: boolean;
  idleTimeoutMs?: number;
}

export async function openRemoteFile(
  input: string,
  filename: string | undefined,
  options: RemoteOptions,
): Promise<Opened> {
  const field = "url";
  let response: IncomingMessage;
  let finalUrl: URL;
  try {
    ({ response, url: finalUrl } = await get(new URL(input), options));
  } catch (error) {
    return refused(fetchViolation(error, input, field, options.signal));
  }
  const name = shortName(finalUrl);
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    response.destroy();
    return refused({
      code: "media_unreachable",
      field,
      message: `${name} answered HTTP ${status}`,
      actual: status,
      hint: "Use a public, direct link to the file itself (no login, no expiring signature, no web page in between).",
    });
  }

  let peeked: { head: Buffer; stream: Readable };
  try {
    peeked = await peek(response, SNIFF_BYTES);
  } catch (error) {
    response.destroy();
    return refused(fetchViolation(error, input, field, options.signal));
  }
  const type = judgeType(peeked.head, field, name);
  if ("code" in type) {
    peeked.stream.destroy();
    return refused(type);
  }
  const segment = finalUrl.pathname.split("/").filter(Boolean).at(-1);
  const fallbackName = `upload.${extensionFor(type.contentType)}`;
  const cleanName = cleanFilename(filename ?? safeDecode(segment), fallbackName);

  const length = Number(response.headers["content-length"] ?? Number.NaN);
  if (Number.isSafeInteger(length) && length >= 0 && !response.headers["content-encoding"]) {
    const tooBig = judgeSize(length, type, field, name);
    if (tooBig) {
      peeked.stream.destroy();
      return refused(tooBig);
    }
    const source: UploadSource = {
      type,
      size: length,
      filename: cleanName,
      open: () => ({ stream: peeked.stream }),
      release: async () => {
        peeked.stream.destroy();
      },
    };
    return { ok: true, source };
  }
  return spool(peeked.stream, type, cleanName, name, field);
}

/** GET, following redirects; every hop checked against private addresses when asked. */
async function get(url: URL, options: RemoteOptions): Promise<{ response: IncomingMessage; url: URL }> {
  let current = url;
  for (let hop = 0; ; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      throw new FetchRefusal(`only http(s) URLs can be fetched, not ${current.protocol}`);
    }
    if (!options.allowPrivate && isPrivateAddress(current.hostname)) {
      throw Object.assign(new Error(`${current.hostname} is a private or loopback address`), {
        code: PRIVATE_ADDRESS_CODE,
      });
    }
    const response = await requestOnce(current, options);
    const location = response.headers.location;
    if (response.statusCode && [301, 302, 303, 307, 308].includes(response.statusCode) && location) {
      response.destroy();
      if (hop >= MAX_REDIRECTS) throw new FetchRefusal(`more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current);
      continue;
    }
    return { response, url: current };
  }
}

function requestOnce(url: URL, options: RemoteOptions): Promise<IncomingMessage> {
  const request = url.protocol === "https:" ? nodeHttps.request : nodeHttp.request;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "GET",
      // No credentials of ours: this is somebody else's server.
      headers: { "user-agent": "genviral-mcp", accept: "*/*", "accept-encoding": "identity" },
      signal: options.signal,
      timeout: options.idleTimeoutMs ?? GET_IDLE_TIMEOUT_MS,
      ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
    req.once("response", resolve);
    req.once("error", reject);
    req.end();
  });
}

class FetchRefusal extends Error {}

/** The first `n` bytes (fewer if the file is shorter), and a stream of the whole body from byte 0. */
export async function peek(stream: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = next.value as Buffer;
    chunks.push(chunk);
    length += chunk.length;
  }
  const first = Buffer.concat(chunks);
  async function* replay() {
    if (first.length > 0) yield first;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  }
  const rest = Readable.from(replay(), { objectMode: false });
  // Destroying the replay must also let go of the response underneath.
  rest.once("close", () => stream.destroy());
  return { head: first.subarray(0, n), stream: rest };
}

/** Copies a body of unknown length to a temp file, counting; refuses it once it reaches the limit. */
async function spool(
  stream: Readable,
  type: Parameters<typeof judgeSize>[1],
  filename: string,
  name: string,
  field: string,
): Promise<Opened> {
  const dir = await mkdtemp(join(tmpdir(), "genviral-mcp-upload-"));
  const file = join(dir, "body");
  const cleanup = () => rm(dir, { recursive: true, force: true });
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size >= type.maxBytes) done(new TooLarge());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(stream, counter, createWriteStream(file));
  } catch (error) {
    await cleanup();
    if (error instanceof TooLarge) {
      const violation = judgeSize(size, type, field, name) as Violation;
      return refused({
        ...violation,
        message: `${name} sent no Content-Length and passed ${formatMb(type.maxBytes)} while downloading; ${violation.message.split("; ")[1] ?? ""}`,
        actual: `more than ${size}`,
      });
    }
    return refused({
      code: "media_unreachable",
      field,
      message: `${name} could not be downloaded: ${(error as Error).message}`,
      hint: "Check the link works and try again.",
    });
  }
  const tooSmall = judgeSize(size, type, field, name);
  if (tooSmall) {
    await cleanup();
    return refused(tooSmall);
  }
  return {
    ok: true,
    source: {
      type,
      size,
      filename,
      open: () => ({ file }),
      release: cleanup,
    },
  };
}

class TooLarge extends Error {}

function fetchViolation(error: unknown, input: string, field: string, signal: AbortSignal): Violation {
  const code = (error as { code?: unknown }).code;
  let host = input;
  try {
    host = new URL(input).host;
  } catch {}
  if (code === PRIVATE_ADDRESS_CODE) {
    return {
      code: "media_url_private",
      field,
      message: `${(error as Error).message}: over HTTP this server fetches only public addresses, so a remote caller cannot reach this machine's own network`,
      hint: "Use a public URL of the file (or run genviral-mcp over stdio on the machine that can reach it).",
    };
  }
  if (error instanceof FetchRefusal) {
    return {
      code: "media_url",
      field,
      message: `${host}: ${error.message}`,
      hint: "Use a direct http(s) link to the file.",
    };
  }
  return {
    code: "media_unreachable",
    field,
    message: signal.aborted
      ? `fetching ${host} was cancelled`
      : `${host} could not be fetched (${typeof code === "string" ? code : (error as Error).message})`,
    hint: "Use a public, direct link to the file itself, and check the host is up.",
  };
}

function shortName(url: URL): string {
  const last = url.pathname.split("/").filter(Boolean).at(-1);
  return last ? `${url.host}/…/${safeDecode(last)}` : url.host;
}

function safeDecode(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
