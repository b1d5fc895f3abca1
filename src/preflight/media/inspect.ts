// Inspects media URLs over HTTP, cheaply: HEAD for metadata, then small Range reads for the first
// bytes (type, image size) and, for MP4/MOV, the `moov` box wherever it sits (duration, video size).
import { parseAvi } from "./avi.js";
import type { MediaFacts, MediaKind } from "./facts.js";
import {
  ByteBudget,
  concat,
  headRequest,
  type RangeAnswer,
  type ReadContext,
  readRange,
} from "./http-read.js";
import { parseJpeg, parsePng } from "./image.js";
import { findMoov, parseMoov, readMoov } from "./mp4.js";
import { sniffType } from "./sniff.js";

export interface InspectOptions {
  /** Per URL, covering all of its requests. Default 3000. */
  timeoutMs?: number;
  /** Aborting it rejects inspectMedia with the signal's reason. */
  signal?: AbortSignal;
  /** URLs inspected at once. Default 4. */
  concurrency?: number;
}

export const DEFAULT_TIMEOUT_MS = 3000;
export const DEFAULT_CONCURRENCY = 4;
/** Response-body bytes one URL may cost, all reads together: a moov past 4 MB is left unread. */
export const MAX_BYTES_PER_URL = 4 * 1024 * 1024;
/** First read: enough for the type, a PNG/JPEG header and a faststart moov of a short clip. */
export const FIRST_READ_BYTES = 64 * 1024;
/** JPEGs with big EXIF/ICC segments put their frame header later; read on this far at most. */
const MAX_JPEG_SCAN_BYTES = 512 * 1024;
/** Top-level boxes probed past the first read while looking for moov (free, udta, …). */
const MAX_BOX_PROBES = 8;

const ISO_BMFF_TYPES = new Set(["video/mp4", "video/quicktime", "video/x-m4v", "video/3gpp"]);

export async function inspectMedia(
  urls: readonly string[],
  kind: MediaKind,
  options: InspectOptions = {},
): Promise<MediaFacts[]> {
  const { signal } = options;
  signal?.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const results: MediaFacts[] = new Array(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      results[index] = await inspectOne(urls[index] as string, kind, timeoutMs, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  signal?.throwIfAborted();
  return results;
}

async function inspectOne(
  url: string,
  kind: MediaKind,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<MediaFacts> {
  const facts: MediaFacts = { url, reachable: false };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    facts.error = "is not a valid URL";
    return facts;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    facts.error = `uses ${parsed.protocol.replace(/:$/, "")}: only http(s) URLs can be fetched`;
    return facts;
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([timeout, callerSignal]) : timeout;
  const context: ReadContext = { signal, budget: new ByteBudget(MAX_BYTES_PER_URL) };
  try {
    await inspectOver(url, kind, context, facts);
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const seconds = `${Number((timeoutMs / 1000).toFixed(2))} s`;
    if (timeout.aborted) {
      facts.error = facts.reachable
        ? `answered, but reading its metadata took longer than ${seconds}`
        : context.answered
          ? `answered, but did not send its first bytes within ${seconds}`
          : `did not answer within ${seconds}`;
    } else {
      facts.reachable = false;
      facts.error = `could not be reached (${describeNetworkError(error)})`;
    }
  }
  return facts;
}

async function inspectOver(url: string, kind: MediaKind, context: ReadContext, facts: MediaFacts) {
  // HEAD is only a hint: some hosts refuse it (405) or sign URLs for GET alone (403).
  const head = await headRequest(url, context).catch((error: unknown) => {
    if (context.signal.aborted) throw error;
    return undefined;
  });
  const headOk = head !== undefined && head.status >= 200 && head.status < 300;
  if (headOk && head.contentType !== undefined) facts.headerContentType = head.contentType;

  // The GET decides: it is what Genviral's servers will do.
  const first = await readRange(url, 0, FIRST_READ_BYTES, context);
  context.rangeIgnored = first.rangeIgnored;
  facts.status = first.status;
  if (first.status === 416 && first.totalSize === 0) {
    facts.reachable = true;
    facts.sizeBytes = 0;
    return;
  }
  if (first.status < 200 || first.status >= 300) {
    facts.error = `answered ${first.status}${headOk ? ` to GET (HEAD answered ${head.status})` : ""}`;
    return;
  }
  facts.reachable = true;
  if (facts.headerContentType === undefined && first.contentType !== undefined) {
    facts.headerContentType = first.contentType;
  }
  const size = first.totalSize ?? (headOk ? head.contentLength : undefined);
  if (size !== undefined) facts.sizeBytes = size;

  const sniffed = sniffType(first.bytes);
  if (sniffed !== undefined) facts.sniffedType = sniffed;
  if (sniffed === undefined) return;
  if (ISO_BMFF_TYPES.has(sniffed)) await readMovie(url, first, context, facts, kind);
  else if (sniffed === "video/x-msvideo") Object.assign(facts, parseAvi(first.bytes));
  else if (sniffed === "image/png") Object.assign(facts, parsePng(first.bytes));
  else if (sniffed === "image/jpeg") await readJpeg(url, first.bytes, context, facts);
}

async function readJpeg(url: string, firstBytes: Uint8Array, context: ReadContext, facts: MediaFacts) {
  let bytes = firstBytes;
  let scan = parseJpeg(bytes);
  // Only a full first read can continue: a shorter one already ended with the file.
  while (scan.truncated && bytes.length >= FIRST_READ_BYTES && bytes.length < MAX_JPEG_SCAN_BYTES) {
    const more = await readRange(url, bytes.length, FIRST_READ_BYTES, context);
    if (more.bytes.length === 0) break;
    bytes = concat([bytes, more.bytes]);
    scan = parseJpeg(bytes);
    if (more.bytes.length < FIRST_READ_BYTES) break;
  }
  if (scan.size) Object.assign(facts, scan.size);
  else facts.error = `no JPEG frame header found in the first ${formatKb(bytes.length)}`;
}

/** The movie's duration and video size, from its `moov` box wherever it sits (mp4.ts findMoov). */
async function readMovie(
  url: string,
  first: RangeAnswer,
  context: ReadContext,
  facts: MediaFacts,
  kind: MediaKind,
) {
  let last = first;
  const readAt = async (offset: number, length: number) => {
    last = await readRange(url, offset, length, context);
    return last.bytes;
  };
  const search = await findMoov(first.bytes, readAt, {
    chunkBytes: FIRST_READ_BYTES,
    maxProbes: MAX_BOX_PROBES,
    ...(facts.sizeBytes === undefined ? {} : { sizeBytes: facts.sizeBytes }),
  });
  const { moov } = search;
  if (!moov) {
    // A short read past the start: the end of the file, unless the server ignores Range requests.
    const ended =
      search.ended ||
      (search.shortRead && (last.status === 206 || last.status === 416 || !context.rangeIgnored));
    if (kind === "video") {
      facts.error = ended
        ? "has no moov box, so its duration and size are not stated"
        : context.rangeIgnored
          ? "the server ignores Range requests, so the moov box (duration, size) past the start was not read"
          : "the moov box (duration, size) was not found within the boxes a pre-flight check reads";
    }
    return;
  }
  const { bytes: moovBytes, declaredSize: moovSize } = await readMoov(
    { ...search, moov },
    readAt,
    context.budget.remaining,
    facts.sizeBytes,
  );
  const movie = parseMoov(moovBytes);
  Object.assign(facts, movie);
  if (kind === "video" && movie.durationSec === undefined) {
    facts.error =
      moovSize !== undefined && moovSize > moovBytes.length
        ? `moov box is ${formatKb(moovSize)}, more than the ${formatKb(MAX_BYTES_PER_URL)} read allowed; duration not found in its first ${formatKb(moovBytes.length)}`
        : "moov box states no duration";
  }
}

function formatKb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_SOCKET: "connection closed",
  UND_ERR_CONNECT_TIMEOUT: "connect timeout",
};

/** undici reports "fetch failed" and hides the reason in `cause`. */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code;
  if (code && NETWORK_CODES[code]) return NETWORK_CODES[code] as string;
  if (code && /CERT|TLS|SSL|SELF_SIGNED|VERIFY/i.test(code)) return `TLS certificate not trusted: ${code}`;
  if (cause?.message) return code ? `${code}: ${cause.message}` : cause.message;
  return error instanceof Error ? error.message : String(error);
}
